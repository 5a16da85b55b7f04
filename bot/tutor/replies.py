"""What the tutor says back: plain objects every front end can render; no transport types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import NamedTuple

# Every action id must fit in a button's callback data (64 bytes in Telegram).
MAX_ACTION_BYTES = 64


@dataclass(frozen=True, slots=True)
class Choice:
    """A button or numbered option; pressing it sends `action` back to the tutor unchanged."""

    label: str
    action: str

    def __post_init__(self) -> None:
        if len(self.action.encode()) > MAX_ACTION_BYTES:
            raise ValueError(f"action id longer than {MAX_ACTION_BYTES} bytes: {self.action!r}")


@dataclass(frozen=True, slots=True)
class QuestionCard:
    """A question being asked; `answer_actions[i]` is the action that picks `options[i]`.

    Front ends send it as a quiz poll when it fits the poll limits, else as buttons.
    """

    prompt: str
    options: tuple[str, ...]
    correct: int
    explanation: str
    source: str  # the document's sentence(s) that back the answer
    answer_actions: tuple[str, ...]
    number: int
    total: int


@dataclass(frozen=True, slots=True)
class Feedback:
    """How an answer went, as data: a front end whose question already showed the verdict
    (a Telegram quiz poll) shows only what it has not shown yet."""

    correct: bool
    explanation: str
    source: str


class LessonMastery(NamedTuple):
    """One lesson's mastery; a tuple (title, 0..1) so chart code can unpack it."""

    title: str
    mastery: float


class DayActivity(NamedTuple):
    """Answers on one of the learner's local days; unpacks as (date, right, wrong)."""

    day: date
    right: int
    wrong: int


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """What /progress shows, as data (a front end draws its chart from it)."""

    xp: int
    streak: int
    best_streak: int
    answers: int
    accuracy: float | None  # None before the first answer
    due_today: int  # due by the end of the learner's local day
    due_week: int  # due within the next 7 local days
    lessons_done: int
    mastery: tuple[LessonMastery, ...]  # every lesson in course order
    days: tuple[DayActivity, ...]  # the last 14 local days, oldest first


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file to send: the learner's data export (JSON) or a progress chart (PNG)."""

    filename: str
    data: bytes
    mime_type: str
    caption: str = ""


class ReplyKind(Enum):
    MESSAGE = "message"  # a new message
    PAGE = "page"  # a lesson page: replaces the message whose button was pressed, if any
    NOTICE = "notice"  # short acknowledgement of a press (stale/forged button, saved setting)


@dataclass(frozen=True, slots=True)
class Reply:
    """One thing to show. `text` is plain text (front ends escape it); `title` renders bold."""

    text: str
    title: str = ""
    choices: tuple[tuple[Choice, ...], ...] = ()
    question: QuestionCard | None = None
    attachment: Attachment | None = None
    kind: ReplyKind = ReplyKind.MESSAGE
    feedback: Feedback | None = None  # set on the reply that tells how an answer went
    progress: ProgressReport | None = None  # set on /progress, for a chart
