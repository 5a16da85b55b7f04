"""Claiming due reminders: who gets one now, recorded before anything is sent.

One transaction per batch claims up to `batch` due learners (`claim_due_reminders`: FOR
UPDATE SKIP LOCKED on PostgreSQL, so several instances split the work), asks the policy
whether each may be reminded right now, records the reminders (last_reminder_at, one more
ignored, a reminder_log row) and stores every claimed learner's next reminder time; then it
commits. Only then does the front end send: a crash after the commit loses those reminders
(at most one missed per learner) but never sends anyone the same reminder twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.tutor.reminders import after_sending, next_reminder_at, profile_of, reminder_text
from bot.tutor.replies import Reply
from bot.tutor.streaks import Streak, current
from bot.tutor.timezones import local_day
from db.models import Learner
from db.queries.reminders import (
    DueStats,
    claim_due_reminders,
    due_stats,
    record_reminders_sent,
)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One reminder recorded in the database and waiting to be sent."""

    chat_id: int
    reply: Reply


@dataclass(frozen=True, slots=True)
class ClaimedBatch:
    """One committed batch: how many learners were claimed, and the reminders to send."""

    claimed: int
    outgoing: tuple[Outgoing, ...]
    seconds: float  # spent in the database


async def claim_batch(session: AsyncSession, *, now: datetime, batch: int) -> ClaimedBatch:
    """Claim, decide, record and reschedule one batch in the caller's transaction.

    After the commit every claimed learner's `next_reminder_at` is later than `now` (or
    None), so this instance and every other one moves on to different learners.
    """
    started = time.perf_counter()
    learners = await claim_due_reminders(session, now=now, limit=batch)
    stats = await due_stats(session, learner_ids=[row.id for row in learners], now=now)
    sent: list[tuple[Learner, int]] = []
    outgoing: list[Outgoing] = []
    for learner in learners:
        due = stats.get(learner.id, DueStats())
        reply = _decide(learner, due, now)
        if reply is not None:
            sent.append((learner, due.due))
            outgoing.append(Outgoing(learner.id, reply))
    record_reminders_sent(session, sent=sent, now=now)
    await session.flush()
    return ClaimedBatch(len(learners), tuple(outgoing), time.perf_counter() - started)


def _decide(learner: Learner, stats: DueStats, now: datetime) -> Reply | None:
    """The reminder for `learner` if the policy allows one now. Always stores the next time,
    which is later than `now` (or None), so no learner is claimed twice in one sweep."""
    profile = profile_of(learner)
    when = next_reminder_at(profile, now=now, due_count=stats.due, next_due_at=stats.next_due)
    reply = None
    if when is not None and when <= now:
        profile = after_sending(profile, now=now)
        when = next_reminder_at(profile, now=now, due_count=stats.due, next_due_at=stats.next_due)
        today = local_day(now, profile.timezone)
        reply = reminder_text(stats.due, current(Streak(learner.streak_days,
                                                        learner.last_study_date), today))
    learner.next_reminder_at = when
    return reply
