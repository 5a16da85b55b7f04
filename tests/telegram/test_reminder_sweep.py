"""The reminder sweep in process: retries, failures, blocked learners, the pacer and the job."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import ApplicationBuilder

from bot.config import Settings
from bot.telegram.app import BotServices
from bot.telegram.pacing import Pacer
from bot.telegram.reminders import JOB_NAME, SWEEP_INTERVAL, install, sweep
from bot.tutor import Tutor
from db.models import Learner, ReminderLog
from tests.e2e.botapi.server import BotApiServer
from tests.e2e.reminder_seed import Seed, seed_learners

SEEDED_AT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 26, 18, 1, tzinfo=UTC)
DUE = SEEDED_AT - timedelta(hours=1)

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def standin() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as server:
        yield server


@pytest.fixture
async def bot(standin: BotApiServer) -> AsyncIterator[Bot]:
    """A plain Bot without PTB's rate limiter, so the sweep's own 429 handling is exercised."""
    async with Bot(standin.token, base_url=standin.base_url) as plain:
        yield plain


async def count_log(sessions: Sessions) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(ReminderLog)) or 0)


async def test_a_429_is_retried_after_retry_after(
    standin: BotApiServer, bot: Bot, session_factory: Sessions
) -> None:
    await seed_learners(session_factory, [Seed(1, due=[DUE]), Seed(2, due=[DUE])], now=SEEDED_AT)
    standin.faults.fail_next(1, code=429, retry_after=1, methods=["sendMessage"])

    result = await sweep(bot, session_factory, now=NOW, pacer=Pacer.unlimited())

    assert (result.sent, result.failed, result.blocked) == (2, 0, 0)
    assert sorted(call.chat_id for call in standin.sent()) == [1, 2]
    assert standin.faults.injected[429] == 1


async def test_a_failed_send_is_missed_not_repeated(
    standin: BotApiServer, bot: Bot, session_factory: Sessions
) -> None:
    await seed_learners(session_factory, [Seed(1, due=[DUE])], now=SEEDED_AT)
    standin.faults.fail_next(1, code=400, methods=["sendMessage"])

    first = await sweep(bot, session_factory, now=NOW, pacer=Pacer.unlimited())
    again = await sweep(
        bot, session_factory, now=NOW + timedelta(minutes=1), pacer=Pacer.unlimited()
    )

    assert (first.sent, first.failed, again.sent) == (0, 1, 0)
    assert await count_log(session_factory) == 1  # recorded before the send was tried


async def test_blocked_learner_is_marked_and_skipped(
    standin: BotApiServer, bot: Bot, session_factory: Sessions
) -> None:
    await seed_learners(session_factory, [Seed(1, due=[DUE]), Seed(2, due=[DUE])], now=SEEDED_AT)
    standin.faults.block(2)

    first = await sweep(bot, session_factory, now=NOW, pacer=Pacer.unlimited())
    async with session_factory() as session:
        blocked = await session.get(Learner, 2)
        assert blocked is not None and blocked.blocked and blocked.next_reminder_at is None
    tomorrow = await sweep(
        bot, session_factory, now=NOW + timedelta(days=1), pacer=Pacer.unlimited()
    )

    assert (first.sent, first.blocked) == (1, 1)
    assert (tomorrow.sent, tomorrow.blocked) == (1, 0)
    assert len(standin.calls(chat_id=2)) == 1


async def test_nothing_due_sends_nothing(bot: Bot, session_factory: Sessions) -> None:
    await seed_learners(session_factory, [Seed(1, due=[NOW + timedelta(days=3)])], now=SEEDED_AT)
    result = await sweep(bot, session_factory, now=NOW, pacer=Pacer.unlimited())
    assert (result.sent, result.rescheduled) == (0, 0)


async def test_naive_now_is_refused(bot: Bot, session_factory: Sessions) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await sweep(bot, session_factory, now=datetime(2026, 11, 26, 18))


async def test_install_schedules_a_sweep_every_minute(
    standin: BotApiServer, sqlite_session_factory: Sessions
) -> None:
    await seed_learners(sqlite_session_factory, [Seed(7, due=[DUE])], now=SEEDED_AT)
    settings = Settings(telegram_bot_token=standin.token, telegram_api_url=standin.base_url)
    application = ApplicationBuilder().token(standin.token).base_url(standin.base_url).build()
    services = BotServices(
        settings=settings,
        tutor=Tutor(courses=(), sessions=sqlite_session_factory),
        sessions=sqlite_session_factory,
        clock=lambda: NOW,
    )
    async with application:
        job = install(application, services)
        assert job.name == JOB_NAME
        assert application.job_queue is not None
        [scheduled] = application.job_queue.get_jobs_by_name(JOB_NAME)
        assert scheduled.job.trigger.interval == timedelta(seconds=SWEEP_INTERVAL)
        await job.run(application)  # one tick, as APScheduler would fire it
        job.schedule_removal()
    assert [call.chat_id for call in standin.sent()] == [7]
