"""Stable ids: same source -> same ids; editing one section keeps every other section's ids."""

from __future__ import annotations

from content import Course, Question, build_course

from .conftest import SEED_MD

SEED_TEXT = SEED_MD.read_text(encoding="utf-8")
EDITED_TITLE = "Challenges Faced by Alliances in Peacekeeping Efforts"


def _ids_by_lesson(course: Course) -> dict[str, tuple[str, set[str]]]:
    return {
        lesson.title: (lesson.id, {q.id for q in course.questions_for(lesson.id)})
        for lesson in course.lessons
    }


def test_building_twice_gives_identical_courses(seed_course: Course) -> None:
    again = build_course(SEED_TEXT, name=SEED_MD.stem)
    assert again.to_dict() == seed_course.to_dict()


def test_ids_are_short_enough_for_callback_data(seed_course: Course) -> None:
    assert all(len(lesson.id) <= 12 for lesson in seed_course.lessons)
    assert all(len(question.id) <= 16 for question in seed_course.questions)


def test_editing_one_section_keeps_other_sections_ids(seed_course: Course) -> None:
    start = SEED_TEXT.index(f"## {EDITED_TITLE}")
    end = SEED_TEXT.index("\n## ", start + 1)
    edited_section = (
        f"## {EDITED_TITLE}\n\nAlliances face shortages of funding. The Arctic Council met in "
        "Oslo in 1996 to coordinate search and rescue.\n"
    )
    edited = build_course(SEED_TEXT[:start] + edited_section + SEED_TEXT[end:], name=SEED_MD.stem)
    before, after = _ids_by_lesson(seed_course), _ids_by_lesson(edited)
    assert before.keys() == after.keys()
    for title, (lesson_id, question_ids) in before.items():
        assert after[title][0] == lesson_id
        if title != EDITED_TITLE:
            # a new distractor pool may add or drop a question; none may change id
            kept = question_ids & after[title][1]
            assert len(kept) >= len(question_ids) - 1, title
    assert before[EDITED_TITLE][1] != after[EDITED_TITLE][1]
    same_question = {_identity(q): q.id for q in seed_course.questions}
    for question in edited.questions:
        if _identity(question) in same_question:
            assert same_question[_identity(question)] == question.id


def _identity(question: Question) -> tuple[str, str, str, str]:
    return question.lesson_id, question.kind, question.source, question.prompt


def test_duplicate_titles_get_distinct_lesson_ids() -> None:
    text = (
        "# T\n\n## Part\n\nNATO met in 1990 in Brussels.\n\n## Part\n\nNATO met in 1995 in Oslo.\n"
    )
    course = build_course(text, name="dupes")
    assert len({lesson.id for lesson in course.lessons}) == 2
