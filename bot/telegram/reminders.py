"""The reminder sweep: claim due learners, record each reminder, then send it within limits.

Order of work per batch, and why:

1. One transaction claims up to `batch` due learners (`claim_due_reminders`: FOR UPDATE SKIP
   LOCKED on PostgreSQL, so several instances split the work), asks the policy whether each may
   be reminded right now, records the reminders (`record_reminders_sent`: last_reminder_at,
   one more ignored, a reminder_log row) and stores every claimed learner's next reminder
   time; then it commits.
2. Only then are the messages sent. A crash after the commit loses those reminders (at most one
   missed per learner) but can never send anyone the same reminder twice.

Sending goes through a `Pacer` (bot/telegram/pacing.py) that spaces messages evenly just under
Telegram's 30 per second and guarantees that no sliding one-second window can hold 31. Each
learner gets at most one message per sweep, so the 1-per-second-per-chat limit holds by
construction. A 429 pauses the pacer for everyone and is retried after `retry_after`; a 403
marks the learner blocked, so they are never claimed again.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter, TelegramError, TimedOut
from telegram.ext import CallbackContext, Job
from telegram.warnings import PTBDeprecationWarning

from bot.telegram.formatting import keyboard, message_html
from bot.telegram.pacing import Pacer, Ticket
from bot.tutor.reminders import (
    after_sending,
    next_reminder_at,
    profile_of,
    reminder_text,
    zone,
)
from bot.tutor.replies import Reply
from bot.tutor.streaks import Streak, current
from db import queries
from db.models import Learner
from db.queries.reminders_extra import DueStats, due_stats, record_reminders_sent

if TYPE_CHECKING:
    from bot.telegram.app import BotServices
    from bot.telegram.context import App

logger = logging.getLogger(__name__)

JOB_NAME = "reminder-sweep"
SWEEP_INTERVAL = 60.0
DEFAULT_BATCH = 200
# Requests in flight at once: enough for ~250 ms round trips at 29/s.
MAX_IN_FLIGHT = 8
SEND_ATTEMPTS = 4
_MAX_ROUNDS = 10_000  # a sweep that claims this many batches is looping: stop and log

Sessions = async_sessionmaker[AsyncSession]


@dataclass(slots=True)
class SweepResult:
    """What one sweep did: reminders delivered, learners found blocked, sends that failed,
    and claimed learners who were rescheduled instead of reminded (rules said not now)."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    rescheduled: int = 0
    db_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One reminder recorded in the database and waiting to be sent."""

    chat_id: int
    reply: Reply
    due_count: int = 0


@dataclass
class _Sweep:
    bot: Bot
    sessions: Sessions
    now: datetime
    batch: int
    pacer: Pacer
    started: float = field(default_factory=time.monotonic)
    result: SweepResult = field(default_factory=SweepResult)
    in_flight: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(MAX_IN_FLIGHT))
    tasks: set[asyncio.Task[None]] = field(default_factory=set)


async def sweep(
    bot: Bot,
    sessions: Sessions,
    *,
    now: datetime,
    batch: int = DEFAULT_BATCH,
    pacer: Pacer | None = None,
) -> SweepResult:
    """Send every reminder due at `now`; safe to run in several processes at once.

    The next batch is claimed while the current one is being sent, so the database work
    overlaps the (much slower) rate-limited sending. A long sweep (a backlog of thousands
    takes minutes at 30/s) moves its clock on by the time elapsed since `now`, so a batch
    claimed at 22:03 is judged at 22:03, inside quiet hours, not at the 21:55 it started.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be timezone-aware, got {now!r}")
    state = _Sweep(bot, sessions, now, batch, pacer or Pacer())
    claiming = asyncio.create_task(_next_batch(state))
    try:
        for _ in range(_MAX_ROUNDS):
            claimed = await claiming
            if not claimed.claimed:
                break
            claiming = asyncio.create_task(_next_batch(state))
            for item in claimed.outgoing:
                await _start_send(state, item)
        else:
            logger.error("reminder sweep stopped after %d batches", _MAX_ROUNDS)
        if state.tasks:
            await asyncio.gather(*state.tasks)
    finally:
        claiming.cancel()
        if state.tasks:  # only after an error: let the sends already started finish
            await asyncio.gather(*state.tasks, return_exceptions=True)
    result = state.result
    logger.info(
        "reminder sweep at %s: %d sent, %d blocked, %d failed, %d rescheduled",
        now.isoformat(),
        result.sent,
        result.blocked,
        result.failed,
        result.rescheduled,
    )
    return result


@dataclass(frozen=True, slots=True)
class ClaimedBatch:
    """One committed batch: how many learners were claimed, and the reminders to send."""

    claimed: int
    outgoing: list[Outgoing]
    seconds: float


