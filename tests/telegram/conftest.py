"""A real PTB Application (built by our factory) polling the stand-in Bot API, in process
(or, with `serving`, on webhooks the stand-in pushes to).

The course is hand-made so every path is reachable on purpose: lesson 1 has two pages and
two questions, one that fits a quiz poll and one whose long option forces buttons.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.context import App
from bot.telegram.webhook import serve_webhooks
from bot.tutor import Tutor
from content.model import Course, Lesson, Question
from tests.e2e.bot_process import free_tcp_port
from tests.e2e.botapi import BotApiServer, polling

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ADMIN_ID = 7_000_000_777

LESSONS = (
    Lesson(
        id="intro",
        course_id="test-course",
        index=0,
        title="Intro & <basics>",
        text="Page one about <UN> & NATO.\n\nPage two.",
        pages=("Page one about <UN> & NATO.", "Page two."),
    ),
    Lesson(
        id="second",
        course_id="test-course",
        index=1,
        title="Second",
        text="Only page.",
        pages=("Only page.",),
    ),
)
QUESTIONS = (
    Question(
        id="q-poll",
        lesson_id="intro",
        kind="mcq",
        prompt="Who authorised UNPROFOR?",
        options=("The Security Council", "NATO", "The OSCE"),
        answer=0,
        explanation="Resolution 743 (1992).",
        source="The Security Council authorised UNPROFOR.",
    ),
    Question(
        id="q-buttons",
        lesson_id="intro",
        kind="mcq",
        prompt="Which option is right?",
        options=("A " * 60, "B is short", "C is short"),
        answer=1,
        explanation="Because B.",
        source="B is short and right.",
    ),
)
COURSE = Course(id="test-course", title="Test course", lessons=LESSONS, questions=QUESTIONS)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Harness:
    """The running bot and what a test needs to drive and inspect it."""

    server: BotApiServer
    app: Any
    tutor: Tutor
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock


def make_settings(server: BotApiServer, **changes: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": server.token,
        "telegram_api_url": server.base_url,
        "admin_ids": frozenset({ADMIN_ID}),
        "quiz_size": 3,
    }
    values.update(changes)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def botapi() -> AsyncIterator[BotApiServer]:
    """A fresh stand-in Bot API server (same as the e2e fixture, which lives elsewhere)."""
    async with BotApiServer() as server:
        yield server


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def harness(
    botapi: BotApiServer,
    sqlite_session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[Harness]:
    """The bot polling the stand-in; stopped (and checked for hung presses) afterwards."""
    tutor = Tutor(courses=[COURSE], sessions=sqlite_session_factory)
    async with running_bot(botapi, make_settings(botapi), tutor, sqlite_session_factory,
                           clock) as running:
        yield running


@asynccontextmanager
async def running_bot(
    server: BotApiServer,
    settings: Settings,
    tutor: Tutor,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[Harness]:
    """Our Application polling `server`; afterwards, every button press must be answered."""
    app = build_application(settings, tutor, clock=clock, extensions=())
    async with polling(app, allowed_updates=list(ALLOWED_UPDATES)):
        # run_polling would call post_init; the in-loop helper does not, so we do.
        assert app.post_init is not None
        await app.post_init(app)
        await server.wait_polling()
        yield Harness(server, app, tutor, sessions, clock)
    assert server.unanswered_callbacks() == []


async def eventually(check: Callable[[], Awaitable[bool]], *, timeout: float = 5.0) -> None:
    """Wait until `check()` is true (database effects of an update land after its replies)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def is_blocked(harness: Harness, user_id: int) -> bool:
    """Whether the learner is marked as having blocked the bot."""
    from db import queries

    async with harness.sessions() as session:
        row = await queries.get_learner(session, learner_id=user_id)
    return row is not None and row.blocked


WEBHOOK_SECRET = "s3cret-token"



@asynccontextmanager
async def serving(botapi: BotApiServer, tutor: Tutor) -> AsyncIterator[tuple[str, App]]:
    """The bot serving webhooks on a free port until the block ends; (base URL, app)."""
    port = free_tcp_port()
    base = f"http://127.0.0.1:{port}"
    app = build_application(make_settings(botapi), tutor, extensions=())
    stop = asyncio.Event()
    server = asyncio.create_task(serve_webhooks(
        app, listen="127.0.0.1", port=port, url=f"{base}/hook", path="hook",
        secret=WEBHOOK_SECRET, allowed_updates=ALLOWED_UPDATES,
        readiness=tutor.readiness_problem, stop=stop))
    try:
        await botapi.wait_for(lambda call: call.method == "setWebhook", timeout=10)
        assert botapi.state.webhook["url"] == f"{base}/hook"  # set after the server listens
        yield base, app
    finally:
        stop.set()
        await asyncio.wait_for(server, 10)
