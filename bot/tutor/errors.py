"""Telling "the store is away for now" from a bug, for front ends that never see the database."""

from __future__ import annotations

from db.errors import is_unavailable


def is_store_unavailable(error: BaseException) -> bool:
    """True when `error` (or what caused it) means the database is unreachable or busy: worth
    a "try again shortly" to the learner rather than a bug report."""
    return is_unavailable(error)
