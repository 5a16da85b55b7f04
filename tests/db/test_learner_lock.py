"""The per-learner transaction lock on real PostgreSQL (several instances, one database).

Two sessions stand for two `peacebot run` processes: each has its own engine, as separate
processes would. What blocks is read from `pg_locks`, never inferred from elapsed time.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import queries
from db.engine import create_session_factory
from db.queries.learners import learner_lock_key
from tests.conftest import engine_with_schema, wait_for_lock_waiters

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
Factory = async_sessionmaker[AsyncSession]
# Telegram ids go beyond 32 bits; the lock must take them.
ANN, BOB = 7_000_000_001, 7_000_000_002


@pytest.fixture
async def instances(pg_url: str) -> AsyncIterator[tuple[Factory, Factory]]:
    """Two engines on one PostgreSQL database, as two processes would have; Ann exists."""
    first = await engine_with_schema(pg_url)
    second = await engine_with_schema(pg_url)
    factories = create_session_factory(first), create_session_factory(second)
    async with factories[0]() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=ANN, now=NOW)
    yield factories
    await first.dispose()
    await second.dispose()


@asynccontextmanager
async def _locked(factory: Factory, learner_id: int, events: list[str],
                  name: str) -> AsyncIterator[AsyncSession]:
    """A transaction holding the learner's lock ("<name> locked" once it has it)."""
    async with factory() as session, session.begin():
        await queries.lock_learner(session, learner_id=learner_id)
        events.append(f"{name} locked")
        yield session


async def _turn(factory: Factory, learner_id: int, events: list[str], name: str) -> int:
    """A unit of work: lock, then read the learner (created if new); their XP as read."""
    async with _locked(factory, learner_id, events, name) as session:
        learner = await queries.get_or_create_learner(session, learner_id=learner_id, now=NOW)
        return learner.xp


async def test_a_learners_second_session_waits_for_the_first_to_commit(
    instances: tuple[Factory, Factory], pg_url: str,
) -> None:
    one, other = instances
    events: list[str] = []
    async with _locked(one, ANN, events, "first") as session:
        second = asyncio.create_task(_turn(other, ANN, events, "second"))
        await wait_for_lock_waiters(pg_url, 1)
        events.append("second waiting")
        learner = await queries.get_learner(session, learner_id=ANN)
        assert learner is not None
        learner.xp += 10
        events.append("first committing")
    xp_seen_by_second = await asyncio.wait_for(second, 10)
    assert events == ["first locked", "second waiting", "first committing", "second locked"]
    # It read after the first committed, so it saw the first's write (READ COMMITTED).
    assert xp_seen_by_second == 10


async def test_different_learners_do_not_wait_for_each_other(
    instances: tuple[Factory, Factory],
) -> None:
    one, other = instances
    events: list[str] = []
    async with _locked(one, ANN, events, "Ann"):
        await asyncio.wait_for(_turn(other, BOB, events, "Bob"), 10)
        events.append("Ann committing")
    assert events == ["Ann locked", "Bob locked", "Ann committing"]


async def test_the_lock_ends_with_a_rollback_too(
    instances: tuple[Factory, Factory],
) -> None:
    one, other = instances
    events: list[str] = []
    async with one() as session:
        await session.begin()
        await queries.lock_learner(session, learner_id=ANN)
        await session.rollback()
        await asyncio.wait_for(_turn(other, ANN, events, "next"), 10)
    assert events == ["next locked"]


@pytest.mark.parametrize(("learner_id", "key"), [
    (42, 42),
    (2**31 - 1, 2**31 - 1),
    (2**31, -(2**31)),
    (7_000_000_001, 7_000_000_001 - 2 * 2**32),
    (2**52 - 1, -1),  # Telegram's largest possible id
    (-5, -5),
])
def test_lock_keys_are_32_bit_and_exact_below_2_to_the_31(learner_id: int, key: int) -> None:
    assert learner_lock_key(learner_id) == key
    assert -(2**31) <= key < 2**31


async def test_sqlite_sends_nothing(sqlite_session_factory: Factory) -> None:
    """BEGIN IMMEDIATE already serialises SQLite; no pg_ function may reach it."""
    async with sqlite_session_factory() as session, session.begin():
        await queries.lock_learner(session, learner_id=ANN)
        await queries.get_or_create_learner(session, learner_id=ANN, now=NOW)
