"""Shared by the bot benchmarks: bot processes, simulated learners, load pacing and statistics.

The stand-in Bot API server (tests/e2e/botapi) and the simulated learners run in the
benchmark's own event loop; every bot under test is a separate process, so its CPU time and
memory are its own. Latency is measured at the server: from the moment an update is queued
for getUpdates to the moment the bot's reply request arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import signal
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.botapi import SEND_METHODS, BotApiServer, Call, FakeUser  # noqa: E402

PG_URL = os.environ.get(
    "PEACEBOT_BENCH_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REPLY_METHODS = SEND_METHODS | {"editMessageText"}
REPLY_TIMEOUT = 60.0
TRY_AGAIN = "please try again"  # what peacebot says when an update failed (bot/telegram/errors)


# ----- statistics -------------------------------------------------------------------------


@dataclass
class Sample:
    """One update: when it was queued and when its first and its complete reply arrived."""

    injected: float
    first: float
    complete: float


@dataclass
class Window:
    """Samples of one load phase, and the bot's CPU seconds over it."""

    samples: list[Sample] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0
    cpu_seconds: float = 0.0
    errors: int = 0  # "please try again" replies (the database was busy or down)

    @property
    def updates(self) -> int:
        return len(self.samples)

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_update(self) -> float:
        return 1000 * self.cpu_seconds / self.updates if self.updates else float("nan")

    def percentile(self, q: float, *, complete: bool = False) -> float:
        """Update-to-reply latency percentile in ms (first reply, or the complete reply)."""
        values = sorted((s.complete if complete else s.first) - s.injected for s in self.samples)
        if not values:
            return float("nan")
        return 1000 * values[min(len(values) - 1, int(q / 100 * len(values)))]


def cpu_seconds(pid: int) -> float:
    """User+system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of a process in MiB, from /proc/<pid>/status."""
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def load_average() -> str:
    """The 1-minute load average, with the core count, e.g. '1.45 on 2 cores'."""
    return f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (readable as is in a terminal, pasteable into the README)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# ----- pacing -----------------------------------------------------------------------------


class Pacer:
    """Hands out injection slots at a fixed rate across all learners (None: no pacing)."""

    def __init__(self, rate: float | None) -> None:
        self._interval = 1 / rate if rate else 0.0
        self._next = 0.0

    async def wait(self, stop: asyncio.Event) -> bool:
        """Wait for the next free slot; False (at once) when `stop` is set meanwhile."""
        if not self._interval:
            return not stop.is_set()
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(self._next, now)
        self._next = slot + self._interval
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), slot - now)
        return not stop.is_set()


# ----- bot processes ------------------------------------------------------------------------


@dataclass
class Bot:
    """A bot under test: its process, how long it took to poll, and its log file."""

    process: asyncio.subprocess.Process
    startup_seconds: float
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@asynccontextmanager
async def running_bot(
    server: BotApiServer, argv: Sequence[str], env: dict[str, str], workdir: Path
) -> AsyncIterator[Bot]:
    """Start `argv`, wait for its first getUpdates, stop it with SIGTERM on leaving."""
    mark = server.mark()
    log_path = workdir / f"bot-{uuid.uuid4().hex[:6]}.log"
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            *argv, cwd=workdir, env=environment, stdout=log, stderr=log
        )
    try:
        first = await server.wait_for(lambda c: c.method == "getUpdates", since=mark, timeout=60)
    except TimeoutError:
        if process.returncode is None:
            process.kill()
        await process.wait()
        raise RuntimeError(f"the bot did not start polling:\n{log_path.read_text()}") from None
    bot = Bot(process, first.at - started, log_path)
    try:
        yield bot
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()


def peacebot_argv() -> list[str]:
    """`peacebot run`, as the console script runs it."""
    return [sys.executable, "-m", "bot.cli", "run"]


async def py_spy(pid: int, seconds: float, output: Path) -> asyncio.subprocess.Process:
    """Sample `pid` for `seconds` with py-spy: GIL-holding stacks only, without pausing it."""
    exe = Path(sys.executable).with_name("py-spy")
    return await asyncio.create_subprocess_exec(
        str(exe), "record", "--pid", str(pid), "--duration", str(max(1, round(seconds))),
        "--format", "raw", "--rate", "200", "--gil", "--nonblocking", "--output", str(output),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )


