"""Quiz polls we sent, remembered in the database so a poll answer maps back to an action.

A `PollAnswer` update carries only the poll id, the voter and the option index; the row
stored when the poll was sent says which chat it lives in and which tutor action each
option stands for. The id is only known once Telegram accepted the poll, so a fast voter
(another group member, whose updates are not ordered behind the sender's) can answer
before the row is stored: sends happen inside `sending()`, and a lookup that misses while
a send is in flight waits for it before concluding the poll is unknown.

A group quiz poll stores `group:<question id>` for every option: its
answers are recorded for whoever voted, not for the member who started the quiz.

The polls this process sent last are kept in memory (a bounded LRU), so the usual answer,
which comes seconds or minutes after its poll, needs no database round trip of its own. The
database copy is for a restart or another instance, so it is written behind: a poll is in
memory the moment Telegram accepted it, and polls sent within `WRITE_DELAY` of each other
are stored together in one transaction (under load, one transaction for many answers
instead of one each; benchmarks/bot_throughput.py). A kill -9 within that moment loses the
row, and a vote on that poll after the restart is told to send /quiz, which resumes the quiz.
A stop writes what is pending (`flush`). A poll row is written once and at most deleted
later (with its learner's data, or by housekeeping); a vote on a remembered poll whose row is
gone reaches the tutor, which answers it as any stale button. A miss (an older poll, a
restart, another instance) reads the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Learner
from db import queries
from db.engine import retry_on_dead_connection
from db.errors import is_unavailable
from db.models import SentPoll

logger = logging.getLogger(__name__)

GROUP_PREFIX = "group:"
SETTLE_TIMEOUT = 10.0  # longest wait for in-flight poll sends before calling a poll unknown
RECENT_POLLS = 5_000  # polls kept in memory (a few hundred bytes each)
WRITE_DELAY = 0.05  # seconds a sent poll may wait for others to be stored with it
RETRY_DELAY = 2.0  # seconds before trying again to store polls while the database is away
MAX_UNSAVED = 10_000  # polls held for the database while it is away; older ones are dropped


@dataclass(frozen=True, slots=True)
class StoredPoll:
    """What we know about a poll we sent."""

    poll_id: str
    learner_id: int
    chat_id: int
    answer_actions: tuple[str, ...]

    @property
    def group_question_id(self) -> str | None:
        """The question of a group quiz poll; None for a learner's own quiz poll."""
        if self.answer_actions and self.answer_actions[0].startswith(GROUP_PREFIX):
            return self.answer_actions[0].removeprefix(GROUP_PREFIX)
        return None

    def action_for(self, option: int) -> str | None:
        """The tutor action behind option `option`, or None if there is no such option."""
        if 0 <= option < len(self.answer_actions):
            return self.answer_actions[option]
        return None


def group_actions(question_id: str, option_count: int) -> tuple[str, ...]:
    """Answer actions stored for a group poll: each option points at the question."""
    return (f"{GROUP_PREFIX}{question_id}",) * option_count


class PollStore:
    """Remembers sent polls in memory at once and stores them in the database in batches."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        recent: int = RECENT_POLLS,
        write_delay: float = WRITE_DELAY,
    ) -> None:
        self._sessions = sessions
        self._in_flight = 0
        self._settled = asyncio.Condition()
        self._recent: OrderedDict[str, StoredPoll] = OrderedDict()
        self._recent_size = recent
        self._write_delay = write_delay
        self._unsaved: list[queries.NewPoll] = []
        self._writer: asyncio.Task[None] | None = None

    def _remember(self, poll: StoredPoll) -> None:
        """Keep a saved poll in memory, forgetting the least recently used beyond the bound."""
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

    async def save(
        self,
        *,
        poll_id: str,
        learner_id: int,
        chat_id: int,
        answer_actions: tuple[str, ...],
        now: datetime,
    ) -> None:
        """Remember a poll right after Telegram accepted it; its row follows within moments."""
        self._remember(StoredPoll(poll_id, learner_id, chat_id, tuple(answer_actions)))
        self._unsaved.append(queries.NewPoll(poll_id, learner_id, chat_id, answer_actions, now))
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

    async def _store(self, polls: list[queries.NewPoll]) -> None:
        async with self._sessions() as session, session.begin():
            await queries.store_polls(session, polls)

    async def _store_one_by_one(self, polls: list[queries.NewPoll]) -> None:
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

    async def save_group(
        self,
        *,
        poll_id: str,
        owner: Learner,
        chat_id: int,
        question_id: str,
        option_count: int,
        now: datetime,
    ) -> None:
        """Remember a group quiz poll; `owner` (who started the quiz) must exist as a learner."""
        async with self._sessions() as session, session.begin():
            await queries.get_or_create_learner(
                session,
                learner_id=owner.user_id,
                now=now,
                first_name=owner.first_name or None,
                username=owner.username,
                language_code=owner.language_code,
            )
            await queries.store_poll(
                session,
                poll_id=poll_id,
                learner_id=owner.user_id,
                chat_id=chat_id,
                answer_actions=list(group_actions(question_id, option_count)),
                now=now,
            )
        actions = group_actions(question_id, option_count)
        self._remember(StoredPoll(poll_id, owner.user_id, chat_id, actions))

    async def get(self, poll_id: str) -> StoredPoll | None:
        """The poll with this id, or None for a poll we never sent (or long forgot)."""
        recent = self._recent.get(poll_id)
        if recent is not None:
            self._recent.move_to_end(poll_id)
            return recent
        found = await self._lookup(poll_id)
        if found is None and self._in_flight:
            async with self._settled:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._settled.wait_for(lambda: self._in_flight == 0), SETTLE_TIMEOUT
                    )
        # A send that finished while we read the database (or waited) put its poll in memory.
        return found or self._recent.get(poll_id)

    async def _lookup(self, poll_id: str) -> StoredPoll | None:
        row = await retry_on_dead_connection(partial(self._read, poll_id))
        if row is None:
            return None
        return StoredPoll(
            poll_id=row.poll_id,
            learner_id=row.learner_id,
            chat_id=row.chat_id,
            answer_actions=tuple(row.answer_actions),
        )

    async def _read(self, poll_id: str) -> SentPoll | None:
        async with self._sessions() as session:
            return await queries.get_poll(session, poll_id=poll_id)
