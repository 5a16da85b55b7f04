"""The same tutor behaviour on SQLite and PostgreSQL, including presses racing each other."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import SQLModel

from bot.tutor import Person, Tutor, TutorConfig
from bot.tutor.replies import ReplyKind
from content.model import Course
from db.engine import create_engine, create_session_factory
from db.queries.export import export_learner
from db.queries.learners import lock_learner
from tests.conftest import terminate_connections, wait_for_lock_waiters
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import progress, question, right, wrong

BOB = Person(user_id=7_000_000_002, first_name="Bob")


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


async def test_two_instances_take_turns_for_one_learner_not_for_two(
    course: Course, pg_url: str
) -> None:
    """Two processes on one database: a learner's turn waits while another process's turn
    for them is open, and another learner's turn does not (`lock_learner`)."""
    engines = [create_engine(pg_url), create_engine(pg_url)]
    try:
        async with engines[0].begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        factories = [create_session_factory(engine) for engine in engines]
        tutor = Tutor(courses=[course], sessions=factories[1])
        await tutor.command(ALICE, "start", "", T0)
        events: list[str] = []

        async def turn(who: Person, name: str) -> None:
            await tutor.command(who, "help", "", T0)
            events.append(f"{name} answered")

        async with factories[0]() as other_instance, other_instance.begin():
            await lock_learner(other_instance, learner_id=ALICE.user_id)
            alice = asyncio.create_task(turn(ALICE, "Alice"))
            await wait_for_lock_waiters(pg_url, 1)
            await asyncio.wait_for(turn(BOB, "Bob"), 10)
            events.append("other instance commits")
        await asyncio.wait_for(alice, 10)
        assert events == ["Bob answered", "other instance commits", "Alice answered"]
    finally:
        for engine in engines:
            await engine.dispose()
