"""Telegram quiz polls we sent, so a poll answer (which names only the poll) finds its action."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import SentPoll
from db.queries._common import dialect_name, load_by_id

_INSERTS: dict[str, Callable[[Any], Any]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


@dataclass(frozen=True, slots=True)
class NewPoll:
    """A poll Telegram accepted, as `store_polls` writes it."""

    poll_id: str
    learner_id: int
    chat_id: int
    answer_actions: Sequence[str]
    created_at: datetime


async def store_polls(session: AsyncSession, polls: Sequence[NewPoll]) -> None:
    """Store (or replace) sent polls' answer actions, all with one prebuilt upsert.

    Built once per backend, run with parameters (executemany for several), no RETURNING:
    building the upsert and loading returned rows cost more CPU than running it.
    """
    if not polls:
        return
    await session.execute(
        _poll_upsert(dialect_name(session)),
        [
            {
                "poll_id": poll.poll_id,
                "learner_id": poll.learner_id,
                "chat_id": poll.chat_id,
                "answer_actions": list(poll.answer_actions),
                "created_at": poll.created_at,
            }
            for poll in polls
        ],
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
    return await load_by_id(session, SentPoll, poll_id)


async def delete_polls_before(session: AsyncSession, *, before: datetime) -> int:
    """Forget polls sent before `before` (housekeeping); returns how many."""
    result = await session.execute(delete(SentPoll).where(col(SentPoll.created_at) < before))
    return int(result.rowcount)  # type: ignore[attr-defined]
