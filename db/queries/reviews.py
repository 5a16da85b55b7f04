"""Review cards and the answer log: what is due, what is new, and recording an answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple, TypedDict

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import ReviewCard, ReviewLog, as_utc
from db.queries._common import dialect_name

# Keep IN (...) lists well under SQLite's bound-parameter limit.
_CHUNK = 500
_INSERTS: dict[str, Callable[[Any], Any]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


class CardUpdate(TypedDict):
    """The new FSRS state of the answered question's card, stored with the answer."""

    card: Mapping[str, Any]  # fsrs.Card.to_dict()
    lesson_id: str
    course_id: str


def _card_columns(card: Mapping[str, Any]) -> dict[str, Any]:
    """The indexed/queried columns derived from an fsrs `Card.to_dict()`."""
    try:
        due = _parse_moment(card["due"])
    except KeyError as error:
        raise ValueError("card dict has no 'due': pass fsrs Card.to_dict()") from error
    last_review = card.get("last_review")
    stability = card.get("stability")
    return {
        "due": due,
        "last_review": None if last_review is None else _parse_moment(last_review),
        "stability": None if stability is None else float(stability),
    }


def _parse_moment(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime in card dict: {value!r}")
    return as_utc(moment)


async def get_card_state(
    session: AsyncSession, *, learner_id: int, question_id: str
) -> dict[str, Any] | None:
    """Only the card's FSRS state (`fsrs.Card.to_dict()`), or None if never introduced.

    The answer path needs nothing else: one prebuilt Core SELECT of one column costs less
    CPU than loading a `ReviewCard` object into the session (benchmarks/tutor_answers.py).
    """
    result = await session.execute(
        _card_state_select(), {"learner_id": learner_id, "question_id": question_id}
    )
    state = result.scalar_one_or_none()
    return None if state is None else dict(state)


@cache
def _card_state_select() -> Any:
    table = ReviewCard.__table__  # type: ignore[attr-defined]
    return select(table.c.card).where(
        table.c.learner_id == bindparam("learner_id"),
        table.c.question_id == bindparam("question_id"),
    )


async def record_answer(
    session: AsyncSession,
    *,
    learner_id: int,
    question_id: str,
    answer_key: str,
    chosen: int,
    correct: bool,
    rating: int,
    answered_at: datetime,
    latency_ms: int | None = None,
    card_update: CardUpdate | None = None,
    quiz_session_id: int | None = None,
    position: int | None = None,
) -> bool:
    """Log one answer and store the card's new state; False if `answer_key` was seen before.

    The log row goes in first with ON CONFLICT DO NOTHING: only the call that inserted it
    touches the card, so a double tap or a redelivered update changes nothing twice. A
    concurrent duplicate waits on the unique key until the first commits, then does nothing.
    """
    inserted = await session.execute(
        _log_insert(dialect_name(session)),
        {
            "learner_id": learner_id,
            "question_id": question_id,
            "quiz_session_id": quiz_session_id,
            "position": position,
            "answer_key": answer_key,
            "chosen": chosen,
            "correct": correct,
            "rating": rating,
            "latency_ms": latency_ms,
            "answered_at": answered_at,
        },
    )
    if inserted.scalar_one_or_none() is None:
        return False
    if card_update is not None:
        await _apply_card_update(
            session,
            learner_id=learner_id,
            question_id=question_id,
            update=card_update,
            lapse=not correct,
            now=answered_at,
        )
    return True


async def _apply_card_update(
    session: AsyncSession,
    *,
    learner_id: int,
    question_id: str,
    update: CardUpdate,
    lapse: bool,
    now: datetime,
) -> None:
    await session.execute(
        _card_upsert(dialect_name(session)),
        {
            "learner_id": learner_id,
            "question_id": question_id,
            "lesson_id": update["lesson_id"],
            "course_id": update["course_id"],
            "card": dict(update["card"]),
            "reps": 1,
            "lapses": int(lapse),
            "introduced_at": now,
            **_card_columns(update["card"]),
        },
    )


# The two statements of every answer are built once per backend and run with parameters:
# building an INSERT ... ON CONFLICT with its values costs several times more CPU than
# executing it (benchmarks/bot_throughput.py, profiled with py-spy).


@cache
def _log_insert(dialect: str) -> Any:
    """INSERT INTO review_logs ... ON CONFLICT (learner_id, answer_key) DO NOTHING RETURNING id."""
    table = ReviewLog.__table__  # type: ignore[attr-defined]
    return (
        _INSERTS[dialect](table)
        .on_conflict_do_nothing(index_elements=["learner_id", "answer_key"])
        .returning(table.c.id)
    )


@cache
def _card_upsert(dialect: str) -> Any:
    """Insert the card, or replace its FSRS state: reps + 1, lapses + this answer's lapse."""
    table = ReviewCard.__table__  # type: ignore[attr-defined]
    statement = _INSERTS[dialect](table)
    excluded = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=["learner_id", "question_id"],
        set_={
            "card": excluded.card,
            "reps": table.c.reps + 1,
            "lapses": table.c.lapses + excluded.lapses,
            "due": excluded.due,
            "last_review": excluded.last_review,
            "stability": excluded.stability,
        },
    )


