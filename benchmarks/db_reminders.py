"""How fast the store picks learners due for a reminder, and records answers under load.

Run by hand (not part of the tests):

    .venv/bin/python benchmarks/db_reminders.py                      # 100k and 1M, both backends
    .venv/bin/python benchmarks/db_reminders.py --sizes 100000 --backends sqlite

PostgreSQL: a scratch database is created next to PEACEBOT_BENCH_PG_URL's and dropped after.
Learners are bulk-loaded (COPY on PostgreSQL, executemany on SQLite): 10% due in the last
hour, 5% blocked or paused with a past time (the partial index must skip them), the rest
due within the next day. Each pick runs in a transaction that is rolled back, so every
repetition sees the same data.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from botload import fresh_database  # noqa: E402

import db.models  # noqa: E402,F401
from db import queries  # noqa: E402
from db.engine import create_engine, create_session_factory  # noqa: E402

PG_URL = os.environ.get(
    "PEACEBOT_BENCH_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
NOW = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
CREATED = datetime(2026, 1, 1, tzinfo=UTC)
REPEATS = 7
COLUMNS = (
    "id",
    "first_name",
    "username",
    "language_code",
    "timezone",
    "reminder_time",
    "quiet_start",
    "quiet_end",
    "reminders_paused",
    "blocked",
    "quiz_size",
    "desired_retention",
    "pending_input",
    "xp",
    "streak_days",
    "streak_best",
    "last_study_date",
    "created_at",
    "last_seen_at",
    "next_reminder_at",
    "last_reminder_at",
    "reminders_ignored",
    "snoozed_until",
)


def learner_rows(count: int, seed: int = 7) -> Iterator[tuple[object, ...]]:
    """10% due, 5% blocked/paused with a past time, 85% due later today."""
    rng = random.Random(seed)
    for learner_id in range(1, count + 1):
        roll = rng.random()
        paused = blocked = False
        if roll < 0.10:
            next_at = NOW - timedelta(seconds=rng.randrange(1, 3600))
        elif roll < 0.15:
            next_at = NOW - timedelta(seconds=rng.randrange(1, 3600))
            blocked, paused = (True, False) if rng.random() < 0.5 else (False, True)
        else:
            next_at = NOW + timedelta(seconds=rng.randrange(1, 86_400))
        yield (
            learner_id,
            "Learner",
            None,
            "en",
            "UTC",
            1080,
            1320,
            480,
            paused,
            blocked,
            5,
            None,
            None,
            0,
            0,
            0,
            None,
            CREATED,
            CREATED,
            next_at,
            None,
            0,
            None,
        )


def _sqlite_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    return value


def load_sqlite(path: Path, count: int) -> None:
    connection = sqlite3.connect(path)
    marks = ", ".join("?" for _ in COLUMNS)
    statement = f"INSERT INTO learners ({', '.join(COLUMNS)}) VALUES ({marks})"
    with connection:
        connection.executemany(
            statement, (tuple(_sqlite_value(v) for v in row) for row in learner_rows(count))
        )
    connection.execute("ANALYZE")
    connection.close()


async def load_postgres(dsn: str, count: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.copy_records_to_table(
            "learners", records=learner_rows(count), columns=list(COLUMNS)
        )
        await connection.execute("VACUUM ANALYZE learners")
    finally:
        await connection.close()


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _median_ms(action: Callable[[], Awaitable[object]]) -> float:
    await action()  # warm caches and prepared statements
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        await action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


async def measure_picks(engine: AsyncEngine, limits: list[int]) -> dict[int, tuple[float, int]]:
    """Median ms for claim_due_reminders(limit) (rolled back), and how many it returned."""
    factory = create_session_factory(engine)
    results: dict[int, tuple[float, int]] = {}
    for limit in limits:
        got = 0

        async def pick(limit: int = limit) -> None:
            nonlocal got
            async with factory() as session:
                async with session.begin():
                    got = len(await queries.claim_due_reminders(session, now=NOW, limit=limit))
                    await session.rollback()

        results[limit] = (await _median_ms(pick), got)
    return results


async def measure_raw_pick(engine: AsyncEngine, limit: int = 1_000) -> float:
    """Median ms for the bare indexed SELECT ... LIMIT (FOR UPDATE SKIP LOCKED on PostgreSQL)."""
    flags = "NOT blocked AND NOT reminders_paused"
    lock = " FOR UPDATE SKIP LOCKED"
    now: object = NOW
    if engine.dialect.name == "sqlite":
        flags, lock, now = "blocked = 0 AND reminders_paused = 0", "", "2026-11-26 18:00:00"
    sql = text(
        f"SELECT id FROM learners WHERE next_reminder_at IS NOT NULL AND {flags} "
        f"AND next_reminder_at <= :now ORDER BY next_reminder_at LIMIT {limit}{lock}"
    )

    async def pick() -> None:
        async with engine.connect() as connection:
            (await connection.execute(sql, {"now": now})).all()
            await connection.rollback()

    return await _median_ms(pick)


async def explain(engine: AsyncEngine) -> str:
    sql = (
        "SELECT id FROM learners WHERE next_reminder_at IS NOT NULL AND {flags} "
        "AND next_reminder_at <= :now ORDER BY next_reminder_at LIMIT 1000"
    )
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            query = "EXPLAIN " + sql.format(flags="NOT blocked AND NOT reminders_paused")
            rows = await connection.execute(text(query), {"now": NOW})
            return " / ".join(row[0].strip() for row in rows)[:160]
        query = "EXPLAIN QUERY PLAN " + sql.format(flags="blocked = 0 AND reminders_paused = 0")
        rows = await connection.execute(text(query), {"now": "2026-11-26 18:00:00"})
        return " / ".join(str(row[-1]) for row in rows)


async def answers_per_second(engine: AsyncEngine, learners: int = 100, each: int = 20) -> float:
    """`learners` concurrent learners each answering `each` questions, one transaction each."""
    factory = create_session_factory(engine)
    card = {
        "card_id": 1,
        "state": 2,
        "step": None,
        "stability": 3.1,
        "difficulty": 5.0,
        "due": (NOW + timedelta(days=3)).isoformat(),
        "last_review": NOW.isoformat(),
    }

    async def learner(learner_id: int) -> None:
        async with factory() as session, session.begin():
            await queries.get_or_create_learner(session, learner_id=learner_id, now=NOW)
        for index in range(each):
            async with factory() as session, session.begin():
                await queries.record_answer(
                    session,
                    learner_id=learner_id,
                    question_id=f"q{index}",
                    answer_key=f"bench:{index}",
                    chosen=0,
                    correct=index % 3 != 0,
                    rating=3,
                    answered_at=NOW,
                    latency_ms=800,
                    card_update={"card": card, "lesson_id": "l", "course_id": "c"},
                )

    base = 10_000_000
    started = time.perf_counter()
    await asyncio.gather(*(learner(base + i) for i in range(learners)))
    return learners * each / (time.perf_counter() - started)


async def run_backend(backend: str, sizes: list[int], limits: list[int]) -> list[list[str]]:
    rows: list[list[str]] = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            async with fresh_database(backend, Path(folder)) as url:
                rows += await _measure_size(backend, url, size, limits)
    return rows


async def _measure_size(
    backend: str, url: str, size: int, limits: list[int]
) -> list[list[str]]:
    rows: list[list[str]] = []
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        started = time.perf_counter()
        if backend == "sqlite":
            await engine.dispose()
            await asyncio.to_thread(load_sqlite, Path(str(make_url(url).database)), size)
        else:
            await load_postgres(_dsn(url), size)
        load_s = time.perf_counter() - started
        picks = await measure_picks(engine, limits)
        raw = await measure_raw_pick(engine)
        plan = await explain(engine)
        for limit, (ms, got) in picks.items():
            row = [backend, f"{size:,}", f"{load_s:.1f}", f"{limit:,}", str(got), f"{ms:.1f}"]
            rows.append(row)
        rows.append([backend, f"{size:,}", "", "1,000 (bare SELECT)", "", f"{raw:.1f}"])
        print(f"  {backend} {size:,}: plan: {plan}", file=sys.stderr)
    finally:
        await engine.dispose()
    return rows


async def run_answers(backend: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        async with fresh_database(backend, Path(folder)) as url:
            engine = create_engine(url)
            try:
                async with engine.begin() as connection:
                    await connection.run_sync(SQLModel.metadata.create_all)
                return await answers_per_second(engine)
            finally:
                await engine.dispose()


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    line = "  ".join("-" * width for width in widths)
    out = ["  ".join(cell.rjust(width) for cell, width in zip(header, widths, strict=True)), line]
    out += [
        "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(out)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--limits", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    args = parser.parse_args()
    rows: list[list[str]] = []
    for backend in args.backends:
        rows += await run_backend(backend, args.sizes, args.limits)
    print("\nPicking learners due for a reminder (claim_due_reminders, median of 7, rolled back)")
    print(table(["backend", "learners", "load s", "limit", "picked", "ms"], rows))
    answer_rows = [[b, f"{await run_answers(b):,.0f}"] for b in args.backends]
    print("\nAnswers recorded per second, 100 concurrent learners x 20 answers (1 txn each)")
    print(table(["backend", "answers/s"], answer_rows))


if __name__ == "__main__":
    asyncio.run(main())
