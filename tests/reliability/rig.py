"""An in-process bot for property tests: our Application polling the stand-in, on a loop in a
thread of its own, so that synchronous hypothesis tests can drive it one update at a time.

Every update is followed to its end: a handler in a late group counts updates once all
earlier groups (and the error handler) are done with them. Errors reaching the error
handlers are recorded, and so are ERROR log records of our own packages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlmodel import SQLModel
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.telegram.app import build_application
from bot.tutor import Tutor
from bot.tutor.polls import PollStore
from db.engine import create_engine, create_session_factory
from tests.e2e.botapi import BotApiServer, polling
from tests.telegram.conftest import COURSE, make_settings

T = TypeVar("T")

LAST_GROUP = 99
RIG_NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # the rig's fixed clock
OUR_PACKAGES = ("bot", "db", "content")
TABLES = (
    "lesson_progress",
    "review_cards",
    "review_log",
    "quiz_sessions",
    "sent_polls",
    "reminder_log",
)
# Everything about a learner except when they were last seen (any contact updates it).
LEARNER_STATE = (
    "id, first_name, username, timezone, reminder_time, quiet_start, quiet_end, "
    "reminders_paused, blocked, quiz_size, desired_retention, pending_input, xp, "
    "streak_days, streak_best, last_study_date, next_reminder_at, snoozed_until"
)


class ErrorRecords(logging.Handler):
    """ERROR (and worse) records logged by our own packages."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".", 1)[0] in OUR_PACKAGES:
            self.records.append(record)


@dataclass
class Rig:
    """The running bot and what a property test inspects."""

    loop: asyncio.AbstractEventLoop
    server: BotApiServer
    sessions: async_sessionmaker[AsyncSession]
    tutor: Tutor
    polls: PollStore
    processed: int = 0
    errors: list[BaseException] = field(default_factory=list)
    log: ErrorRecords = field(default_factory=ErrorRecords)

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run `coroutine` on the rig's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def settle(self, count_before: int, timeout: float = 15.0) -> None:
        """Wait until the update injected after `count_before` was handled to its end
        (and the rows of the polls it sent were written)."""
        deadline = self.loop.time() + timeout
        while self.processed <= count_before:
            if self.loop.time() > deadline:
                raise TimeoutError("the update was not handled in time")
            await asyncio.sleep(0.002)
        await self.polls.flush()  # sent polls' rows are written behind; make them land

    async def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every stored row (sent polls' rows written first), learners without last-seen time."""
        await self.polls.flush()
        found: dict[str, list[tuple[Any, ...]]] = {}
        async with self.sessions() as session:
            rows = await session.execute(text(f"SELECT {LEARNER_STATE} FROM learners ORDER BY id"))
            found["learners"] = [tuple(row) for row in rows]
            for table in TABLES:
                rows = await session.execute(text(f"SELECT * FROM {table}"))
                found[table] = sorted((tuple(row) for row in rows), key=repr)
        return found


class LoopThread:
    """An event loop running forever in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


@contextlib.contextmanager
def running_rig(workdir: Path, now: datetime | None = None) -> Any:
    """Start the rig (stand-in, SQLite database, Application polling); stop it on exit."""
    thread = LoopThread()
    stack = contextlib.AsyncExitStack()
    clock_now = now or RIG_NOW

    async def start() -> Rig:
        server = await stack.enter_async_context(BotApiServer(seed=11))
        engine: AsyncEngine = create_engine(f"sqlite+aiosqlite:///{workdir}/rig.db")
        stack.push_async_callback(engine.dispose)
        async with engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        sessions = create_session_factory(engine)
        tutor = Tutor(courses=[COURSE], sessions=sessions)
        app: Any = build_application(
            make_settings(server), tutor, clock=lambda: clock_now, extensions=()
        )
        rig = Rig(thread.loop, server, sessions, tutor, tutor.polls)

        async def count(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            rig.processed += 1

        async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            if context.error is not None:
                rig.errors.append(context.error)

        app.add_handler(TypeHandler(Update, count), group=LAST_GROUP)
        app.add_error_handler(record)
        # Every update type, even those the bot does not ask for: as if Telegram sent them.
        await stack.enter_async_context(polling(app, allowed_updates=Update.ALL_TYPES))
        await app.post_init(app)
        await server.wait_polling()
        return rig

    rig = thread.run(start())
    logging.getLogger().addHandler(rig.log)
    try:
        yield rig
    finally:
        logging.getLogger().removeHandler(rig.log)
        thread.run(stack.aclose())
        thread.close()
