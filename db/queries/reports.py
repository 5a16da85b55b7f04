"""Learners' reports of bad questions: stored once per learner and question, counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import QuestionReport
from db.queries._common import dialect_name

_INSERTS: dict[str, Callable[[Any], Any]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


@dataclass(frozen=True, slots=True)
class ReportCount:
    """How many learners reported one question, and why: (reason, count), most given first."""

    question_id: str
    reports: int
    reasons: tuple[tuple[str, int], ...]


async def add_report(
    session: AsyncSession, *, learner_id: int, question_id: str, reason: str, now: datetime
) -> bool:
    """Store the report; False when this learner had reported this question already."""
    table = QuestionReport.__table__  # type: ignore[attr-defined]
    statement = (
        _INSERTS[dialect_name(session)](table)
        .values(learner_id=learner_id, question_id=question_id, reason=reason, reported_at=now)
        .on_conflict_do_nothing(index_elements=["learner_id", "question_id"])
        .returning(table.c.id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def report_counts(session: AsyncSession, *, limit: int = 10_000) -> list[ReportCount]:
    """Reported questions, most reported first, with their reasons."""
    rows = await session.execute(
        select(col(QuestionReport.question_id), col(QuestionReport.reason), func.count()).group_by(
            col(QuestionReport.question_id), col(QuestionReport.reason)
        )
    )
    totals: dict[str, int] = {}
    reasons: dict[str, list[tuple[int, str]]] = {}
    for question_id, reason, count in rows:
        totals[question_id] = totals.get(question_id, 0) + int(count)
        reasons.setdefault(question_id, []).append((int(count), str(reason)))
    ranked = sorted(totals, key=lambda question_id: (-totals[question_id], question_id))
    return [
        ReportCount(question_id, totals[question_id], _by_count(reasons[question_id]))
        for question_id in ranked[:limit]
    ]


def _by_count(counted: list[tuple[int, str]]) -> tuple[tuple[str, int], ...]:
    return tuple((reason, count) for count, reason in sorted(counted, key=lambda r: (-r[0], r[1])))
