"""Telegram quiz polls we sent, so a poll answer (which names only the poll) finds its action."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import SentPoll
from db.queries._common import dialect_name

_INSERTS: dict[str, Callable[[Any], Any]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


async def store_poll(
    session: AsyncSession,
    *,
    poll_id: str,
    learner_id: int,
    chat_id: int,
    answer_actions: Sequence[str],
    now: datetime,
) -> None:
    """Store (or replace) a sent poll's answer actions; the bot saves one after every question.

    A statement built once per backend, run with parameters, and no RETURNING: building the
    upsert and loading the returned row into an ORM object cost more CPU than running it.
    """
    await session.execute(
        _poll_upsert(dialect_name(session)),
        {
            "poll_id": poll_id,
            "learner_id": learner_id,
            "chat_id": chat_id,
            "answer_actions": list(answer_actions),
            "created_at": now,
        },
    )


@cache
def _poll_upsert(dialect: str) -> Any:
    """INSERT INTO sent_polls ... ON CONFLICT (poll_id) DO UPDATE: saving again replaces it."""
    table = SentPoll.__table__  # type: ignore[attr-defined]
    statement = _INSERTS[dialect](table)
    excluded = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=["poll_id"],
        set_={
            name: excluded[name]
            for name in ("learner_id", "chat_id", "answer_actions", "created_at")
        },
    )


async def get_poll(session: AsyncSession, *, poll_id: str) -> SentPoll | None:
    """The poll we sent with this id, or None (unknown, forged or cleaned up)."""
    return await session.get(SentPoll, poll_id, populate_existing=True)


async def delete_polls_before(session: AsyncSession, *, before: datetime) -> int:
    """Forget polls sent before `before` (housekeeping); returns how many."""
    result = await session.execute(delete(SentPoll).where(col(SentPoll.created_at) < before))
    return int(result.rowcount)  # type: ignore[attr-defined]
