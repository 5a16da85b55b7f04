"""Reminder bookkeeping: who is due, claiming them safely, and recording what was sent.

The sweep is: `claim_due_reminders` (commit) → decide → `record_reminder_sent` (commit)
→ send. Claiming leases the learner by moving `next_reminder_at` forward, so a second
bot instance never picks the same learner, and a crash before recording just retries
after the lease. Recording before sending means a crash can lose a reminder but never
send one twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import Learner, ReminderLog
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


async def count_due_reminders(session: AsyncSession, *, now: datetime) -> int:
    """How many learners are due for a reminder (monitoring; the sweep uses claim)."""
    statement = select(func.count()).where(*_remindable(), col(Learner.next_reminder_at) <= now)
    return int((await session.execute(statement)).scalar_one())


async def schedule_reminder(
    session: AsyncSession, *, learner_id: int, next_at: datetime | None
) -> None:
    """Set when the learner should next be considered for a reminder (None: never)."""
    await session.execute(
        update(Learner).where(col(Learner.id) == learner_id).values(next_reminder_at=next_at)
    )


async def record_reminder_sent(
    session: AsyncSession, *, learner_id: int, sent_at: datetime, due_count: int
) -> ReminderLog:
    """Record a reminder about to be sent: log row, last_reminder_at, one more ignored.

    The tutor resets `reminders_ignored` to 0 when the learner next studies.
    """
    await session.execute(
        update(Learner)
        .where(col(Learner.id) == learner_id)
        .values(last_reminder_at=sent_at, reminders_ignored=col(Learner.reminders_ignored) + 1)
    )
    entry = ReminderLog(learner_id=learner_id, sent_at=sent_at, due_count=due_count)
    session.add(entry)
    await session.flush()
    return entry


async def reminders_sent_since(session: AsyncSession, *, learner_id: int, since: datetime) -> int:
    """How many reminders the learner was sent since `since` (the once-a-day rule)."""
    statement = select(func.count()).where(
        col(ReminderLog.learner_id) == learner_id, col(ReminderLog.sent_at) >= since
    )
    return int((await session.execute(statement)).scalar_one())
