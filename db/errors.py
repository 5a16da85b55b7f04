"""Recognising "the database is not there right now", so front ends can say "try again shortly"."""

from __future__ import annotations

import asyncio
import sqlite3

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

_TRANSIENT_SQLITE = ("database is locked", "unable to open database file", "disk i/o error")


class DatabaseUnavailable(Exception):
    """The database could not be reached or is temporarily refusing work."""


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
