"""Time per tutor action in-process, on a SQLite file holding many learners with history.

    .venv/bin/python benchmarks/tutor_answers.py [--learners 1000] [--rounds 300]

Builds the course from content/sources, migrates a fresh SQLite database, gives every learner
a history (two lessons read, ten answers with their FSRS cards), then times, for learners
picked at random, starting a quiz and answering each of its questions through `Tutor.press`
(the answer path: verify the action, FSRS review, record card + log, XP/streak, reminder
refresh, feedback and the next question, one transaction). Prints median and p95 per action.
Target: median answer under 5 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from bot.tutor import Person, Tutor, TutorConfig, scheduling
from bot.tutor.replies import QuestionCard, Reply
from content import load_courses
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.queries.learners import get_or_create_learner
from db.queries.progress import upsert_lesson_progress
from db.queries.reviews import CardUpdate, record_answer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _card(replies: list[Reply]) -> QuestionCard | None:
    return next((reply.question for reply in reversed(replies) if reply.question), None)


async def _quiz(tutor: Tutor, who: Person, now: datetime,
                timed: dict[str, list[float]] | None, rng: random.Random) -> None:
    """Start a course quiz and answer it to the end (right 70% of the time)."""
    started = time.perf_counter()
    replies = await tutor.command(who, "quiz", "all", now)
    _record(timed, "start quiz (/quiz all)", started)
    card = _card(replies)
    while card is not None:
        option = card.correct if rng.random() < 0.7 else (card.correct + 1) % len(card.options)
        now += timedelta(seconds=12)
        started = time.perf_counter()
        replies = await tutor.press(who, card.answer_actions[option], now)
        _record(timed, "answer (press)", started)
        card = _card(replies)


def _record(timed: dict[str, list[float]] | None, name: str, started: float) -> None:
    if timed is not None:
        timed.setdefault(name, []).append((time.perf_counter() - started) * 1000)


async def _time(timed: dict[str, list[float]], name: str,
                call: Callable[[], Awaitable[object]]) -> None:
    started = time.perf_counter()
    await call()
    _record(timed, name, started)


async def _populate(tutor: Tutor, learners: int, rng: random.Random, batch: int = 100) -> None:
    """Every learner: two lessons read, ten questions answered (cards + log), in bulk."""
    questions = [q for entry in tutor.catalog.lessons[:4] for q in entry.questions]
    scheduler = scheduling.make_scheduler()
    for first in range(1, learners + 1, batch):
        async with tutor._sessions() as session, session.begin():  # noqa: SLF001 - setup only
            for user_id in range(first, min(first + batch, learners + 1)):
                await get_or_create_learner(session, learner_id=user_id, now=T0)
                for entry in tutor.catalog.lessons[:2]:
                    await upsert_lesson_progress(
                        session, learner_id=user_id, course_id=entry.course.id,
                        lesson_id=entry.id, page=0, now=T0, completed=True)
                for number, question in enumerate(rng.sample(questions, min(10, len(questions)))):
                    correct = rng.random() < 0.7
                    card = scheduling.review(
                        scheduler, scheduling.new_card(number, T0), correct=correct,
                        latency_seconds=12, now=T0).card
                    await record_answer(
                        session, learner_id=user_id, question_id=question.id,
                        answer_key=f"setup:{number}", chosen=0, correct=correct, rating=3,
                        answered_at=T0, card_update=CardUpdate(
                            card=dict(card.to_dict()), lesson_id=question.lesson_id,
                            course_id=tutor.catalog.courses[0].id))


async def main(learners: int, rounds: int, database: Path) -> None:
    url = f"sqlite+aiosqlite:///{database}"
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    tutor = Tutor(courses=load_courses(), sessions=create_session_factory(engine),
                  config=TutorConfig(quiz_size=5))
    rng = random.Random(7)
    started = time.perf_counter()
    await _populate(tutor, learners, rng)
    setup = time.perf_counter() - started
    timed: dict[str, list[float]] = {}
    now = T0 + timedelta(days=1)
    for _ in range(rounds):
        who = Person(rng.randint(1, learners))
        now += timedelta(minutes=1)
        await _quiz(tutor, who, now, timed, rng)
        for name in ("review", "lessons", "progress"):
            await _time(timed, f"/{name}", partial(tutor.command, who, name, "", now))
    await engine.dispose()
    print(f"SQLite file, {learners} learners, each with 2 lessons read and 10 answered "
          f"questions (setup {setup:.1f} s); {rounds} rounds on random learners")
    print(f"{'action':<26}{'n':>7}{'median ms':>12}{'p95 ms':>10}")
    for name, values in timed.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"{name:<26}{len(values):>7}{statistics.median(values):>12.2f}{p95:>10.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(main(args.learners, args.rounds, Path(folder) / "bench.db"))
