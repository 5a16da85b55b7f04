"""Who "she" or "he" is: a question names the person its sentence's pronoun points back to."""

from __future__ import annotations

from content.corpus import Corpus, build_corpus
from content.generate import generate_questions
from content.lessons import make_lessons
from content.parse import parse_document
from content.referents import referents

BIOGRAPHY = """# Marie Curie

## Early life

Marie Curie was born in Warsaw in 1867. In 1891 she arrived in Paris to study physics. In \
1894 she was introduced to Pierre Curie, a French physicist. In 1895 he married her.

## Research

In 1898 she found that thorium also emitted rays. In 1896 the physicist Henri Becquerel \
discovered uranium rays. In 1903 he shared the Nobel Prize in Physics.
"""


def _corpus(text: str) -> Corpus:
    document = parse_document(text, name="x")
    return build_corpus(document.title, list(document.sections))


def _by_text(corpus: Corpus) -> dict[str, str]:
    found = referents(corpus)
    return {sentence.text: found[sentence.index] for sentence in corpus.sentences
            if sentence.index in found}


def test_a_pronoun_points_to_the_last_person_of_its_gender() -> None:
    found = _by_text(_corpus(BIOGRAPHY))
    assert found["In 1891 she arrived in Paris to study physics."] == "Marie Curie"
    assert found["In 1895 he married her."] == "Pierre Curie"
    assert found["In 1903 he shared the Nobel Prize in Physics."] == "Henri Becquerel"


def test_a_lesson_opening_with_a_pronoun_points_to_the_course_s_person() -> None:
    found = _by_text(_corpus(BIOGRAPHY))
    assert found["In 1898 she found that thorium also emitted rays."] == "Marie Curie"


def test_a_person_whose_name_says_neither_is_meant_when_nobody_else_is_near() -> None:
    text = """# Explorers

## Voyages

Admiral Zheng He sailed to Africa in 1405. In 1407 he returned to Nanjing.
"""
    assert _by_text(_corpus(text)) == {"In 1407 he returned to Nanjing.": "Zheng He"}


def test_questions_name_the_person_and_quote_the_sentence_as_written() -> None:
    document = parse_document(BIOGRAPHY, name="curie")
    sections, lessons = make_lessons("curie", document)
    bank = generate_questions(document.title, sections, lessons)
    moved = [q for q in bank.questions if "arrived in Paris" in q.source]
    assert moved, bank.dropped
    assert all("Marie Curie" in q.prompt and " she " not in q.prompt for q in moved)
    assert all(q.source == "In 1891 she arrived in Paris to study physics." for q in moved)


def test_a_person_whose_name_says_neither_beside_another_is_not_guessed() -> None:
    text = """# Explorers

## Voyages

Admiral Zheng He sailed to Africa in 1405 with Admiral Wang Jinghong. In 1407 he returned \
to Nanjing.
"""
    assert _by_text(_corpus(text)) == {}


def test_a_name_put_in_the_stem_leaves_the_options_and_a_second_pronoun_keeps_the_stem() -> None:
    from content.candidate import Candidate
    from content.referents import with_referent

    blank = Candidate(lesson=0, kind="cloze", answer="Anne Milbanke",
                      prompt="Fill in the blank: She was the child of Lord Byron and _____.",
                      distractors=("Ada Byron", "Mary Somerville", "Joan Clement"),
                      explanation="e", source="s")
    named = with_referent(blank, "Ada Byron")
    assert named.prompt.startswith("Fill in the blank: Ada Byron was")
    assert named.distractors == ("Mary Somerville", "Joan Clement")
    both = Candidate(lesson=0, kind="cloze", answer="1838", explanation="e", source="s",
                     prompt="Fill in the blank: When he became earl in _____, she became countess.",
                     distractors=("1836", "1840", "1842"))
    assert with_referent(both, "William King") is both


def test_a_relative_introduced_as_his_wife_is_not_who_her_means() -> None:
    text = """# Ada

## Childhood

Ada Byron was the only child of Lord Byron and his wife, Anne Milbanke. Her parents \
separated in 1816.
"""
    assert _by_text(_corpus(text)) == {"Her parents separated in 1816.": "Ada Byron"}


def test_two_people_who_could_be_meant_leave_the_pronoun_alone() -> None:
    text = """# Scientists

## Radium

Marie Curie met Harriet Brooks in Paris in 1906. In 1907 she left for Montreal.
"""
    assert _by_text(_corpus(text)) == {}


def test_a_subject_no_list_types_stops_the_look_back() -> None:
    text = """# Sultans

## Expansion

Osman founded a small principality in Anatolia. Osman's son Orhan greatly enlarged it. In \
1326 his forces captured Bursa.
"""
    found = _by_text(_corpus(text))
    assert found.get("In 1326 his forces captured Bursa.") != "Osman"


def test_a_surname_and_the_full_name_are_one_person_to_look_back_to() -> None:
    corpus = _corpus("# Reformers\n\n## Geneva\n\nJohn Calvin was a French theologian. He "
                     "settled in Geneva in 1536. He was expelled in 1538. Calvin stressed "
                     "predestination. In 1559 he founded the Genevan Academy.\n")
    assert _by_text(corpus)["In 1559 he founded the Genevan Academy."] == "John Calvin"
