"""The heartbeat the Docker HEALTHCHECK reads: touched while the bot receives updates, and the
Dockerfile's own check command judging its age."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.heartbeat import STALE_AFTER, beat
from bot.tutor import Tutor
from tests.e2e.botapi import BotApiServer, polling
from tests.telegram.conftest import COURSE, eventually, make_settings

ROOT = Path(__file__).resolve().parent.parent.parent


async def test_a_polling_bot_touches_the_heartbeat_file(
    botapi: BotApiServer, sqlite_session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    heartbeat = tmp_path / "heartbeat"
    tutor = Tutor(courses=[COURSE], sessions=sqlite_session_factory)
    app = build_application(make_settings(botapi, heartbeat_file=heartbeat), tutor,
                            extensions=("bot.telegram.heartbeat",))
    assert not beat(app, heartbeat)  # not started: no heartbeat
    assert not heartbeat.exists()
    async with polling(app, allowed_updates=list(ALLOWED_UPDATES)):
        assert app.post_init is not None
        await app.post_init(app)

        async def touched() -> bool:
            return heartbeat.exists()

        await eventually(touched)
    heartbeat.unlink()
    assert not beat(app, heartbeat)  # stopped: no more heartbeats


def _healthcheck() -> list[str]:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    match = re.search(r"^HEALTHCHECK .*? CMD (\[.*\])$", dockerfile, re.MULTILINE)
    assert match is not None, "the Dockerfile has a HEALTHCHECK in exec form"
    command: list[str] = json.loads(match.group(1))
    assert "content" not in command  # health is the bot's, not the documents'
    return [sys.executable if part == "python" else part for part in command]


@pytest.mark.parametrize(("age", "healthy"), [(0.0, True), (STALE_AFTER + 60, False),
                                              (None, False)])
def test_the_dockerfile_check_judges_the_heartbeat_age(tmp_path: Path, age: float | None,
                                                       healthy: bool) -> None:
    heartbeat = tmp_path / "heartbeat"
    if age is not None:
        heartbeat.touch()
        then = time.time() - age
        os.utime(heartbeat, (then, then))
    result = subprocess.run(_healthcheck(), env={**os.environ, "HEARTBEAT_FILE": str(heartbeat)},
                            capture_output=True, text=True, timeout=30, check=False)
    assert (result.returncode == 0) is healthy, result.stderr
