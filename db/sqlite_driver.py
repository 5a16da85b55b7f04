"""An aiosqlite connection whose cursors run a whole statement in one hand-off.

aiosqlite runs every sqlite3 call on its worker thread, one call per hand-off, and
SQLAlchemy's adapter makes four per statement (open the cursor, execute, fetch, close).
Each hand-off is a future, a queue put and a wake-up of the event loop through its
self-pipe; under load that was a fifth of the bot's CPU. Here the worker thread opens,
executes, fetches and closes in one go and the rows wait in a buffer: one hand-off.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import AsyncIterator, Iterable
from functools import partial
from typing import Any

import aiosqlite

_Outcome = tuple[Any, list[Any], int, int | None]  # description, rows, rowcount, lastrowid


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
        # aiosqlite's own hand-off helper (private, untyped): it checks the connection is open.
        connection = self._connection
        outcome: _Outcome = await connection._execute(  # type: ignore[no-untyped-call]
            _statement, connection._conn, connection.begin_with, method, sql, parameters
        )
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


def _statement(connection: sqlite3.Connection, begin_with: str | None, method: str, sql: str,
               parameters: Any) -> _Outcome:
    """On the worker thread: run one statement to completion and close its cursor.

    Outside a transaction, `begin_with` (say "BEGIN IMMEDIATE") opens one first.
    """
    if begin_with is not None and not connection.in_transaction:
        connection.execute(begin_with)
    cursor = connection.cursor()
    try:
        getattr(cursor, method)(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class BufferedConnection(aiosqlite.Connection):
    """An aiosqlite connection whose `cursor()` is a `BufferedCursor`.

    Unlike aiosqlite's, `cursor()` is not awaitable, only an async context manager,
    which is how SQLAlchemy's adapter opens it.

    With `begin_with` set, the first statement after a commit or rollback also opens the
    transaction, in the same hand-off: no separate round for BEGIN. (sqlite3 itself is
    left in autocommit mode, `isolation_level = None`, so it never begins one on its own.)
    """

    begin_with: str | None = None

    def cursor(self) -> BufferedCursor:  # type: ignore[override]
        return BufferedCursor(self)

    async def rollback(self) -> None:
        """Roll back; with no transaction open, return at once instead of a hand-off.

        SQLAlchemy's pool rolls back every connection it takes back, even one whose
        transaction has just committed: one hand-off in seven of an answer, for nothing.
        Reading the flag here, on the event loop's thread, is safe: nothing runs on this
        connection meanwhile (its calls are awaited one at a time) and SQLAlchemy opens it
        with `check_same_thread=False`.
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
