"""Read-only summaries: a learner's progress page and the admin's overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Integer, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel import col

from db.models import Learner, LessonProgress, ReviewCard, ReviewLog
from db.queries.learners import get_learner


@dataclass(frozen=True, slots=True)
class DayCount:
    """Answers given on one local calendar day."""

    day: date
    answers: int
    correct: int


@dataclass(frozen=True, slots=True)
class LessonCards:
    """The learner's cards of one lesson: how many, how many reviewed, due, how stable."""

    lesson_id: str
    course_id: str
    cards: int
    reviewed: int
    due: int
    mean_stability: float | None  # days; None until a card of the lesson was reviewed


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    """What /progress shows; `per_day` covers the last `days` local days, oldest first."""

    learner_id: int
    xp: int
    streak_days: int
    streak_best: int
    answers: int
    correct: int
    accuracy: float | None  # None before the first answer
    due_now: int
    cards: int
    lessons_completed: int
    per_day: tuple[DayCount, ...]
    lessons: tuple[LessonCards, ...]


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


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _as_int(column: ColumnElement[bool] | Mapped[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((column, 1), else_=0)), 0)


async def _per_day(
    session: AsyncSession, *, learner: Learner, now: datetime, days: int
) -> tuple[DayCount, ...]:
    zone = _zone(learner.timezone)
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    rows = await session.execute(
        select(col(ReviewLog.answered_at), col(ReviewLog.correct)).where(
            col(ReviewLog.learner_id) == learner.id, col(ReviewLog.answered_at) >= since
        )
    )
    counts = {first + timedelta(days=offset): [0, 0] for offset in range(days)}
    for answered_at, correct in rows:
        bucket = counts.get(answered_at.astimezone(zone).date())
        if bucket is not None:
            bucket[0] += 1
            bucket[1] += int(correct)
    return tuple(DayCount(day, total, right) for day, (total, right) in sorted(counts.items()))


async def _lessons(
    session: AsyncSession, *, learner_id: int, now: datetime
) -> tuple[LessonCards, ...]:
    rows = await session.execute(
        select(
            col(ReviewCard.lesson_id),
            col(ReviewCard.course_id),
            func.count(),
            _as_int(col(ReviewCard.last_review).is_not(None)),
            _as_int(col(ReviewCard.due) <= now),
            func.avg(col(ReviewCard.stability)),
        )
        .where(col(ReviewCard.learner_id) == learner_id)
        .group_by(col(ReviewCard.lesson_id), col(ReviewCard.course_id))
        .order_by(col(ReviewCard.course_id), col(ReviewCard.lesson_id))
    )
    return tuple(
        LessonCards(
            lesson_id=lesson_id,
            course_id=course_id,
            cards=int(cards),
            reviewed=int(reviewed),
            due=int(due),
            mean_stability=None if mean is None else float(mean),
        )
        for lesson_id, course_id, cards, reviewed, due, mean in rows
    )


async def progress_summary(
    session: AsyncSession, *, learner_id: int, now: datetime, days: int = 14
) -> ProgressSummary | None:
    """The learner's XP, streak, accuracy, daily answers and per-lesson cards; None if unknown."""
    if days < 1:
        raise ValueError(f"days must be >= 1, got {days}")
    learner = await get_learner(session, learner_id=learner_id)
    if learner is None:
        return None
    answers, correct = (
        await session.execute(
            select(func.count(), _as_int(col(ReviewLog.correct))).where(
                col(ReviewLog.learner_id) == learner_id
            )
        )
    ).one()
    completed = (
        await session.execute(
            select(func.count()).where(
                col(LessonProgress.learner_id) == learner_id,
                col(LessonProgress.completed_at).is_not(None),
            )
        )
    ).scalar_one()
    lessons = await _lessons(session, learner_id=learner_id, now=now)
    return ProgressSummary(
        learner_id=learner_id,
        xp=learner.xp,
        streak_days=learner.streak_days,
        streak_best=learner.streak_best,
        answers=int(answers),
        correct=int(correct),
        accuracy=int(correct) / int(answers) if answers else None,
        due_now=sum(lesson.due for lesson in lessons),
        cards=sum(lesson.cards for lesson in lessons),
        lessons_completed=int(completed),
        per_day=await _per_day(session, learner=learner, now=now, days=days),
        lessons=lessons,
    )


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
