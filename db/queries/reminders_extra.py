"""Queries the reminder sweep and hook need beyond the db package's own: due counts in bulk.

Written by the reminders work (issue 7) in its own file so it never collides with the query
modules the db package owns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import Learner, ReminderLog, ReviewCard, as_utc


@dataclass(frozen=True, slots=True)
class DueStats:
    """How many of a learner's cards are due now, and when the next one falls due."""

    due: int = 0
    next_due: datetime | None = None


async def due_stats(
    session: AsyncSession, *, learner_ids: Sequence[int], now: datetime
) -> dict[int, DueStats]:
    """Due counts and next due times for many learners in two grouped, indexed queries.

    Learners without cards are absent from the result (treat as `DueStats()`). Both queries use
    the (learner_id, due) index, so a batch of 500 learners costs two index range scans.
    """
    if not learner_ids:
        return {}
    ids = list(learner_ids)
    learner = col(ReviewCard.learner_id)
    due_at = col(ReviewCard.due)
    counts = await session.execute(
        select(learner, func.count()).where(learner.in_(ids), due_at <= now).group_by(learner)
    )
    upcoming = await session.execute(
        select(learner, func.min(due_at)).where(learner.in_(ids), due_at > now).group_by(learner)
    )
    due = {int(learner_id): int(count) for learner_id, count in counts.all()}
    next_due = {int(learner_id): _aware(moment) for learner_id, moment in upcoming.all()}
    return {
        learner_id: DueStats(due.get(learner_id, 0), next_due.get(learner_id))
        for learner_id in set(due) | set(next_due)
    }


def _aware(moment: datetime | str) -> datetime:
    """min() over a UtcDateTime column: SQLite returns text, PostgreSQL an aware datetime."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return as_utc(moment)


def record_reminders_sent(
    session: AsyncSession, *, sent: Sequence[tuple[Learner, int]], now: datetime
) -> None:
    """Record a batch of reminders about to be sent, for learners this transaction has
    claimed (rows locked): last_reminder_at, one more ignored, snooze used up, a log row each.

    The bulk form of `record_reminder_sent`: changes are flushed together (one executemany
    per statement shape) instead of an UPDATE and a flush per learner.
    """
    for learner, _ in sent:
        learner.last_reminder_at = now
        learner.reminders_ignored += 1
        learner.snoozed_until = None
    session.add_all(
        ReminderLog(learner_id=learner.id, sent_at=now, due_count=due_count)
        for learner, due_count in sent
    )
