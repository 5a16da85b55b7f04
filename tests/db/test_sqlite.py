"""SQLite through stock aiosqlite: the write lock from the first statement, one queue of writers."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine


@pytest.fixture
async def engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(sqlite_url)
    async with engine.begin() as connection:
        await connection.execute(
            text("CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT UNIQUE NOT NULL)")
        )
    yield engine
    await engine.dispose()


def _try_to_write(path: Path) -> str:
    """What a second process's writer meets: 'ok', or sqlite3's error at once (no waiting)."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return "ok"
    except sqlite3.OperationalError as error:
        return str(error)
    finally:
        other.close()


def _path(url: str) -> Path:
    return Path(make_url(url).database or "")


async def test_a_transaction_holds_the_write_lock_from_its_first_statement(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    for ending in ("commit", "rollback"):
        async with engine.connect() as connection:
            await connection.execute(text("SELECT count(*) FROM words"))  # a read, first
            assert _try_to_write(_path(sqlite_url)) == "database is locked"
            await getattr(connection, ending)()
            assert _try_to_write(_path(sqlite_url)) == "ok"


async def test_a_connection_given_back_mid_transaction_is_rolled_back(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("INSERT INTO words (word) VALUES ('lost')"))
        assert _try_to_write(_path(sqlite_url)) == "database is locked"
    assert _try_to_write(_path(sqlite_url)) == "ok"
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM words"))).scalar() == 0


async def test_rows_rowcount_and_returning(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        first = await connection.execute(text("INSERT INTO words (word) VALUES ('peace')"))
        assert first.rowcount == 1
        returned = await connection.execute(
            text("INSERT INTO words (word) VALUES ('calm'), ('still') RETURNING id, word")
        )
        assert sorted(returned.all()) == [(2, "calm"), (3, "still")]
        updated = await connection.execute(text("UPDATE words SET word = upper(word) WHERE id > 1"))
        assert updated.rowcount == 2
        rows = await connection.execute(text("SELECT id, word FROM words ORDER BY id"))
        assert rows.all() == [(1, "peace"), (2, "CALM"), (3, "STILL")]


async def test_errors_surface_as_usual_and_the_connection_stays_usable(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as connection:
        async with connection.begin():
            await connection.execute(text("INSERT INTO words (word) VALUES ('once')"))
        with pytest.raises(IntegrityError) as duplicate:
            async with connection.begin():
                await connection.execute(text("INSERT INTO words (word) VALUES ('twice')"))
                await connection.execute(text("INSERT INTO words (word) VALUES ('once')"))
        assert "UNIQUE" in str(duplicate.value.orig)
        with pytest.raises(OperationalError) as syntax:
            await connection.execute(text("SELEC 1"))
        assert "syntax error" in str(syntax.value.orig)
        await connection.rollback()
        words = (await connection.execute(text("SELECT word FROM words"))).scalars().all()
        assert words == ["once"]  # 'twice' was rolled back with its transaction


@pytest.mark.parametrize(
    "database", [":memory:", "file::memory:?cache=shared&uri=true", "file:{tmp}/words.db?uri=true"]
)
async def test_in_memory_and_uri_urls(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a `file:` name taken literally would show up here
    engine = create_engine("sqlite+aiosqlite:///" + database.format(tmp=tmp_path))
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await engine.dispose()
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == (["words.db"] if "words" in database else [])
