"""FSRS through the tutor over simulated weeks: right answers move out, wrong ones come back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State

from bot.tutor import Tutor, scheduling
from bot.tutor.replies import Reply
from db.queries.reviews import list_answers
from tests.db.fill import get_card
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, question, right, wrong


def test_rating_rules() -> None:
    card = scheduling.new_card(1, T0)
    assert scheduling.rating_for(card, correct=False, latency_seconds=1) is Rating.Again
    # fast but new: Good, not Easy (a fast right answer to a new card may be a guess)
    assert scheduling.rating_for(card, correct=True, latency_seconds=1) is Rating.Good
    card.state = State.Review
    assert scheduling.rating_for(card, correct=True, latency_seconds=3) is Rating.Easy
    assert scheduling.rating_for(card, correct=True, latency_seconds=9) is Rating.Good
    assert scheduling.rating_for(card, correct=True, latency_seconds=None) is Rating.Good


def test_naive_clock_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        scheduling.new_card(1, datetime(2026, 1, 1))


def test_intervals_grow_when_right_and_reset_when_wrong() -> None:
    scheduler = scheduling.make_scheduler()
    now = T0
    card = scheduling.new_card(1, now)
    gaps = []
    for _ in range(4):
        result = scheduling.review(scheduler, card, correct=True, latency_seconds=30, now=now)
        card = result.card
        gaps.append(card.due - now)
        now = card.due
    assert gaps == sorted(gaps) and gaps[0] >= timedelta(days=1) and gaps[-1] > timedelta(days=30)
    lapse = scheduling.review(scheduler, card, correct=False, latency_seconds=30, now=now)
    assert lapse.card.due - now == timedelta(minutes=10)


async def _study_lesson_two(tutor: Tutor, now: datetime) -> list[Reply]:
    replies = await tutor.command(ALICE, "start", "lesson-2", now)
    done = await tutor.press(ALICE, button(replies, "Done"), now)
    return await tutor.press(ALICE, button(done, "Take the quiz"), now)


async def test_weeks_of_reviews_through_the_tutor(tutor: Tutor,
                                                  sqlite_session_factory: object) -> None:
    """One question always right, one always wrong, reviewed whenever due for 8 weeks."""
    asked = await _study_lesson_two(tutor, T0)
    target_right, target_wrong = None, None
    now = T0
    while asked[-1].question is not None:
        card = question(asked)
        if target_right is None:
            target_right = card.prompt
            asked = await tutor.press(ALICE, right(card), now)
        elif target_wrong is None:
            target_wrong = card.prompt
            asked = await tutor.press(ALICE, wrong(card), now)
        else:
            asked = await tutor.press(ALICE, right(card), now)
    right_gaps: list[timedelta] = []
    wrong_gaps: list[timedelta] = []
    last_seen = {target_right: T0, target_wrong: T0}
    end = T0 + timedelta(weeks=8)
    while now < end:
        now += timedelta(hours=6)
        replies = await tutor.command(ALICE, "review", "", now)
        while any(reply.question for reply in replies):
            card = question(replies)
            gap = now - last_seen.get(card.prompt, now)
            last_seen[card.prompt] = now
            if card.prompt == target_wrong:
                wrong_gaps.append(gap)
                replies = await tutor.press(ALICE, wrong(card), now + timedelta(seconds=30))
            else:
                if card.prompt == target_right:
                    right_gaps.append(gap)
                replies = await tutor.press(ALICE, right(card), now + timedelta(seconds=30))
    assert len(right_gaps) >= 2
    assert right_gaps[0] >= timedelta(days=1)
    pairs = zip(right_gaps, right_gaps[1:], strict=False)
    assert all(later > earlier * 3 for earlier, later in pairs)
    assert right_gaps[-1] >= timedelta(days=14)
    # a question always answered wrongly comes back within a quarter day each time
    assert len(wrong_gaps) > 8 * 7 and max(wrong_gaps) <= timedelta(hours=6)


async def test_card_created_when_first_met_and_logged(tutor: Tutor,
                                                      sqlite_session_factory: object) -> None:
    asked = await _study_lesson_two(tutor, T0)
    card = question(asked)
    await tutor.press(ALICE, right(card), T0 + timedelta(seconds=5))
    factory = sqlite_session_factory
    async with factory() as session:  # type: ignore[operator]
        answers = await list_answers(session, learner_id=ALICE.user_id)
        assert len(answers) == 1 and answers[0].correct and answers[0].latency_ms == 5000
        stored = await get_card(session, learner_id=ALICE.user_id,
                                question_id=answers[0].question_id)
        assert stored is not None and stored.due > T0 + timedelta(days=1)
        assert stored.due.tzinfo is not None and stored.due.utcoffset() == timedelta(0)
        assert stored.card["state"] == State.Review.value
    assert T0.tzinfo is UTC
