"""The async engine and session factory built from `DATABASE_URL`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import AsyncAdaptedQueuePool

from db.errors import (
    SUPPORTED_BACKENDS,
    DatabaseUnavailable,
    is_unavailable,
    missing_postgres_object,
    unparseable_url,
    unsupported_backend,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_QUEUE_TIMEOUT_S = 30
PG_CONNECT_TIMEOUT_S = 10


def _normalise(url: str) -> URL:
    """Accept the plain `sqlite:///` and `postgresql://` spellings by picking the async driver.

    A URL that cannot work (unparseable, MySQL or another backend) raises
    `DatabaseMisconfigured` here, before any driver is imported.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise unparseable_url() from error
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise unsupported_backend(parsed.get_backend_name())
    if parsed.drivername in {"sqlite", "sqlite+pysqlite"}:
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif parsed.drivername in {"postgresql", "postgres", "postgresql+psycopg2"}:
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed


def database_location(url: str) -> str:
    """Where the data lives, for people: a SQLite file's full path, else the URL without
    its password."""
    parsed = _normalise(url)
    if parsed.get_backend_name() == "sqlite" and _is_file_database(parsed):
        return str(Path(str(parsed.database)).expanduser().resolve())
    return parsed.render_as_string(hide_password=True)


def _is_file_database(url: URL) -> bool:
    database = url.database
    return bool(database) and database != ":memory:" and not str(database).startswith("file:")


def _ensure_sqlite_folder(url: URL) -> None:
    if _is_file_database(url):
        Path(str(url.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(engine: AsyncEngine, *, foreign_keys: bool) -> None:
    """WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE for every transaction.

    SQLAlchemy's documented recipe for the pysqlite/aiosqlite drivers: the driver's own
    implicit BEGIN is switched off (`isolation_level = None`) and a "begin" event sends ours.
    BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and
    then writes fails at once with SQLITE_BUSY when another writer got there first (the
    busy timeout cannot help it), while an immediate one simply waits its turn.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL is safe in WAL mode against a crashed process; only power loss can undo
        # the last commits.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str, *, foreign_keys: bool = True, echo: bool = False) -> AsyncEngine:
    """Build the async engine for `url` (aiosqlite or asyncpg).

    For SQLite the database file's folder is created. `foreign_keys=False` exists for
    Alembic's batch migrations, which rebuild tables and must not cascade deletes.
    """
    parsed = _normalise(url)
    if parsed.get_backend_name() == "sqlite":
        _ensure_sqlite_folder(parsed)
        # SQLite has one writer at a time and every transaction here takes the write lock,
        # so more connections only busy-wait on each other (SQLite's busy handler polls and
        # is unfair: under load one transaction can starve past the timeout). One pooled
        # connection turns that into a first-come, first-served queue inside the process;
        # the busy timeout still arbitrates between processes (`peacebot remind`).
        queue: dict[str, Any] = {}
        if _is_file_database(parsed):  # an in-memory database has its own static pool
            # Named, not left to the dialect: SQLAlchemy before 2.0.38 gave file databases
            # a NullPool, a new connection (and thread) per transaction and no queue.
            queue = {"poolclass": AsyncAdaptedQueuePool, "pool_size": 1, "max_overflow": 0,
                     "pool_timeout": SQLITE_QUEUE_TIMEOUT_S}
        engine = create_async_engine(parsed, echo=echo, **queue)
        _configure_sqlite(engine, foreign_keys=foreign_keys)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_driver_name() == "asyncpg":
        connect_args["timeout"] = PG_CONNECT_TIMEOUT_S
    # No pool_pre_ping: a ping is a round trip on every checkout (about a quarter of a short
    # transaction's cost). A connection that died meanwhile fails its first statement instead;
    # SQLAlchemy then invalidates the pool and `retry_on_dead_connection` runs the work again.
    engine = create_async_engine(parsed, echo=echo, connect_args=connect_args)
    if parsed.get_driver_name() == "asyncpg":
        _treat_protocol_errors_as_disconnects(engine)
    return engine


def _treat_protocol_errors_as_disconnects(engine: AsyncEngine) -> None:
    """A server-closed connection can surface as asyncpg's InternalClientError: a disconnect.

    When the server's "terminating connection" message arrives while the connection idles in
    the pool, asyncpg's protocol is left mid-operation and the next BEGIN fails with
    "cannot switch to state …; another operation … is in progress", an error SQLAlchemy
    neither wraps nor recognises as a disconnect. Calling it one invalidates the pool and
    raises the usual `DBAPIError(connection_invalidated=True)`, which the retry handles.
    """
    from asyncpg.exceptions import InternalClientError

    @event.listens_for(engine.sync_engine, "handle_error")
    def _on_error(context: ExceptionContext) -> DBAPIError | None:
        original = context.original_exception
        if not isinstance(original, InternalClientError) or context.sqlalchemy_exception:
            return None
        context.is_disconnect = True
        return DBAPIError(
            context.statement, context.parameters, original, connection_invalidated=True
        )


async def retry_on_dead_connection(work: Callable[[], Awaitable[T]], *, attempts: int = 2) -> T:
    """Run `work` (one whole transaction), again on a fresh connection if its connection was dead.

    Safe because the failed attempt was rolled back with its connection; an outage that
    lasts fails the last attempt too, and the caller reports it.
    """
    for attempt in range(1, attempts + 1):
        try:
            return await work()
        except DBAPIError as error:
            if not error.connection_invalidated or attempt == attempts:
                raise
            logger.info("the database connection was gone; retrying on a new one")
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


async def ping(sessions: async_sessionmaker[AsyncSession]) -> None:
    """`SELECT 1` on a pooled connection, as a turn would get one (a dead one is replaced
    first, like a turn's): raises whatever keeps the database from answering."""

    async def once() -> None:
        async with sessions() as session:
            await session.execute(text("SELECT 1"))

    await retry_on_dead_connection(once)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose objects stay readable after commit (the tutor renders after saving)."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def check_connection(engine: AsyncEngine) -> None:
    """Raise `DatabaseUnavailable` with a one-line reason if the database cannot be reached."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        missing = missing_postgres_object(error, user=engine.url.username,
                                          database=engine.url.database)
        if missing is not None:
            raise missing from error
        if is_unavailable(error):
            url = engine.url.render_as_string(hide_password=True)
            raise DatabaseUnavailable(f"cannot reach the database at {url}: {error}") from error
        raise
