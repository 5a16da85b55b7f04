"""PostgreSQL goes away while learners are active, then comes back; the bot is not restarted.

The bot reaches its own fresh PostgreSQL database through a `TcpProxy`; `down()` cuts every
open connection and refuses new ones (the shared server keeps running for everyone else).
A quiz poll sent as the database went is delivered and remembered; its row is stored by
itself once the database is back, and its answer then counts like any other. During the
outage a poll answer, a command, a first contact and a button press all get "try again
shortly" (and the press its answerCallbackQuery). After `up()` the same process serves
everyone again: the answer lost in the outage is asked again at the same position, and
every answer is recorded exactly once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.telegram.errors import DB_UNAVAILABLE
from db import queries
from db.engine import create_engine, create_session_factory
from tests.e2e.botapi import BotApiServer, Call
from tests.reliability.support import (
    QuizTaker,
    answers_of,
    assert_clean_log,
    assert_recorded_once,
    eventually,
    launch,
    quizzes_of,
    resume_and_finish,
)
from tests.reliability.tcpproxy import TcpProxy

QUIZ_SIZE = 4


@pytest.fixture
async def proxy(pg_url: str) -> AsyncIterator[TcpProxy]:
    """A proxy in front of the PostgreSQL server holding this test's database."""
    url = make_url(pg_url)
    running = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await running.up()
    yield running
    await running.close()


async def test_outage_is_explained_and_recovered_without_restart(
    tmp_path: Path, pg_url: str, proxy: TcpProxy
) -> None:
    db_url = make_url(pg_url).set(host="127.0.0.1", port=proxy.port)
    url = db_url.render_as_string(hide_password=False)
    async with BotApiServer() as server:
        bot = await launch(server, tmp_path, db_url=url, QUIZ_SIZE=str(QUIZ_SIZE))
        try:
            ana, ben = QuizTaker(server, server.user("Ana")), QuizTaker(server, server.user("Ben"))
            for taker in (ana, ben):
                taker.start()
            await asyncio.gather(ana.run(stop_after=2), ben.run(stop_after=1))
            assert ana.waiting is not None and ben.waiting is not None
            await eventually(lambda: polls_stored(pg_url, ana.waiting, ben.waiting))

            # Ben's answer is recorded and acknowledged; the database goes while his next
            # question is on its way: that poll reaches him and the bot remembers it, but
            # its row has to wait for the database (nothing to tell Ben: it is not lost).
            server.faults.slow(0.5, methods={"sendPoll"})
            mark = server.mark()
            ben.vote(ben.waiting)
            kept = await server.wait_until(lambda: next_poll_call(server, ben.user.id, mark))
            await proxy.down()
            server.faults.slow(0)

            mark = server.mark()
            ana.vote(ana.waiting)  # her answer arrives while the database is gone
            ana.answered.pop()
            ana.verdicts.pop()  # so it cannot have been recorded
            cara = server.user("Cara")
            server.send_text(cara, "/start")  # first contact during the outage
            press = server.press_button(ben.user, ben.waiting, "c:lessons")
            for user in (ana.user, ben.user, cara):
                await told_to_retry(server, user.id, mark)
            await server.wait_until(
                lambda: True if not server.unanswered_callbacks() else None, timeout=20.0
            )
            assert press["callback_query"]["id"] not in server.unanswered_callbacks()

            await proxy.up()
            await eventually(lambda: polls_stored(pg_url, kept))  # the row followed by itself
            mark = server.mark()
            ben.vote(kept)  # answered as any poll: recorded, and the quiz goes on
            [reply, *_] = await server.wait_sent(ben.user.id, since=mark, timeout=20.0)
            assert reply.method == "sendPoll" or (reply.text or "").startswith(
                "<b>Not quite"), reply.text
            # a wrong answer's feedback can come first: wait for the next question itself,
            # so /quiz below is answered after it and not mistaken for it
            await server.wait_until(lambda: next_poll_call(server, ben.user.id, mark))
            assert await resume_and_finish(server, url, ben, QUIZ_SIZE) == 3
            assert await resume_and_finish(server, url, ana, QUIZ_SIZE) == 2
            mark = server.mark()
            server.send_text(cara, "/start")
            [welcome] = await server.wait_sent(cara.id, since=mark, timeout=20.0)
            assert "Hello" in (welcome.text or "")
            assert bot.process.returncode is None  # the same process all along
        finally:
            code = await bot.stop()
        assert code == 0, bot.log()
        log = assert_clean_log(bot, server.token)
    assert "database unavailable" in log
    for taker in (ana, ben):
        answers = await answers_of(url, taker.user.id)
        [quiz] = await quizzes_of(url, taker.user.id)
        assert quiz.status == "finished" and len(answers) == QUIZ_SIZE
        assert [row.correct for row in answers] == taker.verdicts
        assert_recorded_once(answers, quiz)
    print(f"\noutage: connections proxied {proxy.accepted}, cut {proxy.cut // 2}")


async def polls_stored(pg_url: str, *polls: Call | None) -> bool:
    """Whether the bot stored these polls (read directly, not through the proxy)."""
    engine = create_engine(pg_url)
    try:
        async with create_session_factory(engine)() as session:
            for poll in polls:
                assert poll is not None
                if await queries.get_poll(session, poll_id=poll.result["poll"]["id"]) is None:
                    return False
        return True
    finally:
        await engine.dispose()


def next_poll_call(server: BotApiServer, chat_id: int, since: int) -> Call | None:
    """A sendPoll to `chat_id` that arrived after `since` (it may not be answered yet)."""
    return next((c for c in server.calls("sendPoll", chat_id=chat_id) if c.seq >= since), None)


async def told_to_retry(server: BotApiServer, chat_id: int, since: int) -> Call:
    """The first message to `chat_id` after `since` is the "try again shortly" one."""
    calls = await server.wait_sent(chat_id, since=since, timeout=20.0)
    assert calls[0].text == DB_UNAVAILABLE, calls[0].text
    return calls[0]
