"""Shared pieces of the reliability suite: the real bot process, learners who take quizzes
through it, deterministic faults, and what the database says afterwards.

The learners here are the test's coroutines acting on the stand-in Bot API: they send
`/quiz all` and vote on every quiz poll the bot sends. An answer is *acknowledged* when the
bot's next message after the vote (the next question, feedback, or the summary) was
delivered: the tutor commits an answer before anything about it is sent.
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
import random
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.engine import create_engine, create_session_factory
from db.models import Learner, Quiz, ReviewLog
from tests.e2e.bot_process import BotProcess, start_bot
from tests.e2e.botapi import BotApiServer, Call, FakeUser, Faults

REPLY_TIMEOUT = 20.0
QUIZ_DONE = "Quiz done"
RESUME_LABEL = re.compile(r"Resume \((\d+) of (\d+) answered\)")
# Lines our own code logged at ERROR (the error handler logs unexpected failures so).
OUR_ERROR_LINE = re.compile(r"^\S+ \S+ (ERROR|CRITICAL) (bot|db|content)\.", re.MULTILINE)
Owned = TypeVar("Owned", ReviewLog, Quiz)  # rows with a learner_id and an id


def acknowledged(server: BotApiServer, taker: QuizTaker) -> int:
    """How many of the taker's answers were acknowledged: a message reached them after the
    vote and before their next one (one learner's updates are handled strictly in order)."""
    delivered = [call.seq for call in server.sent(taker.user.id)]
    bounds = [*taker.vote_marks, math.inf]
    return sum(any(start <= seq < end for seq in delivered)
               for start, end in zip(bounds, bounds[1:], strict=False))


async def launch(
    server: BotApiServer,
    workdir: Path,
    *,
    db_url: str | None = None,
    webhook: bool = False,
    **env: str,
) -> BotProcess:
    """`peacebot run` against `server` (SQLite in `workdir` unless `db_url`), live on return.

    Unlike `start_bot` alone this also works for a restart on the same stand-in: it waits
    for a getUpdates made after this launch, not the first one ever.
    """
    mark = server.mark()
    if db_url is not None:
        env = {**env, "DATABASE_URL": db_url}
    bot = await start_bot(server, workdir, webhook=webhook, **env)
    if db_url is not None:
        bot = dataclasses.replace(bot, db_url=db_url)
    if webhook:
        return bot
    await server.wait_until(
        lambda: next((c for c in server.log.calls[mark:] if c.method == "getUpdates"), None),
        timeout=60.0,
    )
    return bot


def assert_clean_log(bot: BotProcess, token: str) -> str:
    """The bot's stderr never shows the token, and our code logged no ERROR; returns the log."""
    log = bot.log()
    secret = token.split(":", 1)[1]
    assert token not in log and secret not in log, "the bot token leaked into the log"
    for call in bot.server.calls():  # nor does anything the bot sends to a chat
        assert secret not in repr(call.params), f"the token was sent in {call.method}"
    found = OUR_ERROR_LINE.findall(log)
    assert not found, f"our code logged errors:\n{log}"
    return log


@dataclass
class PerChatFaults(Faults):
    """The stand-in's random faults, drawn from one seeded stream per chat.

    One learner's calls are strictly ordered by the bot, so with a stream per chat the
    faults each learner meets do not depend on how the learners' calls interleave: the run
    is the same every time, whatever the scheduling.
    """

    _streams: dict[int, random.Random] = field(default_factory=dict)

    def _pick(self, method: str, chat_id: int | None) -> Any:
        key = chat_id if chat_id is not None else 0
        stream = self._streams.get(key)
        if stream is None:
            stream = self._streams[key] = random.Random(f"{self.seed}:{key}")
        self._random = stream
        return super()._pick(method, chat_id)


@dataclass
class QuizTaker:
    """One learner taking a course quiz through the bot by voting on its quiz polls.

    `choose(position, correct, option_count)` picks the option; by default every third
    answer is wrong. `answered` holds the options voted in order (as shown: options are
    shuffled per showing, so the stored index differs), `verdicts` whether each was the right
    one (what the database's answers must match, in order); `polls` the poll calls.
    """

    server: BotApiServer
    user: FakeUser
    choose_wrong_every: int = 3
    answered: list[int] = field(default_factory=list)
    verdicts: list[bool] = field(default_factory=list)
    polls: list[Call] = field(default_factory=list)
    vote_marks: list[int] = field(default_factory=list)  # the call log's mark at each vote
    finished: bool = False
    after: int = -1
    waiting: Call | None = None  # the poll `run(stop_after=...)` stopped at, unanswered

    def option_for(self, poll: Call) -> int:
        correct = int(poll.params["correct_option_ids"][0])
        count = len(poll.params["options"])
        wrong = (len(self.answered) + self.user.id) % self.choose_wrong_every == 0
        return (correct + 1) % count if wrong else correct

    async def next_message(self, timeout: float = REPLY_TIMEOUT) -> Call:
        """The first message delivered to this learner after the last one seen."""
        calls = await self.server.wait_sent(self.user.id, since=self.after + 1, timeout=timeout)
        call = calls[0]
        self.after = call.seq
        return call

    def start(self, text: str = "/quiz all") -> None:
        self.after = self.server.mark() - 1
        self.server.send_text(self.user, text)

    def vote(self, poll: Call) -> dict[str, Any]:
        """Vote on `poll`; returns the injected update (to redeliver it, for instance)."""
        option = self.option_for(poll)
        self.answered.append(option)
        self.verdicts.append(option == int(poll.params["correct_option_ids"][0]))
        self.polls.append(poll)
        self.vote_marks.append(self.server.mark())
        return self.server.answer_poll(self.user, poll.result["poll"]["id"], [option])

    async def run(self, *, redeliver_at: int | None = None, stop_after: int | None = None) -> None:
        """Answer every poll until the summary (or `stop_after` votes).

        `redeliver_at`: after that many votes, the same poll_answer update is delivered a
        second time, as Telegram may do after a lost confirmation.
        """
        while True:
            call = await self.next_message()
            if call.method == "sendPoll":
                if stop_after is not None and len(self.answered) >= stop_after:
                    self.waiting = call
                    return
                update = self.vote(call)
                if redeliver_at is not None and len(self.answered) == redeliver_at:
                    self.server.inject("poll_answer", update["poll_answer"])
            elif QUIZ_DONE in (call.text or ""):
                self.finished = True
                return


async def eventually(
    check: Callable[[], Awaitable[bool]], *, timeout: float = REPLY_TIMEOUT
) -> None:
    """Wait until `check()` is true (database effects can land after the last message)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


@asynccontextmanager
async def _session(db_url: str) -> AsyncIterator[AsyncSession]:
    """A session on an engine of its own, disposed of afterwards (the bot has its own)."""
    engine = create_engine(db_url)
    try:
        async with create_session_factory(engine)() as session:
            yield session
    finally:
        await engine.dispose()


async def _rows_of(db_url: str, model: type[Owned], learner_id: int) -> list[Owned]:
    async with _session(db_url) as session:
        rows = await session.scalars(
            select(model).where(col(model.learner_id) == learner_id).order_by(col(model.id))
        )
        return list(rows)


async def answers_of(db_url: str, learner_id: int) -> list[ReviewLog]:
    """Every recorded answer of a learner, oldest first."""
    return await _rows_of(db_url, ReviewLog, learner_id)


async def quizzes_of(db_url: str, learner_id: int) -> list[Quiz]:
    """The learner's quiz sessions, oldest first."""
    return await _rows_of(db_url, Quiz, learner_id)


async def learner_row(db_url: str, learner_id: int) -> Learner | None:
    async with _session(db_url) as session:
        return await session.get(Learner, learner_id)


def assert_recorded_once(answers: list[ReviewLog], quiz: Quiz) -> None:
    """One row per position of `quiz`, in order, agreeing with the quiz's own tallies."""
    rows = [row for row in answers if row.quiz_session_id == quiz.id]
    assert [row.position for row in rows] == list(range(len(rows))), rows
    assert len({row.answer_key for row in answers}) == len(answers)
    assert [row.question_id for row in rows] == quiz.question_ids[: len(rows)]
    assert quiz.position == len(rows) == len(quiz.answers)
    assert quiz.correct_count == sum(1 for row in rows if row.correct)


async def resume_and_finish(server: BotApiServer, db_url: str, taker: QuizTaker, size: int) -> int:
    """/quiz offers to resume at the stored position; continue to the end. Returns k.

    A quiz that every answer finished before the kill has nothing to resume: /quiz then
    starts a new one at once (its only choice), with a question instead of a menu.
    """
    [quiz] = await quizzes_of(db_url, taker.user.id)
    taker.start("/quiz")
    while True:
        menu = await taker.next_message()
        asked = menu.method == "sendMessage" and "What should the quiz cover?" in (menu.text or "")
        if asked or menu.method == "sendPoll":
            break
    labels = [b["text"] for b in menu.buttons() if RESUME_LABEL.fullmatch(b["text"])]
    if quiz.status == "finished":  # every answer made it before the kill
        assert labels == [] and menu.method == "sendPoll"
        return quiz.position
    [label] = labels
    match = RESUME_LABEL.fullmatch(label)
    assert match is not None
    assert (int(match[1]), int(match[2])) == (quiz.position, size)
    server.press_button(taker.user, menu, server.find_button(menu, "Resume"))
    await taker.run()
    assert taker.finished
    return quiz.position
