"""What the reminder's own buttons do: snooze it for an hour, or pause reminders.

"Review now" is the tutor's ordinary review action (`rv`); these two are reminder-only, so they
live here and the tutor's `press` dispatches `SNOOZE_ACTION` / `PAUSE_ACTION` to them. Both run
inside the caller's transaction and never commit.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.tutor.reminders import (
    PAUSE_ACTION,
    SNOOZE,
    SNOOZE_ACTION,
    profile_of,
    refresh_next_reminder,
    zone,
)
from bot.tutor.replies import Choice, Reply, ReplyKind
from db.models import Learner

logger = logging.getLogger(__name__)

REMINDER_ACTIONS = frozenset({SNOOZE_ACTION, PAUSE_ACTION})


async def press_reminder_button(
    session: AsyncSession, *, learner: Learner, action: str, now: datetime
) -> Reply | None:
    """Handle a reminder button; None when `action` is not one of them (the caller goes on)."""
    if action == SNOOZE_ACTION:
        return await snooze(session, learner=learner, now=now)
    if action == PAUSE_ACTION:
        return await pause(session, learner=learner, now=now)
    return None


async def snooze(session: AsyncSession, *, learner: Learner, now: datetime) -> Reply:
    """Bring the reminder back in an hour (later if that falls in quiet hours).

    The snoozed reminder was answered, not ignored, so it does not count toward the back-off;
    the re-sent one counts once if it is ignored in turn.
    """
    if learner.reminders_paused:
        return Reply(
            text="Reminders are paused; turn them back on in Settings.",
            kind=ReplyKind.NOTICE,
            choices=((Choice("Settings", "s"),),),
        )
    learner.snoozed_until = now + SNOOZE
    learner.reminders_ignored = max(0, learner.reminders_ignored - 1)
    await refresh_next_reminder(session, learner=learner, now=now)
    when = learner.next_reminder_at
    if when is None:
        return Reply(text="Nothing is due, so there is nothing to snooze.", kind=ReplyKind.NOTICE)
    local = when.astimezone(zone(profile_of(learner).timezone))
    return Reply(text=f"Snoozed. I will remind you again at {local:%H:%M}.", kind=ReplyKind.NOTICE)


async def pause(session: AsyncSession, *, learner: Learner, now: datetime) -> Reply:
    """Stop reminders until the learner turns them back on in Settings."""
    learner.reminders_paused = True
    learner.snoozed_until = None
    await refresh_next_reminder(session, learner=learner, now=now)
    return Reply(
        text="Reminders paused. You can turn them back on any time in Settings.",
        kind=ReplyKind.NOTICE,
        choices=((Choice("Settings", "s"),),),
    )
