"""Faults from the stand-in Bot API while several learners take quizzes through `peacebot run`.

10% of the bot's calls answer 429 (retry_after 1 s), 5% answer 502, every answer is slow,
getUpdates fails a few times, one poll answer is delivered twice, and one learner blocks
the bot in the middle of the quiz without Telegram telling it. Afterwards every answer a
learner gave is recorded exactly once, every learner who did not block the bot received
an acknowledgement of every answer, and the blocked one is marked blocked.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.e2e.botapi import BotApiServer
from tests.reliability.support import (
    PerChatFaults,
    QuizTaker,
    acknowledged,
    answers_of,
    assert_clean_log,
    assert_recorded_once,
    eventually,
    launch,
    learner_row,
    quizzes_of,
)

LEARNERS = 5
QUIZ_SIZE = 4  # the seed course has four questions (README, "The questions")
SEED = 8


async def is_blocked(db_url: str, learner_id: int) -> bool:
    row = await learner_row(db_url, learner_id)
    return row is not None and row.blocked


async def test_every_answer_recorded_once_and_fed_back_through_faults(tmp_path: Path) -> None:
    async with BotApiServer(seed=SEED) as server:
        server.faults = PerChatFaults(seed=SEED)
        bot = await launch(server, tmp_path, QUIZ_SIZE=str(QUIZ_SIZE), LOG_LEVEL="DEBUG")
        try:
            server.faults.fail_next(2, code=502, methods={"getUpdates"})
            server.faults.fail_next(1, code=429, retry_after=1, methods={"getUpdates"})
            server.faults.set_rates(rate_429=0.10, rate_5xx=0.05, retry_after=1)
            server.faults.slow(0.05)
            takers = [QuizTaker(server, server.user(f"Learner{i}")) for i in range(LEARNERS)]
            blocker = QuizTaker(server, server.user("Zed"))
            for taker in [*takers, blocker]:
                taker.start()
            # One learner's second answer reaches the bot twice (a redelivered update).
            await asyncio.gather(
                *(t.run(redeliver_at=2 if i == 0 else None) for i, t in enumerate(takers)),
                block_midway(server, blocker),
            )
            await eventually(lambda: is_blocked(bot.db_url, blocker.user.id))
        finally:
            server.faults.clear()
            code = await bot.stop()
        assert code == 0, bot.log()
        log = assert_clean_log(bot, server.token)

    assert "<redacted-token>" in log  # DEBUG logging did try to write the token
    injected = dict(server.faults.injected)
    assert injected.get(429, 0) >= 3 and injected.get(502, 0) >= 3, injected
    assert injected.get(403, 0) >= 1, injected
    for taker in takers:
        assert taker.finished
        answers = await answers_of(bot.db_url, taker.user.id)
        [quiz] = await quizzes_of(bot.db_url, taker.user.id)
        assert [row.correct for row in answers] == taker.verdicts
        assert len(answers) == QUIZ_SIZE
        assert_recorded_once(answers, quiz)
        assert quiz.status == "finished"
        assert acknowledged(server, taker) == QUIZ_SIZE  # every answer acknowledged
    answers = await answers_of(bot.db_url, blocker.user.id)
    assert [row.correct for row in answers] == blocker.verdicts  # recorded despite the 403
    print(
        f"\nfaults: {injected}; answers checked: {LEARNERS * QUIZ_SIZE + len(answers)}; "
        f"log lines: {log.count(chr(10))}"
    )


async def block_midway(server: BotApiServer, taker: QuizTaker) -> None:
    """Answer two questions, then block the bot silently and answer the third poll anyway."""
    await taker.run(stop_after=2)
    assert taker.waiting is not None
    server.faults.block(taker.user.id)
    taker.vote(taker.waiting)
