"""Small helpers for driving the tutor in tests: find buttons, answer right or wrong."""

from __future__ import annotations

from datetime import datetime

from bot.tutor import Person, ProgressReport, Tutor
from bot.tutor.replies import QuestionCard, Reply


def all_choices(replies: list[Reply]) -> dict[str, str]:
    """Button label -> action over every reply."""
    return {choice.label: choice.action
            for reply in replies for row in reply.choices for choice in row}


def button(replies: list[Reply], label: str) -> str:
    """The action of the first button whose label starts with `label`."""
    for text, action in all_choices(replies).items():
        if text.startswith(label):
            return action
    raise AssertionError(f"no button {label!r} in {list(all_choices(replies))}")


def question(replies: list[Reply]) -> QuestionCard:
    cards = [reply.question for reply in replies if reply.question is not None]
    assert cards, f"no question in {replies}"
    return cards[-1]


def right(card: QuestionCard) -> str:
    return card.answer_actions[card.correct]


def wrong(card: QuestionCard) -> str:
    return card.answer_actions[(card.correct + 1) % len(card.options)]


async def progress(tutor: Tutor, who: Person, now: datetime) -> ProgressReport:
    """The report /progress shows (and a front end charts)."""
    [reply] = await tutor.command(who, "progress", "", now)
    assert reply.progress is not None
    return reply.progress
