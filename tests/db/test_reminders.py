"""Reminder claiming on both backends, and SKIP LOCKED splitting work on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import SQLModel

from db import queries
from db.engine import create_engine, create_session_factory
from tests.db import fill
from tests.db.fill import record_reminder, reminders_sent_since, schedule

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
Factory = async_sessionmaker[AsyncSession]


async def _learners(factory: Factory, count: int, *, due: datetime | None = NOW) -> None:
    async with factory() as session, session.begin():
        for learner_id in range(1, count + 1):
            await queries.get_or_create_learner(session, learner_id=learner_id, now=NOW)
            await schedule(session, learner_id, due)


async def test_claim_picks_only_remindable_due_learners(session_factory: Factory) -> None:
    await _learners(session_factory, 6, due=NOW - timedelta(minutes=5))
    async with session_factory() as session, session.begin():
        await queries.mark_blocked(session, learner_id=2)
        await fill.set_learner(session, 3, reminders_paused=True)
        await schedule(session, 4, NOW + timedelta(minutes=1))
        await schedule(session, 5, None)
        await schedule(session, 6, NOW - timedelta(hours=1))
    async with session_factory() as session, session.begin():
        claimed = await queries.claim_due_reminders(session, now=NOW, limit=10)
    assert [learner.id for learner in claimed] == [1, 6]
    assert all(learner.next_reminder_at == NOW + timedelta(minutes=30) for learner in claimed)
    async with session_factory() as session, session.begin():
        assert await queries.claim_due_reminders(session, now=NOW, limit=10) == []
        later = NOW + timedelta(minutes=31)  # lease expired: retried
        assert {
            learner.id for learner in await queries.claim_due_reminders(session, now=later)
        } == {1, 4, 6}


async def test_claim_limit_takes_most_overdue(session_factory: Factory) -> None:
    await _learners(session_factory, 5)
    async with session_factory() as session, session.begin():
        await schedule(session, 4, NOW - timedelta(hours=2))
        await schedule(session, 2, NOW - timedelta(hours=1))
        claimed = await queries.claim_due_reminders(session, now=NOW, limit=2)
    assert [learner.id for learner in claimed] == [2, 4]


async def test_record_reminder_sent(session_factory: Factory) -> None:
    await _learners(session_factory, 1)
    async with session_factory() as session, session.begin():
        await record_reminder(session, 1, NOW, due_count=7)
        await record_reminder(session, 1, NOW, due_count=7)
    async with session_factory() as session:
        learner = await queries.get_learner(session, learner_id=1)
        assert learner is not None
        assert learner.last_reminder_at == NOW and learner.reminders_ignored == 2
        assert await reminders_sent_since(session, 1, NOW) == 2
        later = NOW + timedelta(seconds=1)
        assert await reminders_sent_since(session, 1, later) == 0


async def test_concurrent_claims_never_share_a_learner_on_postgres(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        factory = create_session_factory(engine)
        await _learners(factory, 40)
        holding = asyncio.Event()
        release = asyncio.Event()

        async def first() -> list[int]:
            async with factory() as session, session.begin():
                claimed = await queries.claim_due_reminders(session, now=NOW, limit=15)
                holding.set()
                await release.wait()  # keep the row locks while the second sweep runs
                return [learner.id for learner in claimed]

        async def second() -> list[int]:
            await holding.wait()
            async with factory() as session, session.begin():
                claimed = await queries.claim_due_reminders(session, now=NOW, limit=100)
            release.set()
            return [learner.id for learner in claimed]

        one, two = await asyncio.gather(first(), second())
        assert len(one) == 15 and len(two) == 25
        assert set(one).isdisjoint(two)
        # many sweeps at once: every learner claimed exactly once overall
        await _learners(factory, 40)

        async def sweep() -> list[int]:
            async with factory() as session, session.begin():
                claimed = await queries.claim_due_reminders(session, now=NOW, limit=7)
                return [learner.id for learner in claimed]

        results = await asyncio.gather(*(sweep() for _ in range(10)))
        flat = [learner_id for result in results for learner_id in result]
        assert sorted(flat) == list(range(1, 41))
    finally:
        await engine.dispose()
