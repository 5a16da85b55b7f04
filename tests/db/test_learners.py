"""Learner queries on both backends: create, refresh, update, block, delete."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import queries
from tests.db import fill
from tests.db.fill import schedule

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
Factory = async_sessionmaker[AsyncSession]


async def test_get_or_create_creates_once_and_refreshes(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        learner = await queries.get_or_create_learner(
            session, learner_id=7_000_000_001, now=NOW, first_name="Ann", language_code="en"
        )
        assert learner.timezone == "UTC" and learner.reminder_time == 18 * 60
        assert (learner.quiet_start, learner.quiet_end, learner.quiz_size) == (22 * 60, 8 * 60, 5)
    later = NOW + timedelta(hours=2)
    async with session_factory() as session, session.begin():
        again = await queries.get_or_create_learner(
            session, learner_id=7_000_000_001, now=later, first_name="Anna"
        )
    assert again.created_at == NOW
    assert again.last_seen_at == later
    assert again.first_name == "Anna"
    assert again.language_code == "en"  # not erased by a None
    async with session_factory() as session:
        assert await fill.count_learners(session) == 1


async def test_datetimes_come_back_aware_utc(session_factory: Factory) -> None:
    plus_two = datetime(2026, 11, 25, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=plus_two)
    async with session_factory() as session:
        learner = await queries.get_learner(session, learner_id=1)
    assert learner is not None
    assert learner.created_at.utcoffset() == timedelta(0)
    assert learner.created_at == plus_two
    assert learner.created_at.hour == 9


async def test_naive_datetime_is_refused(session_factory: Factory) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        async with session_factory() as session, session.begin():
            await queries.get_or_create_learner(
                session, learner_id=1, now=datetime(2026, 1, 1, 12, 0)
            )


async def test_concurrent_first_contact_creates_one_learner(session_factory: Factory) -> None:
    async def contact() -> int:
        async with session_factory() as session, session.begin():
            learner = await queries.get_or_create_learner(session, learner_id=5, now=NOW)
            return learner.id

    assert await asyncio.gather(*(contact() for _ in range(8))) == [5] * 8
    async with session_factory() as session:
        assert await fill.count_learners(session) == 1


async def test_an_unknown_learner_is_none(session_factory: Factory) -> None:
    assert await _get_missing(session_factory) is None


async def _get_missing(factory: Factory) -> object:
    async with factory() as session:
        return await queries.get_learner(session, learner_id=12345)


async def test_mark_blocked_stops_reminders(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=NOW)
        await schedule(session, 1, NOW)
        await queries.mark_blocked(session, learner_id=1)
    async with session_factory() as session:
        learner = await queries.get_learner(session, learner_id=1)
        assert learner is not None and learner.blocked and learner.next_reminder_at is None
    async with session_factory() as session, session.begin():
        await queries.mark_blocked(session, learner_id=1, blocked=False)
    async with session_factory() as session:
        learner = await queries.get_learner(session, learner_id=1)
        assert learner is not None and not learner.blocked


async def test_delete_learner_removes_everything(session_factory: Factory) -> None:
    from tests.db.fill import fill_learner

    async with session_factory() as session, session.begin():
        await fill_learner(session, learner_id=1, now=NOW)
        await fill_learner(session, learner_id=2, now=NOW)
    async with session_factory() as session, session.begin():
        assert await queries.delete_learner(session, learner_id=1) is True
        assert await queries.delete_learner(session, learner_id=1) is False
    async with session_factory() as session:
        assert await queries.get_learner(session, learner_id=1) is None
        assert await queries.export_learner(session, learner_id=1) is None
        assert await queries.list_answers(session, learner_id=1) == []
        assert await queries.list_cards(session, learner_id=1) == []
        assert await queries.list_quizzes(session, learner_id=1) == []
        assert await queries.list_lesson_progress(session, learner_id=1) == []
        assert await queries.get_poll(session, poll_id="poll-1") is None
        other = await queries.export_learner(session, learner_id=2)
    assert other is not None and len(other["answers"]) == 2