def peacebot_env(server: BotApiServer, database_url: str, max_rate: float) -> dict[str, str]:
    """Environment for `peacebot run` against the stand-in (quiz caps raised for long runs)."""
    return {
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.base_url,
        "DATABASE_URL": database_url,
        "TELEGRAM_MAX_RATE": str(max_rate),
        "NEW_QUESTIONS_PER_DAY": "500",
        "REVIEWS_PER_DAY": "5000",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


# ----- databases ---------------------------------------------------------------------------


def _pg_dsn(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@asynccontextmanager
async def fresh_database(backend: str, folder: Path) -> AsyncIterator[str]:
    """A new, empty database URL: a SQLite file in `folder`, or a scratch PostgreSQL database
    created next to PEACEBOT_BENCH_PG_URL's and dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{folder}/bench-{uuid.uuid4().hex[:6]}.db"
        return
    import asyncpg
    from sqlalchemy.engine import make_url

    name = f"peacebot_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(_pg_dsn(PG_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        admin = await asyncpg.connect(_pg_dsn(PG_URL))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


# ----- simulated learners ------------------------------------------------------------------


def _reply_check(mark: int, done: Callable[[Call], bool]) -> Callable[[list[Call]], Any]:
    """A wait_chat check: (first reply, the reply that completes the update) after `mark`."""

    def check(calls: list[Call]) -> tuple[Call, Call] | None:
        first = None
        for call in calls:
            if call.seq < mark or not call.ok or call.method not in REPLY_METHODS:
                continue
            first = first or call
            if done(call):
                return first, call
        return None

    return check


async def _inject_and_wait(
    server: BotApiServer,
    user: FakeUser,
    inject: Callable[[], dict[str, Any]],
    done: Callable[[Call], bool],
    window: Window,
) -> Call:
    mark = server.mark()
    update = inject()
    first, complete = await server.log.wait_chat(
        user.id, _reply_check(mark, done), timeout=REPLY_TIMEOUT
    )
    injected = server.state.updates.injected_at[update["update_id"]]
    if window.started <= injected <= window.ended:
        window.samples.append(Sample(injected, first.at, complete.at))
    return complete  # type: ignore[no-any-return]


def _quiz_step_done(call: Call) -> bool:
    """A quiz answer is complete at the next question (a poll), the summary, or an apology."""
    text = call.text or ""
    return call.method == "sendPoll" or "Quiz done" in text or TRY_AGAIN in text


async def quiz_learner(
    server: BotApiServer, user: FakeUser, stop: asyncio.Event, pacer: Pacer, window: Window,
    rng: random.Random,
) -> None:
    """Start a course quiz, answer each poll (right 70% of the time), start another, ..."""
    while await pacer.wait(stop):
        reply = await _inject_and_wait(
            server, user, partial(server.send_text, user, "/quiz all"), lambda _call: True, window
        )
        if "in progress" in (reply.text or ""):  # after an apology: pick the quiz up again
            if not await pacer.wait(stop):
                return
            resume = server.find_button(reply, "Resume")
            reply = await _inject_and_wait(
                server, user, partial(server.press_button, user, reply, resume),
                _quiz_step_done, window,
            )
        while reply.method == "sendPoll" and not stop.is_set():
            poll_id = reply.result["poll"]["id"]
            correct = reply.params["correct_option_ids"][0]
            option = correct if rng.random() < 0.7 else (correct + 1) % len(reply.params["options"])
            if not await pacer.wait(stop):
                return
            reply = await _inject_and_wait(
                server, user, partial(server.answer_poll, user, poll_id, [option]),
                _quiz_step_done, window,
            )
        if TRY_AGAIN in (reply.text or ""):
            window.errors += 1  # start over with a new /quiz, as a learner would
        elif reply.method != "sendPoll" and "Quiz done" not in (reply.text or ""):
            raise RuntimeError(f"unexpected quiz reply: {reply.method} {reply.text!r}")


async def echo_learner(
    server: BotApiServer, user: FakeUser, stop: asyncio.Event, pacer: Pacer, window: Window,
    rng: random.Random,
) -> None:
    """Text, wait for the echo with its keyboard, press its button, wait for the edit, ..."""
    number = 0
    while await pacer.wait(stop):
        number += 1
        echo = await _inject_and_wait(
            server, user, partial(server.send_text, user, f"answer {number}"),
            lambda call: call.method == "sendMessage", window,
        )
        if not await pacer.wait(stop):
            return
        await _inject_and_wait(
            server, user, partial(server.press_button, user, echo, "next"),
            lambda call: call.method == "editMessageText", window,
        )


Learner = Callable[
    [BotApiServer, FakeUser, asyncio.Event, Pacer, Window, random.Random], Any
]


@contextlib.contextmanager
def without_gc_pauses() -> Iterator[None]:
    """No cyclic garbage collection in this (the harness's) process while a load runs.

    The harness logs every Bot API call; a full collection over that log paused the
    stand-in server and the learners for 60-1,000 ms, which then showed up in the p99 of
    whichever bot was being measured. Reference counting still frees nearly everything;
    the few cycles left are collected once the load is over.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


async def drive(
    server: BotApiServer, bot: Bot, learner: Learner, *, users: int, seconds: float,
    warmup: float, rate: float | None, seed: int = 7, profile: Path | None = None,
) -> Window:
    """`users` learners for `warmup` + `seconds`; only updates queued after the warm-up count.

    With `rate` the learners together inject at most `rate` updates/s (open load);
    without, each learner sends its next update as soon as the last was answered.
    """
    with without_gc_pauses():
        return await _drive(server, bot, learner, users=users, seconds=seconds,
                            warmup=warmup, rate=rate, seed=seed, profile=profile)


async def _drive(
    server: BotApiServer, bot: Bot, learner: Learner, *, users: int, seconds: float,
    warmup: float, rate: float | None, seed: int, profile: Path | None,
) -> Window:
    people = [server.user(f"L{i}") for i in range(users)]
    stop = asyncio.Event()
    pacer = Pacer(rate)
    loop = asyncio.get_running_loop()
    window = Window(started=loop.time() + warmup, ended=float("inf"))
    tasks = [
        asyncio.create_task(learner(server, person, stop, pacer, window, random.Random(seed + i)))
        for i, person in enumerate(people)
    ]
    await asyncio.sleep(warmup)
    cpu_before = cpu_seconds(bot.pid)
    spy = await py_spy(bot.pid, seconds, profile) if profile else None
    await asyncio.sleep(seconds)
    window.ended = loop.time()
    window.cpu_seconds = cpu_seconds(bot.pid) - cpu_before
    if spy is not None:
        await spy.wait()
    stop.set()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    errors = [result for result in done if isinstance(result, BaseException)]
    if errors:
        raise RuntimeError(f"{len(errors)} learners failed; first: {errors[0]!r}\n{bot.log()}")
    # Updates queued in the window whose reply came after it still count for latency only.
    return window


def run_echo_bot(
    base_url: str, token: str, *, concurrency: int, connections: int,
    max_rate: float | None = None, poll_timeout: int = 10, transport: str = "httpx",
) -> None:
    """The bare bot: echo text with one button; answer and edit on a press.

    `transport` "httpx" is PTB's default HTTP client, "aiohttp" the one peacebot uses.

    `max_rate` None means no rate limiter at all; a number gives PTB's AIORateLimiter at that
    overall rate (0 turns its pacing off but keeps its 429 retries), as peacebot has.
    """
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.ext import (
        AIORateLimiter,
        ApplicationBuilder,
        CallbackContext,
        CallbackQueryHandler,
        MessageHandler,
        filters,
    )

    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="next")]])

    async def echo(update: Update, context: CallbackContext[Any, Any, Any, Any]) -> None:
        if update.effective_message and update.effective_message.text:
            await update.effective_message.reply_text(
                update.effective_message.text, reply_markup=keyboard
            )

    async def press(update: Update, context: CallbackContext[Any, Any, Any, Any]) -> None:
        if update.callback_query:
            await update.callback_query.answer()
            await update.callback_query.edit_message_text("done")

    builder = ApplicationBuilder().token(token).base_url(base_url)
    if max_rate is not None:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3, overall_max_rate=max_rate))
    from bot.telegram import transport as peacebot_transport

    if transport == "aiohttp":  # peacebot's transport, with the same pool size
        builder = builder.request(peacebot_transport.make_request(connections))
        builder = builder.get_updates_request(peacebot_transport.make_request(1))
    else:  # PTB's default HTTPXRequest, waiting for a free connection as long as peacebot's
        # (PTB's default of 1 s fails requests at peak load, and a lost echo stops the run)
        builder = builder.connection_pool_size(connections)
        builder = builder.pool_timeout(peacebot_transport.POOL_TIMEOUT)
    app = builder.concurrent_updates(concurrency).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(press))
    app.run_polling(allowed_updates=Update.ALL_TYPES, timeout=poll_timeout)
