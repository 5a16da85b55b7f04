"""Quiz sessions: at most one active per learner, advanced one answer at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col

from db.models import Learner, Quiz, ReviewCard
from db.queries._common import insert, json_array_text

ACTIVE = "active"
FINISHED = "finished"
ABANDONED = "abandoned"


async def get_active_quiz(session: AsyncSession, *, learner_id: int) -> Quiz | None:
    """The learner's unfinished quiz, if any (it survives restarts)."""
    statement = select(Quiz).where(
        col(Quiz.learner_id) == learner_id,
        col(Quiz.finished_at).is_(None),
    )
    return (
        await session.execute(statement.execution_options(populate_existing=True))
    ).scalar_one_or_none()


class LearnerAndQuiz(NamedTuple):
    """What an answer needs before it can check and record anything."""

    learner: Learner | None
    quiz: Quiz | None  # None when it does not exist or is someone else's
    # The FSRS state (`fsrs.Card.to_dict()`) of the learner's card for the quiz's current
    # question; None when that card was never introduced (or there is no current question).
    card: dict[str, Any] | None


async def get_learner_and_quiz(
    session: AsyncSession, *, learner_id: int, quiz_id: int
) -> LearnerAndQuiz:
    """The learner, their quiz `quiz_id` and its current question's card, in one SELECT.

    Each statement costs a round through SQLAlchemy and the driver, which is most of an
    answer's CPU; reading the card here saves one.
    """
    result = await session.execute(
        _learner_and_quiz_select(), {"learner_id": learner_id, "quiz_id": quiz_id}
    )
    row = result.one_or_none()
    if row is None:
        return LearnerAndQuiz(None, None, None)
    learner, quiz, card = row
    return LearnerAndQuiz(learner, quiz, None if card is None else dict(card))


@cache
def _learner_and_quiz_select() -> Any:
    """Built once: about a third of an ORM read's CPU goes into building its statement."""
    cards = ReviewCard.__table__  # type: ignore[attr-defined]
    current_card = (
        select(cards.c.card)
        .where(
            cards.c.learner_id == col(Learner.id),
            cards.c.question_id == json_array_text(col(Quiz.question_ids),
                                                   col(Quiz.position)),
        )
        .scalar_subquery()
    )
    return (
        select(Learner, Quiz, current_card)
        .outerjoin(Quiz, and_(col(Quiz.id) == bindparam("quiz_id"),
                                     col(Quiz.learner_id) == col(Learner.id)))
        .where(col(Learner.id) == bindparam("learner_id"))
        .execution_options(populate_existing=True)
    )


async def start_quiz(
    session: AsyncSession,
    *,
    learner_id: int,
    scope: str,
    question_ids: Sequence[str],
    now: datetime,
    abandon_active: bool = True,
) -> Quiz:
    """Start a quiz, abandoning the learner's active one first (a learner has at most one).

    `abandon_active=False` is for a caller that has just seen there is none, in this
    transaction. If a concurrent call started one meanwhile, the unique partial index makes
    our insert a no-op and that quiz is returned instead.
    """
    if abandon_active:
        await abandon_active_quiz(session, learner_id=learner_id, now=now)
    inserted = await session.execute(
        insert(session, Quiz)
        .values(
            learner_id=learner_id,
            scope=scope,
            question_ids=list(question_ids),
            answers=[],
            started_at=now,
            status=ACTIVE,
        )
        .on_conflict_do_nothing(
            index_elements=["learner_id"],
            index_where=col(Quiz.finished_at).is_(None),
        )
        .returning(Quiz)
    )
    quiz = inserted.scalar_one_or_none() or await get_active_quiz(session, learner_id=learner_id)
    assert quiz is not None
    return quiz


async def abandon_active_quiz(session: AsyncSession, *, learner_id: int, now: datetime) -> bool:
    """Close the learner's active quiz as abandoned; False if there was none."""
    result = await session.execute(
        update(Quiz)
        .where(
            col(Quiz.learner_id) == learner_id,
            col(Quiz.finished_at).is_(None),
        )
        .values(finished_at=now, status=ABANDONED)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def advance_loaded_quiz(
    session: AsyncSession,
    *,
    quiz: Quiz,
    answer: dict[str, Any],
    correct: bool,
    xp: int,
    now: datetime,
) -> bool:
    """Append `answer` to `quiz` (just read in this transaction) and move it on; False if stale.

    One compare-and-set UPDATE, which also finishes the quiz on its last answer
    (WHERE position is still the one read and the quiz is unfinished) instead of a locking
    re-read, an ORM flush and, on the last question, another read and UPDATE. A concurrent
    answer that moved the quiz first makes it match no row (PostgreSQL re-checks the WHERE
    after waiting for that writer's row lock; SQLite's BEGIN IMMEDIATE serialises writers).
    The last answer also finishes the quiz. `quiz` must have no unflushed changes; it is
    updated in memory to match, as clean state, so nothing is flushed for it again.
    """
    position = quiz.position + 1
    values: dict[str, Any] = {
        "position": position,
        "answers": [*quiz.answers, answer],
        "correct_count": quiz.correct_count + int(correct),
        "xp_earned": quiz.xp_earned + xp,
    }
    last = position >= len(quiz.question_ids)
    if last:
        values |= {"finished_at": now, "status": FINISHED}
    params = {f"new_{name}": value for name, value in values.items()}
    params |= {"quiz_id": quiz.id, "expected": quiz.position}
    with session.no_autoflush:  # the UPDATE reads no ORM state; the turn flushes once at commit
        result = await session.execute(_advance_statement(last), params)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    for name, value in values.items():
        set_committed_value(quiz, name, value)
    return True


@cache
def _advance_statement(finish: bool) -> Any:
    """UPDATE quiz_sessions ... WHERE id and position match and it is unfinished (built once)."""
    table = Quiz.__table__  # type: ignore[attr-defined]
    columns = ["position", "answers", "correct_count", "xp_earned"]
    if finish:
        columns += ["finished_at", "status"]
    return (
        update(table)
        .where(
            table.c.id == bindparam("quiz_id"),
            table.c.position == bindparam("expected"),
            table.c.finished_at.is_(None),
        )
        .values({name: bindparam(f"new_{name}") for name in columns})
    )


async def list_quizzes(
    session: AsyncSession, *, learner_id: int, limit: int | None = None
) -> list[Quiz]:
    """The learner's quizzes, newest first."""
    statement = (
        select(Quiz)
        .where(col(Quiz.learner_id) == learner_id)
        .order_by(col(Quiz.started_at).desc(), col(Quiz.id).desc())
    )
    if limit is not None:
        statement = statement.limit(limit)
    return list((await session.execute(statement)).scalars())
