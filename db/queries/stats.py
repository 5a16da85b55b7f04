"""Read-only summaries: what a learner's progress page counts, and the admin's overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Integer, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel import col

from db.models import Learner, ReviewLog


@dataclass(frozen=True, slots=True)
class QuestionDifficulty:
    """How often one question is answered wrongly, across all learners."""

    question_id: str
    answers: int
    wrong: int

    @property
    def error_rate(self) -> float:
        return self.wrong / self.answers if self.answers else 0.0


@dataclass(frozen=True, slots=True)
class AdminStats:
    """The operator's overview: counts since `since` (e.g. midnight UTC)."""

    learners: int
    blocked: int
    active_since: int
    answers_since: int
    hardest: tuple[QuestionDifficulty, ...]


def _as_int(column: ColumnElement[bool] | Mapped[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((column, 1), else_=0)), 0)


async def answer_totals(session: AsyncSession, *, learner_id: int) -> tuple[int, int]:
    """How many answers the learner gave, and how many were right."""
    answers, correct = (
        await session.execute(
            select(func.count(), _as_int(col(ReviewLog.correct))).where(
                col(ReviewLog.learner_id) == learner_id
            )
        )
    ).one()
    return int(answers), int(correct)


async def answer_times(
    session: AsyncSession, *, learner_id: int, since: datetime
) -> list[tuple[datetime, bool]]:
    """When each answer since `since` was given, and whether it was right (a chart's days)."""
    rows = await session.execute(
        select(col(ReviewLog.answered_at), col(ReviewLog.correct)).where(
            col(ReviewLog.learner_id) == learner_id, col(ReviewLog.answered_at) >= since
        )
    )
    return [(answered_at, bool(correct)) for answered_at, correct in rows]


async def hardest_questions(
    session: AsyncSession, *, limit: int = 10, min_answers: int = 5
) -> tuple[QuestionDifficulty, ...]:
    """Questions with the highest error rate among those answered at least `min_answers` times."""
    wrong = _as_int(~col(ReviewLog.correct))
    total = func.count()
    rows = await session.execute(
        select(col(ReviewLog.question_id), total, wrong)
        .group_by(col(ReviewLog.question_id))
        .having(total >= min_answers)
        .order_by(
            (func.cast(wrong, Integer) * 1.0 / total).desc(),
            total.desc(),
            col(ReviewLog.question_id),
        )
        .limit(limit)
    )
    return tuple(QuestionDifficulty(qid, int(n), int(w)) for qid, n, w in rows)


async def admin_stats(
    session: AsyncSession, *, since: datetime, hardest_limit: int = 10, min_answers: int = 5
) -> AdminStats:
    """Learner count, blocked, active and answers since `since`, hardest questions."""
    learners, blocked, active = (
        await session.execute(
            select(
                func.count(),
                _as_int(col(Learner.blocked)),
                _as_int(col(Learner.last_seen_at) >= since),
            )
        )
    ).one()
    answers = (
        await session.execute(select(func.count()).where(col(ReviewLog.answered_at) >= since))
    ).scalar_one()
    return AdminStats(
        learners=int(learners),
        blocked=int(blocked),
        active_since=int(active),
        answers_since=int(answers),
        hardest=await hardest_questions(session, limit=hardest_limit, min_answers=min_answers),
    )
