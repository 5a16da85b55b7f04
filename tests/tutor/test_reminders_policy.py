"""The reminder policy on a fixed clock: days, timezones, DST, quiet hours, back-off, snooze."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.tutor import actions as grammar
from bot.tutor.reminders import (
    ReminderProfile,
    after_sending,
    backoff_days,
    in_quiet_hours,
    next_reminder_at,
    reminder_text,
)

DAY = date(2026, 11, 26)


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def is_due_now(profile: ReminderProfile, *, now: datetime, due_count: int) -> bool:
    """What the sweep asks the policy when it claims a learner: may a reminder go now?"""
    moment = next_reminder_at(profile, now=now, due_count=due_count)
    return moment is not None and moment <= now


def local(zone: str, day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone), fold=fold)
    return wall.astimezone(UTC)


def due_now(profile: ReminderProfile, now: datetime) -> datetime | None:
    return next_reminder_at(profile, now=now, due_count=3)


def test_default_slot_is_18_utc() -> None:
    assert due_now(ReminderProfile(), utc(DAY, 10)) == utc(DAY, 18)


def test_window_stays_open_until_quiet_hours() -> None:
    profile = ReminderProfile()
    assert due_now(profile, utc(DAY, 18, 40)) == utc(DAY, 18, 40)
    assert due_now(profile, utc(DAY, 21, 59)) == utc(DAY, 21, 59)
    assert due_now(profile, utc(DAY, 22, 0)) == utc(DAY + timedelta(days=1), 18)
    assert due_now(profile, utc(DAY, 3)) == utc(DAY, 18)


def test_nothing_due_waits_for_the_first_due_card() -> None:
    profile = ReminderProfile()
    now = utc(DAY, 10)
    assert next_reminder_at(profile, now=now, due_count=0) is None
    later_today = utc(DAY, 19, 30)
    assert next_reminder_at(profile, now=now, due_count=0, next_due_at=later_today) == later_today
    tomorrow_night = utc(DAY + timedelta(days=1), 23)
    assert next_reminder_at(profile, now=now, due_count=0, next_due_at=tomorrow_night) == utc(
        DAY + timedelta(days=2), 18
    )
    early = utc(DAY, 9)  # a card already due but counted as 0 elsewhere: never before now
    assert next_reminder_at(profile, now=now, due_count=0, next_due_at=early) == utc(DAY, 18)


def test_paused_and_blocked_get_nothing() -> None:
    assert due_now(ReminderProfile(paused=True), utc(DAY, 10)) is None
    assert due_now(ReminderProfile(blocked=True), utc(DAY, 10)) is None


def test_studied_today_moves_to_tomorrow() -> None:
    profile = ReminderProfile(last_study_date=DAY)
    assert due_now(profile, utc(DAY, 10)) == utc(DAY + timedelta(days=1), 18)
    yesterday = ReminderProfile(last_study_date=DAY - timedelta(days=1))
    assert due_now(yesterday, utc(DAY, 10)) == utc(DAY, 18)


def test_studied_today_uses_the_local_date() -> None:
    # 02:00 UTC on the 27th is still the 26th in New York (21:00 EST).
    profile = ReminderProfile(timezone="America/New_York", last_study_date=DAY)
    now = utc(DAY + timedelta(days=1), 2)
    assert due_now(profile, now) == local("America/New_York", DAY + timedelta(days=1), 18)


def test_at_most_one_a_day() -> None:
    profile = after_sending(ReminderProfile(), now=utc(DAY, 18))
    assert due_now(profile, utc(DAY, 18, 1)) == utc(DAY + timedelta(days=1), 18)
    assert not is_due_now(profile, now=utc(DAY, 20), due_count=5)


@pytest.mark.parametrize(
    ("ignored", "days"), [(0, 1), (1, 1), (2, 1), (3, 3), (5, 3), (6, 7), (40, 7)]
)
def test_back_off_after_ignored_reminders(ignored: int, days: int) -> None:
    assert backoff_days(ignored) == days
    profile = ReminderProfile(last_reminder_at=utc(DAY, 18), reminders_ignored=ignored)
    assert due_now(profile, utc(DAY, 18, 5)) == utc(DAY + timedelta(days=days), 18)


def test_back_off_resets_when_the_learner_comes_back() -> None:
    ignored = ReminderProfile(last_reminder_at=utc(DAY, 18), reminders_ignored=7)
    came_back = replace(ignored, reminders_ignored=0, last_study_date=DAY + timedelta(days=1))
    now = utc(DAY + timedelta(days=1), 19)
    assert due_now(ignored, now) == utc(DAY + timedelta(days=7), 18)
    assert due_now(came_back, now) == utc(DAY + timedelta(days=2), 18)


def test_ignoring_everything_for_a_month_follows_the_back_off() -> None:
    profile = ReminderProfile()
    sent = simulate(profile, start=utc(DAY, 0), days=40)
    gaps = [(b - a).days for a, b in zip(sent, sent[1:], strict=False)]
    assert gaps[:8] == [1, 1, 3, 3, 3, 7, 7, 7]
    assert all(moment.hour == 18 and moment.minute == 0 for moment in sent)


@pytest.mark.parametrize(
    ("minute", "start", "end", "quiet"),
    [
        (22 * 60, 22 * 60, 8 * 60, True),
        (7 * 60 + 59, 22 * 60, 8 * 60, True),
        (8 * 60, 22 * 60, 8 * 60, False),
        (13 * 60, 13 * 60, 15 * 60, True),
        (15 * 60, 13 * 60, 15 * 60, False),
        (3 * 60, 9 * 60, 9 * 60, False),
    ],
)
def test_quiet_hours(minute: int, start: int, end: int, quiet: bool) -> None:
    assert in_quiet_hours(minute, start, end) is quiet


def test_reminder_time_in_quiet_hours_moves_to_their_end() -> None:
    late = ReminderProfile(reminder_time=23 * 60)
    assert due_now(late, utc(DAY, 2)) == utc(DAY, 8)
    assert due_now(late, utc(DAY, 12)) == utc(DAY, 12)  # the 08:00 window is still open
    midday = ReminderProfile(reminder_time=14 * 60, quiet_start=13 * 60, quiet_end=15 * 60)
    assert due_now(midday, utc(DAY, 10)) == utc(DAY, 15)


def test_no_quiet_hours_lets_the_window_run_to_midnight() -> None:
    profile = ReminderProfile(reminder_time=23 * 60 + 30, quiet_start=0, quiet_end=0)
    assert due_now(profile, utc(DAY, 10)) == utc(DAY, 23, 30)
    assert due_now(profile, utc(DAY, 23, 59)) == utc(DAY, 23, 59)


def test_snooze_brings_the_same_reminder_back_in_an_hour() -> None:
    sent = after_sending(ReminderProfile(), now=utc(DAY, 18))
    snoozed = replace(sent, snoozed_until=utc(DAY, 19))
    assert due_now(snoozed, utc(DAY, 18, 1)) == utc(DAY, 19)
    assert is_due_now(snoozed, now=utc(DAY, 19), due_count=1)
    again = after_sending(snoozed, now=utc(DAY, 19))
    assert again.snoozed_until is None
    assert due_now(again, utc(DAY, 19, 1)) == utc(DAY + timedelta(days=1), 18)


def test_snooze_into_quiet_hours_waits_for_their_end() -> None:
    snoozed = replace(
        after_sending(ReminderProfile(), now=utc(DAY, 21, 30)), snoozed_until=utc(DAY, 22, 30)
    )
    assert due_now(snoozed, utc(DAY, 21, 31)) == utc(DAY + timedelta(days=1), 8)


def test_snooze_does_not_override_pause_or_study() -> None:
    snoozed = replace(ReminderProfile(last_reminder_at=utc(DAY, 18)), snoozed_until=utc(DAY, 19))
    assert due_now(replace(snoozed, paused=True), utc(DAY, 18, 1)) is None
    studied = replace(snoozed, last_study_date=DAY)
    assert due_now(studied, utc(DAY, 18, 1)) == utc(DAY + timedelta(days=1), 18)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Pacific/Kiritimati", datetime(2026, 11, 26, 4, 0, tzinfo=UTC)),  # UTC+14
        ("Etc/GMT+12", datetime(2026, 11, 26, 6, 0, tzinfo=UTC)),  # UTC-12
        ("Asia/Kolkata", datetime(2026, 11, 26, 12, 30, tzinfo=UTC)),  # UTC+5:30
    ],
)
def test_extreme_timezones(zone: str, expected: datetime) -> None:
    # 00:00 UTC on the 26th: already 14:00 on the 26th in Kiritimati, noon on the 25th at UTC-12.
    assert due_now(ReminderProfile(timezone=zone), utc(DAY, 0)) == expected
    assert expected.astimezone(ZoneInfo(zone)).hour == 18


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12", "UTC", "Asia/Kolkata"])
def test_a_week_at_the_edges_of_the_world(zone: str) -> None:
    profile = ReminderProfile(timezone=zone)
    sent = simulate(profile, start=utc(DAY, 0), days=7, answer=True)
    local_days = [moment.astimezone(ZoneInfo(zone)).date() for moment in sent]
    assert len(local_days) == len(set(local_days)) >= 6
    assert all(moment.astimezone(ZoneInfo(zone)).hour == 18 for moment in sent)


def test_timezone_edit_recomputes() -> None:
    now = utc(DAY, 10)
    berlin = ReminderProfile(timezone="Europe/Berlin")
    assert due_now(berlin, now) == utc(DAY, 17)
    assert due_now(replace(berlin, timezone="America/New_York"), now) == utc(DAY, 23)


def test_unknown_timezone_means_utc() -> None:
    assert due_now(ReminderProfile(timezone="Mars/Olympus"), utc(DAY, 10)) == utc(DAY, 18)


@pytest.mark.parametrize(
    ("zone", "day", "before_utc", "after_utc"),
    [
        # Europe/Berlin: CET (UTC+1) until 29 March 2026, then CEST (UTC+2); back on 25 October.
        ("Europe/Berlin", date(2026, 3, 29), 17, 16),
        ("Europe/Berlin", date(2026, 10, 25), 16, 17),
        # America/New_York: EST (UTC-5) until 8 March 2026, EDT (UTC-4) until 1 November.
        ("America/New_York", date(2026, 3, 8), 23, 22),
        ("America/New_York", date(2026, 11, 1), 22, 23),
    ],
)
def test_18_local_across_dst_changes(zone: str, day: date, before_utc: int, after_utc: int) -> None:
    profile = ReminderProfile(timezone=zone)
    eve = day - timedelta(days=1)
    assert due_now(profile, utc(eve, 6)) == utc(eve, before_utc)
    assert due_now(profile, utc(day, 6)) == utc(day, after_utc)


def test_nonexistent_local_time_shifts_forward() -> None:
    # 02:30 does not exist in Berlin on 29 March 2026 (02:00 -> 03:00): it becomes 03:30 CEST.
    profile = ReminderProfile(
        timezone="Europe/Berlin", reminder_time=2 * 60 + 30, quiet_start=0, quiet_end=0
    )
    moment = due_now(profile, utc(date(2026, 3, 28), 23))
    assert moment == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert moment.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M") == "03:30"


def test_ambiguous_local_time_means_the_first_one() -> None:
    # 02:30 happens twice in Berlin on 25 October 2026; the first is still CEST (UTC+2).
    profile = ReminderProfile(
        timezone="Europe/Berlin", reminder_time=2 * 60 + 30, quiet_start=0, quiet_end=0
    )
    moment = due_now(profile, utc(date(2026, 10, 24), 23))
    assert moment == local("Europe/Berlin", date(2026, 10, 25), 2, 30, fold=0)
    assert moment == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
def test_a_fortnight_through_dst_never_in_quiet_hours(zone: str) -> None:
    profile = ReminderProfile(timezone=zone, reminder_time=7 * 60 + 30)  # moved to 08:00
    for start in (local(zone, date(2026, 3, 1), 0), local(zone, date(2026, 10, 20), 0)):
        sent = simulate(profile, start=start, days=14, answer=True)
        assert len(sent) >= 13
        for moment in sent:
            wall = moment.astimezone(ZoneInfo(zone))
            assert (wall.hour, wall.minute) == (8, 0)


def test_naive_or_out_of_range_input_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_reminder_at(ReminderProfile(), now=datetime(2026, 11, 26, 10), due_count=1)
    with pytest.raises(ValueError, match="reminder_time"):
        ReminderProfile(reminder_time=24 * 60)
    with pytest.raises(ValueError, match="snoozed_until"):
        ReminderProfile(snoozed_until=datetime(2026, 11, 26, 10))


def test_reminder_text_says_what_is_due_and_at_stake() -> None:
    reply = reminder_text(12, 5)
    assert "12 reviews are due" in reply.text
    assert "5-day streak" in reply.text
    actions = [choice.action for row in reply.choices for choice in row]
    assert [grammar.parse(action) for action in actions] == [
        grammar.StartQuiz(grammar.REVIEW), grammar.SnoozeReminder(), grammar.PauseReminders()]
    assert "1 review is due" in reminder_text(1, 0).text
    assert "streak" in reminder_text(1, 0).text


def simulate(
    profile: ReminderProfile, *, start: datetime, days: int, answer: bool = False
) -> list[datetime]:
    """Run a sweep every 10 minutes for `days`; with `answer`, the learner studies right after
    each reminder (resetting the back-off), otherwise they ignore every one."""
    sent: list[datetime] = []
    now = start
    while now < start + timedelta(days=days):
        if is_due_now(profile, now=now, due_count=4):
            sent.append(now)
            profile = after_sending(profile, now=now)
            if answer:
                today = now.astimezone(ZoneInfo(profile.timezone)).date()
                profile = replace(profile, reminders_ignored=0, last_study_date=today)
        now += timedelta(minutes=10)
    return sent


def test_far_future_due_and_clock_behind_the_last_reminder_still_schedule() -> None:
    profile = ReminderProfile()
    far = utc(DAY + timedelta(days=90), 6)
    assert next_reminder_at(profile, now=utc(DAY, 10), due_count=0, next_due_at=far) == utc(
        DAY + timedelta(days=90), 18
    )
    # `peacebot remind --at` in the past, after a later real sweep: wait for the back-off day.
    later = ReminderProfile(last_reminder_at=utc(DAY + timedelta(days=20), 18))
    assert due_now(later, utc(DAY, 10)) == utc(DAY + timedelta(days=21), 18)
