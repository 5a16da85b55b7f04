"""Many learners answering at once, on both backends: every answer stored exactly once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import queries
from db.models import ReviewCard, ReviewLog
from tests.db import fill
from tests.db.fill import reviewed_card

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LEARNERS = 50
ANSWERS = 4


async def _learner_session(factory: async_sessionmaker[AsyncSession], learner_id: int) -> int:
    recorded = 0
    for position in range(ANSWERS):
        # every answer is delivered twice, like a retried Telegram update
        for _delivery in range(2):
            async with factory() as session, session.begin():
                await queries.get_or_create_learner(session, learner_id=learner_id, now=NOW)
                recorded += await queries.record_answer(
                    session,
                    learner_id=learner_id,
                    question_id=f"q{position % 2}",
                    answer_key=f"quiz:{position}",
                    chosen=0,
                    correct=True,
                    rating=3,
                    answered_at=NOW + timedelta(seconds=position),
                    card_update={"card": reviewed_card(NOW), "lesson_id": "l", "course_id": "c"},
                )
            await asyncio.sleep(0)
    return recorded


async def test_fifty_learners_answering_at_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    results = await asyncio.gather(
        *(_learner_session(session_factory, 1000 + index) for index in range(LEARNERS))
    )
    assert results == [ANSWERS] * LEARNERS
    async with session_factory() as session:
        logged = (await session.execute(select(func.count()).select_from(ReviewLog))).scalar_one()
        reps = (await session.execute(select(func.sum(ReviewCard.reps)))).scalar_one()
        assert await fill.count_learners(session) == LEARNERS
    assert logged == LEARNERS * ANSWERS
    assert reps == LEARNERS * ANSWERS


async def test_duplicate_deliveries_racing_store_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=NOW)

    async def deliver() -> bool:
        async with session_factory() as session, session.begin():
            return await queries.record_answer(
                session,
                learner_id=1,
                question_id="q",
                answer_key="same",
                chosen=1,
                correct=False,
                rating=1,
                answered_at=NOW,
                card_update={"card": reviewed_card(NOW), "lesson_id": "l", "course_id": "c"},
            )

    outcomes = await asyncio.gather(*(deliver() for _ in range(10)))
    assert sorted(outcomes) == [False] * 9 + [True]
    async with session_factory() as session:
        card = await fill.get_card(session, learner_id=1, question_id="q")
    assert card is not None and (card.reps, card.lapses) == (1, 1)
