"""Small shared pieces of the Telegram adapter: the clock, who sent an update, command parsing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeAlias

from telegram import User
from telegram.ext import Application

from bot.tutor import Person

Clock = Callable[[], datetime]
# The Application as this bot uses it: default context types, no persistence.
App: TypeAlias = Application[Any, Any, Any, Any, Any, Any]


def utc_now() -> datetime:
    """The real clock; tests pass their own."""
    return datetime.now(UTC)


def person_of(user: User) -> Person:
    """The tutor's view of a Telegram user."""
    return Person(
        user_id=user.id,
        first_name=user.first_name or "",
        username=user.username,
        language_code=user.language_code,
    )


def parse_command(text: str) -> tuple[str, str]:
    """`"/Start@PeaceBot lesson-3"` → `("start", "lesson-3")`; the name without slash or bot."""
    head, _, rest = text.strip().partition(" ")
    name = head.lstrip("/").split("@", 1)[0].lower()
    return name, rest.strip()
