"""Reminder bookkeeping: who is due, claiming them safely, and recording what was sent.

The sweep (bot/tutor/reminder_sweep.py) claims, decides and records a batch in one
transaction and sends only after it committed: `claim_due_reminders` leases each learner by
moving `next_reminder_at` forward, so a second bot instance never picks the same learner;
`record_reminders_sent` writes the log rows. A crash can lose a reminder but never send one
twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import Learner, ReminderLog, ReviewCard, as_utc
from db.queries._common import dialect_name

DEFAULT_LEASE = timedelta(minutes=30)


def _remindable() -> list[ColumnElement[bool]]:
    # Repeats the partial index's condition so both planners use it.
    return [
        col(Learner.next_reminder_at).is_not(None),
        ~col(Learner.blocked),
        ~col(Learner.reminders_paused),
    ]


async def claim_due_reminders(
    session: AsyncSession, *, now: datetime, limit: int = 500, lease: timedelta = DEFAULT_LEASE
) -> list[Learner]:
    """Lease up to `limit` learners whose reminder is due, most overdue first.

    Each claimed learner's `next_reminder_at` becomes `now + lease`; the caller then sets
    the real next time (`schedule_reminder`). On PostgreSQL the rows are picked with
    FOR UPDATE SKIP LOCKED, so concurrent sweeps split the work instead of duplicating it;
    SQLite serialises writers (BEGIN IMMEDIATE), which gives the same guarantee.
    Commit promptly after claiming: the lease is what other instances see.
    """
    picked = (
        select(col(Learner.id))
        .where(*_remindable(), col(Learner.next_reminder_at) <= now)
        .order_by(col(Learner.next_reminder_at))
        .limit(limit)
    )
    if dialect_name(session) == "postgresql":
        picked = picked.with_for_update(skip_locked=True)
    # One statement: pick, lease and return the learners (UPDATE ... RETURNING).
    statement = (
        update(Learner)
        .where(col(Learner.id).in_(picked.scalar_subquery()))
        .values(next_reminder_at=now + lease)
        .returning(Learner)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    claimed = list((await session.execute(statement)).scalars())
    return sorted(claimed, key=lambda learner: learner.id)


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

    Changes are flushed together (one executemany per statement shape), not one UPDATE and
    flush per learner.
    """
    for learner, _ in sent:
        learner.last_reminder_at = now
        learner.reminders_ignored += 1
        learner.snoozed_until = None
    session.add_all(
        ReminderLog(learner_id=learner.id, sent_at=now, due_count=due_count)
        for learner, due_count in sent
    )
