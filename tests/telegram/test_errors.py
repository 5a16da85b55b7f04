"""Faults: 502s and 429s are retried, a 403 marks the learner, a broken database is explained."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.errors import DB_UNAVAILABLE, SORRY
from bot.tutor import Tutor
from db.engine import create_engine, create_session_factory
from tests.e2e.botapi import BotApiServer, polling
from tests.telegram.conftest import COURSE, Harness, eventually, is_blocked, make_settings


async def test_a_bad_gateway_is_retried(harness: Harness) -> None:
    server = harness.server
    mia = server.user("Mia")
    server.faults.fail_next(2, code=502, methods={"sendMessage"})
    server.send_text(mia, "/help")
    [reply] = await server.wait_sent(mia.id)
    failed = [call for call in server.calls("sendMessage") if call.error_code == 502]
    assert len(failed) == 2 and "/quiz" in (reply.text or "")


async def test_flood_control_is_retried_after_retry_after(harness: Harness) -> None:
    server = harness.server
    ned = server.user("Ned")
    server.faults.fail_next(1, code=429, retry_after=1, methods={"sendMessage"})
    server.send_text(ned, "/help")
    [reply] = await server.wait_sent(ned.id, timeout=10.0)
    assert [c.error_code for c in server.calls("sendMessage")] == [429, None]
    assert reply.ok


async def test_forbidden_on_send_marks_the_learner_blocked(harness: Harness) -> None:
    server = harness.server
    ola = server.user("Ola")
    server.send_text(ola, "/start")
    await server.wait_sent(ola.id)
    server.faults.block(ola.id)  # blocked, and Telegram never told us through an update
    server.send_text(ola, "/help")
    await eventually(lambda: is_blocked(harness, ola.id))


@pytest.fixture
async def broken_db_bot(
    botapi: BotApiServer, request: pytest.FixtureRequest
) -> AsyncIterator[BotApiServer]:
    """The bot over a database that is unreachable (param "down") or broken ("bug")."""
    sessions: async_sessionmaker[AsyncSession]
    if request.param == "down":
        engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    else:
        engine = create_engine(f"sqlite+aiosqlite:///{request.getfixturevalue('tmp_path')}/x.db")
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE unrelated (id INTEGER)"))
    sessions = create_session_factory(engine)
    tutor = Tutor(courses=[COURSE], sessions=sessions)
    app: Any = build_application(
        make_settings(botapi), tutor, extensions=()
    )
    async with polling(app, allowed_updates=list(ALLOWED_UPDATES)):
        await botapi.wait_polling()
        yield botapi
    await engine.dispose()
    assert botapi.unanswered_callbacks() == []


@pytest.mark.parametrize(
    ("broken_db_bot", "expected"),
    [("down", DB_UNAVAILABLE), ("bug", SORRY)],
    indirect=["broken_db_bot"],
    ids=["unreachable", "broken"],
)
async def test_learner_is_told_briefly_when_the_database_fails(
    broken_db_bot: BotApiServer, expected: str
) -> None:
    server = broken_db_bot
    pat = server.user("Pat")
    server.send_text(pat, "/start")
    [reply] = await server.wait_sent(pat.id, timeout=15.0)
    assert reply.text == expected
    mark = server.mark()
    server.press_button(pat, reply, "c:learn")
    answered = await server.wait_for(
        lambda c: c.method == "answerCallbackQuery", since=mark, timeout=15.0
    )
    assert answered.ok
    [again] = await server.wait_sent(pat.id, since=mark, timeout=15.0)
    assert again.text == expected
