"""Memory and start-up of `peacebot run` with many learners in the database.

    .venv/bin/python benchmarks/bot_memory.py [--learners 100000] [--backends sqlite postgres]
        [--idle 10] [--users 200] [--seconds 15]

For each backend: a fresh database (PostgreSQL: created for the run, dropped after) is
migrated and filled with `--learners` learners (reminders scheduled for later, so the
reminder job finds nobody due), then the real `peacebot run` starts against the stand-in
Bot API server. Reported, from /proc/<pid>/status (no psutil):

- start-up: from spawning the process to its first getUpdates call;
- idle: VmRSS after `--idle` s with nothing to do, and the peak (VmHWM) so far;
- under load: VmHWM and VmRSS after `--users` learners took quizzes for `--seconds` s.

Targets (issue 8): under 150 MB idle, under 2 s to the first getUpdates.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from botload import (
    drive,
    fresh_database,
    load_average,
    markdown_table,
    memory_mib,
    peacebot_argv,
    peacebot_env,
    quiz_learner,
    running_bot,
)

from tests.e2e.botapi import BotApiServer

CHUNK = 5_000


async def fill_learners(url: str, count: int) -> float:
    """Migrate `url` and insert `count` learners in bulk; returns the seconds it took."""
    from db.engine import create_engine
    from db.migrate import upgrade
    from db.models import Learner

    started = time.perf_counter()
    await asyncio.to_thread(upgrade, url)
    now = datetime.now(UTC).replace(microsecond=0)
    template: dict[str, Any] = Learner(
        id=0, created_at=now, last_seen_at=now, first_name="Learner", language_code="en"
    ).model_dump()
    table = Learner.__table__  # type: ignore[attr-defined]
    engine = create_engine(url)
    try:
        for first in range(1, count + 1, CHUNK):
            rows = [
                template | {
                    "id": learner_id,
                    "xp": learner_id % 500,
                    "next_reminder_at": now + timedelta(hours=6, seconds=learner_id % 86_400),
                }
                for learner_id in range(first, min(first + CHUNK, count + 1))
            ]
            async with engine.begin() as connection:
                await connection.execute(table.insert(), rows)
    finally:
        await engine.dispose()
    return time.perf_counter() - started


async def measure(args: argparse.Namespace, backend: str, folder: Path,
                  server: BotApiServer) -> list[str]:
    async with fresh_database(backend, folder) as url:
        filled = await fill_learners(url, args.learners)
        async with running_bot(
            server, peacebot_argv(), peacebot_env(server, url, 0.0), folder
        ) as bot:
            await asyncio.sleep(args.idle)
            idle = memory_mib(bot.pid)
            window = await drive(server, bot, quiz_learner, users=args.users,
                                 seconds=args.seconds, warmup=2.0, rate=None)
            loaded = memory_mib(bot.pid)
        return [
            backend, f"{args.learners:,}", f"{filled:.1f}", f"{bot.startup_seconds:.2f}",
            f"{idle['VmRSS']:.0f}", f"{idle['VmHWM']:.0f}",
            f"{window.per_second:.0f}", f"{loaded['VmRSS']:.0f}", f"{loaded['VmHWM']:.0f}",
            load_average(),
        ]


async def benchmark(args: argparse.Namespace) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as name:
        async with BotApiServer() as server:
            for backend in args.backends:
                rows.append(await measure(args, backend, Path(name), server))
    print(f"\nMemory and start-up of peacebot run: {args.idle:g} s idle, then {args.users} "
          f"learners taking quizzes for {args.seconds:g} s (MiB from /proc/<pid>/status)")
    print(markdown_table(
        ["database", "learners", "fill s", "start to first getUpdates s", "idle RSS MiB",
         "idle peak MiB", "load updates/s", "loaded RSS MiB", "loaded peak MiB", "load avg"],
        rows,
    ))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=15.0)
    asyncio.run(benchmark(parser.parse_args()))


if __name__ == "__main__":
    main()
