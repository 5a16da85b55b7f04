"""Throughput and latency of `peacebot run` next to a bare python-telegram-bot echo bot.

    .venv/bin/python benchmarks/bot_throughput.py [--users 200] [--seconds 20] [--repeat 1]
        [--backends sqlite postgres] [--max-rate 0 30] [--profile DIR]

`--profile DIR` samples each bot with py-spy during its peak phase (collapsed stacks, one
file per bot); `benchmarks/profile_summary.py DIR/*.txt` says where the CPU went.

One stand-in Bot API server (tests/e2e/botapi) serves every phase of the run, one after
another: first the bare bot (PTB only: echo a text with a one-button keyboard, answer and
edit on a press), then the real `peacebot run` process on a fresh SQLite file and on a fresh
PostgreSQL database (created for the run, dropped after). `--users` simulated learners take
course quizzes (`/quiz all`, then answer each quiz poll, 70% right), or, for the bare bot,
send texts and press the button.

Each bot gets two phases: peak (every learner sends its next update as soon as the last
one was answered) and half of that peak rate (open load, paced). Latency is measured at
the server from queuing the update to the arrival of the bot's first reply ("first"), and
for quiz answers also to the next question or the summary ("complete").

`--repeat N` runs N rounds (bare bot, then peacebot on each backend) and prints the median
ratio: on a shared 2-core machine the speed drifts by 10-20% within minutes.

Both bots use peacebot's HTTP connection pool size and update concurrency. The bare bot
runs twice per round: on PTB's default transport (httpx), the baseline the ratio is taken
against, and on the aiohttp transport peacebot uses (bot/telegram/transport.py), to show how
much of the ratio is the transport and how much is everything else.

`--max-rate` is TELEGRAM_MAX_RATE: the overall messages/s the rate limiter allows. 0 turns
pacing off, to measure what the code can do; 30 (Telegram's limit, the default setting)
shows what production is capped at. The bare bot runs with PTB's AIORateLimiter at the
same rate, so both bots pay for the same limiter.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

from botload import (
    Bot,
    Learner,
    Window,
    drive,
    echo_learner,
    fresh_database,
    load_average,
    markdown_table,
    peacebot_argv,
    peacebot_env,
    quiz_learner,
    run_echo_bot,
    running_bot,
)

from bot.telegram.ordering import DEFAULT_MAX_CONCURRENT
from bot.telegram.transport import CONNECTION_POOL_SIZE
from tests.e2e.botapi import BotApiServer

TRANSPORTS = ("httpx", "aiohttp")  # PTB's default first: the ratio's baseline


def _ratio(peak: Window, baseline: Window | None) -> str:
    return f"{peak.per_second / baseline.per_second:.2f}" if baseline else "-"


def _row(bot: str, database: str, rate: float, peak: Window, half: Window,
         baselines: tuple[Window | None, Window | None], startup: float) -> list[str]:
    return [
        bot, database, "off" if not rate else f"{rate:g}/s",
        f"{peak.per_second:.0f}", _ratio(peak, baselines[0]), _ratio(peak, baselines[1]),
        f"{peak.percentile(50):.0f} / {peak.percentile(99):.0f}",
        f"{half.per_second:.0f}",
        f"{half.percentile(50):.0f} / {half.percentile(99):.0f}",
        f"{half.percentile(50, complete=True):.0f} / {half.percentile(99, complete=True):.0f}",
        f"{peak.cpu_ms_per_update:.1f}",
        f"{peak.errors + half.errors}",
        f"{startup:.2f}",
    ]


HEADER = [
    "bot", "database", "rate limit", "peak updates/s", "ratio to bare PTB",
    "ratio to bare, aiohttp", "peak p50 / p99 ms",
    "half-peak updates/s", "half p50 / p99 ms", "half complete p50 / p99 ms",
    "bot CPU ms/update", "errors", "start s",
]


async def _phases(server: BotApiServer, bot: Bot, learner: Learner,
                  args: argparse.Namespace, name: str) -> tuple[Window, Window]:
    """Peak (closed load, profiled with --profile), then half of the peak rate (paced)."""
    profile = args.profile / f"{name}.txt" if args.profile else None
    peak = await drive(server, bot, learner, users=args.users, seconds=args.seconds,
                       warmup=args.warmup, rate=None, profile=profile)
    half = await drive(server, bot, learner, users=args.users, seconds=args.seconds,
                       warmup=args.warmup, rate=peak.per_second / 2)
    return peak, half


async def _round(server: BotApiServer, folder: Path, rate: float, args: argparse.Namespace,
                 rows: list[list[str]], loads: list[str]) -> dict[str, float]:
    """The bare bot on both transports, then peacebot on each backend; returns the ratios."""
    bare: dict[str, Window] = {}
    for transport in TRANSPORTS:
        echo_argv = [sys.executable, __file__, "echo", "--base-url", server.base_url,
                     "--token", server.token, "--max-rate", str(rate), "--transport", transport]
        async with running_bot(server, echo_argv, {}, folder) as bot:
            peak, half = await _phases(server, bot, echo_learner, args,
                                       f"echo-{transport}-rate{rate:g}")
        bare[transport] = peak
        rows.append(_row(f"bare PTB echo, {transport}", "-", rate, peak, half,
                         (bare.get("httpx"), bare.get("aiohttp")), bot.startup_seconds))
        loads.append(load_average())
    baseline = bare["httpx"]
    ratios: dict[str, float] = {}
    for backend in args.backends:
        async with fresh_database(backend, folder) as url:
            async with running_bot(
                server, peacebot_argv(), peacebot_env(server, url, rate), folder
            ) as bot:
                peak, half = await _phases(server, bot, quiz_learner, args,
                                           f"peacebot-{backend}-rate{rate:g}")
        rows.append(_row("peacebot quiz", backend, rate, peak, half,
                         (baseline, bare["aiohttp"]), bot.startup_seconds))
        loads.append(load_average())
        ratios[f"{backend} to bare PTB"] = peak.per_second / baseline.per_second
        ratios[f"{backend} to bare on aiohttp"] = peak.per_second / bare["aiohttp"].per_second
        if "Traceback" in bot.log():
            print(f"peacebot logged a traceback:\n{bot.log()}", file=sys.stderr)
    return ratios


async def benchmark(args: argparse.Namespace) -> list[list[str]]:
    rows: list[list[str]] = []
    loads: list[str] = []
    ratios: dict[tuple[float, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        async with BotApiServer() as server:
            for rate in args.max_rate:
                for _ in range(args.repeat):  # alternating, so drift hits both bots alike
                    found = await _round(server, folder, rate, args, rows, loads)
                    for backend, ratio in found.items():
                        ratios.setdefault((rate, backend), []).append(ratio)
    print(f"\nBot throughput: {args.users} learners, {args.seconds:g} s per phase after "
          f"{args.warmup:g} s warm-up, {CONNECTION_POOL_SIZE} HTTP connections for both bots; "
          f"load average after each bot: {', '.join(loads)}")
    print(markdown_table(HEADER, rows))
    if args.repeat > 1:
        print("\nRatios over the rounds (median, lowest-highest):")
        for (rate, backend), values in ratios.items():
            print(f"- {backend}, rate limit {'off' if not rate else f'{rate:g}/s'}: "
                  f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("role", nargs="?", choices=["load", "echo"], default="load")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured s per phase")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgres"])
    parser.add_argument("--max-rate", type=float, nargs="+", default=[0.0, 30.0])
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of bare bot then peacebot (the machine's speed drifts)")
    parser.add_argument("--profile", type=Path, help="folder for py-spy profiles of peak phases")
    parser.add_argument("--base-url")
    parser.add_argument("--token")
    parser.add_argument("--transport", choices=TRANSPORTS, default="httpx",
                        help="the bare bot's HTTP client (echo role)")
    args = parser.parse_args()
    if args.role == "echo":
        # The same concurrency, pool and limiter settings as peacebot's application.
        run_echo_bot(args.base_url, args.token, concurrency=DEFAULT_MAX_CONCURRENT,
                     connections=CONNECTION_POOL_SIZE, max_rate=args.max_rate[0],
                     transport=args.transport)
        return
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    asyncio.run(benchmark(args))


if __name__ == "__main__":
    main()
