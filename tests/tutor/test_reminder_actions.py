"""The reminder's own buttons and the tutor's hook, on a real database (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import actions
from bot.tutor.reminder_actions import pause, snooze
from bot.tutor.reminders import refresh_next_reminder
from db.models import Learner
from tests.e2e.reminder_seed import Seed, seed_learners

SEEDED_AT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
REMINDED_AT = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
DUE = SEEDED_AT - timedelta(hours=1)

Sessions = async_sessionmaker[AsyncSession]


async def reminded_learner(sessions: Sessions, **changes: object) -> None:
    await seed_learners(sessions, [Seed(5, due=[DUE])], now=SEEDED_AT)
    async with sessions() as session, session.begin():
        learner = await session.get(Learner, 5)
        assert learner is not None
        learner.last_reminder_at = REMINDED_AT
        learner.reminders_ignored = 1
        for name, value in changes.items():
            setattr(learner, name, value)


async def press(sessions: Sessions, action: str, now: datetime) -> tuple[str, Learner]:
    """A reminder button, parsed by the one action grammar and handled as the tutor does."""
    button = {actions.SnoozeReminder(): snooze, actions.PauseReminders(): pause}
    async with sessions() as session, session.begin():
        learner = await session.get(Learner, 5)
        assert learner is not None
        parsed = actions.parse(action)
        assert parsed is not None
        reply = await button[parsed](session, learner=learner, now=now)
        return reply.text, learner


async def test_seeding_schedules_the_first_reminder(session_factory: Sessions) -> None:
    await seed_learners(session_factory, [Seed(5, due=[DUE])], now=SEEDED_AT)
    async with session_factory() as session:
        learner = await session.get(Learner, 5)
        assert learner is not None and learner.next_reminder_at == REMINDED_AT


async def test_snooze_brings_it_back_in_an_hour(session_factory: Sessions) -> None:
    await reminded_learner(session_factory)
    text, learner = await press(session_factory, actions.SNOOZE_REMINDER,
                                REMINDED_AT + timedelta(minutes=2))
    assert "19:02" in text
    assert learner.snoozed_until == learner.next_reminder_at == REMINDED_AT + timedelta(minutes=62)
    assert learner.reminders_ignored == 0  # answering a reminder is not ignoring it


async def test_pause_stops_reminders(session_factory: Sessions) -> None:
    await reminded_learner(session_factory)
    text, learner = await press(session_factory, actions.PAUSE_REMINDERS,
                                REMINDED_AT + timedelta(minutes=2))
    assert "paused" in text.lower()
    assert learner.reminders_paused and learner.next_reminder_at is None
    text, _ = await press(session_factory, actions.SNOOZE_REMINDER,
                          REMINDED_AT + timedelta(minutes=3))
    assert "paused" in text.lower()


async def test_studying_after_a_reminder_resets_the_back_off(session_factory: Sessions) -> None:
    await reminded_learner(
        session_factory, reminders_ignored=5, snoozed_until=REMINDED_AT + timedelta(hours=1)
    )
    studied_at = REMINDED_AT + timedelta(minutes=30)
    async with session_factory() as session, session.begin():
        learner = await session.get(Learner, 5)
        assert learner is not None
        learner.last_study_date = date(2026, 11, 26)  # what the tutor records on an answer
        await refresh_next_reminder(session, learner=learner, now=studied_at)
    assert learner.reminders_ignored == 0 and learner.snoozed_until is None
    assert learner.next_reminder_at == REMINDED_AT + timedelta(days=1)


async def test_unblocking_the_bot_resumes_reminders(session_factory: Sessions) -> None:
    from bot.tutor import Tutor

    await seed_learners(session_factory, [Seed(5, due=[DUE])], now=SEEDED_AT)
    tutor = Tutor(courses=(), sessions=session_factory)
    await tutor.mark_blocked(5, True, SEEDED_AT)
    async with session_factory() as session:
        learner = await session.get(Learner, 5)
        assert learner is not None and learner.blocked and learner.next_reminder_at is None
    await tutor.mark_blocked(5, False, SEEDED_AT)
    async with session_factory() as session:
        learner = await session.get(Learner, 5)
        assert learner is not None and not learner.blocked
        assert learner.next_reminder_at == REMINDED_AT
