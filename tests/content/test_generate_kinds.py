"""Kinds of one thing a document tells apart become "Which kind of …?" questions."""

from __future__ import annotations

from content.build import build_course
from content.corpus import Corpus, build_corpus
from content.generate_kinds import kind_questions
from content.parse import parse_document

MAGMA = """Magma

Volcanoes erupt magma of different compositions. Basaltic magma contains relatively \
little silica and is very hot. Andesitic magma has an intermediate silica content. \
Rhyolitic magma is rich in silica, relatively cool and extremely viscous; it traps gas.

Reefs come in three main forms. A fringing reef is one that grows directly from the shore. \
A barrier reef also runs parallel to the coast but is separated from it by a lagoon. An \
atoll is a ring-shaped reef that encloses a central lagoon.

The Greenland ice sheet covers about 1.7 million square kilometres. The Antarctic ice \
sheet is far larger. The Laurentide ice sheet covered most of Canada.
"""


def _corpus(text: str) -> Corpus:
    document = parse_document(text, name="x")
    return build_corpus(document.title, list(document.sections))


def _asked() -> dict[str, tuple[str, tuple[str, ...]]]:
    return {c.prompt: (c.answer, c.distractors) for c in kind_questions(_corpus(MAGMA))}


def test_each_described_kind_is_asked_with_its_siblings_as_wrong_options() -> None:
    asked = _asked()
    answer, wrong = asked["Which kind of magma has an intermediate silica content?"]
    assert answer == "Andesitic magma"
    assert set(wrong) == {"Basaltic magma", "Rhyolitic magma"}
    # the clause after a semicolon is left out: "it traps gas" would lean on the subject
    assert "Which kind of magma is rich in silica, relatively cool and extremely viscous?" \
        in asked


def test_a_term_defined_as_a_kind_joins_the_family() -> None:
    asked = _asked()
    answer, wrong = asked["Which kind of reef grows directly from the shore?"]
    assert answer == "Fringing reef"
    assert set(wrong) == {"Barrier reef", "Atoll"}
    assert asked["What is a ring-shaped reef that encloses a central lagoon called?"][0] == "Atoll"


def test_a_proper_kind_is_asked_by_its_head_and_comparisons_are_not_asked() -> None:
    asked = _asked()
    assert asked["Which ice sheet covered most of Canada?"][0] == "Laurentide ice sheet"
    assert not any("larger" in prompt for prompt in asked)  # "far larger" than what?
    # "also" leans on the sentence before (besides which reef?): the stem leaves it out
    barrier = "Which kind of reef runs parallel to the coast but is separated from it by a lagoon?"
    assert asked[barrier][0] == "Barrier reef"


def test_kinds_told_apart_in_the_clauses_of_one_sentence() -> None:
    text = ("Moraines\n\nGlaciers deposit debris. Terminal moraines mark the furthest advance "
            "of a glacier, lateral moraines form along the valley sides, and medial moraines run "
            "down the middle of a glacier.\n")
    asked = {c.prompt: c.answer for c in kind_questions(_corpus(text))}
    assert asked == {
        "Which moraines mark the furthest advance of a glacier?": "Terminal moraines",
        "Which moraines form along the valley sides?": "Lateral moraines",
        "Which moraines run down the middle of a glacier?": "Medial moraines",
    }


def test_a_kind_described_by_what_it_holds_is_not_asked_backwards() -> None:
    # review r20: "Which clouds are cirrus, cirrocumulus and cirrostratus?"
    text = ("Clouds\n\nClouds form at three levels. High clouds are cirrus, cirrocumulus and "
            "cirrostratus. Middle clouds are altocumulus and altostratus. Low clouds are "
            "stratocumulus and stratus.\n")
    assert kind_questions(_corpus(text)) == []


def test_kinds_described_far_apart_are_not_one_family() -> None:
    filler = " ".join(f"Volcanoes vary in form {n}." for n in range(4))
    text = ("Volcanoes\n\nA dormant volcano has not erupted for a long time. An extinct "
            f"volcano is not expected to erupt again. {filler} A shield volcano has gentle "
            "slopes built by fluid lava.\n")
    assert kind_questions(_corpus(text)) == []


def test_two_kinds_or_a_name_are_not_a_family() -> None:
    text = ("Games\n\nThe Olympic Games are the leading multi-sport event. The modern Games "
            "were created in 1896. The ancient Olympic Games were held at Olympia.\n\n"
            "Early peacekeeping efforts arose from necessity. Future peacekeeping is likely "
            "to grow.\n")
    assert kind_questions(_corpus(text)) == []


def test_kind_questions_reach_the_course() -> None:
    course = build_course(MAGMA, name="magma")
    prompts = [question.prompt for question in course.questions]
    assert "Which kind of magma has an intermediate silica content?" in prompts
