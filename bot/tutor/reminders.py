"""Reminder policy: when (if ever) a learner should next be nudged to review.

The policy is pure and clock-injected: `next_reminder_at` looks only at a `ReminderProfile` and
the numbers it is given, so tests can walk a fixed clock across days, timezones and DST changes.
`refresh_next_reminder` stores its answer in `learners.next_reminder_at`, which makes the sweep
one indexed query; the sweep asks the policy again when it claims a learner, so a stale stored
value can never send a reminder the rules forbid (quiet hours, studied today, already reminded
today).

Rules, in the learner's own timezone (unknown names fall back to UTC):

* Nothing while paused or blocked, and nothing unless reviews are due: with none due now, the
  earliest moment considered is when the first card falls due.
* One daily slot at `reminder_time` (default 18:00). If that time is inside quiet hours
  (default 22:00-08:00) the slot moves to the end of quiet hours on the same local date, e.g. a
  23:00 choice with 22:00-08:00 quiet hours reminds at 08:00.
* The slot opens a window that lasts until quiet hours begin (or local midnight): a learner whose
  first card falls due at 19:30 is reminded at 19:30, and a sweep that was down at 18:00 still
  sends at 18:40, but never at 22:10 and never the next day for yesterday's slot.
* At most one reminder per local date: no second one on a date that already had one.
* Not on a date the learner already studied (`last_study_date`, a local date).
* Back-off while reminders go unanswered in a row (`reminders_ignored`, reset when the learner
  studies): fewer than 3 ignored -> next day; 3 to 5 -> at least 3 days after the last reminder;
  6 or more -> at least 7 days after it.
* Snooze: a pending `snoozed_until` brings the same reminder back at that moment (outside quiet
  hours; if it lands inside them, at their end). It is exempt from the one-a-day rule and the
  back-off, because the learner asked for it, but not from pause, studied-today or due reviews.
* Local times that do not exist (spring forward) shift forward by the gap; ambiguous local times
  (fall back) mean the first occurrence. Both are zoneinfo's `fold=0` behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.tutor import actions
from bot.tutor.replies import Choice, Reply
from bot.tutor.timezones import zone
from db.models import Learner
from db.queries.reviews import count_due, next_due_at

MINUTES_PER_DAY = 24 * 60
DEFAULT_REMINDER_MINUTE = 18 * 60
DEFAULT_QUIET_START = 22 * 60
DEFAULT_QUIET_END = 8 * 60
SNOOZE = timedelta(hours=1)

# (ignored reminders in a row at least, days from one reminder to the next)
BACKOFF_STEPS: tuple[tuple[int, int], ...] = ((6, 7), (3, 3), (0, 1))
_SEARCH_DAYS = 3


@dataclass(frozen=True, slots=True)
class ReminderProfile:
    """What the policy needs to know about a learner; built from the ORM row by the caller."""

    timezone: str = "UTC"
    reminder_time: int = DEFAULT_REMINDER_MINUTE  # minutes after local midnight
    quiet_start: int = DEFAULT_QUIET_START
    quiet_end: int = DEFAULT_QUIET_END
    paused: bool = False
    blocked: bool = False
    last_study_date: date | None = None  # a date in the learner's timezone
    last_reminder_at: datetime | None = None
    reminders_ignored: int = 0
    snoozed_until: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("reminder_time", "quiet_start", "quiet_end"):
            minute = getattr(self, name)
            if not 0 <= minute < MINUTES_PER_DAY:
                raise ValueError(f"{name} must be minutes after midnight (0-1439), got {minute}")
        for name in ("last_reminder_at", "snoozed_until"):
            _require_aware(getattr(self, name), name)


def backoff_days(ignored: int) -> int:
    """Days required between two reminders after `ignored` unanswered ones in a row."""
    for at_least, days in BACKOFF_STEPS:
        if ignored >= at_least:
            return days
    return 1


def in_quiet_hours(minute: int, quiet_start: int, quiet_end: int) -> bool:
    """Whether a local minute-of-day is quiet; start == end means no quiet hours at all."""
    if quiet_start == quiet_end:
        return False
    if quiet_start < quiet_end:
        return quiet_start <= minute < quiet_end
    return minute >= quiet_start or minute < quiet_end


def slot_minute(profile: ReminderProfile) -> int:
    """The daily reminder minute after moving it out of quiet hours."""
    if in_quiet_hours(profile.reminder_time, profile.quiet_start, profile.quiet_end):
        return profile.quiet_end
    return profile.reminder_time


def local_moment(day: date, minute: int, tz: tzinfo) -> datetime:
    """`day` at `minute` local time, as aware UTC.

    fold=0 picks the first of two ambiguous times and moves a non-existent time forward by the
    length of the gap (02:30 on a spring-forward night becomes 03:30).
    """
    wall = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz)
    return wall.astimezone(UTC)


def next_reminder_at(
    profile: ReminderProfile,
    *,
    now: datetime,
    due_count: int,
    next_due_at: datetime | None = None,
) -> datetime | None:
    """The first moment at or after `now` when a reminder is allowed, or None if never.

    `due_count` is the number of reviews due at `now`; when it is 0, `next_due_at` (the earliest
    future due time, if any) is the earliest moment a reminder could make sense. A result equal
    to `now` means "send now".
    """
    _require_aware(now, "now")
    _require_aware(next_due_at, "next_due_at")
    if profile.paused or profile.blocked:
        return None
    if due_count > 0:
        earliest = now
    elif next_due_at is not None:
        earliest = max(now, next_due_at)
    else:
        return None
    tz = zone(profile.timezone)
    candidates = [
        moment
        for moment in (_snoozed(profile, earliest, tz), _daily(profile, earliest, tz))
        if moment is not None
    ]
    return min(candidates, default=None)


def _daily(profile: ReminderProfile, earliest: datetime, tz: tzinfo) -> datetime | None:
    """The first open daily window at or after `earliest`."""
    first_day = earliest.astimezone(tz).date()
    if profile.last_reminder_at is not None:
        last_day = profile.last_reminder_at.astimezone(tz).date()
        first_day = max(
            first_day, last_day + timedelta(days=backoff_days(profile.reminders_ignored))
        )
    minute = slot_minute(profile)
    # Today's window may have closed and one day may be a study day: three days always suffice.
    for offset in range(_SEARCH_DAYS):
        day = first_day + timedelta(days=offset)
        if day == profile.last_study_date:
            continue
        opens, closes = _window(day, minute, profile, tz)
        start = max(opens, earliest)
        if start < closes:
            return start
    return None


def _window(
    day: date, minute: int, profile: ReminderProfile, tz: tzinfo
) -> tuple[datetime, datetime]:
    """When the daily slot of `day` opens, and when it closes (quiet hours or midnight)."""
    opens = local_moment(day, minute, tz)
    quiet = profile.quiet_start != profile.quiet_end and profile.quiet_start > minute
    closes = (
        local_moment(day, profile.quiet_start, tz)
        if quiet
        else local_moment(day + timedelta(days=1), 0, tz)
    )
    return opens, closes


def _snoozed(profile: ReminderProfile, earliest: datetime, tz: tzinfo) -> datetime | None:
    """When a pending snooze comes back: its time, pushed past quiet hours; never on a day
    the learner has already studied."""
    if profile.snoozed_until is None:
        return None
    moment = max(profile.snoozed_until, earliest)
    local = moment.astimezone(tz)
    minute = local.hour * 60 + local.minute
    if in_quiet_hours(minute, profile.quiet_start, profile.quiet_end):
        day = local.date()
        if minute >= profile.quiet_end:  # quiet hours run past midnight: they end tomorrow
            day += timedelta(days=1)
        moment = local_moment(day, profile.quiet_end, tz)
    if moment.astimezone(tz).date() == profile.last_study_date:
        return None
    return moment


def after_sending(profile: ReminderProfile, *, now: datetime) -> ReminderProfile:
    """The profile once a reminder went out at `now`: one more ignored, snooze used up."""
    return replace(
        profile,
        last_reminder_at=now,
        reminders_ignored=profile.reminders_ignored + 1,
        snoozed_until=None,
    )


def _require_aware(moment: datetime | None, name: str) -> None:
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {moment!r}")


def reminder_text(due_count: int, streak_days: int) -> Reply:
    """The reminder itself: how much is due, what streak is at stake, and three buttons."""
    reviews = "1 review is" if due_count == 1 else f"{due_count} reviews are"
    if streak_days > 0:
        days = "1-day" if streak_days == 1 else f"{streak_days}-day"
        stake = f"Your {days} streak is at stake: one review today keeps it going."
    else:
        stake = "A few minutes today starts a new streak."
    return Reply(
        title="Time to review",
        text=f"{reviews} due. {stake}",
        choices=(
            (Choice("Review now", actions.quiz(actions.REVIEW)),),
            (Choice("Snooze 1 hour", actions.SNOOZE_REMINDER),
             Choice("Pause reminders", actions.PAUSE_REMINDERS)),
        ),
    )


def profile_of(learner: Learner) -> ReminderProfile:
    """The policy's view of a learner row; minutes out of range wrap instead of failing a sweep."""
    return ReminderProfile(
        timezone=learner.timezone,
        reminder_time=learner.reminder_time % MINUTES_PER_DAY,
        quiet_start=learner.quiet_start % MINUTES_PER_DAY,
        quiet_end=learner.quiet_end % MINUTES_PER_DAY,
        paused=learner.reminders_paused,
        blocked=learner.blocked,
        last_study_date=learner.last_study_date,
        last_reminder_at=learner.last_reminder_at,
        reminders_ignored=learner.reminders_ignored,
        snoozed_until=learner.snoozed_until,
    )