async def claim_batch(sessions: Sessions, *, now: datetime, batch: int) -> ClaimedBatch:
    """Claim, decide, record and reschedule one batch in one transaction, and commit.

    After the commit every claimed learner's `next_reminder_at` is later than `now` (or None),
    so this instance and every other one moves on to different learners.
    """
    started = time.perf_counter()
    async with sessions() as session, session.begin():
        learners = await queries.claim_due_reminders(session, now=now, limit=batch)
        stats = await due_stats(session, learner_ids=[row.id for row in learners], now=now)
        outgoing = []
        for learner in learners:
            item = _decide(learner, stats.get(learner.id, DueStats()), now)
            if item is not None:
                outgoing.append(item)
        by_id = {learner.id: learner for learner in learners}
        record_reminders_sent(
            session, sent=[(by_id[item.chat_id], item.due_count) for item in outgoing], now=now
        )
    return ClaimedBatch(len(learners), outgoing, time.perf_counter() - started)


async def _next_batch(state: _Sweep) -> ClaimedBatch:
    moment = state.now + timedelta(seconds=time.monotonic() - state.started)
    claimed = await claim_batch(state.sessions, now=moment, batch=state.batch)
    state.result.rescheduled += claimed.claimed - len(claimed.outgoing)
    state.result.db_seconds += claimed.seconds
    return claimed


def _decide(learner: Learner, stats: DueStats, now: datetime) -> Outgoing | None:
    """The reminder for `learner` if the policy allows one now. Always stores the next time,
    which is later than `now` (or None), so no learner is claimed twice in one sweep."""
    profile = profile_of(learner)
    when = next_reminder_at(profile, now=now, due_count=stats.due, next_due_at=stats.next_due)
    outgoing = None
    if when is not None and when <= now:
        profile = after_sending(profile, now=now)
        when = next_reminder_at(profile, now=now, due_count=stats.due, next_due_at=stats.next_due)
        today = now.astimezone(zone(profile.timezone)).date()
        streak = current(Streak(learner.streak_days, learner.last_study_date), today)
        outgoing = Outgoing(learner.id, reminder_text(stats.due, streak), stats.due)
    learner.next_reminder_at = when
    return outgoing


async def _start_send(state: _Sweep, item: Outgoing) -> None:
    """Wait for a sending slot, then send in the background (bounded in-flight requests)."""
    await state.in_flight.acquire()
    ticket = await state.pacer.wait()
    task = asyncio.create_task(_deliver(state, item, ticket))
    state.tasks.add(task)
    task.add_done_callback(state.tasks.discard)


async def _deliver(state: _Sweep, item: Outgoing, ticket: Ticket) -> None:
    try:
        outcome = await send_reminder(state.bot, item, state.pacer, ticket)
        if outcome == "sent":
            state.result.sent += 1
        elif outcome == "blocked":
            state.result.blocked += 1
            await _mark_blocked(state.sessions, item.chat_id)
        else:
            state.result.failed += 1
    finally:
        state.in_flight.release()


async def send_reminder(bot: Bot, item: Outgoing, pacer: Pacer, ticket: Ticket) -> str:
    """Send one reminder in the slot `ticket`: "sent", "blocked" (403) or "failed".

    A 429 holds the pacer for everyone and retries in a new slot after `retry_after`. A
    timeout is not retried: the message may have arrived, and a duplicate is worse than a miss.
    """
    try:
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                await bot.send_message(
                    chat_id=item.chat_id,
                    text=message_html(item.reply),
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(item.reply.choices),
                )
                return "sent"
            except RetryAfter as error:
                wait = _retry_seconds(error)
                logger.warning("reminder to %d: flood control, retry in %.1fs", item.chat_id, wait)
                pacer.hold(wait)
                if attempt < SEND_ATTEMPTS:
                    pacer.done(ticket)
                    ticket = await pacer.wait()
            except Forbidden:
                logger.info("learner %d blocked the bot; no more reminders", item.chat_id)
                return "blocked"
            except TimedOut:
                logger.warning("reminder to %d timed out; not retried", item.chat_id)
                return "failed"
            except TelegramError as error:
                logger.warning("reminder to %d failed: %s", item.chat_id, error)
                return "failed"
        return "failed"
    finally:
        pacer.done(ticket)


def _retry_seconds(error: RetryAfter) -> float:
    """`retry_after` in seconds, whether PTB hands it over as int or timedelta."""
    with warnings.catch_warnings():  # PTB warns about the int form it still returns by default
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _mark_blocked(sessions: Sessions, learner_id: int) -> None:
    """Never message them again; if the database is down now, the next 403 tries again."""
    try:
        async with sessions() as session, session.begin():
            await queries.mark_blocked(session, learner_id=learner_id)
    except Exception:
        logger.exception("could not mark learner %d as blocked", learner_id)


def install(application: App, services: BotServices) -> Job[CallbackContext]:  # type: ignore[type-arg]
    """Run a sweep every minute inside `peacebot run` (called from the app's post_init).

    APScheduler never overlaps two runs of the same job, so a long backlog sweep simply makes
    the next ticks skip; the database, not the scheduler, remembers who is due.
    """
    if application.job_queue is None:
        raise RuntimeError("the reminder sweep needs PTB's job queue (install [job-queue])")
    sessions, clock = services.sessions, services.clock

    async def tick(context: CallbackContext) -> None:  # type: ignore[type-arg]
        await sweep(context.bot, sessions, now=clock())

    first = SWEEP_INTERVAL - (clock().timestamp() % SWEEP_INTERVAL) + 1.0  # just past the minute
    return application.job_queue.run_repeating(
        tick, interval=SWEEP_INTERVAL, first=first, name=JOB_NAME
    )
