"""Reminder sweep at scale: 100,000 learners, 20,000 due, on PostgreSQL, printed as a table.

    .venv/bin/python benchmarks/reminder_sweep.py [--learners 100000] [--due 20000] [--send 2000]

1. Seeds a fresh PostgreSQL database (dropped afterwards): `--learners` learners with three
   cards each; `--due` of them have reviews due and a reminder time that has passed, the rest
   are scheduled later, paused, blocked or have nothing scheduled.
2. Database phase: claims, decides and records every due learner in batches, exactly as the
   sweep does, without sending; reports database time per 1,000 reminders.
3. Sending phase: makes `--send` of those learners due again and runs the real sweep through
   the bot `peacebot remind` builds (`configured_bot`, with its one rate limiter) against the
   stand-in Bot API server in a separate process, which enforces Telegram's limits (30/s
   overall, 1/s per chat) with a sliding one-second window. Reports the sending rate the
   server saw, the 429s it gave and the limit violations it recorded. Sending all 20,000
   takes ~11 minutes at 30/s, so the default measures 2,000 (about 70 seconds); pass
   `--send 20000` for the whole backlog.
4. Peak memory: the sweeping process's peak RSS during phases 2 and 3 (Linux VmHWM, reset
   before each phase), the server and the seeding excluded.

`BENCH_DUMP=/path.json` also writes the server's raw arrival times and violations.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import SQLModel  # noqa: E402

import db.models  # noqa: E402, F401
from bot.config import Settings  # noqa: E402
from bot.telegram.app import configured_bot  # noqa: E402
from bot.telegram.reminders import DEFAULT_BATCH, sweep  # noqa: E402
from bot.tutor import Tutor  # noqa: E402
from db.engine import create_engine, create_session_factory  # noqa: E402

PG_URL = os.environ.get(
    "PEACEBOT_BENCH_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
NOW = datetime(2026, 11, 26, 18, 5, tzinfo=UTC)
# Zones where 18:05 UTC is inside the 18:00-22:00 local window, so every due learner is sent.
DUE_ZONES = ("UTC", "Europe/London", "Europe/Lisbon", "Europe/Berlin", "Europe/Athens")
CARDS_PER_LEARNER = 3
CHUNK = 10_000


def _dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def _rows(table: str, values: dict[str, Any]) -> tuple[Any, ...]:
    """A full row for COPY: the given values, column defaults for the rest."""
    columns = SQLModel.metadata.tables[table].columns
    row = []
    for column in columns:
        if column.name in values:
            row.append(values[column.name])
        elif column.default is not None and column.default.is_scalar:
            row.append(column.default.arg)
        else:
            row.append(None)
    return tuple(row)


def _learner_rows(count: int, due: int) -> Iterator[tuple[Any, ...]]:
    for n in range(count):
        values: dict[str, Any] = {
            "id": 10_000_000 + n,
            "created_at": NOW,
            "last_seen_at": NOW,
            "streak_days": n % 9,
            "last_study_date": date(2026, 11, 25) if n % 3 else None,
        }
        if n < due:
            values["timezone"] = DUE_ZONES[n % len(DUE_ZONES)]
            values["next_reminder_at"] = NOW - timedelta(minutes=5 + n % 60)
        else:
            kind = n % 8
            values["next_reminder_at"] = NOW + timedelta(hours=1 + n % 48) if kind < 5 else None
            values["reminders_paused"] = kind == 5
            values["blocked"] = kind == 6
        yield _rows("learners", values)


def _card_rows(count: int, due: int) -> Iterator[tuple[Any, ...]]:
    for n in range(count):
        for card in range(CARDS_PER_LEARNER):
            when = NOW - timedelta(hours=card + 1) if n < due else NOW + timedelta(days=1 + card)
            yield _rows(
                "review_cards",
                {
                    "learner_id": 10_000_000 + n,
                    "question_id": f"q{card}",
                    "lesson_id": "l1",
                    "course_id": "c1",
                    "card": json.dumps({}),
                    "due": when,
                    "introduced_at": NOW,
                },
            )


def _chunks(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def seed(url: str, learners: int, due: int) -> float:
    started = time.perf_counter()
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    await engine.dispose()
    connection = await asyncpg.connect(_dsn(url))
    try:
        for table, rows in (
            ("learners", _learner_rows(learners, due)),
            ("review_cards", _card_rows(learners, due)),
        ):
            columns = [c.name for c in SQLModel.metadata.tables[table].columns]
            for chunk in _chunks(rows):
                await connection.copy_records_to_table(table, records=chunk, columns=columns)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return time.perf_counter() - started


def reset_peak_rss() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def database_phase(url: str, due: int, batch: int) -> dict[str, float]:
    engine = create_engine(url)
    tutor = Tutor(courses=(), sessions=create_session_factory(engine))
    reset_peak_rss()
    claimed = outgoing = 0
    seconds = 0.0
    started = time.perf_counter()
    try:
        while True:
            claimed_batch = await tutor.claim_reminders(NOW, batch=batch)
            if not claimed_batch.claimed:
                break
            claimed += claimed_batch.claimed
            outgoing += len(claimed_batch.outgoing)
            seconds += claimed_batch.seconds
    finally:
        await engine.dispose()
    wall = time.perf_counter() - started
    assert outgoing == due, f"expected {due} reminders, recorded {outgoing}"
    return {
        "claimed": claimed,
        "recorded": outgoing,
        "seconds": wall,
        "per_1000": seconds / outgoing * 1000,
        "peak_rss": peak_rss_mib(),
    }


async def make_due_again(url: str, count: int) -> None:
    connection = await asyncpg.connect(_dsn(url))
    try:
        await connection.execute(
            """UPDATE learners SET next_reminder_at = $1, last_reminder_at = NULL,
                   reminders_ignored = 0
               WHERE id IN (SELECT id FROM learners WHERE last_reminder_at IS NOT NULL
                            ORDER BY id LIMIT $2)""",
            NOW - timedelta(minutes=1),
            count,
        )
        await connection.execute("DELETE FROM reminder_log")
    finally:
        await connection.close()


def serve(conn: Connection) -> None:
    """Child process: the stand-in Bot API server, enforcing Telegram's limits."""
    from tests.e2e.botapi.server import BotApiServer

    async def main() -> None:
        async with BotApiServer(enforce_limits=True) as server:
            conn.send((server.base_url, server.token))
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, conn.recv)  # "report"
            sends = sorted(c.at for c in server.calls("sendMessage") if c.ok)
            conn.send(
                {
                    "accepted": sends,
                    "violations": len(server.limit_violations),
                    "violation_detail": [(v.kind, v.at, v.count) for v in server.limit_violations],
                    "arrivals": [(c.at, c.ok) for c in server.calls("sendMessage")],
                    "refused_429": sum(
                        1 for c in server.calls("sendMessage") if c.error_code == 429
                    ),
                }
            )

    asyncio.run(main())


