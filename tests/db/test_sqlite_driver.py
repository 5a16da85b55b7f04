"""The buffered aiosqlite driver: one hand-off to the worker thread per statement, same results."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.engine import create_engine, create_session_factory, retry_on_dead_connection
from db.sqlite_driver import INLINE_LIMIT_S, BufferedConnection


@pytest.fixture
async def engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(sqlite_url)
    async with engine.begin() as connection:
        await connection.execute(
            text("CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT UNIQUE NOT NULL)")
        )
    yield engine
    await engine.dispose()


async def _driver(connection: AsyncConnection) -> BufferedConnection:
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert isinstance(driver, BufferedConnection)
    return driver


async def _count_hand_offs(
    connection: AsyncConnection, monkeypatch: pytest.MonkeyPatch
) -> list[Any]:
    """Record every call aiosqlite queues for its worker thread on this connection."""
    driver = await _driver(connection)
    calls: list[Any] = []
    original: Callable[..., Awaitable[Any]] = driver._execute

    async def counting(fn: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(fn)
        return await original(fn, *args, **kwargs)

    monkeypatch.setattr(driver, "_execute", counting)
    return calls


async def test_a_statement_is_one_hand_off(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as connection:
        calls = await _count_hand_offs(connection, monkeypatch)
        async with connection.begin():  # BEGIN IMMEDIATE with the first statement, COMMIT
            await connection.execute(text("INSERT INTO words (word) VALUES ('a'), ('b')"))
            rows = (await connection.execute(text("SELECT word FROM words ORDER BY id"))).all()
        assert [row.word for row in rows] == ["a", "b"]
        assert len(calls) == 3


async def test_a_committed_session_goes_back_to_the_pool_without_a_rollback(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    original = BufferedConnection._execute

    async def counting(self: BufferedConnection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(fn.__name__)
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(BufferedConnection, "_execute", counting)
    async with create_session_factory(engine)() as session, session.begin():
        await session.execute(text("INSERT INTO words (word) VALUES ('a')"))
    assert calls == ["_begin_and_execute", "commit"]


async def test_a_connection_given_back_mid_transaction_is_rolled_back(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("INSERT INTO words (word) VALUES ('lost')"))
        assert _try_to_write(Path(make_url(sqlite_url).database or "")) == "database is locked"
    assert _try_to_write(Path(make_url(sqlite_url).database or "")) == "ok"
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM words"))).scalar() == 0


def _ticking(step: float) -> Callable[[], float]:
    """A clock on which every statement takes `step` seconds."""
    ticks = itertools.count()
    return lambda: next(ticks) * step


INSERT = text("INSERT INTO words (word) VALUES (:word)")
QUICK, SLOW = INLINE_LIMIT_S / 10, INLINE_LIMIT_S * 10


async def _timed_hand_offs(
    connection: AsyncConnection, monkeypatch: pytest.MonkeyPatch, step: float = QUICK
) -> tuple[list[Any], BufferedConnection]:
    """Count the connection's hand-offs, on a clock where each statement takes `step` s."""
    calls = await _count_hand_offs(connection, monkeypatch)
    driver = await _driver(connection)
    driver.clock = _ticking(step)
    return calls, driver


