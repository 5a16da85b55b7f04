"""The progress store's tables: one learner, their lesson progress, review cards and answers.

Every timestamp column is `UtcDateTime`: timezone-aware UTC in, timezone-aware UTC out, on
both SQLite (which stores naive text) and PostgreSQL (timestamptz). Callers never see a
naive datetime and never have to remember to call `as_utc`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

REMINDER_DEFAULT_MINUTES = 18 * 60
QUIET_START_DEFAULT = 22 * 60
QUIET_END_DEFAULT = 8 * 60
QUIZ_SIZE_DEFAULT = 5

# A stable naming convention gives every constraint and index a predictable name, so
# Alembic can compare and drop them on both backends (SQLite needs names for batch mode).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def as_utc(moment: datetime) -> datetime:
    """Return `moment` as an aware UTC datetime; a naive value is taken to be UTC already."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """`DateTime(timezone=True)` that refuses naive input and always returns aware UTC.

    SQLite keeps datetimes as text without an offset, so values are normalised to UTC
    before they are stored (text comparison then orders them correctly) and UTC is
    re-attached when they are read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware datetime")
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


def _fk_learner() -> Any:
    return ForeignKey("learners.id", ondelete="CASCADE")


class Learner(SQLModel, table=True):
    """A Telegram user (or console user) and everything about them that is one value."""

    __tablename__ = "learners"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    first_name: str | None = Field(default=None, max_length=256)
    username: str | None = Field(default=None, max_length=256)
    language_code: str | None = Field(default=None, max_length=16)
    timezone: str = Field(default="UTC", max_length=64)
    reminder_time: int = Field(default=REMINDER_DEFAULT_MINUTES)  # minutes after local midnight
    quiet_start: int = Field(default=QUIET_START_DEFAULT)
    quiet_end: int = Field(default=QUIET_END_DEFAULT)
    reminders_paused: bool = Field(default=False)
    blocked: bool = Field(default=False)  # the learner blocked the bot; never message them
    quiz_size: int = Field(default=QUIZ_SIZE_DEFAULT)
    desired_retention: float | None = Field(default=None)
    pending_input: str | None = Field(default=None, max_length=64)
    # The course the learner studies (a course id); None: the first one loaded.
    course_id: str | None = Field(default=None, max_length=255)
    xp: int = Field(default=0)
    streak_days: int = Field(default=0)
    streak_best: int = Field(default=0)
    last_study_date: date | None = Field(default=None)  # in the learner's own timezone
    created_at: datetime = Field(sa_type=UtcDateTime)
    last_seen_at: datetime = Field(sa_type=UtcDateTime)
    # Reminder bookkeeping lives here so "who is due" is one indexed range scan.
    next_reminder_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_reminder_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    reminders_ignored: int = Field(default=0)
    snoozed_until: datetime | None = Field(default=None, sa_type=UtcDateTime)


# Only learners who can actually receive a reminder are in the index, so a sweep reads
# the due ones and nothing else, however many learners are blocked, paused or idle.
# Each predicate is spelled the way SQLAlchemy renders `~Learner.blocked` on that backend,
# because both planners use a partial index only when the query repeats its condition.
Index(
    "ix_learners_reminder_due",
    Learner.__table__.c.next_reminder_at,  # type: ignore[attr-defined]
    postgresql_where=text("next_reminder_at IS NOT NULL AND NOT blocked AND NOT reminders_paused"),
    sqlite_where=text("next_reminder_at IS NOT NULL AND blocked = 0 AND reminders_paused = 0"),
)


