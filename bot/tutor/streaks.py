"""Daily streaks in the learner's own timezone, XP, and the one grace rule.

A day counts when the learner answers at least one question during that calendar day in their
own timezone (UTC until they choose one). The streak is the number of counted days in a row.
Grace rule: the streak is not broken until a whole local day has passed without study, so it
still shows (and can be extended) today if the last counted day was yesterday; a learner who
studied at 23:50 and again at 00:10 has a two-day streak. Missing a whole day resets it to 0.
Only two values are stored (count and last counted day), so the rule is the same everywhere.

Everything here is pure: the caller passes the local date (`timezones.local_day`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

XP_PER_RIGHT_ANSWER = 10


@dataclass(frozen=True, slots=True)
class Streak:
    """What the store keeps: the count and the last counted local day."""

    count: int = 0
    last_day: date | None = None


def record_study(streak: Streak, today: date) -> Streak:
    """The streak after the learner studied on `today` (idempotent within a day)."""
    last = streak.last_day
    if last is not None and last >= today:
        return streak
    if last == today - timedelta(days=1):
        return Streak(streak.count + 1, today)
    return Streak(1, today)


def current(streak: Streak, today: date) -> int:
    """The streak as shown today: alive if the last counted day is today or yesterday."""
    last = streak.last_day
    if last is None or (today - last).days > 1:
        return 0
    return streak.count
