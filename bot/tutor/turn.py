"""What one tutor call works with: who acts, the tutor's settings, and the unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.tutor.catalog import CourseView
from bot.tutor.replies import Reply, ReplyKind
from bot.tutor.timezones import local_day, zone
from db.models import Learner as LearnerRow
from db.models import Quiz


@dataclass(frozen=True, slots=True)
class Person:
    """Who acts, as the front end knows them (Telegram user or console user)."""

    user_id: int
    first_name: str = ""
    username: str | None = None
    language_code: str | None = None
    # Whether this front end delivers reminders (Telegram does, the terminal does not): the
    # tutor offers reminder settings only where they act.
    reminders: bool = True


@dataclass(frozen=True, slots=True)
class TutorConfig:
    """Course-wide defaults; a learner's own settings (quiz size) override them."""

    quiz_size: int = 5
    new_questions_per_day: int = 20
    reviews_per_day: int = 200


@dataclass(slots=True)
class Turn:
    """One call into the tutor: one database transaction, one learner, one clock reading."""

    session: AsyncSession
    learner: LearnerRow
    now: datetime
    catalog: CourseView  # the learner's current course (lookups reach every course)
    config: TutorConfig
    reminder_changed: bool = False  # set by anything that can move the next reminder
    quiz: Quiz | None = None  # the quiz an answer names, read with the learner
    # With `quiz`: the FSRS state of the card for its current question (None: not introduced).
    quiz_card: dict[str, Any] | None = None
    # Cards due at `now`, when counted after this turn's last card write (a quiz summary):
    # the reminder refresh at the end of the turn needs the same number.
    due_now: int | None = None
    reminders: bool = True  # `Person.reminders` of who acts

    @property
    def learner_id(self) -> int:
        return self.learner.id

    @property
    def today(self) -> date:
        """The learner's local calendar date."""
        return local_day(self.now, self.learner.timezone)

    def local_midnight(self, days_ahead: int = 0) -> datetime:
        """Start of the learner's local day (plus `days_ahead` days), in UTC."""
        day = self.today + timedelta(days=days_ahead)
        return datetime.combine(day, time(0), tzinfo=zone(self.learner.timezone)).astimezone(UTC)

    @property
    def quiz_size(self) -> int:
        return self.learner.quiz_size or self.config.quiz_size


STALE = "That button is no longer active."


def notice(text: str = STALE) -> Reply:
    """A short acknowledgement; used alone for stale, forged or malformed presses."""
    return Reply(text=text, kind=ReplyKind.NOTICE)


def require_aware(now: datetime) -> datetime:
    """The tutor's clock must be aware; it is normalised to UTC once, at the entrance."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"the tutor needs a timezone-aware time, got {now!r}")
    return now.astimezone(UTC)
