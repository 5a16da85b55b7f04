"""Telegram quiz polls we sent, so a poll answer (which names only the poll) finds its action."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import SentPoll
from db.queries._common import insert


async def save_poll(
    session: AsyncSession,
    *,
    poll_id: str,
    learner_id: int,
    chat_id: int,
    answer_actions: Sequence[str],
    now: datetime,
) -> SentPoll:
    """Remember which tutor action each poll option stands for (saving it again replaces it).

    One INSERT ... ON CONFLICT DO UPDATE ... RETURNING: a poll is saved after every quiz
    question sent, and `merge` would SELECT first (benchmarks/bot_throughput.py).
    """
    values = {
        "learner_id": learner_id,
        "chat_id": chat_id,
        "answer_actions": list(answer_actions),
        "created_at": now,
    }
    statement = (
        insert(session, SentPoll)
        .values(poll_id=poll_id, **values)
        .on_conflict_do_update(index_elements=["poll_id"], set_=values)
        .returning(SentPoll)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(statement)).one()  # type: ignore[no-any-return]


async def get_poll(session: AsyncSession, *, poll_id: str) -> SentPoll | None:
    """The poll we sent with this id, or None (unknown, forged or cleaned up)."""
    return await session.get(SentPoll, poll_id, populate_existing=True)


async def delete_polls_before(session: AsyncSession, *, before: datetime) -> int:
    """Forget polls sent before `before` (housekeeping); returns how many."""
    result = await session.execute(delete(SentPoll).where(col(SentPoll.created_at) < before))
    return int(result.rowcount)  # type: ignore[attr-defined]
