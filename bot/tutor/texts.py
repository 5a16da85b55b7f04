"""Fixed wording and the menu buttons shared by several screens."""

from __future__ import annotations

from bot.tutor import actions
from bot.tutor.replies import Choice, Reply
from content.text import plural

__all__ = ["plural"]  # the one plural helper, where every layer can reach it

HELP = (
    "I teach the course in short lessons, quiz you, and bring questions back just before "
    "you would forget them (spaced repetition).\n\n"
    "/lessons - all lessons and how far you are\n"
    "/learn - continue where you left off\n"
    "/quiz - a short quiz (on the lesson you read last, or the whole course)\n"
    "/review - the questions that are due now\n"
    "/progress - XP, streak, mastery, what is due\n"
    "/settings - timezone, reminders, quiz length\n"
    "/export - all your data as a JSON file\n"
    "/delete - delete all your data\n"
    "/help - this message"
)

FREE_TEXT = "I answer to commands and buttons. Try /learn to read, /quiz for a quiz, or /help."
NO_COURSE = "There is no course loaded yet, so there is nothing to learn. Please try later."
UNKNOWN_LEARNER = "I have nothing stored about you. Send /start to begin."
ALREADY_ANSWERED = "You already answered that question."
NOT_CURRENT = "That is not the current question."


def unknown_command(name: str) -> str:
    return f"I don't know /{name}. Try /learn, /quiz, /review, or /help for everything."


def menu_row() -> tuple[Choice, ...]:
    """The buttons that end most screens: where to go next."""
    return (
        Choice("Lessons", actions.command("lessons")),
        Choice("Review", actions.quiz(actions.REVIEW)),
        Choice("Progress", actions.command("progress")),
    )


def with_menu(*rows: tuple[Choice, ...]) -> tuple[tuple[Choice, ...], ...]:
    """`rows`, then the menu row without what they already offer (no "Review" beside
    "Review now")."""
    offered = {choice.action for row in rows for choice in row}
    menu = tuple(choice for choice in menu_row() if choice.action not in offered)
    return (*rows, menu) if menu else rows


COURSES_HELP = "/courses - choose which course to study\n"


def help_reply(courses: int = 1) -> Reply:
    """The command list; /courses only when there is more than one course to choose from."""
    text = HELP.replace("/lessons", COURSES_HELP + "/lessons", 1) if courses > 1 else HELP
    return Reply(
        title="How this works",
        text=text,
        choices=((Choice("Start learning", actions.command("learn")),), menu_row()),
    )


LABEL_LIMIT = 48  # characters of a button label made from content (a lesson title)
ELLIPSIS = "\u2026"


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    """`text` on one line, cut to `limit` characters ending in an ellipsis if it is longer.

    The one truncation helper: button labels, poll texts, chart labels and summaries."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def percent(value: float) -> str:
    return f"{round(value * 100)}%"
