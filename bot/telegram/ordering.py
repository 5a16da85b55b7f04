"""Concurrent updates, but one learner's updates strictly one after another.

PTB hands every update to the update processor as its own task, in the order the updates
arrived. Different learners run in parallel (a slow query for one never stalls another);
updates of the same learner wait on that learner's lock. `asyncio.Lock` wakes its waiters
first-in first-out and the processor's semaphore does too, so a learner's updates are
handled in arrival order: a double tap on a button, or a poll answer arriving while the
poll is still being stored, can never race.

Locks exist only while a learner has updates in flight, so the table does not grow with
the number of learners.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

logger = logging.getLogger(__name__)

DEFAULT_MAX_CONCURRENT = 256


class _Slot:
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

    __slots__ = ("_slots",)

    def __init__(self, max_concurrent_updates: int = DEFAULT_MAX_CONCURRENT) -> None:
        super().__init__(max_concurrent_updates)
        self._slots: dict[int, _Slot] = {}

    @property
    def learners_in_flight(self) -> int:
        """How many learners currently have an update being handled or waiting."""
        return len(self._slots)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            await coroutine
            return
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _Slot()
        slot.users += 1
        try:
            async with slot.lock:
                await coroutine
        finally:
            slot.users -= 1
            if slot.users == 0:
                del self._slots[key]

    async def initialize(self) -> None:
        """Nothing to allocate: locks are created on demand."""

    async def shutdown(self) -> None:
        """Nothing to free; any remaining locks go away with their tasks."""
        if self._slots:
            logger.debug("update processor stopping with %d learners in flight", len(self._slots))
