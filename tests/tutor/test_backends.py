"""The same tutor behaviour on SQLite and PostgreSQL, including presses racing each other."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import SQLModel

from bot.tutor import Tutor, TutorConfig
from bot.tutor.replies import ReplyKind
from content.model import Course
from db.engine import create_engine, create_session_factory
from db.queries.export import export_learner
from tests.conftest import terminate_connections
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import progress, question, right, wrong


async def test_racing_presses_record_one_answer(
    course: Course, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    tutor = Tutor(courses=[course], sessions=session_factory, config=TutorConfig(quiz_size=3))
    card = question(await tutor.command(ALICE, "quiz", "1", T0))
    later = T0 + timedelta(seconds=10)
    results = await asyncio.gather(
        tutor.press(ALICE, right(card), later),
        tutor.press(ALICE, right(card), later),
        tutor.press(ALICE, wrong(card), later),
    )
    feedback = [replies for replies in results if replies[0].kind is not ReplyKind.NOTICE]
    assert len(feedback) == 1
    async with session_factory() as session:
        data = await export_learner(session, learner_id=ALICE.user_id)
    assert data is not None
    assert len(data["answers"]) == 1
    assert data["quiz_sessions"][0]["position"] == 1
    assert data["learner"]["xp"] in (0, 10)


async def test_quiz_review_progress(
    course: Course, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    tutor = Tutor(courses=[course], sessions=session_factory, config=TutorConfig(quiz_size=3))
    replies = await tutor.command(ALICE, "quiz", "2", T0)
    missed = question(replies).prompt
    replies = await tutor.press(ALICE, wrong(question(replies)), T0)
    while replies[-1].question is not None:
        replies = await tutor.press(ALICE, right(question(replies)), T0)
    again = Tutor(courses=[course], sessions=session_factory)  # a restart
    review = await again.command(ALICE, "review", "", T0 + timedelta(minutes=15))
    assert question(review).prompt == missed
    report = await progress(again, ALICE, T0 + timedelta(minutes=15))
    assert (report.xp, report.answers, report.streak) == (20, 3, 1)
    assert report.due_today >= 1


async def test_tutor_carries_on_after_the_database_dropped_its_connections(
    course: Course, pg_url: str
) -> None:
    """A restarted PostgreSQL leaves dead connections in the pool: the learner never sees one."""
    engine = create_engine(pg_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        tutor = Tutor(courses=[course], sessions=create_session_factory(engine),
                      config=TutorConfig(quiz_size=3))
        card = question(await tutor.command(ALICE, "quiz", "1", T0))
        assert await terminate_connections(pg_url) >= 1
        replies = await tutor.press(ALICE, right(card), T0 + timedelta(seconds=10))
        assert replies[0].title.startswith("Right")
    finally:
        await engine.dispose()