async def test_a_quick_statement_runs_inline_once_the_transaction_holds_the_write_lock(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as connection:
        calls, _ = await _timed_hand_offs(connection, monkeypatch)
        async with connection.begin():
            await connection.execute(INSERT, {"word": "a"})  # begins: on the worker thread
            await connection.execute(INSERT, {"word": "b"})  # known quick: inline
            count = text("SELECT count(*) FROM words")
            assert (await connection.execute(count)).scalar() == 2  # new SQL: worker thread
            assert (await connection.execute(count)).scalar() == 2  # inline
        assert len(calls) == 3  # two statements and the COMMIT
        async with connection.begin():
            await connection.execute(INSERT, {"word": "c"})  # first of its transaction
        assert len(calls) == 5
    assert _try_to_write(Path(str(engine.url.database))) == "ok"


async def test_a_statement_that_was_slow_runs_on_the_worker_thread(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as connection:
        calls, driver = await _timed_hand_offs(connection, monkeypatch, SLOW)
        async with connection.begin():
            for word in "ab":
                await connection.execute(INSERT, {"word": word})
            assert len(calls) == 2
            driver.clock = _ticking(QUICK)
            await connection.execute(INSERT, {"word": "c"})  # still slow when last seen
            await connection.execute(INSERT, {"word": "d"})  # quick now: inline
            assert len(calls) == 3
            driver.clock = _ticking(SLOW)
            await connection.execute(INSERT, {"word": "e"})  # inline, and slow this time
            await connection.execute(INSERT, {"word": "f"})
            assert len(calls) == 4
        words = (await connection.execute(text("SELECT word FROM words"))).scalars().all()
    assert sorted(words) == list("abcdef")


async def test_without_the_write_lock_nothing_runs_inline(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as connection:
        calls, driver = await _timed_hand_offs(connection, monkeypatch)
        driver.begin_with = "BEGIN"  # deferred: a write could still wait for another writer
        async with connection.begin():
            for word in "abc":
                await connection.execute(INSERT, {"word": word})
        assert len(calls) == 4


async def test_an_error_inline_surfaces_as_usual(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as connection:
        calls, _ = await _timed_hand_offs(connection, monkeypatch)
        async with connection.begin():
            await connection.execute(INSERT, {"word": "once"})
            await connection.execute(INSERT, {"word": "twice"})
        with pytest.raises(IntegrityError):
            async with connection.begin():
                await connection.execute(INSERT, {"word": "thrice"})
                await connection.execute(INSERT, {"word": "once"})  # inline, a duplicate
        # INSERT + COMMIT, then the failed transaction's first INSERT and its ROLLBACK
        assert len(calls) == 4
        words = (await connection.execute(text("SELECT word FROM words"))).scalars().all()
        assert sorted(words) == ["once", "twice"]


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


async def test_a_transaction_holds_the_write_lock_from_its_first_statement(
    engine: AsyncEngine, sqlite_url: str
) -> None:
    path = Path(make_url(sqlite_url).database or "")
    for ending in ("commit", "rollback"):
        async with engine.connect() as connection:
            await connection.execute(text("SELECT count(*) FROM words"))  # a read, first
            assert _try_to_write(path) == "database is locked"
            await getattr(connection, ending)()
            assert _try_to_write(path) == "ok"


async def test_rows_rowcount_lastrowid_and_returning(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        first = await connection.execute(text("INSERT INTO words (word) VALUES ('peace')"))
        assert (first.rowcount, first.lastrowid) == (1, 1)
        returned = await connection.execute(
            text("INSERT INTO words (word) VALUES ('calm'), ('still') RETURNING id, word")
        )
        assert sorted(returned.all()) == [(2, "calm"), (3, "still")]
        updated = await connection.execute(text("UPDATE words SET word = upper(word) WHERE id > 1"))
        assert updated.rowcount == 2
        rows = await connection.execute(text("SELECT id, word FROM words ORDER BY id"))
        assert rows.keys() == ["id", "word"]
        assert rows.fetchone() == (1, "peace")
        assert rows.fetchall() == [(2, "CALM"), (3, "STILL")]
        empty = await connection.execute(text("SELECT word FROM words WHERE id > 99"))
        assert empty.all() == []


async def test_executemany_is_one_hand_off(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.begin() as connection:
        calls = await _count_hand_offs(connection, monkeypatch)
        many = await connection.execute(
            text("INSERT INTO words (word) VALUES (:word)"), [{"word": w} for w in "xyz"]
        )
        assert len(calls) == 1
        assert many.rowcount == 3
        words = (await connection.execute(text("SELECT word FROM words ORDER BY id"))).scalars()
        assert words.all() == ["x", "y", "z"]


async def test_errors_surface_as_usual_and_the_connection_stays_usable(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as connection:
        driver = await _driver(connection)
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
        assert not syntax.value.connection_invalidated
        await connection.rollback()
        words = (await connection.execute(text("SELECT word FROM words"))).scalars().all()
        assert words == ["once"]  # 'twice' was rolled back with its transaction
        assert await _driver(connection) is driver  # the same connection, not a new one


async def test_a_closed_connection_counts_as_dead_and_is_replaced(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await (await _driver(connection)).close()
        with pytest.raises(DBAPIError) as caught:
            await connection.execute(text("SELECT 1"))
        assert caught.value.connection_invalidated

    async def count() -> int:
        async with engine.connect() as connection:
            return int((await connection.execute(text("SELECT count(*) FROM words"))).scalar_one())

    assert await retry_on_dead_connection(count) == 0


async def test_streaming_reads_from_the_buffer(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO words (word) VALUES (:word)"), [{"word": f"w{n}"} for n in range(5)]
        )
        result = await connection.stream(text("SELECT word FROM words ORDER BY id"))
        batches = [[row.word for row in batch] async for batch in result.partitions(2)]
    assert batches == [["w0", "w1"], ["w2", "w3"], ["w4"]]


@pytest.mark.parametrize(
    "database", [":memory:", "file::memory:?cache=shared&uri=true", "file:{tmp}/words.db?uri=true"]
)
async def test_in_memory_and_uri_urls_use_the_driver_on_a_daemon_thread(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a `file:` name taken literally would show up here
    engine = create_engine("sqlite+aiosqlite:///" + database.format(tmp=tmp_path))
    try:
        async with engine.connect() as connection:
            driver = await _driver(connection)
            assert driver._thread.daemon
            assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await engine.dispose()
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == (["words.db"] if "words" in database else [])
