"""Sending reminders: the job that runs the tutor's sweep every minute, and `peacebot remind`.

The tutor claims, decides and records each batch and commits before anything is sent
(`bot/tutor/reminder_sweep.py`); this module only sends. Every reminder goes through the
bot's one rate limiter (`bot/telegram/ratelimit.py`) as background work: learners' replies
go first, a 429 pauses every sender and is retried there, never here. Each learner gets at
most one message per sweep. A 403 marks the learner blocked, so they are never claimed
again; a timeout is not retried (the message may have arrived, and a duplicate is worse
than a miss).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import CallbackContext, ExtBot, Job

from bot.config import Settings
from bot.errors import UserFacingError
from bot.telegram.formatting import keyboard, message_html
from bot.telegram.ratelimit import BACKGROUND
from bot.tutor import Tutor
from bot.tutor.reminder_sweep import Outgoing
from bot.wiring import database_errors, prepare

if TYPE_CHECKING:
    from bot.telegram.app import BotServices
    from bot.telegram.context import App

logger = logging.getLogger(__name__)

JOB_NAME = "reminder-sweep"
HOUSEKEEPING_JOB = "poll-housekeeping"
SWEEP_INTERVAL = 60.0
HOUSEKEEPING_INTERVAL = 24 * 3600.0
DEFAULT_BATCH = 200
# Sends handed to the rate limiter at once: enough for ~250 ms round trips at 30/s.
MAX_IN_FLIGHT = 8
_MAX_ROUNDS = 10_000  # a sweep that claims this many batches is looping: stop and log

Bot = ExtBot[str]


@dataclass(slots=True)
class SweepResult:
    """What one sweep did: reminders delivered, learners found blocked, sends that failed,
    and claimed learners who were rescheduled instead of reminded (rules said not now)."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    rescheduled: int = 0
    db_seconds: float = 0.0


async def sweep(bot: Bot, tutor: Tutor, *, now: datetime,
                batch: int = DEFAULT_BATCH) -> SweepResult:
    """Send every reminder due at `now`; safe to run in several processes at once.

    A long sweep (a backlog of thousands takes minutes at 30/s) moves its clock on by the
    time elapsed since `now`, so a batch claimed at 22:03 is judged at 22:03, inside quiet
    hours, not at the 21:55 it started.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be timezone-aware, got {now!r}")
    result = SweepResult()
    started = time.monotonic()
    in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
    sends: set[asyncio.Task[None]] = set()

    async def deliver(item: Outgoing) -> None:
        try:
            outcome = await send_reminder(bot, item)
            if outcome == "sent":
                result.sent += 1
            elif outcome == "blocked":
                result.blocked += 1
                await _mark_blocked(tutor, item.chat_id, now)
            else:
                result.failed += 1
        finally:
            in_flight.release()

    try:
        for _ in range(_MAX_ROUNDS):
            moment = now + timedelta(seconds=time.monotonic() - started)
            claimed = await tutor.claim_reminders(moment, batch=batch)
            if not claimed.claimed:
                break
            result.rescheduled += claimed.claimed - len(claimed.outgoing)
            result.db_seconds += claimed.seconds
            for item in claimed.outgoing:
                await in_flight.acquire()
                task = asyncio.create_task(deliver(item))
                sends.add(task)
                task.add_done_callback(sends.discard)
        else:
            logger.error("reminder sweep stopped after %d batches", _MAX_ROUNDS)
    finally:
        if sends:  # after an error too: let the sends already started finish
            await asyncio.gather(*sends, return_exceptions=True)
    logger.info("reminder sweep at %s: %d sent, %d blocked, %d failed, %d rescheduled",
                now.isoformat(), result.sent, result.blocked, result.failed, result.rescheduled)
    return result


async def send_reminder(bot: Bot, item: Outgoing) -> str:
    """Send one reminder: "sent", "blocked" (403) or "failed"."""
    try:
        await bot.send_message(chat_id=item.chat_id, text=message_html(item.reply),
                               reply_markup=keyboard(item.reply.choices),
                               rate_limit_args=BACKGROUND)
        return "sent"
    except Forbidden:
        logger.info("learner %d blocked the bot; no more reminders", item.chat_id)
        return "blocked"
    except TimedOut:
        logger.warning("reminder to %d timed out; not retried", item.chat_id)
        return "failed"
    except TelegramError as error:
        logger.warning("reminder to %d failed: %s", item.chat_id, error)
        return "failed"


async def _mark_blocked(tutor: Tutor, learner_id: int, now: datetime) -> None:
    """Never message them again; if the database is down now, the next 403 tries again."""
    try:
        await tutor.mark_blocked(learner_id, True, now)
    except Exception:
        logger.exception("could not mark learner %d as blocked", learner_id)


def install(application: App, services: BotServices) -> Job[CallbackContext]:  # type: ignore[type-arg]
    """Inside `peacebot run`: a sweep every minute, and a daily clear-out of old poll rows.

    APScheduler never overlaps two runs of the same job, so a long backlog sweep simply makes
    the next ticks skip; the database, not the scheduler, remembers who is due.
    """
    if application.job_queue is None:
        raise RuntimeError("the reminder sweep needs PTB's job queue (install [job-queue])")
    tutor, clock = services.tutor, services.clock

    async def tick(context: CallbackContext) -> None:  # type: ignore[type-arg]
        await sweep(context.bot, tutor, now=clock())

    async def housekeeping(_context: CallbackContext) -> None:  # type: ignore[type-arg]
        forgotten = await tutor.forget_old_polls(clock())
        logger.info("forgot %d old quiz polls", forgotten)

    application.job_queue.run_repeating(housekeeping, interval=HOUSEKEEPING_INTERVAL,
                                        first=SWEEP_INTERVAL, name=HOUSEKEEPING_JOB)
    first = SWEEP_INTERVAL - (clock().timestamp() % SWEEP_INTERVAL) + 1.0  # just past the minute
    return application.job_queue.run_repeating(
        tick, interval=SWEEP_INTERVAL, first=first, name=JOB_NAME
    )


def remind_once(settings: Settings, *, at: datetime) -> SweepResult:
    """`peacebot remind`: one sweep as of `at`, with the same bot `peacebot run` builds."""
    from bot.telegram.app import configured_bot

    runtime = prepare(settings)

    async def remind() -> SweepResult:
        bot = configured_bot(settings)
        try:
            await _start(bot, settings.telegram_api_url)
            return await sweep(bot, runtime.tutor, now=at)
        finally:
            await bot.shutdown()  # also when _start failed: its HTTP sessions are open
            await runtime.close()

    with database_errors():
        return asyncio.run(remind())


async def _start(bot: Bot, api_url: str) -> None:
    """Initialise the bot (one getMe), turning Telegram failures into one clear line."""
    try:
        await bot.initialize()
    except InvalidToken as error:
        raise UserFacingError("TELEGRAM_BOT_TOKEN was refused by the Bot API") from error
    except NetworkError as error:
        raise UserFacingError(f"cannot reach the Bot API at {api_url}: {error}") from error
    except TelegramError as error:
        raise UserFacingError(f"the Bot API refused to start: {error}") from error
