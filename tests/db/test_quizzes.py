"""Quiz sessions on both backends: one active per learner, surviving a restart.

Advancing and finishing are in test_answer_path.py.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db import queries
from db.engine import create_engine, create_session_factory
from tests.db import fill

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
Factory = async_sessionmaker[AsyncSession]


async def _start(factory: Factory, scope: str = "lesson:c/l1") -> int:
    async with factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=NOW)
        quiz = await queries.start_quiz(
            session, learner_id=1, scope=scope, question_ids=["q1", "q2", "q3"], now=NOW
        )
        assert quiz.id is not None
        return quiz.id


async def test_starting_a_quiz_abandons_the_active_one(session_factory: Factory) -> None:
    first = await _start(session_factory)
    second = await _start(session_factory, scope="review")
    async with session_factory() as session:
        active = await queries.get_active_quiz(session, learner_id=1)
        assert active is not None and active.id == second and active.scope == "review"
        old = await fill.get_quiz(session, quiz_id=first)
        assert old is not None and old.status == "abandoned" and old.finished_at == NOW
        quizzes = await queries.list_quizzes(session, learner_id=1)
        assert len(quizzes) == 2


async def test_a_start_that_believed_none_was_active_gets_the_active_one(
    session_factory: Factory,
) -> None:
    first = await _start(session_factory)
    async with session_factory() as session, session.begin():
        quiz = await queries.start_quiz(
            session, learner_id=1, scope="review", question_ids=["q9"], now=NOW,
            abandon_active=False,
        )
    assert (quiz.id, quiz.scope, quiz.question_ids) == (first, "lesson:c/l1", ["q1", "q2", "q3"])
    async with session_factory() as session:
        assert len(await queries.list_quizzes(session, learner_id=1)) == 1


async def test_an_answer_reads_the_learner_and_only_their_own_quiz(
    session_factory: Factory,
) -> None:
    quiz_id = await _start(session_factory)
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=2, now=NOW)
    async with session_factory() as session:
        learner, quiz, _ = await queries.get_learner_and_quiz(
            session, learner_id=1, quiz_id=quiz_id)
        assert learner is not None and learner.id == 1
        assert quiz is not None and quiz.id == quiz_id and quiz.question_ids == ["q1", "q2", "q3"]
        other, theirs, _ = await queries.get_learner_and_quiz(
            session, learner_id=2, quiz_id=quiz_id)
        assert other is not None and other.id == 2 and theirs is None
        missing = await queries.get_learner_and_quiz(session, learner_id=1, quiz_id=quiz_id + 9)
        assert missing.learner is learner and missing.quiz is None and missing.card is None
        assert await queries.get_learner_and_quiz(session, learner_id=3, quiz_id=quiz_id) == (
            None, None, None)


def _card_state(stability: float) -> dict[str, object]:
    return {"card_id": 1, "state": 2, "step": None, "stability": stability, "difficulty": 5.0,
            "due": NOW.isoformat(), "last_review": NOW.isoformat()}


async def test_an_answer_reads_the_card_of_the_quiz_current_question(
    session_factory: Factory,
) -> None:
    quiz_id = await _start(session_factory)  # questions q1, q2, q3
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=2, now=NOW)
        for learner_id, question_id, stability in ((1, "q2", 2.5), (2, "q1", 9.0), (1, "q3", 4.0)):
            await fill.add_card(session, learner_id=learner_id, question_id=question_id,
                                      lesson_id="l1", course_id="c", card=_card_state(stability),
                                      now=NOW)
    seen = []
    for _ in range(3):
        async with session_factory() as session, session.begin():
            read = await queries.get_learner_and_quiz(session, learner_id=1, quiz_id=quiz_id)
            assert read.quiz is not None
            seen.append(None if read.card is None else read.card["stability"])
            assert await queries.advance_loaded_quiz(
                session, quiz=read.quiz, answer={}, correct=True, xp=0, now=NOW)
    # q1 has no card of learner 1 (learner 2's does not count); then q2's and q3's.
    assert seen == [None, 2.5, 4.0]
    async with session_factory() as session:
        finished = await queries.get_learner_and_quiz(session, learner_id=1, quiz_id=quiz_id)
        assert finished.quiz is not None and finished.quiz.finished_at is not None
        assert finished.card is None  # past the last question


async def test_concurrent_starts_leave_one_active(session_factory: Factory) -> None:
    await _start(session_factory)
    await asyncio.gather(*(_start(session_factory, scope=f"s{i}") for i in range(6)))
    async with session_factory() as session:
        quizzes = await queries.list_quizzes(session, learner_id=1)
        assert sum(quiz.finished_at is None for quiz in quizzes) == 1
    async with session_factory() as session, session.begin():
        assert await queries.abandon_active_quiz(session, learner_id=1, now=NOW)
        assert not await queries.abandon_active_quiz(session, learner_id=1, now=NOW)


async def test_half_done_quiz_survives_a_restart(engine: AsyncEngine) -> None:
    quiz_id = await _start(create_session_factory(engine))
    async with create_session_factory(engine)() as session, session.begin():
        quiz = await fill.get_quiz(session, quiz_id=quiz_id)
        assert quiz is not None
        assert await queries.advance_loaded_quiz(
            session, quiz=quiz, answer={"q": 1}, correct=True, xp=10, now=NOW
        )
    url = engine.url.render_as_string(hide_password=False)
    await engine.dispose()
    fresh = create_engine(url)
    try:
        async with create_session_factory(fresh)() as session:
            quiz = await queries.get_active_quiz(session, learner_id=1)
            assert quiz is not None and quiz.id == quiz_id
            assert quiz.position == 1 and quiz.question_ids == ["q1", "q2", "q3"]
    finally:
        await fresh.dispose()
