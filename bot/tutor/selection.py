"""Which questions a quiz or review asks, in which order.

- Quiz on a lesson or the course: questions the learner has never met come first, then the
  ones due soonest; kinds are interleaved (cloze, mcq, true/false, ...) so a quiz mixes them.
- Review: due cards first, most overdue first (capped by reviews per day), then questions never
  met from completed lessons (capped by new questions per day, counted in the learner's day).
Randomness is seeded from the learner and the clock, so a fixed clock gives a fixed session.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from bot.tutor.turn import Turn
from content.model import Question
from db.queries.progress import completed_lesson_ids
from db.queries.reviews import (
    answers_since,
    card_due_times,
    card_question_ids,
    due_cards,
    new_cards_since,
)


def seeded(turn: Turn, salt: str) -> random.Random:
    """A generator fixed by learner, clock and purpose (string seeds hash stably)."""
    return random.Random(f"{turn.learner_id}:{turn.now.isoformat()}:{salt}")


def mix_kinds(questions: Sequence[Question], size: int, rng: random.Random,
              rank: dict[str, float] | None = None) -> list[Question]:
    """Up to `size` distinct questions, alternating kinds, lowest `rank` first within a kind."""
    rank = rank or {}
    by_kind: dict[str, list[Question]] = {}
    shuffled = list(dict.fromkeys(questions))
    rng.shuffle(shuffled)
    for question in sorted(shuffled, key=lambda q: rank.get(q.id, 0.0)):
        by_kind.setdefault(question.kind, []).append(question)
    kinds = sorted(by_kind, key=lambda kind: rank.get(by_kind[kind][0].id, 0.0))
    picked: list[Question] = []
    while len(picked) < size and any(by_kind.values()):
        for kind in kinds:
            if by_kind[kind] and len(picked) < size:
                picked.append(by_kind[kind].pop(0))
    return picked


async def quiz_questions(turn: Turn, pool: Sequence[Question]) -> list[str]:
    """A quiz from `pool`: unseen first, then soonest due, kinds interleaved."""
    lessons = {question.lesson_id for question in pool}
    due = await card_due_times(turn.session, learner_id=turn.learner_id, lesson_ids=lessons)
    # unseen questions rank below every card; cards by due time in days from now
    rank = {qid: (when - turn.now).total_seconds() / 86400 for qid, when in due.items()}
    ranked = {question.id: rank.get(question.id, -1e9) for question in pool}
    chosen = mix_kinds(pool, turn.quiz_size, seeded(turn, "quiz"), ranked)
    return [question.id for question in chosen]


async def course_pool(turn: Turn) -> list[Question]:
    """Questions for a course-wide quiz: completed lessons', or every lesson's if too few."""
    done = await completed_lesson_ids(turn.session, learner_id=turn.learner_id)
    studied = [q for entry in turn.catalog.lessons if entry.id in done for q in entry.questions]
    if len(studied) >= turn.quiz_size:
        return studied
    return [question for entry in turn.catalog.lessons for question in entry.questions]


async def review_questions(turn: Turn) -> list[str]:
    """Due cards (most overdue first), then new questions from completed lessons; capped."""
    size = turn.quiz_size
    midnight = turn.local_midnight()
    answered_today = await answers_since(turn.session, learner_id=turn.learner_id, since=midnight)
    review_room = max(0, turn.config.reviews_per_day - answered_today)
    due = await due_cards(turn.session, learner_id=turn.learner_id, now=turn.now,
                          limit=min(size, review_room) or 1, course_id=turn.catalog.id or None)
    picked = [card.question_id for card in due if turn.catalog.question(card.question_id)]
    picked = picked[: min(size, review_room)]
    if len(picked) < size:
        picked += await _new_from_completed(turn, size - len(picked), midnight)
    return picked


async def _new_from_completed(turn: Turn, room: int, midnight: datetime) -> list[str]:
    introduced = await new_cards_since(turn.session, learner_id=turn.learner_id, since=midnight)
    room = min(room, max(0, turn.config.new_questions_per_day - introduced))
    if room <= 0:
        return []
    done = await completed_lesson_ids(turn.session, learner_id=turn.learner_id)
    candidates = [q for entry in turn.catalog.lessons if entry.id in done for q in entry.questions]
    if not candidates:
        return []
    known = await card_question_ids(turn.session, learner_id=turn.learner_id,
                                    question_ids=[question.id for question in candidates])
    fresh = [question for question in candidates if question.id not in known]
    return [question.id for question in mix_kinds(fresh, room, seeded(turn, "new"))]
