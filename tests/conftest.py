"""Shared fixtures: real SQLite files and real PostgreSQL databases, fresh for every test.

- `sqlite_url`: a new SQLite file in tmp_path (no schema).
- `pg_url`: a new, empty PostgreSQL database, dropped after the test; skipped with the
  reason when PostgreSQL is unreachable (set PEACEBOT_TEST_PG_URL to point elsewhere).
- `db_url`: parametrised over both, ids "sqlite" and "postgres" (no schema).
- `engine` / `session_factory`: over both backends, schema created from the models.
- `sqlite_engine` / `sqlite_session_factory`: SQLite only, for tests that need one backend.
- `terminate_connections(url)`: drop every server connection to a test database (a restart).
- `wait_for_lock_waiters(url, count)`: return once `count` sessions wait for an advisory lock.
- `allow_connections(url, allowed)`: open or shut a test database to new connections (shut
  also drops the current ones), as a database that went away and came back.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from db.engine import create_engine, create_session_factory

PG_ADMIN_URL = os.environ.get(
    "PEACEBOT_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", "postgres"]


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(_asyncpg_dsn(PG_ADMIN_URL), timeout=5)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def terminate_connections(url: str) -> int:
    """Kill every server connection to `url`'s database, as a PostgreSQL restart would."""
    database = make_url(url).database
    connection = await asyncpg.connect(_asyncpg_dsn(PG_ADMIN_URL), timeout=5)
    try:
        killed = await connection.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1",
            database)
    finally:
        await connection.close()
    return int(killed)


async def allow_connections(url: str, allowed: bool) -> None:
    """Open or shut `url`'s database to connections; shutting it drops the current ones."""
    database = make_url(url).database
    await _admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
    if not allowed:
        await terminate_connections(url)


async def wait_for_lock_waiters(url: str, count: int, *, timeout: float = 10.0) -> None:
    """Return once `count` sessions of `url`'s database wait for an advisory lock.

    Asked of `pg_locks` (what the server says is blocked), not guessed from time passing;
    fails the test after `timeout` seconds.
    """
    database = make_url(url).database
    connection = await asyncpg.connect(_asyncpg_dsn(PG_ADMIN_URL), timeout=5)
    try:
        async with asyncio.timeout(timeout):
            while True:
                waiting = await connection.fetchval(
                    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                    " WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = $1",
                    database)
                if waiting >= count:
                    return
                await asyncio.sleep(0.005)
    except TimeoutError:
        raise AssertionError(f"no {count} advisory lock waiters in {timeout} s") from None
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def pg_unavailable_reason() -> str | None:
    """None when PostgreSQL answers; otherwise why not (checked once per run)."""
    try:
        asyncio.run(_admin("SELECT 1"))
    except (TimeoutError, OSError, asyncpg.PostgresError) as error:
        return f"PostgreSQL unreachable at {PG_ADMIN_URL}: {error}"
    return None


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    """A fresh SQLite database file for this test (created on first connect)."""
    return f"sqlite+aiosqlite:///{tmp_path}/peacebot.db"


@pytest.fixture
def pg_url(pg_unavailable_reason: str | None) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test, dropped (even if in use) after it."""
    if pg_unavailable_reason is not None:
        pytest.skip(pg_unavailable_reason)
    name = f"peacebot_test_{uuid.uuid4().hex[:16]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS, ids=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database URL on each backend in turn."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


async def engine_with_schema(url: str) -> AsyncEngine:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    return engine


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine with the schema created, on each backend in turn."""
    created = await engine_with_schema(db_url)
    yield created
    await created.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions on `engine` (both backends)."""
    return create_session_factory(engine)


@pytest.fixture
async def sqlite_engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    """A SQLite-only engine with the schema created."""
    created = await engine_with_schema(sqlite_url)
    yield created
    await created.dispose()


@pytest.fixture
def sqlite_session_factory(sqlite_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions on a SQLite-only engine."""
    return create_session_factory(sqlite_engine)
