"""A small hand-made course and a tutor over a fresh SQLite file (the shared db fixtures)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Person, Tutor, TutorConfig
from content.model import Course, Lesson, Question

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning
ALICE = Person(user_id=42, first_name="Alice")


def _question(lesson: str, number: int, kind: str, answer: int = 0) -> Question:
    options = (f"right {lesson}{number}", f"wrong A {lesson}{number}", f"wrong B {lesson}{number}")
    ordered = list(options[1:])
    ordered.insert(answer, options[0])
    return Question(
        id=f"{lesson}-q{number}", lesson_id=lesson, kind=kind,
        prompt=f"Question {number} about {lesson}?", options=tuple(ordered), answer=answer,
        explanation=f"Because of fact {number} in {lesson}.",
        source=f"Fact {number} of {lesson} is stated here.")


def make_course() -> Course:
    """Two lessons (two pages, one page) with 6 and 3 questions of three kinds."""
    lessons = (
        Lesson(id="intro", course_id="demo", index=0, title="Introduction",
               text="Page one text. Page two text.",
               pages=("Page one text.", "Page two text.")),
        Lesson(id="history", course_id="demo", index=1, title="History",
               text="Only page.", pages=("Only page.",)),
    )
    kinds = ("cloze", "mcq", "true_false")
    questions = tuple(
        [_question("intro", n, kinds[n % 3], answer=n % 3) for n in range(6)]
        + [_question("history", n, kinds[n % 3], answer=(n + 1) % 3) for n in range(3)]
    )
    return Course(id="demo", title="Demo Course", lessons=lessons, questions=questions)


@pytest.fixture
def course() -> Course:
    return make_course()


@pytest.fixture
def tutor(course: Course, sqlite_session_factory: async_sessionmaker[AsyncSession]) -> Tutor:
    return Tutor(courses=[course], sessions=sqlite_session_factory,
                 config=TutorConfig(quiz_size=3))
