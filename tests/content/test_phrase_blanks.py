"""Phrase blanks ("emerging _____") must have exactly one option that fits: no wrong option
of the answer's kind, none sharing its words, no actors beside a non-actor answer, and no
blank after a word that lets nearly any phrase in."""

from __future__ import annotations

import itertools

import pytest

from content import Course, Question
from content.relations import GENERIC_GOVERNORS, fits_anywhere, governor_stem, same_slot

_BLANK = "_____"


def _phrase_clozes(course: Course) -> list[Question]:
    """Clozes whose answer is a lower-case phrase (not a name, year or number)."""
    return [
        q
        for q in course.questions
        if q.kind == "cloze" and q.correct_option[:1].islower() and " " in q.correct_option
    ]


def _wrong(question: Question) -> list[str]:
    return [o for i, o in enumerate(question.options) if i != question.answer]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("collective defense", "collective security"),  # shared modifier
        ("external military support", "international intervention"),  # same broad class
        ("global stability", "political dialogue"),  # both good outcomes to "promote"
        ("international relations", "international conflicts"),
        ("military alliances", "non-governmental organizations"),
    ],
)
def test_phrases_that_fill_the_same_slot(first: str, second: str) -> None:
    assert same_slot(first, second) and same_slot(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("global stability", "big data analytics"),
        ("civilian populations", "humanitarian crises"),
        ("military exercises", "regional conflicts"),
    ],
)
def test_phrases_that_do_not(first: str, second: str) -> None:
    assert not same_slot(first, second)


def test_actors_only_stand_in_for_actors() -> None:
    assert fits_anywhere("militant groups", "global conflicts")
    assert fits_anywhere("regional military alliances", "decision-making processes")
    assert not fits_anywhere("militant groups", "local communities")
    assert not fits_anywhere("global conflicts", "militant groups")


def test_generic_governors_are_recognised() -> None:
    sentence = "NATO adapted its role in response to emerging global conflicts."
    assert governor_stem(sentence, sentence.index("global")) in GENERIC_GOVERNORS
    sentence = "Joint drills ensure cohesive and effective responses."
    assert governor_stem(sentence, sentence.index("effective")) not in GENERIC_GOVERNORS


@pytest.mark.parametrize("which", ["seed", "second"])
def test_no_wrong_option_fills_a_phrase_blank(
    which: str, seed_course: Course, second_course: Course
) -> None:
    course = seed_course if which == "seed" else second_course
    for question in _phrase_clozes(course):
        answer = question.correct_option
        for option in _wrong(question):
            assert not same_slot(option, answer), (question.prompt, option)
            assert not fits_anywhere(option, answer), (question.prompt, option)
        for one, two in itertools.combinations(_wrong(question), 2):
            assert not same_slot(one, two), (question.prompt, one, two)


@pytest.mark.parametrize("which", ["seed", "second"])
def test_no_phrase_blank_follows_a_generic_word(
    which: str, seed_course: Course, second_course: Course
) -> None:
    course = seed_course if which == "seed" else second_course
    for question in _phrase_clozes(course):
        sentence = question.prompt.split(". ")[-1]
        governor = governor_stem(sentence, sentence.index(_BLANK))
        assert governor not in GENERIC_GOVERNORS, question.prompt
