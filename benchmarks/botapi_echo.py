"""Bare python-telegram-bot echo bot under load from the stand-in Bot API server.

The baseline for peacebot's throughput benchmark (issue 8) and a check that the
stand-in itself is not the bottleneck. The bot runs as a subprocess (as ``peacebot run``
would); simulated users each send a text, wait for the echo (with a keyboard), press
its button and wait for the edit, ``--rounds`` times.

    .venv/bin/python benchmarks/botapi_echo.py --users 200 --rounds 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from botload import run_echo_bot  # noqa: E402

from tests.e2e.botapi import BotApiServer, FakeUser  # noqa: E402


@dataclass(frozen=True)
class LoadStats:
    """Throughput and update-to-reply latency of one run."""

    updates: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds

    def percentile(self, q: float) -> float:
        """Latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


async def _one_update(server: BotApiServer, user: FakeUser, update: dict[str, Any],
                      method: str, since: int) -> float:
    [reply] = await server.wait_sent(user.id, since=since, methods={method}, timeout=30)
    return reply.at - server.state.updates.injected_at[update["update_id"]]


async def _learner(server: BotApiServer, user: FakeUser, rounds: int) -> list[float]:
    latencies = []
    for number in range(rounds):
        mark = server.mark()
        update = server.send_text(user, f"answer {number}")
        latencies.append(await _one_update(server, user, update, "sendMessage", mark))
        echo = server.sent(user.id, methods={"sendMessage"})[-1]
        mark = server.mark()
        update = server.press_button(user, echo, server.find_button(echo, "Next"))
        latencies.append(await _one_update(server, user, update, "editMessageText", mark))
    return latencies


async def run_load(server: BotApiServer, *, users: int, rounds: int) -> LoadStats:
    """Drive ``users`` simulated learners concurrently; every update waits for its reply."""
    people = [server.user(f"Learner{i}") for i in range(users)]
    started = time.perf_counter()
    results = await asyncio.gather(*(_learner(server, p, rounds) for p in people))
    seconds = time.perf_counter() - started
    latencies = [value for result in results for value in result]
    return LoadStats(updates=len(latencies), seconds=seconds, latencies=latencies)


async def _benchmark(args: argparse.Namespace) -> LoadStats:
    async with BotApiServer() as server:
        bot = subprocess.Popen(
            [sys.executable, __file__, "bot", "--base-url",
             server.base_url, "--token", server.token, "--concurrency", str(args.concurrency)],
            cwd=ROOT,
        )
        try:
            await server.wait_polling(timeout=20)
            before = _cpu_seconds(bot.pid), time.process_time()
            stats = await run_load(server, users=args.users, rounds=args.rounds)
            print(
                f"CPU seconds during load: bot {_cpu_seconds(bot.pid) - before[0]:.1f}, "
                f"stand-in server + load driver {time.process_time() - before[1]:.1f}"
            )
            return stats
        finally:
            bot.terminate()
            await asyncio.to_thread(bot.wait, 10)


def _cpu_seconds(pid: int) -> float:
    """User+system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    """Run the load (default) or, with ``bot``, be the bare echo bot."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", nargs="?", choices=["load", "bot"], default="load")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--base-url")
    parser.add_argument("--token")
    args = parser.parse_args()
    if args.role == "bot":
        run_echo_bot(args.base_url, args.token, concurrency=args.concurrency,
                     connections=args.concurrency, poll_timeout=5)
        return
    stats = asyncio.run(_benchmark(args))
    print("| bot | users | updates | seconds | updates/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| bare PTB echo | {args.users} | {stats.updates} | {stats.seconds:.2f} "
        f"| {stats.per_second:.0f} | {stats.percentile(50):.1f} | {stats.percentile(99):.1f} |"
    )


if __name__ == "__main__":
    main()
