"""Helpers shared by the query modules: dialect-aware INSERT and the active dialect's name."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_name(session: AsyncSession) -> str:
    """ "postgresql" or "sqlite": the few queries that differ ask this."""
    return session.get_bind().dialect.name


def insert(session: AsyncSession, model: Any) -> Any:
    """An INSERT that supports ON CONFLICT on the session's backend (both have it)."""
    if dialect_name(session) == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)
