"""Quiz polls a front end sent, stored so a vote (which names only the poll) finds its action.

A `PollRecord` says which chat a poll lives in and which tutor action each option stands
for; a group quiz poll points every option at its question (`actions.group_answer`), so a
vote counts for whoever gave it.

The rows are written behind: a front end remembers a poll in memory the moment Telegram
accepted it and calls `save`; polls saved within `WRITE_DELAY` of each other are stored in
one transaction. While the database is away the rows are kept (up to `MAX_UNSAVED`) and
tried again every `RETRY_DELAY`, so a poll sent during an outage can still be answered
once it is back; `close` writes what is pending. A kill -9 inside that moment loses the
row: a vote on that poll after the restart is told to send /quiz, which resumes the quiz.
Rows older than `KEEP_POLLS` are deleted by `forget_old` (the bot runs it daily).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import actions
from db.engine import retry_on_dead_connection
from db.errors import is_unavailable
from db.queries.polls import NewPoll, delete_polls_before, get_poll, store_polls

logger = logging.getLogger(__name__)

WRITE_DELAY = 0.05  # seconds a sent poll may wait for others to be stored with it
RETRY_DELAY = 2.0  # seconds before trying again to store polls while the database is away
MAX_UNSAVED = 10_000  # polls held for the database while it is away; older ones are dropped
KEEP_POLLS = timedelta(days=30)  # a vote on an older poll is pointed to /quiz


@dataclass(frozen=True, slots=True)
class PollRecord:
    """What we know about a poll we sent."""

    poll_id: str
    learner_id: int
    chat_id: int
    answer_actions: tuple[str, ...]

    @property
    def group_question_id(self) -> str | None:
        """The question of a group quiz poll; None for a learner's own quiz poll."""
        return actions.group_question(self.answer_actions[0]) if self.answer_actions else None

    def action_for(self, option: int) -> str | None:
        """The tutor action behind option `option`, or None if there is no such option."""
        if 0 <= option < len(self.answer_actions):
            return self.answer_actions[option]
        return None


class PollStore:
    """Stores sent polls in batches, and finds one by id."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *,
                 write_delay: float = WRITE_DELAY) -> None:
        self._sessions = sessions
        self._write_delay = write_delay
        self._unsaved: list[NewPoll] = []
        self._writer: asyncio.Task[None] | None = None

    def save(self, poll: PollRecord, now: datetime) -> None:
        """Queue a poll's row; it is written within `WRITE_DELAY`."""
        self._unsaved.append(NewPoll(poll.poll_id, poll.learner_id, poll.chat_id,
                                     poll.answer_actions, now))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_soon(self._write_delay))

    async def _write_soon(self, delay: float) -> None:
        await asyncio.sleep(delay)
        if not await self.flush():
            self._writer = asyncio.create_task(self._write_soon(RETRY_DELAY))

    async def flush(self) -> bool:
        """Store every poll not yet in the database; False if it is away (they are kept)."""
        while self._unsaved:
            batch, self._unsaved = self._unsaved, []
            try:
                await retry_on_dead_connection(partial(self._store, batch))
            except asyncio.CancelledError:  # stopped mid-write: the upsert can simply run again
                self._unsaved = batch + self._unsaved
                raise
            except Exception as error:
                if not is_unavailable(error):
                    await self._store_one_by_one(batch)  # one bad row must not sink the rest
                    continue
                self._unsaved = (batch + self._unsaved)[-MAX_UNSAVED:]
                logger.warning("cannot store %d sent polls yet: %s", len(self._unsaved), error)
                return False
        return True

    async def _store(self, polls: list[NewPoll]) -> None:
        async with self._sessions() as session, session.begin():
            await store_polls(session, polls)

    async def _store_one_by_one(self, polls: list[NewPoll]) -> None:
        for poll in polls:
            try:
                await self._store([poll])
            except Exception as error:  # e.g. its learner was deleted meanwhile
                logger.info("poll %s not stored: %s", poll.poll_id, error)

    async def close(self) -> None:
        """Write what is pending (at shutdown, while the database is still there)."""
        if self._writer is not None and not self._writer.done():
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer
        await self.flush()

    async def find(self, poll_id: str) -> PollRecord | None:
        """The stored poll with this id, or None (never sent, forgotten, or not written yet)."""
        return await retry_on_dead_connection(partial(self._read, poll_id))

    async def _read(self, poll_id: str) -> PollRecord | None:
        async with self._sessions() as session:
            row = await get_poll(session, poll_id=poll_id)
        if row is None:
            return None
        return PollRecord(row.poll_id, row.learner_id, row.chat_id, tuple(row.answer_actions))

    async def forget_old(self, now: datetime) -> int:
        """Delete the rows of polls sent more than `KEEP_POLLS` ago; returns how many."""
        async with self._sessions() as session, session.begin():
            return await delete_polls_before(session, before=now - KEEP_POLLS)