async def due_cards(
    session: AsyncSession, *, learner_id: int, now: datetime, limit: int = 50,
    course_id: str | None = None,
) -> list[ReviewCard]:
    """Cards due at `now` (optionally of one course), most overdue first (served by the
    (learner_id, due) index)."""
    statement = (
        select(ReviewCard)
        .where(col(ReviewCard.learner_id) == learner_id, col(ReviewCard.due) <= now)
        .order_by(col(ReviewCard.due), col(ReviewCard.question_id))
        .limit(limit)
    )
    if course_id is not None:
        statement = statement.where(col(ReviewCard.course_id) == course_id)
    return list((await session.execute(statement)).scalars())


async def count_due(session: AsyncSession, *, learner_id: int, now: datetime,
                    course_id: str | None = None) -> int:
    """How many of the learner's cards (optionally of one course) are due at `now`."""
    statement = select(func.count()).where(
        col(ReviewCard.learner_id) == learner_id, col(ReviewCard.due) <= now
    )
    if course_id is not None:
        statement = statement.where(col(ReviewCard.course_id) == course_id)
    return int((await session.execute(statement)).scalar_one())


async def next_due_at(session: AsyncSession, *, learner_id: int) -> datetime | None:
    """When the learner's earliest card falls due (for scheduling reminders)."""
    statement = select(func.min(col(ReviewCard.due))).where(
        col(ReviewCard.learner_id) == learner_id
    )
    value = (await session.execute(statement)).scalar_one_or_none()
    return None if value is None else as_utc(value)


async def card_question_ids(
    session: AsyncSession, *, learner_id: int, question_ids: Iterable[str] | None = None
) -> set[str]:
    """Which of `question_ids` (or of all questions, if None) the learner has a card for."""
    base = select(col(ReviewCard.question_id)).where(col(ReviewCard.learner_id) == learner_id)
    if question_ids is None:
        return set((await session.execute(base)).scalars())
    wanted = list(dict.fromkeys(question_ids))
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = await session.execute(base.where(col(ReviewCard.question_id).in_(chunk)))
        found.update(rows.scalars())
    return found


async def card_due_times(
    session: AsyncSession, *, learner_id: int, lesson_ids: Iterable[str]
) -> dict[str, datetime]:
    """When each of the learner's cards in these lessons falls due, by question id.

    Two columns instead of whole cards: a quiz start ranks questions by this alone, and a
    learner with a hundred cards would otherwise load a hundred ORM objects to do it.
    """
    statement = select(col(ReviewCard.question_id), col(ReviewCard.due)).where(
        col(ReviewCard.learner_id) == learner_id,
        col(ReviewCard.lesson_id).in_(list(lesson_ids)),
    )
    rows = await session.execute(statement)
    return {question_id: as_utc(due) for question_id, due in rows}


async def answers_since(session: AsyncSession, *, learner_id: int, since: datetime) -> int:
    """How many answers the learner gave since `since` (e.g. their local midnight)."""
    statement = select(func.count()).where(
        col(ReviewLog.learner_id) == learner_id, col(ReviewLog.answered_at) >= since
    )
    return int((await session.execute(statement)).scalar_one())


async def new_cards_since(session: AsyncSession, *, learner_id: int, since: datetime) -> int:
    """How many cards were introduced since `since`, for the new-questions-per-day cap."""
    statement = select(func.count()).where(
        col(ReviewCard.learner_id) == learner_id, col(ReviewCard.introduced_at) >= since
    )
    return int((await session.execute(statement)).scalar_one())


class CardSummary(NamedTuple):
    """What progress and the lesson list need of a card: no FSRS state, no ORM object."""

    question_id: str
    stability: float | None
    due: datetime


async def card_summaries(session: AsyncSession, *, learner_id: int) -> list[CardSummary]:
    """Every card of the learner: its question, memory stability and due time."""
    statement = select(
        col(ReviewCard.question_id), col(ReviewCard.stability), col(ReviewCard.due)
    ).where(col(ReviewCard.learner_id) == learner_id)
    rows = await session.execute(statement)
    return [CardSummary(question, stability, as_utc(due)) for question, stability, due in rows]


async def list_cards(
    session: AsyncSession, *, learner_id: int, lesson_ids: Iterable[str] | None = None
) -> list[ReviewCard]:
    """All the learner's cards (optionally of some lessons), by lesson then question."""
    statement = select(ReviewCard).where(col(ReviewCard.learner_id) == learner_id)
    if lesson_ids is not None:
        statement = statement.where(col(ReviewCard.lesson_id).in_(list(lesson_ids)))
    statement = statement.order_by(col(ReviewCard.lesson_id), col(ReviewCard.question_id))
    return list((await session.execute(statement)).scalars())


async def list_answers(
    session: AsyncSession, *, learner_id: int, since: datetime | None = None
) -> list[ReviewLog]:
    """The learner's answers in the order given (optionally only those since `since`)."""
    statement = select(ReviewLog).where(col(ReviewLog.learner_id) == learner_id)
    if since is not None:
        statement = statement.where(col(ReviewLog.answered_at) >= since)
    statement = statement.order_by(col(ReviewLog.answered_at), col(ReviewLog.id))
    return list((await session.execute(statement)).scalars())
