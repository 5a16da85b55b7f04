"""The one rate limiter and retry policy for every Bot API call, replies and reminders alike.

- Budget: Telegram allows about 30 messages a second overall (`TELEGRAM_MAX_RATE`; 0 turns
  pacing off, for a local Bot API server). Every call about a chat takes a turn from one
  aiolimiter bucket (the library under PTB's own AIORateLimiter) that holds a single
  message, so messages leave evenly spaced, a little under the rate, instead of in bursts
  of 30: network jitter between two sends must not put one message too many into a second
  where Telegram counts them.
- Priority: a reminder (sent with `rate_limit_args=BACKGROUND`) waits while a learner's
  reply waits for the budget; at most one reminder is ever queued ahead of a reply.
- 429: Telegram's `retry_after` halts every sender, then the call is tried again, at most
  `max_retries` times.
- A transient server or network failure (a 502 from a proxy, a dropped connection) is tried
  again `network_retries` times after a short pause, so one hiccup does not swallow the
  feedback a learner is waiting for. Bad requests, forbidden chats and timeouts are not
  retried: the first cannot succeed, the second must be recorded, and a timed-out send may
  already have been delivered.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

logger = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

BACKGROUND = "background"  # rate_limit_args of a send that may wait for learners' replies
MAX_RETRIES = 3
NETWORK_RETRIES = 2
NETWORK_DELAY = 0.5  # seconds, times the attempt number
RATE_MARGIN = 0.02  # messages leave 2% under the rate (see the module docstring)
RETRY_AFTER_MARGIN = 0.1  # seconds beyond Telegram's retry_after, as PTB's limiter waits


def retry_seconds(error: RetryAfter) -> float:
    """`retry_after` in seconds, whether PTB hands it over as int or timedelta."""
    with warnings.catch_warnings():  # PTB warns about the int form it still returns by default
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class RateLimiter(BaseRateLimiter[str]):
    """Telegram's overall budget shared by every sender, replies before reminders."""

    __slots__ = ("_background", "_budget", "_hold_until", "_max_retries", "_network_delay",
                 "_network_retries", "_rate", "_replies_clear", "_replies_waiting", "_shares")

    def __init__(self, *, rate: float, max_retries: int = MAX_RETRIES,
                 network_retries: int = NETWORK_RETRIES,
                 network_delay: float = NETWORK_DELAY) -> None:
        if rate < 0:
            raise ValueError(f"rate must be 0 (no pacing) or positive, got {rate}")
        self._rate = rate
        self._shares = 1
        self._budget = AsyncLimiter(1, (1 + RATE_MARGIN) / rate) if rate else None
        self._max_retries = max_retries
        self._network_retries = network_retries
        self._network_delay = network_delay
        self._hold_until = 0.0  # loop time before which nobody sends (a 429's retry_after)
        self._replies_waiting = 0
        self._replies_clear = asyncio.Event()
        self._replies_clear.set()
        self._background = asyncio.Lock()

    @property
    def shares(self) -> int:
        """How many instances this process shares the budget with (itself included)."""
        return self._shares

    @property
    def rate(self) -> float:
        """Messages a second this process may send now (its share of the token's budget)."""
        return self._rate / self._shares

    def share(self, instances: int) -> None:
        """Pace at 1/`instances` of the budget: the instances on one token share it
        (bot/telegram/budget.py counts them). A send already waiting finishes at the old
        pace; the next one takes the new."""
        instances = max(1, instances)
        if instances == self._shares or not self._rate:
            return
        self._shares = instances
        self._budget = AsyncLimiter(1, (1 + RATE_MARGIN) * instances / self._rate)

    async def initialize(self) -> None:
        """Nothing to open: the bucket is created with the limiter."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> JSONResult:
        counted = data.get("chat_id") is not None  # calls about a chat use the budget
        background = rate_limit_args == BACKGROUND
        floods = failures = 0
        while True:
            if counted:
                await self._take_turn(background=background)
            await self._wait_for_hold()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if floods >= self._max_retries:
                    raise
                floods += 1
                self._hold(retry_seconds(error) + RETRY_AFTER_MARGIN)
                logger.warning("%s: flood control, everyone waits %.1f s (retry %d of %d)",
                               endpoint, retry_seconds(error), floods, self._max_retries)
            except (BadRequest, TimedOut):
                raise
            except NetworkError as error:
                if failures >= self._network_retries:
                    raise
                failures += 1
                logger.warning("%s failed (%s); retry %d of %d", endpoint, error.message,
                               failures, self._network_retries)
                await asyncio.sleep(self._network_delay * failures)

    async def _take_turn(self, *, background: bool) -> None:
        """One message's worth of the budget; replies go first."""
        if self._budget is None:
            return
        if background:
            async with self._background:  # one reminder at a time queues for the budget
                while self._replies_waiting:
                    await self._replies_clear.wait()
                await self._budget.acquire()
            return
        self._replies_waiting += 1
        self._replies_clear.clear()
        try:
            await self._budget.acquire()
        finally:
            self._replies_waiting -= 1
            if not self._replies_waiting:
                self._replies_clear.set()

    def _hold(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        self._hold_until = max(self._hold_until, loop.time() + seconds)

    async def _wait_for_hold(self) -> None:
        loop = asyncio.get_running_loop()
        while (delay := self._hold_until - loop.time()) > 0:
            await asyncio.sleep(delay)
