"""Two sweeps at once (two bot instances, two engines) never send anyone two reminders."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from bot.telegram.app import configured_bot
from bot.telegram.reminders import sweep
from bot.tutor import Tutor
from db.engine import create_engine, create_session_factory
from db.models import ReminderLog
from tests.e2e.botapi.server import BotApiServer
from tests.e2e.reminder_seed import Seed, seed_learners
from tests.telegram.conftest import make_settings

SEEDED_AT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 26, 18, 1, tzinfo=UTC)
LEARNERS = 240


@pytest.fixture
async def engines(db_url: str) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    first, second = create_engine(db_url), create_engine(db_url)
    async with first.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    yield first, second
    await first.dispose()
    await second.dispose()


async def test_concurrent_sweeps_split_the_work_without_duplicates(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    sessions = [create_session_factory(engine) for engine in engines]
    due = SEEDED_AT - timedelta(hours=2)
    seeds = [
        Seed(1000 + n, due=[due], timezone=("UTC", "Europe/London")[n % 2]) for n in range(LEARNERS)
    ]
    await seed_learners(sessions[0], seeds, now=SEEDED_AT)

    async with BotApiServer() as server:
        async with configured_bot(make_settings(server, telegram_max_rate=0)) as bot:
            results = await asyncio.gather(
                *(
                    sweep(bot, Tutor(courses=(), sessions=factory), now=NOW, batch=10)
                    for factory in sessions
                )
            )
        per_chat = Counter(call.chat_id for call in server.sent())

    assert sum(result.sent for result in results) == LEARNERS
    assert all(result.sent > 0 for result in results) or engines[0].dialect.name == "sqlite"
    assert len(per_chat) == LEARNERS and set(per_chat.values()) == {1}
    async with sessions[1]() as session:
        logged = await session.scalar(select(func.count()).select_from(ReminderLog))
    assert logged == LEARNERS
