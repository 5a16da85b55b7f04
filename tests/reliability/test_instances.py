"""Three `peacebot run --webhook` processes behind one round-robin proxy, on one PostgreSQL.

As deploy/compose.yaml runs them: migrations once (`peacebot db upgrade`), then three
instances, each calling setWebhook with the one public URL; the stand-in Bot API pushes to
the proxy (here in the test's loop), which hands each post to the next instance, so one
learner's consecutive answers land on different processes, and one redelivered poll answer
reaches another instance than the first delivery. Afterwards every answer is recorded once,
in order, with the XP it earned (nothing lost between processes), every instance handled
updates, answered /healthz, and stopped cleanly.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from bot.telegram.handlers import LOST_POLL
from db.models import Quiz
from tests.e2e.bot_process import (
    BotProcess,
    free_tcp_port,
    migrate,
    round_robin,
    start_bot,
    wait_listening,
)
from tests.e2e.botapi import BotApiServer
from tests.reliability.support import (
    QUIZ_DONE,
    QuizTaker,
    answers_of,
    assert_clean_log,
    assert_recorded_once,
    learner_row,
    quizzes_of,
    resume_and_finish,
)

INSTANCES = 3
LEARNERS = 4
QUIZ_SIZE = 4  # the seed course has four questions (README, "The questions")
SECRET = "one-secret-for-all"



async def _instance(server: BotApiServer, workdir: Path, db_url: str, public_url: str,
                    port: int, *, rate: int = 0) -> BotProcess:
    mark = server.mark()
    workdir.mkdir()
    bot = await start_bot(server, workdir, webhook=True, DATABASE_URL=db_url,
                          WEBHOOK_URL=public_url, WEBHOOK_SECRET=SECRET,
                          WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port),
                          QUIZ_SIZE=str(QUIZ_SIZE), TELEGRAM_MAX_RATE=str(rate),
                          LOG_LEVEL="INFO")
    # start_bot saw the first setWebhook ever; this instance's comes after `mark`.
    await server.wait_until(
        lambda: next((c for c in server.log.calls[mark:] if c.method == "setWebhook"), None),
        timeout=60.0)
    await wait_listening(port)
    return bot


async def _start_instances(bots: list[BotProcess], server: BotApiServer, tmp_path: Path,
                           db_url: str, public_url: str, ports: list[int], *,
                           rate: int = 0) -> None:
    """One instance per port, appended to `bots` as each starts (so the caller stops those
    that did if a later one fails)."""
    for number, port in enumerate(ports):
        bots.append(await _instance(server, tmp_path / f"bot-{number}", db_url, public_url,
                                    port, rate=rate))


def _started_takers(server: BotApiServer) -> list[QuizTaker]:
    takers = [QuizTaker(server, server.user(f"Learner{i}")) for i in range(LEARNERS)]
    for taker in takers:
        taker.start()
    return takers


async def _each_answer_recorded_once(db_url: str, taker: QuizTaker) -> Quiz:
    """The learner finished, and every answer is in the database once, in order; the quiz row."""
    assert taker.finished
    answers = await answers_of(db_url, taker.user.id)
    [quiz] = await quizzes_of(db_url, taker.user.id)
    assert [row.correct for row in answers] == taker.verdicts
    assert_recorded_once(answers, quiz)
    return quiz


async def test_three_instances_share_learners_without_losing_an_answer(
    tmp_path: Path, pg_url: str,
) -> None:
    migrate(pg_url)
    ports = [free_tcp_port() for _ in range(INSTANCES)]
    async with BotApiServer() as server, round_robin(ports) as (proxy_port, handled):
        public_url = f"http://127.0.0.1:{proxy_port}/hook"
        bots: list[BotProcess] = []
        try:
            await _start_instances(bots, server, tmp_path, pg_url, public_url, ports)
            assert server.state.webhook["url"] == public_url
            async with aiohttp.ClientSession() as client:
                for port in ports:
                    async with client.get(f"http://127.0.0.1:{port}/healthz") as response:
                        assert (response.status, await response.text()) == (200, "ok")
            takers = _started_takers(server)
            # The first learner's second answer is delivered twice (to another instance).
            await asyncio.gather(*(taker.run(redeliver_at=2 if i == 0 else None)
                                   for i, taker in enumerate(takers)))
        finally:
            codes = [await bot.stop() for bot in bots]
        for bot, code in zip(bots, codes, strict=True):
            assert code == 0, bot.log()
            assert_clean_log(bot, server.token)

    assert set(handled) == set(ports), handled  # every instance took its share
    assert sum(handled.values()) >= LEARNERS * (QUIZ_SIZE + 1) + 1
    for taker in takers:
        quiz = await _each_answer_recorded_once(pg_url, taker)
        assert quiz.status == "finished"
        learner = await learner_row(pg_url, taker.user.id)
        assert learner is not None
        assert learner.xp == 10 * sum(taker.verdicts)  # no increment lost between processes
    print(f"\nposts per instance: {dict(handled)}")


RATE = 6  # messages a second on the token, for all instances together
SHARED = f"send budget: {INSTANCES} instance(s) share the token"


async def test_one_send_budget_for_all_and_a_killed_instance_loses_nothing(
    tmp_path: Path, pg_url: str,
) -> None:
    """Three instances pace at RATE / 3 each, so the stand-in never sees more than RATE
    messages in a second; kill -9 of one mid-quiz loses no acknowledged answer (a webhook
    post is answered 200 only once handled; an unanswered one is sent again)."""
    migrate(pg_url)
    ports = [free_tcp_port() for _ in range(INSTANCES)]
    async with BotApiServer() as server, round_robin(ports) as (proxy_port, _handled):
        public_url = f"http://127.0.0.1:{proxy_port}/hook"
        bots: list[BotProcess] = []
        try:
            await _start_instances(bots, server, tmp_path, pg_url, public_url, ports, rate=RATE)
            # every instance has counted the three before the load starts
            await server.wait_until(lambda: all(SHARED in bot.log() for bot in bots) or None,
                                    timeout=30.0)
            start = server.mark()
            takers = _started_takers(server)
            first = asyncio.gather(*(taker.run(stop_after=2) for taker in takers))
            await first
            bots[1].process.kill()  # kill -9 mid-quiz: each learner has two answers left
            await bots[1].process.wait()
            for taker in takers:
                assert taker.waiting is not None
                taker.vote(taker.waiting)  # the poll each stopped at, answered after the kill
            lost = await asyncio.gather(*(_finish(server, pg_url, taker) for taker in takers))
            sends = sorted(call.at for call in server.log.calls[start:]
                           if call.chat_id is not None)
        finally:
            codes = [await bot.stop() for bot in (bots[0], bots[2])]
        assert codes == [0, 0]

    busiest = max(sum(1 for later in sends if at <= later < at + 1.0) for at in sends)
    assert busiest <= RATE + 1, busiest  # one of slack for the pacer's 2% margin and jitter
    for taker in takers:
        await _each_answer_recorded_once(pg_url, taker)
    print(f"\nbusiest second: {busiest} messages (budget {RATE}/s for {INSTANCES} instances); "
          f"polls lost with the killed instance: {sum(lost)}")


async def _finish(server: BotApiServer, db_url: str, taker: QuizTaker) -> bool:
    """Answer on to the summary. A poll the killed instance sent in its last moments (its
    record not yet written) is answered with the pointer to /quiz: the vote was not
    recorded, the learner is told so, resumes and answers that question again. Returns
    whether that happened."""
    while True:
        call = await taker.next_message()
        if call.method == "sendPoll":
            taker.vote(call)
        elif QUIZ_DONE in (call.text or ""):
            taker.finished = True
            return False
        elif LOST_POLL in (call.text or ""):
            taker.verdicts.pop()  # that vote never reached a quiz
            taker.answered.pop()
            await resume_and_finish(server, db_url, taker, QUIZ_SIZE)
            return True

