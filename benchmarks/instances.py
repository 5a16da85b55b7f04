"""Several `peacebot run --webhook` instances on one PostgreSQL, behind a round-robin proxy:
updates per second and reply latency (p50/p99) with 1, 2 and 3 instances.

    .venv/bin/python benchmarks/instances.py   # 1, 2, 3 instances; pacing off, then 30/s
    .venv/bin/python benchmarks/instances.py --instances 2 --max-rate 0 --learners 100

Closed loop: each simulated learner sends `/lessons` (a turn that reads their progress and
the catalog), waits for the reply, and sends again, for `--seconds`. Latency is measured at
the stand-in Bot API server, from the moment an update is queued for the webhook to the
moment the bot's reply request arrives. Every run gets a fresh PostgreSQL database
(`PEACEBOT_BENCH_PG_URL`, default the local `test` database's server), and each instance is
its own process, as in deploy/compose.yaml.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):  # a dependency ships a top-level `benchmarks`
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import asyncpg  # noqa: E402
from botload import PG_URL  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.e2e.bot_process import (  # noqa: E402
    BotProcess,
    free_tcp_port,
    migrate,
    round_robin,
    start_bot,
    wait_listening,
)
from tests.e2e.botapi import BotApiServer, FakeUser  # noqa: E402

SECRET = "benchmark-secret"


async def _database() -> str:
    url = make_url(PG_URL)
    name = f"peacebot_bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(host=url.host, port=url.port or 5432,
                                  user=url.username, database=url.database)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return url.set(database=name).render_as_string(hide_password=False)


async def _drop(db_url: str) -> None:
    url = make_url(PG_URL)
    admin = await asyncpg.connect(host=url.host, port=url.port or 5432,
                                  user=url.username, database=url.database)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{make_url(db_url).database}" '
                            "WITH (FORCE)")
    finally:
        await admin.close()


async def _learner(server: BotApiServer, user: FakeUser, until: float,
                   latencies: list[float]) -> None:
    while time.monotonic() < until:
        mark = server.mark()
        update = server.send_text(user, "/lessons")
        queued = server.state.updates.injected_at[update["update_id"]]
        calls = await server.wait_sent(user.id, since=mark, timeout=60.0)
        latencies.append(calls[0].at - queued)


async def measure(instances: int, rate: float, learners: int, seconds: float,
                  warmup: float) -> tuple[float, float, float]:
    """(updates per second, p50 ms, p99 ms) for one configuration."""
    db_url = await _database()
    migrate(db_url)
    ports = [free_tcp_port() for _ in range(instances)]
    bots: list[BotProcess] = []
    try:
        with tempfile.TemporaryDirectory() as work:
            async with BotApiServer() as server, round_robin(ports) as (proxy, _handled):
                public = f"http://127.0.0.1:{proxy}/hook"
                for number, port in enumerate(ports):
                    folder = Path(work) / f"bot-{number}"
                    folder.mkdir()
                    bots.append(await start_bot(
                        server, folder, webhook=True, DATABASE_URL=db_url, WEBHOOK_URL=public,
                        WEBHOOK_SECRET=SECRET, WEBHOOK_LISTEN="127.0.0.1",
                        WEBHOOK_PORT=str(port), TELEGRAM_MAX_RATE=str(rate)))
                    await wait_listening(port)
                await asyncio.sleep(6.0)  # every instance has counted the others
                users = [server.user(f"Learner{i}") for i in range(learners)]
                warm: list[float] = []
                await asyncio.gather(*(_learner(server, user, time.monotonic() + warmup, warm)
                                       for user in users))
                latencies: list[float] = []
                start = time.monotonic()
                await asyncio.gather(*(_learner(server, user, start + seconds, latencies)
                                       for user in users))
                elapsed = time.monotonic() - start
                for bot in bots:
                    await bot.stop()
    finally:
        await _drop(db_url)
    cuts = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, cuts[49] * 1000, cuts[98] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--max-rate", type=float, nargs="+", default=[0.0, 30.0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    args = parser.parse_args()
    print("instances  rate  learners  updates/s  p50 ms  p99 ms")
    for rate in args.max_rate:
        for count in args.instances:
            per_second, p50, p99 = asyncio.run(
                measure(count, rate, args.learners, args.seconds, args.warmup))
            shown = "off" if not rate else f"{rate:g}/s"
            print(f"{count:>9}  {shown:>4}  {args.learners:>8}  {per_second:>9.1f}  "
                  f"{p50:>6.0f}  {p99:>6.0f}", flush=True)


if __name__ == "__main__":
    main()
