"""The instance registry: live processes on one PostgreSQL database, counted by their
session advisory locks; a closed (or killed) connection takes its instance out."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.telegram.budget import recount
from bot.telegram.ratelimit import RateLimiter
from db.engine import create_engine
from db.instances import INSTANCE_NAMESPACE, InstanceRegistry


async def test_instances_count_each_other_and_a_gone_one_leaves(pg_url: str) -> None:
    engines = [create_engine(pg_url) for _ in range(3)]
    registries = [InstanceRegistry(engine) for engine in engines]
    try:
        assert await registries[0].count() == 1  # not joined yet: on its own
        for registry in registries:
            await registry.join()
        await registries[0].join()  # joining twice holds no second lock
        assert [await registry.count() for registry in registries] == [3, 3, 3]
        await registries[2].leave()
        assert await registries[0].count() == 2
        limiter = RateLimiter(rate=30)
        await recount(limiter, registries[0])
        assert limiter.shares == 2 and limiter.rate == pytest.approx(15)
        await registries[1].leave()
        await recount(limiter, registries[0])
        assert limiter.rate == pytest.approx(30)
    finally:
        for registry in registries:
            await registry.leave()
        for engine in engines:
            await engine.dispose()


async def test_sqlite_is_one_instance(sqlite_url: str) -> None:
    engine = create_async_engine(sqlite_url)
    registry = InstanceRegistry(engine)
    await registry.join()
    assert await registry.count() == 1
    await registry.leave()
    await engine.dispose()


def test_a_share_paces_slower_and_pacing_off_stays_off() -> None:
    limiter = RateLimiter(rate=30)
    limiter.share(3)
    assert limiter.rate == pytest.approx(10) and limiter.shares == 3
    limiter.share(0)  # never below one instance: this one is alive
    assert limiter.rate == pytest.approx(30)
    unpaced = RateLimiter(rate=0)
    unpaced.share(2)
    assert unpaced.rate == 0


async def test_leaving_after_the_database_went_away_is_quiet(pg_url: str) -> None:
    from tests.conftest import terminate_connections

    engine = create_engine(pg_url)
    registry = InstanceRegistry(engine)
    try:
        await registry.join()
        assert await terminate_connections(pg_url) >= 1  # the server ends the session
        await registry.leave()  # no error: the lock went with the connection
        assert await registry.count() == 1
    finally:
        await engine.dispose()


async def test_an_instance_whose_lock_session_ended_takes_its_lock_again(pg_url: str) -> None:
    """A database restart (here: the lock's backend terminated) ends every lock session; an
    instance that kept counting without its lock would take the whole budget."""
    engines = [create_engine(pg_url), create_engine(pg_url)]
    registries = [InstanceRegistry(engine) for engine in engines]
    for registry in registries:
        await registry.join()
    async with engines[0].connect() as admin:
        ended = (await admin.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
            " AND classid = CAST(:namespace AS oid) AND objid = CAST(:key AS oid)"),
            {"namespace": INSTANCE_NAMESPACE, "key": registries[1].key})).all()
    assert ended == [(True,)]
    assert await registries[0].count() == 1  # its lock went with the session
    assert await registries[1].count() == 2  # it noticed, and holds its lock again
    assert await registries[0].count() == 2
    for registry, engine in zip(registries, engines, strict=True):
        await registry.leave()
        await engine.dispose()
