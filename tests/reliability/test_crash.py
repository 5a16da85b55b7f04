"""kill -9 of `peacebot run` amid a load of answers, then a restart on the same database.

Learners vote on quiz polls as fast as the bot sends them; once a dozen answers were
acknowledged (the bot's next message delivered) the process is killed with SIGKILL while other
answers are in flight. A new process on the same SQLite file then serves the same
stand-in (which redelivers every update the dead bot had not confirmed). Each learner
asks for /quiz, is offered "Resume (k of n answered)" with k what the database holds,
and finishes. Every acknowledged answer must be there, and no answer twice.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import col

from bot.tutor.streaks import XP_PER_RIGHT_ANSWER
from db.engine import create_engine, create_session_factory
from db.models import ReviewCard
from tests.e2e.botapi import BotApiServer
from tests.reliability.support import (
    QuizTaker,
    acknowledged,
    answers_of,
    assert_clean_log,
    assert_recorded_once,
    launch,
    learner_row,
    quizzes_of,
    resume_and_finish,
)

LEARNERS = 6
QUIZ_SIZE = 4  # the seed course has four questions (README, "The questions")
KILL_AFTER_ACKS = 10  # about two fifths of the answers in (of 24), the rest in flight or to come


async def test_kill_9_mid_load_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    db_url = f"sqlite+aiosqlite:///{tmp_path}/peacebot.db"
    size = str(QUIZ_SIZE)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    async with BotApiServer(seed=4) as server:
        first = await launch(server, tmp_path / "first", db_url=db_url, QUIZ_SIZE=size)
        server.faults.slow(0.15, methods={"sendMessage"})  # keep answers in flight
        takers = [QuizTaker(server, server.user(f"Learner{i}")) for i in range(LEARNERS)]
        for taker in takers:
            taker.start()
        tasks = [asyncio.create_task(taker.run()) for taker in takers]

        def kill_when_loaded() -> int | None:
            acked = sum(acknowledged(server, t) for t in takers)
            if acked < KILL_AFTER_ACKS:
                return None
            first.process.kill()  # SIGKILL, right as an answer is acknowledged
            return acked

        try:
            await server.wait_until(kill_when_loaded, timeout=60.0)
        finally:  # never leave the first bot running when the test fails before the kill
            if first.process.returncode is None:
                first.process.kill()
        assert await first.process.wait() == -9
        server.faults.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        acked = {t.user.id: acknowledged(server, t) for t in takers}
        voted = {t.user.id: len(t.answered) for t in takers}
        assert sum(voted.values()) > sum(acked.values())  # some answers were in flight

        second = await launch(server, tmp_path / "second", db_url=db_url, QUIZ_SIZE=size)
        try:
            resumed = [await resume_and_finish(server, db_url, t, QUIZ_SIZE) for t in takers]
        finally:
            code = await second.stop()
        assert code == 0, second.log()
        assert_clean_log(second, server.token)
        assert_clean_log(first, server.token)

    # Some answers were stored but never acknowledged: they must not count twice.
    assert sum(resumed) > sum(acked.values())
    for taker in takers:
        answers = await answers_of(db_url, taker.user.id)
        [quiz] = await quizzes_of(db_url, taker.user.id)
        assert quiz.status == "finished" and len(answers) == QUIZ_SIZE
        assert_recorded_once(answers, quiz)
        ack = acked[taker.user.id]  # every acknowledged answer is there, as given
        assert [row.correct for row in answers[:ack]] == taker.verdicts[:ack]
        learner = await learner_row(db_url, taker.user.id)
        assert learner is not None
        assert learner.xp == XP_PER_RIGHT_ANSWER * sum(row.correct for row in answers)
        assert await card_reps(db_url, taker.user.id) == QUIZ_SIZE  # one review per answer
    print(
        f"\ncrash: acknowledged before kill {sum(acked.values())}, votes sent "
        f"{sum(voted.values())}, resumed at {resumed}, answers checked {LEARNERS * QUIZ_SIZE}"
    )


async def card_reps(db_url: str, learner_id: int) -> int:
    """Reviews counted on the learner's FSRS cards (each answer adds exactly one)."""
    engine = create_engine(db_url)
    try:
        async with create_session_factory(engine)() as session:
            total = await session.scalar(
                select(func.sum(col(ReviewCard.reps))).where(
                    col(ReviewCard.learner_id) == learner_id
                )
            )
            return int(total or 0)
    finally:
        await engine.dispose()
