"""Everything stored about one learner, as a JSON-serialisable document (/export)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col

from db.models import ReminderLog, SentPoll
from db.queries.learners import get_learner
from db.queries.progress import list_lesson_progress
from db.queries.quizzes import list_quizzes
from db.queries.reviews import list_answers, list_cards

EXPORT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(model: SQLModel, *, drop: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {name: _plain(value) for name, value in model.model_dump().items() if name not in drop}


async def export_learner(session: AsyncSession, *, learner_id: int) -> dict[str, Any] | None:
    """Profile, lesson progress, cards, every answer (with its question id), quizzes.

    Returns None for an unknown learner. Datetimes are ISO-8601 with a UTC offset.
    """
    learner = await get_learner(session, learner_id=learner_id)
    if learner is None:
        return None
    drop = frozenset({"learner_id"})
    reminders = await session.execute(
        select(ReminderLog)
        .where(col(ReminderLog.learner_id) == learner_id)
        .order_by(col(ReminderLog.id))
    )
    polls = await session.execute(
        select(SentPoll)
        .where(col(SentPoll.learner_id) == learner_id)
        .order_by(col(SentPoll.created_at))
    )
    quizzes = await list_quizzes(session, learner_id=learner_id)
    lessons = await list_lesson_progress(session, learner_id=learner_id)
    return {
        "export_version": EXPORT_VERSION,
        "learner": _row(learner),
        "lesson_progress": [_row(row, drop=drop) for row in lessons],
        "review_cards": [
            _row(row, drop=drop) for row in await list_cards(session, learner_id=learner_id)
        ],
        "answers": [
            _row(row, drop=drop) for row in await list_answers(session, learner_id=learner_id)
        ],
        "quiz_sessions": [_row(row, drop=drop) for row in reversed(quizzes)],
        "reminders": [_row(row, drop=drop) for row in reminders.scalars()],
        "sent_polls": [_row(row, drop=drop) for row in polls.scalars()],
    }
