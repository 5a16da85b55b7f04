"""Learners with due cards for the reminder tests and benchmark, stored the way the tutor would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor.reminders import refresh_next_reminder
from db.models import Learner, ReviewCard


@dataclass(frozen=True)
class Seed:
    """One learner: their settings and when their cards fall due."""

    id: int
    due: Sequence[datetime] = ()
    timezone: str = "UTC"
    paused: bool = False
    last_study_date: date | None = None
    streak_days: int = 0


async def seed_learners(
    sessions: async_sessionmaker[AsyncSession], seeds: Sequence[Seed], *, now: datetime
) -> None:
    """Insert the learners and cards, then let the tutor's hook schedule each reminder."""
    async with sessions() as session, session.begin():
        for seed in seeds:
            learner = Learner(
                id=seed.id,
                first_name=f"Learner {seed.id}",
                timezone=seed.timezone,
                reminders_paused=seed.paused,
                last_study_date=seed.last_study_date,
                streak_days=seed.streak_days,
                created_at=now,
                last_seen_at=now,
            )
            session.add(learner)
            session.add_all(
                ReviewCard(
                    learner_id=seed.id,
                    question_id=f"q{index}",
                    lesson_id="l1",
                    course_id="c1",
                    card={},
                    due=moment,
                    introduced_at=now,
                )
                for index, moment in enumerate(seed.due)
            )
        await session.flush()
        for seed in seeds:
            learner = await session.get(Learner, seed.id)
            assert learner is not None
            await refresh_next_reminder(session, learner=learner, now=now)
