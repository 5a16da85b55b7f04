"""What the reminder's own buttons do: snooze it for an hour, or pause reminders.

"Review now" is the tutor's ordinary review action; these two (`actions.SnoozeReminder`,
`actions.PauseReminders`) are reminder-only, so the tutor's `press` hands them here. Both run
inside the caller's transaction and never commit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.tutor import actions
from bot.tutor.reminders import SNOOZE, refresh_next_reminder
from bot.tutor.replies import Choice, Reply, ReplyKind
from bot.tutor.timezones import zone
from db.models import Learner


async def snooze(session: AsyncSession, *, learner: Learner, now: datetime) -> Reply:
    """Bring the reminder back in an hour (later if that falls in quiet hours).

    The snoozed reminder was answered, not ignored, so it does not count toward the back-off;
    the re-sent one counts once if it is ignored in turn.
    """
    if learner.reminders_paused:
        return Reply(
            text="Reminders are paused; turn them back on in Settings.",
            kind=ReplyKind.NOTICE,
            choices=((Choice("Settings", actions.setting()),),),
        )
    learner.snoozed_until = now + SNOOZE
    learner.reminders_ignored = max(0, learner.reminders_ignored - 1)
    await refresh_next_reminder(session, learner=learner, now=now)
    when = learner.next_reminder_at
    if when is None:
        return Reply(text="Nothing is due, so there is nothing to snooze.", kind=ReplyKind.NOTICE)
    local = when.astimezone(zone(learner.timezone))
    return Reply(text=f"Snoozed. I will remind you again at {local:%H:%M}.", kind=ReplyKind.NOTICE)


async def pause(session: AsyncSession, *, learner: Learner, now: datetime) -> Reply:
    """Stop reminders until the learner turns them back on in Settings."""
    learner.reminders_paused = True
    learner.snoozed_until = None
    await refresh_next_reminder(session, learner=learner, now=now)
    return Reply(
        text="Reminders paused. You can turn them back on any time in Settings.",
        kind=ReplyKind.NOTICE,
        choices=((Choice("Settings", actions.setting()),),),
    )
