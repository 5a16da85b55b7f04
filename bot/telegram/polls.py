"""Quiz polls this process sent, kept in memory so a vote finds its action without a query.

A `PollAnswer` update carries only the poll id, the voter and the option index; the tutor
stores each poll's record (`bot/tutor/polls.py`, written behind in batches) and this cache
keeps the polls sent last (a bounded LRU), so the usual vote, seconds or minutes after its
poll, needs no database round trip. A miss (an older poll, a restart, another instance)
asks the tutor.

The id is only known once Telegram accepted the poll, so a fast voter (another group member,
whose updates are not ordered behind the sender's) can answer before the poll is known:
sends happen inside `sending()`, and a lookup that misses while a send is in flight waits
for it before concluding the poll is unknown.

With several instances behind one webhook URL the vote can reach another instance than the
one that sent the poll, before that one wrote the poll's row (written behind, within 50 ms
of Telegram accepting the poll). So a poll found nowhere is read again a few times, over
`OTHER_INSTANCE_WAIT` in all, before it is called unknown: only a truly unknown poll (one
never sent, or deleted after 30 days) waits that long.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import AsyncIterator
from datetime import datetime

from bot.tutor import Person, PollRecord, Tutor

SETTLE_TIMEOUT = 10.0  # longest wait for in-flight poll sends before calling a poll unknown
RECENT_POLLS = 5_000  # polls kept in memory (a few hundred bytes each)
# Pauses between re-reads of a poll found nowhere (another instance may be writing its row).
REREAD_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)
OTHER_INSTANCE_WAIT = sum(REREAD_DELAYS)


class SentPolls:
    """Remembers sent polls in memory and has the tutor store them."""

    def __init__(self, tutor: Tutor, *, recent: int = RECENT_POLLS) -> None:
        self._tutor = tutor
        self._in_flight = 0
        self._settled = asyncio.Condition()
        self._recent: OrderedDict[str, PollRecord] = OrderedDict()
        self._recent_size = recent

    def _remember(self, poll: PollRecord) -> None:
        """Keep a poll in memory, forgetting the least recently used beyond the bound."""
        self._recent[poll.poll_id] = poll
        self._recent.move_to_end(poll.poll_id)
        while len(self._recent) > self._recent_size:
            self._recent.popitem(last=False)

    @contextlib.asynccontextmanager
    async def sending(self) -> AsyncIterator[None]:
        """Wrap sending a poll and saving it, so early answers wait for the save."""
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            async with self._settled:
                self._settled.notify_all()

    def save(self, poll: PollRecord, now: datetime) -> None:
        """Remember a learner's quiz poll right after Telegram accepted it; the tutor writes
        its row within moments."""
        self._remember(poll)
        self._tutor.polls.save(poll, now)

    async def save_group(self, poll: PollRecord, *, owner: Person, now: datetime) -> None:
        """Remember a group quiz poll; the tutor stores it at once, with its owner (who
        started the quiz) as a learner."""
        await self._tutor.remember_group_poll(owner, poll, now)
        self._remember(poll)

    async def get(self, poll_id: str) -> PollRecord | None:
        """The poll with this id, or None for a poll we never sent (or long forgot)."""
        recent = self._recent.get(poll_id)
        if recent is not None:
            self._recent.move_to_end(poll_id)
            return recent
        found = await self._tutor.polls.find(poll_id)
        if found is None and self._in_flight:
            async with self._settled:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._settled.wait_for(lambda: self._in_flight == 0), SETTLE_TIMEOUT
                    )
        # A send that finished while we read the database (or waited) put its poll in memory.
        found = found or self._recent.get(poll_id)
        for delay in REREAD_DELAYS:  # another instance may be writing it (module docstring)
            if found is not None:
                break
            await asyncio.sleep(delay)
            found = await self._tutor.polls.find(poll_id)
        return found