class LessonProgress(SQLModel, table=True):
    """How far a learner has read one lesson."""

    __tablename__ = "lesson_progress"

    learner_id: int = Field(
        sa_column=Column(BigInteger, _fk_learner(), primary_key=True, autoincrement=False)
    )
    lesson_id: str = Field(primary_key=True, max_length=255)
    course_id: str = Field(max_length=255)
    page: int = Field(default=0)  # the page the learner is on (0-based)
    pages_read: int = Field(default=0)  # the furthest page reached, plus one
    started_at: datetime = Field(sa_type=UtcDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class ReviewCard(SQLModel, table=True):
    """One FSRS card per learner and question; `card` is `fsrs.Card.to_dict()`."""

    __tablename__ = "review_cards"
    __table_args__ = (Index("ix_review_cards_learner_due", "learner_id", "due"),)

    learner_id: int = Field(
        sa_column=Column(BigInteger, _fk_learner(), primary_key=True, autoincrement=False)
    )
    question_id: str = Field(primary_key=True, max_length=255)
    lesson_id: str = Field(max_length=255)
    course_id: str = Field(max_length=255)
    card: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    due: datetime = Field(sa_type=UtcDateTime)
    last_review: datetime | None = Field(default=None, sa_type=UtcDateTime)
    stability: float | None = Field(default=None)
    reps: int = Field(default=0)
    lapses: int = Field(default=0)
    introduced_at: datetime = Field(sa_type=UtcDateTime)  # for the new-cards-per-day cap


class ReviewLog(SQLModel, table=True):
    """Every answer ever given; `answer_key` makes a redelivered answer a no-op."""

    __tablename__ = "review_log"
    __table_args__ = (
        UniqueConstraint("learner_id", "answer_key", name="uq_review_log_learner_answer_key"),
        Index("ix_review_log_learner_answered", "learner_id", "answered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(sa_column=Column(BigInteger, _fk_learner(), nullable=False))
    question_id: str = Field(max_length=255, index=True)
    quiz_session_id: int | None = Field(default=None)
    position: int | None = Field(default=None)
    answer_key: str = Field(max_length=255)
    chosen: int
    correct: bool
    rating: int
    latency_ms: int | None = Field(default=None)
    answered_at: datetime = Field(sa_type=UtcDateTime, index=True)


class Quiz(SQLModel, table=True):
    """A quiz in progress or finished; stored so a half-done quiz survives a restart."""

    __tablename__ = "quiz_sessions"

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(sa_column=Column(BigInteger, _fk_learner(), nullable=False))
    scope: str = Field(max_length=160)  # "lesson:<id>", "course", "review"
    question_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    position: int = Field(default=0)
    answers: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    correct_count: int = Field(default=0)
    xp_earned: int = Field(default=0)
    started_at: datetime = Field(sa_type=UtcDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    status: str = Field(default="active", max_length=16)  # active | finished | abandoned


# At most one active quiz per learner, enforced by the database (double taps race).
_ACTIVE = text("finished_at IS NULL")
Index(
    "ux_quiz_sessions_active",
    Quiz.__table__.c.learner_id,  # type: ignore[attr-defined]
    unique=True,
    postgresql_where=_ACTIVE,
    sqlite_where=_ACTIVE,
)
Index(
    "ix_quiz_sessions_learner_finished",
    Quiz.__table__.c.learner_id,  # type: ignore[attr-defined]
    Quiz.__table__.c.finished_at,  # type: ignore[attr-defined]
)


class SentPoll(SQLModel, table=True):
    """A Telegram quiz poll we sent, so its answer maps back to the tutor's action ids."""

    __tablename__ = "sent_polls"

    poll_id: str = Field(primary_key=True, max_length=255)
    learner_id: int = Field(sa_column=Column(BigInteger, _fk_learner(), nullable=False, index=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    answer_actions: list[str] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_type=UtcDateTime, index=True)


class ReminderLog(SQLModel, table=True):
    """Each reminder recorded before it is sent, so a crash mid-sweep never sends twice."""

    __tablename__ = "reminder_log"
    __table_args__ = (Index("ix_reminder_log_learner_sent", "learner_id", "sent_at"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(sa_column=Column(BigInteger, _fk_learner(), nullable=False))
    sent_at: datetime = Field(sa_type=UtcDateTime)
    due_count: int = Field(default=0)


class QuestionReport(SQLModel, table=True):
    """A learner's report that a question is wrong or unclear: one per learner and question.

    It never touches the learner's progress; a teacher reads them at the review desk.
    """

    __tablename__ = "question_reports"
    __table_args__ = (
        UniqueConstraint("learner_id", "question_id", name="uq_question_reports_learner_question"),
    )

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(sa_column=Column(BigInteger, _fk_learner(), nullable=False))
    question_id: str = Field(max_length=255, index=True)
    reason: str = Field(max_length=32)
    reported_at: datetime = Field(sa_type=UtcDateTime)


__all__ = [
    "Learner",
    "LessonProgress",
    "QuestionReport",
    "Quiz",
    "ReminderLog",
    "ReviewCard",
    "ReviewLog",
    "SentPoll",
    "UtcDateTime",
    "as_utc",
]
