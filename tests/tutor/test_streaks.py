"""Streaks in the learner's timezone: midnight, the "today or yesterday" grace, resets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.tutor import Tutor
from bot.tutor.settings import COMMON_ZONES
from bot.tutor.streaks import Streak, current, record_study
from bot.tutor.timezones import local_day
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, progress, question, right

D = date(2026, 3, 2)


def test_record_and_show() -> None:
    streak = record_study(Streak(), D)
    assert streak == Streak(1, D)
    assert record_study(streak, D) == streak  # twice a day counts once
    two = record_study(streak, D + timedelta(days=1))
    assert two.count == 2
    assert current(two, D + timedelta(days=2)) == 2  # yesterday counts: still alive today
    assert current(two, D + timedelta(days=3)) == 0  # a whole day missed: broken
    assert record_study(two, D + timedelta(days=3)) == Streak(1, D + timedelta(days=3))
    assert current(Streak(), D) == 0


def test_local_day_across_zones() -> None:
    moment = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    assert local_day(moment, "Pacific/Kiritimati") == date(2026, 3, 3)  # UTC+14
    assert local_day(moment, "Etc/GMT+12") == date(2026, 3, 1)  # UTC-12
    assert local_day(moment, "Not/AZone") == date(2026, 3, 2)  # unknown: UTC


async def _answer_one(tutor: Tutor, now: datetime) -> None:
    """Answer one question (a quiz on lesson 2) at `now`."""
    replies = await tutor.command(ALICE, "quiz", "2", now)
    if replies[0].question is None:  # an active quiz: start anew
        replies = await tutor.press(ALICE, button(replies, "Start new"), now)
    await tutor.press(ALICE, right(question(replies)), now)


async def _set_zone(tutor: Tutor, name: str) -> None:
    await tutor.command(ALICE, "settings", "", T0)
    await tutor.press(ALICE, f"s:tz:{COMMON_ZONES.index(name)}", T0)


async def test_midnight_in_learner_zone_not_utc(tutor: Tutor) -> None:
    """23:50 and 00:10 in New York are two local days, though the same UTC date."""
    await _set_zone(tutor, "America/New_York")
    zone = ZoneInfo("America/New_York")
    before = datetime(2026, 3, 10, 23, 50, tzinfo=zone)
    after = datetime(2026, 3, 11, 0, 10, tzinfo=zone)
    assert before.astimezone(UTC).date() == after.astimezone(UTC).date()
    await _answer_one(tutor, before)
    await _answer_one(tutor, after)
    report = await progress(tutor, ALICE, after)
    assert report.streak == 2
    # the next local evening the streak still shows (studied yesterday)
    assert (await progress(tutor, ALICE, after + timedelta(hours=20))).streak == 2
    # two local days later without study it is gone
    assert (await progress(tutor, ALICE, after + timedelta(days=2))).streak == 0
    await _answer_one(tutor, after + timedelta(days=2))
    report = await progress(tutor, ALICE, after + timedelta(days=2))
    assert report.streak == 1 and report.best_streak == 2


async def test_same_utc_moments_count_differently_in_utc(tutor: Tutor) -> None:
    """The same two moments for a UTC learner fall on one day: streak 1."""
    zone = ZoneInfo("America/New_York")
    await _answer_one(tutor, datetime(2026, 3, 10, 23, 50, tzinfo=zone))
    await _answer_one(tutor, datetime(2026, 3, 11, 0, 10, tzinfo=zone))
    report = await progress(tutor, ALICE, datetime(2026, 3, 11, 1, 0, tzinfo=zone))
    assert report.streak == 1
