"""An aiosqlite connection whose cursors run a whole statement in one hand-off, or in none.

aiosqlite runs every sqlite3 call on its worker thread, one call per hand-off, and
SQLAlchemy's adapter makes four per statement (open the cursor, execute, fetch, close).
Each hand-off is a future, a queue put and a wake-up of the event loop through its
self-pipe; under load that was a fifth of the bot's CPU. Here the worker thread opens,
executes, fetches and closes in one go and the rows wait in a buffer: one hand-off.

Once a transaction holds SQLite's write lock (every transaction here begins with BEGIN
IMMEDIATE), a statement known to be quick runs on the event loop's own thread instead.
With the lock held, in WAL mode, a statement waits for nobody: all that is left is its own
work, an indexed step of a few dozen microseconds, less than a hand-off costs. More, every
other learner's transaction is queued behind this one (one connection, one writer), and
each hand-off made it wait for a turn of the busy event loop as well. "Known to be quick"
is measured: a statement runs inline only when the same SQL took under `INLINE_LIMIT_S`
the last time it ran on this connection. So the first run of any statement, the first
statement of a transaction (it may wait for the lock) and COMMIT (it may checkpoint the
WAL) are on the worker thread, and a statement that turned out slow goes back there: a
slow query still does not stall the other learners (DESIGN), beyond a run that was quick
before. Under load this cut an answer from six hand-offs to two (benchmarks/).
"""

from __future__ import annotations

import sqlite3
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable
from functools import partial
from typing import Any

import aiosqlite

_Outcome = tuple[Any, list[Any], int, int | None]  # description, rows, rowcount, lastrowid

# A statement that last ran in less than this may run on the event loop's thread (see above).
INLINE_LIMIT_S = 0.0005
# How many statements' last durations a connection keeps; then it starts over.
_TIMINGS_KEPT = 1024


class BufferedCursor:
    """A cursor that has all its rows by the time `execute` returns.

    SQLAlchemy's adapter fetches every row right after executing anyway, so fetching them
    on the worker thread loses nothing, and fetching and closing then need no hand-off.
    `stream()` (the adapter's server-side cursor) reads this buffer too, so it holds the
    whole result in memory; nothing in the bot streams.
    """

    def __init__(self, connection: BufferedConnection) -> None:
        self._connection = connection
        self._rows: deque[Any] = deque()
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self.arraysize = 1

    async def execute(self, sql: str, parameters: Any = ()) -> BufferedCursor:
        return await self._run("execute", sql, parameters)

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> BufferedCursor:
        return await self._run("executemany", sql, parameters)

    async def _run(self, method: str, sql: str, parameters: Any) -> BufferedCursor:
        connection = self._connection
        raw = connection.inline_target(sql)
        if raw is not None:
            started = connection.clock()
            outcome = _execute(raw, method, sql, parameters)
            connection.timed(sql, connection.clock() - started)
        else:
            # aiosqlite's own hand-off helper (private, untyped): it checks the connection is open.
            outcome, seconds = await connection._execute(  # type: ignore[no-untyped-call]
                _begin_and_execute, connection._conn, connection.begin_with, connection.clock,
                method, sql, parameters,
            )
            connection.timed(sql, seconds)
        self.description, rows, self.rowcount, self.lastrowid = outcome
        self._rows = deque(rows)
        return self

    async def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = min(self.arraysize if size is None else size, len(self._rows))
        return [self._rows.popleft() for _ in range(count)]

    async def fetchall(self) -> list[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    async def __aiter__(self) -> AsyncIterator[Any]:
        while self._rows:
            yield self._rows.popleft()

    async def close(self) -> None:
        """Nothing to do: the sqlite3 cursor was closed with its statement."""

    async def __aenter__(self) -> BufferedCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        return None


def _begin_and_execute(connection: sqlite3.Connection, begin_with: str | None,
                       clock: Callable[[], float], method: str, sql: str,
                       parameters: Any) -> tuple[_Outcome, float]:
    """On the worker thread: open a transaction if none is (`begin_with`, say "BEGIN
    IMMEDIATE"), then run one statement; with the seconds it took, waiting for BEGIN apart."""
    if begin_with is not None and not connection.in_transaction:
        connection.execute(begin_with)
    started = clock()
    outcome = _execute(connection, method, sql, parameters)
    return outcome, clock() - started


def _execute(connection: sqlite3.Connection, method: str, sql: str,
             parameters: Any) -> _Outcome:
    """Run one statement to completion and close its cursor."""
    cursor = connection.cursor()
    try:
        getattr(cursor, method)(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


_WRITE_LOCKING_BEGINS = frozenset({"BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"})


class BufferedConnection(aiosqlite.Connection):
    """An aiosqlite connection whose `cursor()` is a `BufferedCursor`.

    Unlike aiosqlite's, `cursor()` is not awaitable, only an async context manager,
    which is how SQLAlchemy's adapter opens it.

    With `begin_with` set, the first statement after a commit or rollback also opens the
    transaction, in the same hand-off: no separate round for BEGIN. (sqlite3 itself is
    left in autocommit mode, `isolation_level = None`, so it never begins one on its own.)
    Only a `begin_with` that takes the write lock (BEGIN IMMEDIATE or EXCLUSIVE) lets
    quick statements run inline (module docstring).
    """

    begin_with: str | None = None
    clock: Callable[[], float] = staticmethod(time.perf_counter)  # tests bring their own

    def __init__(self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int) -> None:
        super().__init__(connector, iter_chunk_size)
        self._last_seconds: dict[str, float] = {}

    def cursor(self) -> BufferedCursor:  # type: ignore[override]
        return BufferedCursor(self)

    def inline_target(self, sql: str) -> sqlite3.Connection | None:
        """The sqlite3 connection, when `sql` may run on this thread now; else None.

        Reading `in_transaction` here is safe: nothing runs on this connection meanwhile
        (its calls are awaited one at a time) and SQLAlchemy opens it with
        `check_same_thread=False`.
        """
        raw = self._connection
        if (raw is None or not self._running or not raw.in_transaction
                or self.begin_with not in _WRITE_LOCKING_BEGINS):
            return None
        last = self._last_seconds.get(sql)
        return raw if last is not None and last < INLINE_LIMIT_S else None

    def timed(self, sql: str, seconds: float) -> None:
        """Remember how long `sql` took (the set of statements is small; bound it anyway)."""
        if len(self._last_seconds) >= _TIMINGS_KEPT and sql not in self._last_seconds:
            self._last_seconds.clear()
        self._last_seconds[sql] = seconds

    async def rollback(self) -> None:
        """Roll back; with no transaction open, return at once instead of a hand-off.

        SQLAlchemy's pool rolls back every connection it takes back, even one whose
        transaction has just committed: a hand-off per transaction, for nothing. (The flag
        is read on this thread as in `inline_target`.)
        """
        connection = self._connection
        if connection is not None and self._running and not connection.in_transaction:
            return
        await super().rollback()


async def connect(database: str, **kwargs: Any) -> BufferedConnection:
    """Open `sqlite3.connect(database, **kwargs)` on a new worker thread.

    The thread is a daemon, as SQLAlchemy makes aiosqlite's own: a connection nobody
    closed must not keep the process from exiting.
    """
    connection = BufferedConnection(partial(sqlite3.connect, database, **kwargs), 64)
    connection._thread.daemon = True
    await connection
    return connection
