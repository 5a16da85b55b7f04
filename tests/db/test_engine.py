"""Engine set-up: SQLite pragmas, the default folder, recognising an unreachable database."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from db.engine import check_connection, create_engine, retry_on_dead_connection
from db.errors import DatabaseUnavailable, is_unavailable
from tests.conftest import terminate_connections


async def test_sqlite_pragmas_and_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    engine = create_engine("sqlite+aiosqlite:///./data/peacebot.db")
    try:
        async with engine.connect() as connection:
            mode = (await connection.execute(text("PRAGMA journal_mode"))).scalar_one()
            keys = (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one()
            busy = (await connection.execute(text("PRAGMA busy_timeout"))).scalar_one()
    finally:
        await engine.dispose()
    assert (mode, keys, busy) == ("wal", 1, 5000)
    assert (tmp_path / "data" / "peacebot.db").exists()


async def test_plain_urls_get_async_drivers(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/x.db")
    assert engine.url.drivername == "sqlite+aiosqlite"
    await engine.dispose()
    engine = create_engine("postgresql://postgres@127.0.0.1/test")
    assert engine.url.drivername == "postgresql+asyncpg"
    await engine.dispose()


async def test_unreachable_postgres_is_recognised() -> None:
    engine = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            await check_connection(engine)
    finally:
        await engine.dispose()
    assert is_unavailable(caught.value)
    assert is_unavailable(caught.value.__cause__)  # the raw error too


def test_is_unavailable_classifies() -> None:
    locked = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    assert is_unavailable(locked)
    assert is_unavailable(ConnectionRefusedError())
    syntax = OperationalError("SELEC", {}, sqlite3.OperationalError('near "SELEC": syntax error'))
    assert not is_unavailable(syntax)
    assert not is_unavailable(ValueError("bad input"))


async def test_in_memory_sqlite_still_works() -> None:
    engine = create_engine("sqlite+aiosqlite:///:memory:")
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT 1"))).scalar() == 1
    await engine.dispose()


async def test_sqlite_writers_queue_in_turn_instead_of_timing_out(tmp_path: Path) -> None:
    """Many concurrent write transactions that each hold the lock a while all succeed."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/queue.db")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE hits (n INTEGER)"))

    async def write(n: int) -> None:
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO hits VALUES (:n)"), {"n": n})
            await asyncio.sleep(0.06)  # 100 x 60 ms: longer in all than the busy timeout

    await asyncio.gather(*(write(n) for n in range(100)))
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM hits"))).scalar() == 100
    await engine.dispose()


async def test_dead_pooled_connection_is_retried_on_a_new_one(pg_url: str) -> None:
    """No ping per checkout: the first statement on a killed connection fails, once."""
    engine = create_engine(pg_url)
    calls = 0

    async def select_one() -> int:
        nonlocal calls
        calls += 1
        async with engine.connect() as connection:
            return int((await connection.execute(text("SELECT 1"))).scalar_one())

    try:
        assert await select_one() == 1  # one connection now waits in the pool
        assert await terminate_connections(pg_url) == 1
        with pytest.raises(DBAPIError) as caught:
            await select_one()  # without the retry the learner would see this
        assert caught.value.connection_invalidated
        await select_one()  # the pool was invalidated: this one connects afresh
        assert await terminate_connections(pg_url) == 1
        calls = 0
        assert await retry_on_dead_connection(select_one) == 1
        assert calls == 2
    finally:
        await engine.dispose()


async def test_retry_gives_up_on_other_errors_and_after_the_last_attempt() -> None:
    calls = 0

    async def fails(invalidated: bool) -> None:
        nonlocal calls
        calls += 1
        raise DBAPIError("SELECT 1", {}, ConnectionResetError(), connection_invalidated=invalidated)

    with pytest.raises(DBAPIError):
        await retry_on_dead_connection(lambda: fails(False))
    assert calls == 1
    calls = 0
    with pytest.raises(DBAPIError):
        await retry_on_dead_connection(lambda: fails(True), attempts=3)
    assert calls == 3