def came_back(learner: Learner) -> bool:
    """Whether the learner studied on or after the local day of their last reminder."""
    if learner.last_study_date is None or learner.last_reminder_at is None:
        return False
    reminded = learner.last_reminder_at.astimezone(zone(learner.timezone)).date()
    return learner.last_study_date >= reminded


async def refresh_next_reminder(session: AsyncSession, *, learner: Learner, now: datetime,
                                due_now: int | None = None) -> None:
    """Recompute and store `learner.next_reminder_at`; the tutor calls this inside its own
    transaction after an answer or a settings change (never commits).

    Expects `last_study_date` to be up to date already. Studying after a reminder ends the
    back-off (`reminders_ignored` back to 0) and any pending snooze. `due_now`, if the
    caller has just counted the cards due at `now`, saves counting them again.
    """
    if came_back(learner) and (learner.reminders_ignored or learner.snoozed_until):
        learner.reminders_ignored = 0
        learner.snoozed_until = None
    due = due_now if due_now is not None else await count_due(
        session, learner_id=learner.id, now=now)
    upcoming = None if due else await next_due_at(session, learner_id=learner.id)
    learner.next_reminder_at = next_reminder_at(
        profile_of(learner), now=now, due_count=due, next_due_at=upcoming
    )
    session.add(learner)
