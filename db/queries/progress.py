"""Lesson reading progress: which page a learner is on and when they finished."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import LessonProgress
from db.queries._common import insert


async def get_lesson_progress(
    session: AsyncSession, *, learner_id: int, lesson_id: str
) -> LessonProgress | None:
    """The learner's progress in one lesson, or None if they never opened it."""
    return await session.get(LessonProgress, (learner_id, lesson_id), populate_existing=True)


async def list_lesson_progress(
    session: AsyncSession, *, learner_id: int, course_id: str | None = None
) -> list[LessonProgress]:
    """Every lesson the learner opened (optionally in one course), oldest first."""
    statement = select(LessonProgress).where(col(LessonProgress.learner_id) == learner_id)
    if course_id is not None:
        statement = statement.where(col(LessonProgress.course_id) == course_id)
    statement = statement.order_by(col(LessonProgress.started_at), col(LessonProgress.lesson_id))
    return list((await session.execute(statement)).scalars())


async def completed_lesson_ids(session: AsyncSession, *, learner_id: int) -> set[str]:
    """The lessons the learner finished (one column: quiz starts ask this every time)."""
    statement = select(col(LessonProgress.lesson_id)).where(
        col(LessonProgress.learner_id) == learner_id,
        col(LessonProgress.completed_at).is_not(None),
    )
    return set((await session.execute(statement)).scalars())


async def upsert_lesson_progress(
    session: AsyncSession,
    *,
    learner_id: int,
    course_id: str,
    lesson_id: str,
    page: int,
    now: datetime,
    completed: bool = False,
) -> LessonProgress:
    """Move the learner to `page`; `pages_read` only grows; `completed_at` is set once.

    The row is created with ON CONFLICT DO NOTHING first, so a double-tapped "Next" on a
    new lesson cannot fail on the primary key.
    """
    if page < 0:
        raise ValueError(f"page must be >= 0, got {page}")
    await session.execute(
        insert(session, LessonProgress)
        .values(
            learner_id=learner_id,
            lesson_id=lesson_id,
            course_id=course_id,
            page=page,
            pages_read=page + 1,
            started_at=now,
        )
        .on_conflict_do_nothing(index_elements=["learner_id", "lesson_id"])
    )
    progress = await session.get(
        LessonProgress, (learner_id, lesson_id), populate_existing=True, with_for_update=True
    )
    assert progress is not None  # just inserted or already there, in this transaction
    progress.page = page
    progress.course_id = course_id
    progress.pages_read = max(progress.pages_read, page + 1)
    if completed and progress.completed_at is None:
        progress.completed_at = now
    await session.flush()
    return progress
