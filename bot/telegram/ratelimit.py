"""Outgoing calls: Telegram's rate limits, `retry_after` retries, and a retry on a bad gateway.

`AIORateLimiter` keeps us under Telegram's limits and retries a 429 after the
`retry_after` Telegram names. On top, a request that failed with a transient server or
network error (a 502 from a proxy, a dropped connection) is tried again a couple of times
with a short pause, so one hiccup does not swallow the feedback a learner is waiting for.
Bad requests, forbidden chats and timeouts are not retried: the first cannot succeed, the
second must be recorded, and a timed-out send may already have been delivered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

logger = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


class RetryingRateLimiter(AIORateLimiter):
    """`AIORateLimiter` plus a few retries of transient network failures."""

    __slots__ = ("_network_retries", "_network_delay")

    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = 2,
        network_delay: float = 0.5,
        overall_max_rate: float = 30.0,
    ) -> None:
        # overall_max_rate 0 turns the overall pacing off (a retry_after is still honoured).
        super().__init__(max_retries=max_retries, overall_max_rate=overall_max_rate)
        self._network_retries = network_retries
        self._network_delay = network_delay

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        attempt = 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except (BadRequest, TimedOut):
                raise
            except NetworkError as error:
                if attempt >= self._network_retries:
                    raise
                attempt += 1
                logger.warning(
                    "%s failed (%s); retry %d of %d",
                    endpoint,
                    error.message,
                    attempt,
                    self._network_retries,
                )
                await asyncio.sleep(self._network_delay * attempt)
