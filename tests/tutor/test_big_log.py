"""A million answers in the log: /stats and /export never stall the event loop.

The SQL of a turn runs on aiosqlite's worker thread, so other learners' updates keep being
served while a big aggregate runs. A ticker on the loop measures the longest gap it sees,
counting only the time the loop's own thread spent running code: on a busy 2-core machine the
process may also be descheduled (PostgreSQL's parallel workers, other jobs), which is no stall
of ours and must not fail the test.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.tutor import Tutor, TutorConfig
from content.model import Course
from tests.tutor.conftest import ALICE, T0

LEARNERS = 10_000
ANSWERS_EACH = 100  # 1,000,000 rows in review_log
TICK = 0.002
STALL_LIMIT = 0.05


@asynccontextmanager
async def longest_stall() -> AsyncIterator[Callable[[], float]]:
    """Measure the longest time the loop's thread was busy elsewhere than a 2 ms ticker."""
    loop = asyncio.get_running_loop()
    longest = 0.0

    async def tick() -> None:
        nonlocal longest
        last, last_cpu = loop.time(), time.thread_time()
        while True:
            await asyncio.sleep(TICK)
            now, cpu = loop.time(), time.thread_time()
            longest = max(longest, min(now - last - TICK, cpu - last_cpu))
            last, last_cpu = now, cpu

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(TICK * 2)
    try:
        yield lambda: longest
    finally:
        ticker.cancel()


# Numbers 0..:last as rows `n(i)`, spelled per backend.
NUMBERS = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :last) ",
    "postgresql": "WITH n(i) AS (SELECT generate_series(0, :last)) ",
}


async def fill_log(engine: AsyncEngine) -> None:
    """10,000 learners with 100 answers each, in two INSERT ... SELECT statements."""
    at = T0 - timedelta(hours=1)
    numbers = NUMBERS[engine.dialect.name]
    stamp = at.replace(tzinfo=None) if engine.dialect.name == "sqlite" else at
    async with engine.begin() as connection:
        await connection.execute(text(
            numbers + "INSERT INTO learners (id, timezone, reminder_time, quiet_start, "
            "quiet_end, reminders_paused, blocked, quiz_size, xp, streak_days, streak_best, "
            "created_at, last_seen_at, reminders_ignored) "
            "SELECT 1000 + i, 'UTC', 1080, 1320, 480, false, false, 5, 0, 0, 0, :at, :at, 0 "
            "FROM n"),
            {"last": LEARNERS - 1, "at": stamp})
        await connection.execute(text(
            numbers + "INSERT INTO review_log (learner_id, question_id, answer_key, chosen, "
            "correct, rating, answered_at) "
            "SELECT 1000 + i / :each, 'intro-q' || (i % 6), 'k' || i, 0, i % 3 > 0, 3, :at "
            "FROM n"),
            {"last": LEARNERS * ANSWERS_EACH - 1, "each": ANSWERS_EACH, "at": stamp})


async def stall_during(work: Callable[[], Awaitable[object]]) -> float:
    async with longest_stall() as longest:
        await work()
        await asyncio.sleep(TICK * 2)  # let the ticker see a stall at the very end too
    return longest()


async def test_stats_and_export_over_a_million_answers_do_not_stall_the_loop(
    course: Course, engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    tutor = Tutor(courses=[course], sessions=session_factory, config=TutorConfig(quiz_size=3))
    await tutor.command(ALICE, "start", "", T0)
    await tutor.admin_stats(T0)  # a quick /stats first: the big one must not be taken for quick
    await fill_log(engine)

    stats_stall = await stall_during(lambda: tutor.admin_stats(T0))
    export_stall = await stall_during(lambda: tutor.command(ALICE, "export", "", T0))

    reply = await tutor.admin_stats(T0)
    assert f"Answers in the last 24 h: {LEARNERS * ANSWERS_EACH}" in reply.text
    print(f"\nlongest stall: /stats {stats_stall * 1000:.1f} ms, "
          f"/export {export_stall * 1000:.1f} ms")
    assert stats_stall < STALL_LIMIT
    assert export_stall < STALL_LIMIT
