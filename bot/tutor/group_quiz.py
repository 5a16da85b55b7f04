"""A group quiz: questions drawn from every course, each option a vote for the question
itself (`actions.group_answer`), so a vote counts for whoever gives it."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

from bot.tutor import actions, quiz
from bot.tutor.catalog import Catalog
from bot.tutor.replies import QuestionCard


def group_cards(catalog: Catalog, size: int, seed: str,
                fits: Callable[[QuestionCard], bool]) -> list[QuestionCard]:
    """Up to `size` distinct cards that `fits` the front end, in an order fixed by `seed`."""
    cards = [quiz.question_card(question, (actions.group_answer(question.id),)
                                * len(question.options), number=0, total=0)
             for entry in catalog.lessons for question in entry.questions]
    pool = [card for card in cards if fits(card)]
    picked = random.Random(seed).sample(pool, min(size, len(pool)))
    return [replace(card, number=number, total=len(picked))
            for number, card in enumerate(picked, 1)]
