"""Concurrent updates, but one learner's updates strictly one after another.

PTB hands every update to the update processor as its own task, in the order the updates
arrived. Updates of the same learner wait on that learner's lock, which `asyncio.Lock` hands
out first-in first-out, so a double tap on a button, or a poll answer arriving while the
poll is still being stored, can never race.

Only then does an update take one of the `max_concurrent_updates` slots: a learner who
floods the bot queues behind their own lock, holding no slot, and everyone else's replies
go out as usual. (PTB's own semaphore is taken before `do_process_update` and would count
the waiting updates too, so it is set out of reach and the limit is applied here.)

Locks exist only while a learner has updates in flight, so the table does not grow with
the number of learners.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

logger = logging.getLogger(__name__)

DEFAULT_MAX_CONCURRENT = 256


class _Queue:
    """One learner's lock plus how many updates hold or await it."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


def ordering_key(update: object) -> int | None:
    """The user an update belongs to, or None when it belongs to nobody in particular."""
    if not isinstance(update, Update):
        return None
    if update.poll_answer is not None and update.poll_answer.user is not None:
        return update.poll_answer.user.id
    user = update.effective_user
    return user.id if user is not None else None


class PerLearnerUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently across learners and in order within one learner."""

    __slots__ = ("_queues", "_slots")

    def __init__(self, max_concurrent_updates: int = DEFAULT_MAX_CONCURRENT) -> None:
        super().__init__(sys.maxsize)  # see the module docstring
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._queues: dict[int, _Queue] = {}

    @property
    def learners_in_flight(self) -> int:
        """How many learners currently have an update being handled or waiting."""
        return len(self._queues)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = _Queue()
        queue.users += 1
        try:
            async with queue.lock, self._slots:
                await coroutine
        finally:
            queue.users -= 1
            if queue.users == 0:
                del self._queues[key]

    async def initialize(self) -> None:
        """Nothing to allocate: locks are created on demand."""

    async def shutdown(self) -> None:
        """Nothing to free; any remaining locks go away with their tasks."""
        if self._queues:
            logger.debug("update processor stopping with %d learners in flight",
                         len(self._queues))