async def sending_phase(
    url: str, base_url: str, token: str, batch: int, rate: float
) -> dict[str, float]:
    engine = create_engine(url)
    settings = Settings(_env_file=None, telegram_bot_token=token,  # type: ignore[call-arg]
                        telegram_api_url=base_url, telegram_max_rate=rate)
    bot = configured_bot(settings)  # as `peacebot remind` sends
    reset_peak_rss()
    try:
        async with bot:
            started = time.perf_counter()
            tutor = Tutor(courses=(), sessions=create_session_factory(engine))
            result = await sweep(bot, tutor, now=NOW, batch=batch)
            wall = time.perf_counter() - started
    finally:
        await engine.dispose()
    return {
        "sent": result.sent,
        "failed": result.failed,
        "seconds": wall,
        "db_seconds": result.db_seconds,
        "peak_rss": peak_rss_mib(),
    }


def sustained(stamps: list[float], window: float = 10.0) -> tuple[float, float]:
    """(overall rate, lowest rate over any full `window`-second stretch) as the server saw it."""
    if len(stamps) < 2:
        return float("nan"), float("nan")
    overall = (len(stamps) - 1) / (stamps[-1] - stamps[0])
    lowest = overall
    right = 0
    for left, start in enumerate(stamps):
        if start + window > stamps[-1]:
            break
        while right < len(stamps) and stamps[right] < start + window:
            right += 1
        lowest = min(lowest, (right - left) / window)
    return overall, lowest


