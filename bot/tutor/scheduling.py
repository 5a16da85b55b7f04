"""FSRS scheduling through the `fsrs` package: how an answer becomes a rating and a next due time.

Choices, and why:
- One learning step of 10 minutes: a right first answer graduates straight to Review (about two
  days out, FSRS's initial stability for Good), because the learner has just read the lesson;
  a wrong one comes back 10 minutes later, inside the same study sitting if they continue.
- Right is Good; wrong is Again. Right is Easy only when the card is already in Review state
  and the answer came within `EASY_SECONDS`: a fast recall of a card that was already learnt
  is strong evidence it is easy, while a fast right answer to a new card may be a guess.
  Latency is measured from the moment the question was shown, and the next question is shown
  together with the previous feedback, so the measure includes reading time and errs towards
  Good (the safe side).
- Fuzzing is off by default so a learner's schedule is reproducible (tests, support questions).
  The cost is that cards learnt together stay together; with 2 to 10 new cards a day this is
  mild. `make_scheduler(fuzz=True)` turns it on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler, State

EASY_SECONDS = 8.0
LEARNING_STEPS = (timedelta(minutes=10),)
RELEARNING_STEPS = (timedelta(minutes=10),)
DEFAULT_RETENTION = 0.9
MASTERY_DAYS = 21.0  # stability (days) at which a question counts as mastered

_schedulers: dict[tuple[float, bool], Scheduler] = {}


def make_scheduler(desired_retention: float | None = None, *, fuzz: bool = False) -> Scheduler:
    """A scheduler for one retention target; cached because construction validates parameters."""
    retention = round(desired_retention or DEFAULT_RETENTION, 3)
    if not 0.7 <= retention <= 0.97:
        raise ValueError(f"desired retention must be between 0.70 and 0.97, got {retention}")
    key = (retention, fuzz)
    scheduler = _schedulers.get(key)
    if scheduler is None:
        scheduler = Scheduler(desired_retention=retention, learning_steps=LEARNING_STEPS,
                              relearning_steps=RELEARNING_STEPS, enable_fuzzing=fuzz)
        _schedulers[key] = scheduler
    return scheduler


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime given to the scheduler: {moment.isoformat()}")
    return moment.astimezone(UTC)


def new_card(card_id: int, now: datetime) -> Card:
    """A card for a question the learner meets for the first time, due now."""
    return Card(card_id=card_id, due=_require_aware(now))


def rating_for(card: Card, *, correct: bool, latency_seconds: float | None) -> Rating:
    """Again when wrong; Good when right; Easy for a fast right recall of a learnt card."""
    if not correct:
        return Rating.Again
    fast = latency_seconds is not None and 0 <= latency_seconds < EASY_SECONDS
    return Rating.Easy if fast and card.state == State.Review else Rating.Good


@dataclass(frozen=True, slots=True)
class Review:
    """The outcome of one answer for scheduling."""

    card: Card
    rating: Rating


def review(scheduler: Scheduler, card: Card, *, correct: bool, latency_seconds: float | None,
           now: datetime) -> Review:
    """Rate the answer and move the card; `now` must be timezone-aware."""
    rating = rating_for(card, correct=correct, latency_seconds=latency_seconds)
    updated, _log = scheduler.review_card(card, rating, review_datetime=_require_aware(now))
    return Review(updated, rating)


def card_from_dict(data: dict[str, Any]) -> Card:
    """A card as stored (`Card.to_dict()`); the store keeps it as JSON."""
    return Card.from_dict(data)  # type: ignore[arg-type]


def mastery(stability: float | None) -> float:
    """0..1: how close a card's memory stability is to `MASTERY_DAYS` (unseen or new = 0)."""
    if not stability or stability <= 0:
        return 0.0
    return min(1.0, stability / MASTERY_DAYS)
