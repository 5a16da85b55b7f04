"""Who-questions on a sentence whose subject is "he" or "she": the person the pronoun
stands for is the answer, the quoted source is the sentence as written."""

from __future__ import annotations

from content.candidate import Candidate
from content.corpus import Corpus, build_corpus
from content.generate import generate_questions
from content.generate_mcq import subject_questions
from content.lessons import make_lessons
from content.parse import parse_document

REEFS = """# Reefs

## Theories

In 1836 the naturalist Charles Darwin visited the Cocos Islands. He suggested that a \
fringing reef first grows around the shores of a volcanic island. In 1838 the geologist \
Charles Lyell read his paper. In 1842 the zoologist Louis Agassiz studied reefs in \
Florida. In 1846 the geologist James Dana sailed across the Pacific Ocean.
"""


def _corpus(text: str) -> Corpus:
    document = parse_document(text, name="x")
    return build_corpus(document.title, list(document.sections))


def _asked(text: str) -> dict[str, Candidate]:
    return {candidate.prompt: candidate for candidate in subject_questions(_corpus(text))}


def test_he_as_subject_asks_who_of_the_person_named_before() -> None:
    asked = _asked(REEFS)
    prompt = ("Who suggested that a fringing reef first grows around the shores of a "
              "volcanic island?")
    assert prompt in asked
    candidate = asked[prompt]
    assert candidate.answer == "Charles Darwin"
    assert candidate.source == ("He suggested that a fringing reef first grows around the "
                                "shores of a volcanic island.")
    assert "Charles Darwin" not in candidate.distractors
    assert set(candidate.distractors) <= {"Charles Lyell", "Louis Agassiz", "James Dana"}


def test_a_year_before_the_pronoun_stays_in_front_of_who() -> None:
    text = REEFS.replace("He suggested", "In 1837 he suggested")
    assert ("In 1837, who suggested that a fringing reef first grows around the shores of a "
            "volcanic island?") in _asked(text)


def test_a_surname_alone_is_not_asked_for_the_pronoun() -> None:
    """ "Byron … He never saw his daughter again": Lord Byron, or Ada Byron the text also
    names; a name of one word could be either."""
    text = REEFS.replace("the naturalist Charles Darwin", "Darwin")
    assert not any(c.answer.endswith("Darwin") for c in _asked(text).values())


def test_a_predicate_left_hanging_on_and_is_not_asked() -> None:
    text = REEFS.replace("He suggested that a fringing reef first grows around the shores of "
                         "a volcanic island.",
                         "He learned the craft in Cologne and, while in Bruges, printed a book.")
    assert not any("Cologne" in prompt for prompt in _asked(text))


def test_a_predicate_explained_after_a_colon_is_not_asked() -> None:
    text = REEFS.replace("He suggested that a fringing reef first grows around the shores of "
                         "a volcanic island.",
                         "He had already made one discovery: in 1835 he identified a coral.")
    assert not any("discovery" in prompt for prompt in _asked(text))


def test_a_lesson_asks_who_of_one_person_at_most_twice() -> None:
    text = """# Geneva

## Reformers

In 1533 the reformer John Calvin left Paris for Basel. In 1536 he published the Institutes \
of the Christian Religion in Basel. In 1541 John Calvin wrote new church ordinances for \
Geneva. In 1555 John Calvin defeated the Libertines in a council election. In 1559 John \
Calvin founded the Genevan Academy for training ministers. In 1525 the reformer Guillaume \
Farel preached in Neuchâtel. In 1560 the reformer John Knox returned to Scotland. In 1562 \
the reformer Theodore Beza spoke at the Colloquy of Poissy.
"""
    document = parse_document(text, name="geneva")
    sections, lessons = make_lessons("geneva", document)
    bank = generate_questions(document.title, sections, lessons)
    calvin = [q for q in bank.questions if q.options[q.answer] == "John Calvin"]
    assert len(calvin) == 2
    assert any("the same person" in line for line in bank.dropped)


def test_a_person_introduced_by_nationality_and_trade_is_asked_who() -> None:
    # "The Swiss engineer Karl Berger measured …": the trade and nationality go, as after
    # a date ("In 1771 the English chemist Joseph Priestley showed …")
    text = """# Lightning

## Measurements

The Swiss engineer Karl Berger measured lightning currents on towers near Lugano. In 1752 \
the physicist Georg Richmann was killed by lightning. In 1927 the physicist C. T. R. Wilson \
won a prize. In 1938 the engineer Basil Schonland filmed lightning.
"""
    asked = _asked(text)
    who = asked.get("Who measured lightning currents on towers near Lugano?")
    assert who is not None and who.answer == "Karl Berger"


def test_a_plural_subject_s_verb_is_not_asked_which_place() -> None:
    # review r36: "Which place rise from the middle of the Pacific Ocean …?"
    text = """# Islands

## Hawaii

The Hawaiian Islands rise from the middle of the Pacific Ocean, about 3,800 kilometres from \
the nearest continent. The Marquesas Islands lie to the south. The Society Islands lie further \
south. The Aleutian Islands lie to the north.
"""
    assert not [prompt for prompt in _asked(text) if " rise " in prompt]


def test_one_of_a_couple_is_not_asked_who() -> None:
    # review r39: "In 1688, who took the English throne?" keyed "Mary"
    text = """# Republic

## Orange

In 1688 William and his wife Mary took the English throne. In 1672 the admiral Michiel de \
Ruyter defended the coast. In 1665 the painter Jan Steen moved to Haarlem. In 1650 the \
stadtholder Willem II died.
"""
    assert not [c for c in _asked(text).values() if c.answer == "Mary"]
