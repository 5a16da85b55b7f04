"""Properties every generated question must have, on the seed and on a second document."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from content import Course, Question
from content.build import build_course
from content.text import contains_words, fold, fold_key
from content.validate import prepare_document

from .conftest import SECOND_DOC, SEED_MD

YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})s?$")
_SEED_PREPARED = prepare_document(SEED_MD.read_text(encoding="utf-8"))
_SECOND_PREPARED = prepare_document(SECOND_DOC.read_text(encoding="utf-8"))


def _source_parts(source: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?:])\s+", fold(source)) if part]


def _check_question(question: Question, prepared: str) -> None:
    assert 2 <= len(question.options) <= 10
    assert 0 <= question.answer < len(question.options)
    assert len(question.prompt) <= 300
    assert all(0 < len(option) <= 100 for option in question.options)
    assert 0 < len(question.explanation) <= 200
    assert all(part in prepared for part in _source_parts(question.source)), question.source
    assert len({fold_key(option) for option in question.options}) == len(question.options)
    if question.kind != "true_false":
        assert not contains_words(question.prompt, question.correct_option), question.prompt
        years = [bool(YEAR.match(option.split()[0])) for option in question.options]
        assert all(years) or not any(years), question.options  # never a year beside a name


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_seed_questions_hold_every_property(seed_course: Course, data: st.DataObject) -> None:
    question = data.draw(st.sampled_from(seed_course.questions))
    _check_question(question, _SEED_PREPARED)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_second_document_questions_hold_every_property(
    second_course: Course, data: st.DataObject
) -> None:
    question = data.draw(st.sampled_from(second_course.questions))
    _check_question(question, _SECOND_PREPARED)


def test_every_question_passes_not_just_a_sample(
    seed_course: Course, second_course: Course
) -> None:
    for question in seed_course.questions:
        _check_question(question, _SEED_PREPARED)
    for question in second_course.questions:
        _check_question(question, _SECOND_PREPARED)


def test_seed_gets_questions_of_several_kinds_without_padding(seed_course: Course) -> None:
    """Quality over count: general prose yields no question, facts do (about 1 per 600
    words of this mostly general seed; what the blind reviews refused is not asked: the
    UN's founding year beside nothing earlier, the 1990s beside three older decades, the
    Congress of Vienna's 1815)."""
    kinds = Counter(question.kind for question in seed_course.questions)
    words = sum(len(lesson.text.split()) for lesson in seed_course.lessons)
    assert len(seed_course.lessons) >= 14
    assert words / 800 <= len(seed_course.questions) <= words / 40
    assert len(kinds) >= 2, kinds  # general prose: names and dates, asked and blanked


def test_no_duplicates(seed_course: Course) -> None:
    ids = [question.id for question in seed_course.questions]
    assert len(set(ids)) == len(ids)
    pairs = [
        (q.kind, fold_key(q.source), fold_key(q.correct_option)) for q in seed_course.questions
    ]
    assert len(set(pairs)) == len(pairs)
    prompts = [(q.prompt, q.correct_option) for q in seed_course.questions]
    assert len(set(prompts)) == len(prompts)


def test_true_statements_are_verbatim_and_false_ones_are_not_in_the_document(
    second_course: Course,
) -> None:
    statements = [q for q in second_course.questions if q.kind == "true_false"]
    assert statements
    prepared = prepare_document("\n\n".join(lesson.text for lesson in second_course.lessons))
    for question in statements:
        statement = fold(question.prompt.removeprefix("True or false? "))
        if question.correct_option == "True":
            assert statement == fold(question.source)
        else:
            assert statement not in prepared


def test_right_option_position_varies(
    seed_course: Course, second_course: Course, review_course: Course
) -> None:
    # each question's order is seeded by its own id (stable builds), so only a bank of a
    # few dozen shows the spread; the bot shuffles again every time it shows one
    positions = Counter(
        q.answer for course in (seed_course, second_course, review_course)
        for q in course.questions
        if q.kind != "true_false"
    )
    assert sum(positions.values()) >= 10
    assert {0, 1, 2} <= set(positions)
    assert max(positions.values()) < 0.45 * sum(positions.values())


def test_the_longest_option_is_not_always_right(seed_course: Course) -> None:
    multiple = [q for q in seed_course.questions if q.kind != "true_false"]
    longest_right = sum(  # strictly longest: four years of four digits give nothing away
        1
        for q in multiple
        if all(len(q.correct_option) > len(o) for o in q.options if o != q.correct_option)
    )
    assert longest_right < 0.6 * len(multiple)


ACRONYMS = """# Relief bodies

## Who is who

The International Committee of the Red Cross (ICRC) was founded in Geneva in 1863. The \
International Conference of the Red Cross meets every four years in Geneva. The \
International Council of Nurses met in London in 1899. The African Union Mission in Somalia \
(AMISOM) began in 2007. The African Union Mission in Sudan began in 2004. The Red Cross \
Movement works in Somalia, Senegal and Sudan. The International Commission of Jurists met in \
Geneva in 1952.
"""


def test_acronym_questions_offer_expansions_with_the_same_letters() -> None:
    course = build_course(ACRONYMS, name="relief")
    acronyms = [q for q in course.questions if q.kind == "acronym"]
    assert acronyms
    for question in acronyms:
        initials = {
            "".join(w[0] for w in option.split() if w[0].isupper()) for option in question.options
        }
        assert len(initials) == 1, question.options
        # only the word saying what kind of body it is changes, or a place for a place
        assert not any("Recognition" in option or "Crescent" in option
                       for option in question.options)


def test_second_document_gets_lessons_and_several_kinds(second_course: Course) -> None:
    kinds = Counter(question.kind for question in second_course.questions)
    assert {"cloze", "true_false", "mcq"} <= set(kinds)
    titles = [lesson.title for lesson in second_course.lessons]
    assert titles[0] == "Introduction" and "Main Provisions" in titles
    # half the lessons: the others date side details (the secretariat's opening in 2004,
    # "later agreements such as the Outer Space Treaty of 1967"), which are not asked
    asked = [lesson for lesson in second_course.lessons if second_course.questions_for(lesson.id)]
    assert len(asked) >= len(second_course.lessons) / 2


def test_second_document_terms_are_typed() -> None:
    from content.corpus import build_corpus
    from content.parse import parse_document
    from content.terms import TermType

    document = parse_document(SECOND_DOC.read_text(encoding="utf-8"), name="x")
    corpus = build_corpus(document.title, list(document.sections))
    names = {kind: {entry.text for entry in corpus.pools.get(kind, [])} for kind in TermType}
    assert corpus.lexicon.acronyms["SCAR"] == "Scientific Committee on Antarctic Research"
    assert corpus.lexicon.acronyms["IGY"] == "International Geophysical Year"
    assert "Dwight Eisenhower" in names[TermType.PERSON]
    assert {"Argentina", "Chile", "Norway", "Madrid"} <= names[TermType.PLACE]
    assert "Protocol on Environmental Protection" in names[TermType.EVENT]
    assert {"1957 to 1958"} <= names[TermType.RANGE]
    assert {"1980s"} <= names[TermType.DECADE]
    assert {"1959", "1961", "2004"} <= names[TermType.YEAR]


def test_one_fact_is_asked_once(seed_course: Course) -> None:
    """The seed says NATO was in the Balkans in the 1990s four times; one blank on it."""
    nineties = [q for q in seed_course.questions
                if q.correct_option == "1990s" and "Balkans" in q.source]
    assert len(nineties) <= 1, [q.prompt for q in nineties]
