"""Put one of everything for a learner into the store (used by delete/export tests)."""

from __future__ import annotations

from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db import queries
from db.models import Learner, Quiz, ReminderLog, ReviewCard


async def add_card(session: AsyncSession, *, learner_id: int, question_id: str, lesson_id: str,
                   course_id: str, card: dict[str, object], now: datetime) -> None:
    """A card introduced at `now` with the fsrs state `card` (`Card.to_dict()`)."""
    session.add(ReviewCard(learner_id=learner_id, question_id=question_id, lesson_id=lesson_id,
                           course_id=course_id, card=dict(card),
                           due=datetime.fromisoformat(str(card["due"])), introduced_at=now))
    await session.flush()


async def get_card(session: AsyncSession, *, learner_id: int,
                   question_id: str) -> ReviewCard | None:
    return await session.get(ReviewCard, (learner_id, question_id), populate_existing=True)


async def get_quiz(session: AsyncSession, *, quiz_id: int) -> Quiz | None:
    return await session.get(Quiz, quiz_id, populate_existing=True)


async def count_learners(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Learner))).scalar_one())


async def set_learner(session: AsyncSession, learner_id: int, **fields: object) -> None:
    """Set columns of a learner row directly (a test's starting state)."""
    await session.execute(update(Learner).where(col(Learner.id) == learner_id).values(**fields))


async def store_poll(session: AsyncSession, *, poll_id: str, learner_id: int, chat_id: int,
                     answer_actions: list[str], now: datetime) -> None:
    await queries.store_polls(
        session, [queries.NewPoll(poll_id, learner_id, chat_id, answer_actions, now)]
    )


async def schedule(session: AsyncSession, learner_id: int, next_at: datetime | None) -> None:
    """Set when the learner is next due for a reminder (as the tutor's policy would)."""
    await session.execute(
        update(Learner).where(col(Learner.id) == learner_id).values(next_reminder_at=next_at)
    )


async def record_reminder(session: AsyncSession, learner_id: int, now: datetime,
                          due_count: int = 2) -> None:
    """Record one reminder as sent to the learner, as the sweep does."""
    learner = await queries.get_learner(session, learner_id=learner_id)
    assert learner is not None
    queries.record_reminders_sent(session, sent=[(learner, due_count)], now=now)
    await session.flush()


async def reminders_sent_since(session: AsyncSession, learner_id: int, since: datetime) -> int:
    statement = select(func.count()).where(
        col(ReminderLog.learner_id) == learner_id, col(ReminderLog.sent_at) >= since
    )
    return int((await session.execute(statement)).scalar_one())


def reviewed_card(now: datetime, rating: Rating = Rating.Good) -> dict[str, object]:
    """An fsrs card reviewed once at `now`, as the dict the store keeps."""
    scheduler = Scheduler(enable_fuzzing=False)
    card, _log = scheduler.review_card(Card(card_id=1, due=now), rating, review_datetime=now)
    return card.to_dict()


async def fill_learner(session: AsyncSession, *, learner_id: int, now: datetime) -> None:
    """A learner with lesson progress, two cards, two answers, a quiz, a poll, a reminder."""
    await queries.get_or_create_learner(session, learner_id=learner_id, now=now, first_name="L")
    await queries.upsert_lesson_progress(
        session,
        learner_id=learner_id,
        course_id="c",
        lesson_id="c/l1",
        page=2,
        now=now,
        completed=True,
    )
    for qid in ("q1", "q2"):
        await add_card(
            session,
            learner_id=learner_id,
            question_id=qid,
            lesson_id="c/l1",
            course_id="c",
            card=Card(card_id=1, due=now).to_dict(),
            now=now,
        )
    quiz = await queries.start_quiz(
        session, learner_id=learner_id, scope="lesson:c/l1", question_ids=["q1", "q2"], now=now
    )
    assert quiz.id is not None
    for position, (qid, correct) in enumerate((("q1", True), ("q2", False))):
        await queries.record_answer(
            session,
            learner_id=learner_id,
            question_id=qid,
            answer_key=f"{quiz.id}:{position}",
            chosen=0 if correct else 1,
            correct=correct,
            rating=3 if correct else 1,
            answered_at=now + timedelta(seconds=position),
            latency_ms=900,
            card_update={"card": reviewed_card(now), "lesson_id": "c/l1", "course_id": "c"},
            quiz_session_id=quiz.id,
            position=position,
        )
    await store_poll(
        session,
        poll_id=f"poll-{learner_id}",
        learner_id=learner_id,
        chat_id=learner_id,
        answer_actions=["a:0", "a:1"],
        now=now,
    )
    await record_reminder(session, learner_id, now)
