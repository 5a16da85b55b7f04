"""What the tutor says back: plain objects every front end can render; no transport types."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# Telegram's callback_data limit; every action id must fit so a button can carry it.
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
    answer_actions: tuple[str, ...]
    number: int
    total: int


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
    extra: dict[str, str] = field(default_factory=dict)
