"""Recognising "the database is not there right now", so front ends can say "try again shortly"."""

from __future__ import annotations

import asyncio
import re
import sqlite3

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

_TRANSIENT_SQLITE = ("database is locked", "unable to open database file", "disk i/o error")


class DatabaseUnavailable(Exception):
    """The database could not be reached or is temporarily refusing work."""


class DatabaseMisconfigured(Exception):
    """`DATABASE_URL` names something that will never work as it is: the operator must act."""


ACCEPTED_URLS = ("sqlite+aiosqlite:///path/to/peacebot.db or "
                 "postgresql+asyncpg://user:password@host:5432/dbname")
SUPPORTED_BACKENDS = frozenset({"sqlite", "postgresql"})
# PostgreSQL's SQLSTATEs for a role or a database that is not there (asyncpg's `.sqlstate`).
_NO_ROLE, _NO_DATABASE = "28000", "3D000"
_QUOTED = re.compile(r'"([^"]+)"')


def unparseable_url() -> DatabaseMisconfigured:
    return DatabaseMisconfigured(f"DATABASE_URL cannot be parsed; accepted: {ACCEPTED_URLS}")


def unsupported_backend(backend: str) -> DatabaseMisconfigured:
    return DatabaseMisconfigured(
        f"DATABASE_URL: {backend} is not supported: use SQLite or PostgreSQL ({ACCEPTED_URLS})")


def missing_postgres_object(exc: BaseException, *, user: str | None,
                            database: str | None) -> DatabaseMisconfigured | None:
    """A missing role or database, said with the command that creates it; else None."""
    for link in _chain(exc):
        state = getattr(link, "sqlstate", None)
        found = _QUOTED.search(str(link))
        if state == _NO_ROLE and "does not exist" in str(link):
            role = found.group(1) if found else user or "?"
            return DatabaseMisconfigured(
                f'PostgreSQL role "{role}" does not exist: create it with '
                f"`createuser {role}` (or CREATE ROLE \"{role}\" LOGIN)")
        if state == _NO_DATABASE:
            name = found.group(1) if found else database or "?"
            owner = f" -O {user}" if user else ""
            return DatabaseMisconfigured(
                f'PostgreSQL database "{name}" does not exist: create it with '
                f"`createdb{owner} {name}`")
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    """`exc` and every exception it was raised from or during, outermost first."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _one_is_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, DatabaseUnavailable | PoolTimeoutError | ConnectionError):
        return True
    if isinstance(exc, OSError | asyncio.TimeoutError | TimeoutError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError | InterfaceError | sqlite3.OperationalError):
        message = str(exc).lower()
        if isinstance(exc, InterfaceError) or "connect" in message:
            return True
        return any(part in message for part in _TRANSIENT_SQLITE)
    module = type(exc).__module__
    # asyncpg's own errors for a server that is starting, stopping or full.
    return module.startswith("asyncpg") and type(exc).__name__ in {
        "CannotConnectNowError",
        "TooManyConnectionsError",
        "ConnectionDoesNotExistError",
        "ConnectionFailureError",
        "AdminShutdownError",
        "CrashShutdownError",
    }


def is_unavailable(exc: BaseException) -> bool:
    """True when `exc` (or what caused it) means the database is unreachable or busy.

    Such errors are worth a "try again shortly" to the learner rather than a bug report.
    """
    return any(_one_is_unavailable(link) for link in _chain(exc))
