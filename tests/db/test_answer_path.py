"""The lean statements of the quiz answer path, on both backends.

`advance_loaded_quiz` (one compare-and-set UPDATE instead of a locking re-read and flush),
`get_card_state` (one column, no ORM object) and `store_polls` (a prebuilt upsert, no RETURNING).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import queries
from db.models import Quiz
from db.queries.reviews import CardUpdate
from tests.db import fill

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
Factory = async_sessionmaker[AsyncSession]


async def _start(factory: Factory) -> int:
    async with factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=NOW)
        quiz = await queries.start_quiz(
            session, learner_id=1, scope="course", question_ids=["q1", "q2"], now=NOW
        )
        assert quiz.id is not None
        return quiz.id


async def _loaded(session: AsyncSession, quiz_id: int) -> Quiz:
    quiz = await fill.get_quiz(session, quiz_id=quiz_id)
    assert quiz is not None
    return quiz


async def test_advance_loaded_quiz_moves_on_and_finishes_on_the_last_answer(
    session_factory: Factory,
) -> None:
    quiz_id = await _start(session_factory)
    later = NOW + timedelta(minutes=1)
    async with session_factory() as session, session.begin():
        quiz = await _loaded(session, quiz_id)
        assert await queries.advance_loaded_quiz(
            session, quiz=quiz, answer={"question_id": "q1"}, correct=True, xp=10, now=later
        )
        assert (quiz.position, quiz.correct_count, quiz.xp_earned) == (1, 1, 10)
        assert quiz.finished_at is None and not session.dirty
    async with session_factory() as session, session.begin():
        quiz = await _loaded(session, quiz_id)
        assert (quiz.position, quiz.correct_count, quiz.xp_earned) == (1, 1, 10)
        assert await queries.advance_loaded_quiz(
            session, quiz=quiz, answer={"question_id": "q2"}, correct=False, xp=0, now=later
        )
        assert quiz.finished_at == later and quiz.status == "finished"
    async with session_factory() as session, session.begin():
        quiz = await _loaded(session, quiz_id)
        assert (quiz.position, quiz.correct_count, quiz.status) == (2, 1, "finished")
        assert quiz.finished_at == later
        assert [answer["question_id"] for answer in quiz.answers] == ["q1", "q2"]
        assert await queries.get_active_quiz(session, learner_id=1) is None
        # A finished quiz takes no more answers.
        assert not await queries.advance_loaded_quiz(
            session, quiz=quiz, answer={}, correct=True, xp=0, now=later
        )


async def test_advance_loaded_quiz_refuses_a_stale_read(session_factory: Factory) -> None:
    quiz_id = await _start(session_factory)
    async with session_factory() as session, session.begin():
        quiz = await _loaded(session, quiz_id)
        # Another answer moved the quiz on after our read (as a concurrent writer would).
        table = Quiz.__table__  # type: ignore[attr-defined]
        await session.execute(update(table).where(table.c.id == quiz_id).values(position=1))
        assert not await queries.advance_loaded_quiz(
            session, quiz=quiz, answer={"question_id": "q1"}, correct=True, xp=10, now=NOW
        )
        assert quiz.position == 0 and quiz.answers == []
    async with session_factory() as session:
        quiz = await _loaded(session, quiz_id)
        assert (quiz.position, quiz.correct_count, quiz.answers) == (1, 0, [])


async def test_get_card_state_is_the_stored_fsrs_dict(session_factory: Factory) -> None:
    card = {"card_id": 7, "state": 2, "step": None, "stability": 3.5, "difficulty": 5.0,
            "due": "2026-11-27T09:00:00+00:00", "last_review": "2026-11-25T09:00:00+00:00"}
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=NOW)
        assert await queries.get_card_state(session, learner_id=1, question_id="q1") is None
        await queries.record_answer(
            session, learner_id=1, question_id="q1", answer_key="a", chosen=0, correct=True,
            rating=3, answered_at=NOW,
            card_update=CardUpdate(card=card, lesson_id="l1", course_id="c"))
    async with session_factory() as session:
        assert await queries.get_card_state(session, learner_id=1, question_id="q1") == card
        assert await queries.get_card_state(session, learner_id=2, question_id="q1") is None


async def test_store_poll_saves_and_replaces(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=NOW)
        await fill.store_poll(
            session, poll_id="p1", learner_id=1, chat_id=11, answer_actions=["a", "b"], now=NOW
        )
    later = NOW + timedelta(hours=1)
    async with session_factory() as session, session.begin():
        await fill.store_poll(
            session, poll_id="p1", learner_id=1, chat_id=12, answer_actions=["c"], now=later
        )
    async with session_factory() as session:
        poll = await queries.get_poll(session, poll_id="p1")
        assert poll is not None
        assert (poll.chat_id, poll.answer_actions, poll.created_at) == (12, ["c"], later)
