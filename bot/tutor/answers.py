"""Recording one answer: FSRS card, answer log, XP and streak, in the caller's transaction.

Shared by quizzes (buttons and polls) and answers outside a quiz (group quiz polls).
Idempotent by `answer_key`: the store inserts the log row first and touches nothing else when
that key was already recorded, and this module then changes neither XP nor streak.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.tutor import scheduling
from bot.tutor.replies import Feedback, Reply
from bot.tutor.streaks import XP_PER_RIGHT_ANSWER, Streak, record_study
from bot.tutor.turn import Turn
from content.model import Question
from db.queries.reviews import CardUpdate, record_answer

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one recorded answer did."""

    correct: bool
    xp: int
    rating: int
    due: datetime


def card_number(question_id: str) -> int:
    """The fsrs card id: a stable number derived from the question id (only used in logs)."""
    return int.from_bytes(hashlib.blake2b(question_id.encode(), digest_size=6).digest(), "big")


async def record(turn: Turn, question: Question, option: int, state: dict[str, Any] | None,
                 *, answer_key: str, latency_seconds: float | None, quiz_id: int | None = None,
                 position: int | None = None) -> Outcome | None:
    """Record the answer; None when `answer_key` was already recorded (nothing changes then).

    `state` is the card's FSRS state as stored (None for a card never introduced): the
    caller reads it, with other things when it can.
    """
    entry = turn.catalog.lesson_of(question)
    card = (scheduling.card_from_dict(state) if state is not None
            else scheduling.new_card(card_number(question.id), turn.now))
    correct = option == question.answer
    scheduler = scheduling.make_scheduler(turn.learner.desired_retention)
    result = scheduling.review(scheduler, card, correct=correct,
                               latency_seconds=latency_seconds, now=turn.now)
    update = CardUpdate(card=dict(result.card.to_dict()), lesson_id=question.lesson_id,
                        course_id=entry.course.id if entry else "")
    latency_ms = None if latency_seconds is None else max(0, round(latency_seconds * 1000))
    stored = await record_answer(
        turn.session, learner_id=turn.learner_id, question_id=question.id,
        answer_key=answer_key, chosen=option, correct=correct, rating=int(result.rating),
        answered_at=turn.now, latency_ms=latency_ms, card_update=update,
        quiz_session_id=quiz_id, position=position)
    if not stored:
        return None
    xp = XP_PER_RIGHT_ANSWER if correct else 0
    _credit(turn, xp)
    return Outcome(correct, xp, int(result.rating), result.card.due)


def _credit(turn: Turn, xp: int) -> None:
    """XP and streak on the learner row (flushed with the transaction).

    The first answer of the learner's day moves the next reminder (they studied today), so
    the reminder hook runs then; later answers of a quiz leave it to the quiz's end,
    which keeps the answer path short (the sweep re-checks the policy before sending anyway).
    """
    learner = turn.learner
    if learner.last_study_date != turn.today:
        turn.reminder_changed = True
    streak = record_study(Streak(learner.streak_days, learner.last_study_date), turn.today)
    learner.xp += xp
    learner.streak_days = streak.count
    learner.last_study_date = streak.last_day
    learner.streak_best = max(learner.streak_best, streak.count)


def feedback(question: Question, outcome: Outcome) -> Reply:
    """Right or wrong, the right answer, the explanation and the source sentence.

    The same as data (`Reply.feedback`): a quiz poll has shown the verdict and the right
    answer already, so a front end that asked with one shows only what is left."""
    title = f"Right! +{outcome.xp} XP" if outcome.correct else "Not quite"
    lines = [f"Answer: {question.correct_option}"]
    if question.explanation:
        lines.append(question.explanation)
    if question.source:
        lines.append(f"Source: \u201c{question.source}\u201d")
    told = Feedback(correct=outcome.correct, explanation=question.explanation,
                    source=question.source)
    return Reply(title=title, text="\n\n".join(lines), feedback=told)
