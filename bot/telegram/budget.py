"""One send budget per bot token across every instance on one database.

Each instance joins the database's instance registry (`db/instances.py`: a session
advisory lock per live process) and, every few seconds, paces its rate limiter at
`TELEGRAM_MAX_RATE` divided by the instances alive: three instances send at most 10 a
second each, and when one dies (its lock goes with its connection) the other two go up to
15 at the next count. Replies keep their priority over reminders inside each instance.
Long polling and SQLite run one instance: the share stays whole.
"""

from __future__ import annotations

import logging
from typing import Protocol

from telegram.ext import CallbackContext

from bot.telegram.context import App
from bot.telegram.ratelimit import RateLimiter

logger = logging.getLogger(__name__)

INTERVAL = 5.0  # seconds between counts: a dead instance's share comes back this fast
JOB_NAME = "send budget"


class Instances(Protocol):
    """The registry `bot/wiring.py` gives the bot (db/instances.py)."""

    async def join(self) -> None: ...

    async def count(self) -> int: ...


async def install_budget(application: App, instances: Instances | None) -> None:
    """Join the registry and re-count the instances every `INTERVAL` seconds."""
    limiter = application.bot.rate_limiter
    if instances is None or not isinstance(limiter, RateLimiter) or not limiter.rate:
        return
    if application.job_queue is None:
        raise RuntimeError("the shared send budget needs PTB's job queue (install [job-queue])")
    await instances.join()
    await recount(limiter, instances)

    async def tick(_context: CallbackContext) -> None:  # type: ignore[type-arg]
        await recount(limiter, instances)

    application.job_queue.run_repeating(tick, interval=INTERVAL, first=INTERVAL, name=JOB_NAME)


async def recount(limiter: RateLimiter, instances: Instances) -> None:
    """Pace at this process's share; a count that fails keeps the last share."""
    try:
        count = await instances.count()
    except Exception as error:  # the database away: the reminder job says so too
        logger.debug("send budget: could not count instances: %r", error)
        return
    if count != limiter.shares:
        limiter.share(count)
        logger.info("send budget: %d instance(s) share the token: %.1f messages/s here",
                    count, limiter.rate)
