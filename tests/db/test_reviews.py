"""Cards and answers on both backends: idempotent recording, due order, new questions, caps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import queries
from tests.db import fill
from tests.db.fill import reviewed_card

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
Factory = async_sessionmaker[AsyncSession]


async def _learner(factory: Factory, learner_id: int = 1) -> None:
    async with factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=learner_id, now=NOW)


async def _card(session: AsyncSession, qid: str, due: datetime, lesson: str = "c/l1") -> None:
    await fill.add_card(
        session,
        learner_id=1,
        question_id=qid,
        lesson_id=lesson,
        course_id="c",
        card=Card(card_id=1, due=due).to_dict(),
        now=NOW,
    )


async def _answer(
    session: AsyncSession, key: str, *, correct: bool = True, qid: str = "q1"
) -> bool:
    return await queries.record_answer(
        session,
        learner_id=1,
        question_id=qid,
        answer_key=key,
        chosen=0,
        correct=correct,
        rating=int(Rating.Good if correct else Rating.Again),
        answered_at=NOW,
        latency_ms=1200,
        card_update={"card": reviewed_card(NOW), "lesson_id": "c/l1", "course_id": "c"},
    )


async def test_record_answer_is_idempotent(session_factory: Factory) -> None:
    await _learner(session_factory)
    async with session_factory() as session, session.begin():
        assert await _answer(session, "quiz1:0") is True
    async with session_factory() as session, session.begin():
        assert await _answer(session, "quiz1:0") is False  # the same update delivered again
        assert await _answer(session, "quiz1:1") is True
    async with session_factory() as session:
        answers = await queries.list_answers(session, learner_id=1)
        card = await fill.get_card(session, learner_id=1, question_id="q1")
    assert [answer.answer_key for answer in answers] == ["quiz1:0", "quiz1:1"]
    assert card is not None and card.reps == 2 and card.lapses == 0
    assert card.last_review == NOW and card.stability is not None and card.stability > 0
    assert answers[0].latency_ms == 1200 and answers[0].answered_at == NOW


async def test_record_answer_without_card_update_only_logs(session_factory: Factory) -> None:
    await _learner(session_factory)
    async with session_factory() as session, session.begin():
        recorded = await queries.record_answer(
            session,
            learner_id=1,
            question_id="q9",
            answer_key="x",
            chosen=2,
            correct=False,
            rating=1,
            answered_at=NOW,
            quiz_session_id=None,
            position=None,
        )
        assert recorded
        assert await fill.get_card(session, learner_id=1, question_id="q9") is None
        assert await queries.answers_since(session, learner_id=1, since=NOW) == 1
        assert await queries.answers_since(session, learner_id=1, since=NOW + timedelta(1)) == 0


async def test_due_cards_most_overdue_first(session_factory: Factory) -> None:
    await _learner(session_factory)
    await _learner(session_factory, learner_id=2)
    async with session_factory() as session, session.begin():
        await _card(session, "late", NOW - timedelta(days=3))
        await _card(session, "later", NOW - timedelta(days=1))
        await _card(session, "now", NOW)
        await _card(session, "future", NOW + timedelta(hours=1))
    async with session_factory() as session:
        due = await queries.due_cards(session, learner_id=1, now=NOW, limit=10)
        assert [card.question_id for card in due] == ["late", "later", "now"]
        assert all(card.due.tzinfo is not None for card in due)
        two = await queries.due_cards(session, learner_id=1, now=NOW, limit=2)
        assert [card.question_id for card in two] == ["late", "later"]
        assert await queries.count_due(session, learner_id=1, now=NOW) == 3
        assert await queries.count_due(session, learner_id=2, now=NOW) == 0
        assert await queries.next_due_at(session, learner_id=1) == NOW - timedelta(days=3)
        assert await queries.next_due_at(session, learner_id=2) is None


async def test_known_questions_and_daily_caps(session_factory: Factory) -> None:
    await _learner(session_factory)
    async with session_factory() as session, session.begin():
        await _card(session, "q2", NOW)
        await _card(session, "q4", NOW, lesson="c/l2")
    wanted = ["q1", "q2", "q3", "q4", "q1"]
    async with session_factory() as session:
        assert await queries.card_question_ids(session, learner_id=1) == {"q2", "q4"}
        assert await queries.card_question_ids(session, learner_id=1, question_ids=wanted) == {
            "q2", "q4"}
        many = [f"m{i}" for i in range(1200)] + ["q2"]  # more than one IN (...) chunk
        assert await queries.card_question_ids(session, learner_id=1, question_ids=many) == {"q2"}
        assert await queries.new_cards_since(session, learner_id=1, since=NOW) == 2
        assert await queries.new_cards_since(session, learner_id=1, since=NOW + timedelta(1)) == 0
        by_lesson = await queries.list_cards(session, learner_id=1, lesson_ids=["c/l2"])
        assert [card.question_id for card in by_lesson] == ["q4"]


async def test_card_dict_without_due_is_refused(session_factory: Factory) -> None:
    await _learner(session_factory)
    async with session_factory() as session:
        with pytest.raises(ValueError, match="due"):
            await queries.record_answer(
                session, learner_id=1, question_id="q", answer_key="k", chosen=0, correct=True,
                rating=3, answered_at=NOW,
                card_update={"card": {}, "lesson_id": "l", "course_id": "c"},
            )


async def test_card_due_times_by_lesson_and_completed_lessons(session_factory: Factory) -> None:
    await _learner(session_factory)
    await _learner(session_factory, learner_id=2)
    async with session_factory() as session, session.begin():
        await _card(session, "q1", NOW + timedelta(days=1))
        await _card(session, "q2", NOW - timedelta(hours=2))
        await _card(session, "q3", NOW, lesson="c/l2")
        for lesson, completed in (("c/l1", True), ("c/l2", False)):
            await queries.upsert_lesson_progress(session, learner_id=1, course_id="c",
                                                 lesson_id=lesson, page=0, now=NOW,
                                                 completed=completed)
    async with session_factory() as session:
        due = await queries.card_due_times(session, learner_id=1, lesson_ids={"c/l1"})
        assert due == {"q1": NOW + timedelta(days=1), "q2": NOW - timedelta(hours=2)}
        assert all(when.tzinfo is not None for when in due.values())
        assert await queries.card_due_times(session, learner_id=2, lesson_ids={"c/l1"}) == {}
        assert await queries.completed_lesson_ids(session, learner_id=1) == {"c/l1"}
        assert await queries.completed_lesson_ids(session, learner_id=2) == set()