def tightest(stamps: list[float], limit: int = 30) -> float:
    """The shortest time the server took to accept `limit` + 1 messages in a row."""
    spans = [stamps[i + limit] - stamps[i] for i in range(len(stamps) - limit)]
    return min(spans, default=float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=20_000)
    parser.add_argument("--send", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="learners per claim")
    parser.add_argument("--rate", type=float, default=30.0, help="TELEGRAM_MAX_RATE")
    args = parser.parse_args()

    name = f"peacebot_bench_{uuid.uuid4().hex[:12]}"
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    server = context.Process(target=serve, args=(child,), daemon=True)
    try:
        seeded = asyncio.run(seed(url, args.learners, args.due))
        db_phase = asyncio.run(database_phase(url, args.due, args.batch))
        asyncio.run(make_due_again(url, args.send))
        server.start()
        base_url, token = parent.recv()
        send_phase = asyncio.run(sending_phase(url, base_url, token, args.batch, args.rate))
        parent.send("report")
        report = parent.recv()
    finally:
        if server.is_alive():
            server.terminate()
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    overall, lowest = sustained(report["accepted"])
    if os.environ.get("BENCH_DUMP"):
        Path(os.environ["BENCH_DUMP"]).write_text(json.dumps(report))
    rows = [
        (
            "learners / due / cards",
            f"{args.learners:,} / {args.due:,} / {args.learners * CARDS_PER_LEARNER:,}",
        ),
        ("seeding (COPY)", f"{seeded:.1f} s"),
        (
            "DB phase: reminders recorded",
            f"{db_phase['recorded']:,.0f} in {db_phase['seconds']:.1f} s",
        ),
        ("DB time per 1,000 reminders", f"{db_phase['per_1000'] * 1000:.0f} ms"),
        ("DB phase peak RSS", f"{db_phase['peak_rss']:.0f} MiB"),
        (
            "send phase: reminders sent",
            f"{send_phase['sent']:,.0f} ({send_phase['failed']:.0f} failed)",
        ),
        ("send phase wall time", f"{send_phase['seconds']:.1f} s"),
        ("rate at server, first to last", f"{overall:.2f} msg/s ({overall / 30:.1%} of 30/s)"),
        ("lowest 10 s rate at server", f"{lowest:.2f} msg/s ({lowest / 30:.1%} of 30/s)"),
        (
            "rate incl. startup (sent / wall)",
            f"{send_phase['sent'] / send_phase['seconds']:.2f} msg/s",
        ),
        ("limit violations / 429s", f"{report['violations']} / {report['refused_429']}"),
        (
            "DB time during send phase",
            f"{send_phase['db_seconds']:.2f} s "
            f"({send_phase['db_seconds'] / max(send_phase['sent'], 1) * 1e6:.0f} ms per 1,000)",
        ),
        ("tightest 31 in a row at server", f"{tightest(report['accepted']) * 1000:.0f} ms"),
        ("send phase peak RSS", f"{send_phase['peak_rss']:.0f} MiB"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'reminder sweep benchmark (PostgreSQL)':<{width}}  value")
    print("-" * (width + 40))
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(_dsn(PG_URL), timeout=5)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


if __name__ == "__main__":
    main()
