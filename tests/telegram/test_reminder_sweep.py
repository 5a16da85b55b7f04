"""The reminder sweep in process, sending with the bot `peacebot run` and `remind` build:
retries, failures, blocked learners and the job."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import ApplicationBuilder, ExtBot

from bot.telegram.app import BotServices, configured_bot
from bot.telegram.ratelimit import MAX_RETRIES
from bot.telegram.reminders import HOUSEKEEPING_JOB, JOB_NAME, SWEEP_INTERVAL, install, sweep
from bot.tutor import Tutor
from db.models import Learner, ReminderLog
from tests.e2e.botapi.server import BotApiServer
from tests.e2e.reminder_seed import Seed, seed_learners
from tests.telegram.conftest import make_settings

SEEDED_AT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 26, 18, 1, tzinfo=UTC)
DUE = SEEDED_AT - timedelta(hours=1)

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def standin() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as server:
        yield server


@pytest.fixture
async def bot(standin: BotApiServer) -> AsyncIterator[ExtBot[str]]:
    """The production bot: the one rate limiter at the default 30/s, its retry policy."""
    async with configured_bot(make_settings(standin)) as production:
        yield production


def tutor_on(sessions: Sessions) -> Tutor:
    return Tutor(courses=(), sessions=sessions)


async def count_log(sessions: Sessions) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(ReminderLog)) or 0)


async def test_a_429_is_retried_after_retry_after(
    standin: BotApiServer, bot: ExtBot[str], session_factory: Sessions
) -> None:
    await seed_learners(session_factory, [Seed(1, due=[DUE]), Seed(2, due=[DUE])], now=SEEDED_AT)
    standin.faults.fail_next(1, code=429, retry_after=1, methods=["sendMessage"])

    result = await sweep(bot, tutor_on(session_factory), now=NOW)

    assert (result.sent, result.failed, result.blocked) == (2, 0, 0)
    assert sorted(call.chat_id for call in standin.sent()) == [1, 2]
    assert standin.faults.injected[429] == 1


async def test_under_a_lasting_429_a_reminder_is_tried_max_retries_plus_one_times(
    standin: BotApiServer, bot: ExtBot[str], sqlite_session_factory: Sessions
) -> None:
    await seed_learners(sqlite_session_factory, [Seed(1, due=[DUE])], now=SEEDED_AT)
    standin.faults.fail_next(100, code=429, retry_after=1, methods=["sendMessage"])

    result = await sweep(bot, tutor_on(sqlite_session_factory), now=NOW)

    assert (result.sent, result.failed) == (0, 1)
    assert len(standin.calls(chat_id=1)) == MAX_RETRIES + 1
    assert await count_log(sqlite_session_factory) == 1  # recorded once, never re-claimed


async def test_a_failed_send_is_missed_not_repeated(
    standin: BotApiServer, bot: ExtBot[str], session_factory: Sessions
) -> None:
    await seed_learners(session_factory, [Seed(1, due=[DUE])], now=SEEDED_AT)
    standin.faults.fail_next(1, code=400, methods=["sendMessage"])
    tutor = tutor_on(session_factory)

    first = await sweep(bot, tutor, now=NOW)
    again = await sweep(bot, tutor, now=NOW + timedelta(minutes=1))

    assert (first.sent, first.failed, again.sent) == (0, 1, 0)
    assert await count_log(session_factory) == 1  # recorded before the send was tried


async def test_blocked_learner_is_marked_and_skipped(
    standin: BotApiServer, bot: ExtBot[str], session_factory: Sessions
) -> None:
    await seed_learners(session_factory, [Seed(1, due=[DUE]), Seed(2, due=[DUE])], now=SEEDED_AT)
    standin.faults.block(2)
    tutor = tutor_on(session_factory)

    first = await sweep(bot, tutor, now=NOW)
    async with session_factory() as session:
        blocked = await session.get(Learner, 2)
        assert blocked is not None and blocked.blocked and blocked.next_reminder_at is None
    tomorrow = await sweep(bot, tutor, now=NOW + timedelta(days=1))

    assert (first.sent, first.blocked) == (1, 1)
    assert (tomorrow.sent, tomorrow.blocked) == (1, 0)
    assert len(standin.calls(chat_id=2)) == 1


async def test_nothing_due_sends_nothing(bot: ExtBot[str], session_factory: Sessions) -> None:
    await seed_learners(session_factory, [Seed(1, due=[NOW + timedelta(days=3)])], now=SEEDED_AT)
    result = await sweep(bot, tutor_on(session_factory), now=NOW)
    assert (result.sent, result.rescheduled) == (0, 0)


async def test_naive_now_is_refused(bot: ExtBot[str], session_factory: Sessions) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await sweep(bot, tutor_on(session_factory), now=datetime(2026, 11, 26, 18))


async def test_install_schedules_a_sweep_every_minute_and_daily_housekeeping(
    standin: BotApiServer, sqlite_session_factory: Sessions
) -> None:
    await seed_learners(sqlite_session_factory, [Seed(7, due=[DUE])], now=SEEDED_AT)
    settings = make_settings(standin)
    application = ApplicationBuilder().bot(configured_bot(settings)).build()
    services = BotServices(settings=settings, tutor=tutor_on(sqlite_session_factory),
                           clock=lambda: NOW)
    async with application:
        job = install(application, services)
        assert job.name == JOB_NAME
        assert application.job_queue is not None
        [scheduled] = application.job_queue.get_jobs_by_name(JOB_NAME)
        assert scheduled.job.trigger.interval == timedelta(seconds=SWEEP_INTERVAL)
        assert application.job_queue.get_jobs_by_name(HOUSEKEEPING_JOB)
        await job.run(application)  # one tick, as APScheduler would fire it
        for each in application.job_queue.jobs():
            each.schedule_removal()
    assert [call.chat_id for call in standin.sent()] == [7]
