"""Telegram quiz polls we sent, so a poll answer (which names only the poll) finds its action."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import SentPoll


async def save_poll(
    session: AsyncSession,
    *,
    poll_id: str,
    learner_id: int,
    chat_id: int,
    answer_actions: Sequence[str],
    now: datetime,
) -> SentPoll:
    """Remember which tutor action each poll option stands for."""
    poll = SentPoll(
        poll_id=poll_id,
        learner_id=learner_id,
        chat_id=chat_id,
        answer_actions=list(answer_actions),
        created_at=now,
    )
    poll = await session.merge(poll)
    await session.flush()
    return poll


async def get_poll(session: AsyncSession, *, poll_id: str) -> SentPoll | None:
    """The poll we sent with this id, or None (unknown, forged or cleaned up)."""
    return await session.get(SentPoll, poll_id, populate_existing=True)


async def delete_polls_before(session: AsyncSession, *, before: datetime) -> int:
    """Forget polls sent before `before` (housekeeping); returns how many."""
    result = await session.execute(delete(SentPoll).where(col(SentPoll.created_at) < before))
    return int(result.rowcount)  # type: ignore[attr-defined]
