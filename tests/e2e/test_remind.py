"""`peacebot remind --at` as a real subprocess against the stand-in Bot API server."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.models import Learner, ReminderLog
from tests.e2e.botapi.server import BotApiServer
from tests.e2e.reminder_seed import Seed, seed_learners

SEEDED_AT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
AT = "2026-11-26T18:05:00+00:00"
NEXT_DAY_AT = "2026-11-27T18:05:00+00:00"
YESTERDAY = SEEDED_AT - timedelta(days=1)
TOMORROW = SEEDED_AT + timedelta(days=1)

UTC_LEARNER = 101
BERLIN = 102
NEW_YORK = 103
NOTHING_DUE = 104
PAUSED = 105
BLOCKED = 106
STUDIED_TODAY = 107
UTC_MINUS_12 = 108
DUE_AT_1805 = {UTC_LEARNER, BERLIN}

SEEDS = [
    Seed(
        UTC_LEARNER, due=[YESTERDAY, YESTERDAY], streak_days=4, last_study_date=date(2026, 11, 25)
    ),
    Seed(BERLIN, due=[YESTERDAY], timezone="Europe/Berlin"),  # 18:00 Berlin = 17:00 UTC
    Seed(NEW_YORK, due=[YESTERDAY], timezone="America/New_York"),  # 18:00 EST = 23:00 UTC
    Seed(NOTHING_DUE, due=[TOMORROW + timedelta(days=1)]),
    Seed(PAUSED, due=[YESTERDAY], paused=True),
    Seed(BLOCKED, due=[YESTERDAY]),
    Seed(STUDIED_TODAY, due=[YESTERDAY], last_study_date=date(2026, 11, 26)),
    # At 09:00 UTC it is 21:00 the day before at UTC-12 (window open, stored as due); at 18:05
    # UTC it is 06:05 there, inside quiet hours, so the stale time must not send.
    Seed(UTC_MINUS_12, due=[YESTERDAY], timezone="Etc/GMT+12"),
]


@pytest.fixture
async def standin() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as server:
        yield server


@pytest.fixture
async def database(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path}/remind.db"
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    try:
        await seed_learners(create_session_factory(engine), SEEDS, now=SEEDED_AT)
    finally:
        await engine.dispose()
    return url


async def remind(server: BotApiServer, url: str, at: str, cwd: Path) -> tuple[int, str, str]:
    """Run `peacebot remind --at` in a subprocess while this loop keeps serving the stand-in."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "remind",
        "--at",
        at,
        cwd=cwd,
        env={
            "TELEGRAM_BOT_TOKEN": server.token,
            "TELEGRAM_API_URL": server.base_url,
            "DATABASE_URL": url,
            "PATH": "/usr/bin:/bin",
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def reminded(server: BotApiServer) -> list[int]:
    return sorted(call.chat_id for call in server.sent() if call.chat_id is not None)


async def learner_row(url: str, learner_id: int) -> Learner:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            learner = await session.get(Learner, learner_id)
            assert learner is not None
            return learner
    finally:
        await engine.dispose()


async def test_remind_sends_exactly_the_due_reminders_once(
    standin: BotApiServer, database: str, tmp_path: Path
) -> None:
    standin.faults.block(BLOCKED)

    code, out, err = await remind(standin, database, AT, tmp_path)
    assert code == 0, err
    assert out.strip().startswith("2 reminders sent"), out
    assert reminded(standin) == sorted(DUE_AT_1805)
    assert [call.chat_id for call in standin.calls(chat_id=BLOCKED)] == [BLOCKED]  # the 403
    assert (await learner_row(database, BLOCKED)).blocked

    message = standin.sent(UTC_LEARNER)[0]
    assert message.text is not None
    assert "2 reviews are due" in message.text and "4-day streak" in message.text
    assert [b["callback_data"] for b in message.buttons()] == ["rv", "rs", "rp"]
    assert standin.limit_violations == []

    code, out, _ = await remind(standin, database, AT, tmp_path)
    assert code == 0
    assert out.strip().startswith("0 reminders sent"), out
    assert reminded(standin) == sorted(DUE_AT_1805)

    row = await learner_row(database, UTC_LEARNER)
    assert row.reminders_ignored == 1
    assert row.next_reminder_at == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


async def test_next_day_reminds_again_but_never_the_blocked(
    standin: BotApiServer, database: str, tmp_path: Path
) -> None:
    standin.faults.block(BLOCKED)
    assert (await remind(standin, database, AT, tmp_path))[0] == 0
    standin.faults.unblock(BLOCKED)  # even if Telegram would deliver now, we never try

    code, out, err = await remind(standin, database, NEXT_DAY_AT, tmp_path)
    assert code == 0, err
    # Yesterday's studier is due today too; New York's missed 23:00 slot is not sent late the
    # next afternoon, and UTC-12 is inside its quiet hours.
    assert out.strip().startswith("3 reminders sent"), out
    assert reminded(standin) == sorted([*DUE_AT_1805, *DUE_AT_1805, STUDIED_TODAY])
    assert len(standin.calls(chat_id=BLOCKED)) == 1
    engine = create_engine(database)
    try:
        async with create_session_factory(engine)() as session:
            from sqlalchemy import func, select

            logged = await session.scalar(select(func.count()).select_from(ReminderLog))
            assert logged == 2 + 1 + 3  # recorded before sending: the 403 one counts too
    finally:
        await engine.dispose()
