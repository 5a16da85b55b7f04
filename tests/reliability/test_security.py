"""Security: admin commands, the webhook secret, the token in logs, learners' data kept apart.

tests/telegram/test_app.py already checks /stats from a non-admin in a private chat, and
tests/e2e/test_journey.py a wrong and a missing webhook secret; these go further.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from db import queries
from tests.e2e.bot_process import wait_listening
from tests.e2e.botapi import SECRET_HEADER, BotApiServer, Call, FakeUser, post_webhook
from tests.reliability.rig import RIG_NOW, Rig, running_rig
from tests.reliability.support import assert_clean_log, launch, learner_row
from tests.telegram.conftest import ADMIN_ID

SECRET = "s3cret-Token_42"


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    with running_rig(tmp_path_factory.mktemp("security")) as running:
        yield running
        assert running.server.unanswered_callbacks() == []
        assert running.errors == [] and running.log.records == []


async def say(rig: Rig, user: FakeUser, text: str, **where: object) -> list[Call]:
    """Send `text`; every message the bot sent anywhere while handling it."""
    count, mark = rig.processed, rig.server.mark()
    rig.server.send_text(user, text, **where)  # type: ignore[arg-type]
    await rig.settle(count)
    return [call for call in rig.server.sent() if call.seq >= mark]


async def press(rig: Rig, user: FakeUser, message: object, data: str) -> list[Call]:
    count, mark = rig.processed, rig.server.mark()
    rig.server.press_button(user, message, data)  # type: ignore[arg-type]
    await rig.settle(count)
    return [call for call in rig.server.calls() if call.seq >= mark and call.ok]


def test_admin_commands_are_refused_to_everyone_else(rig: Rig) -> None:
    async def scenario() -> None:
        server = rig.server
        admin, other = server.user("Admin", user_id=ADMIN_ID), server.user("Eve")
        group = server.group()
        for text in ("/stats", "/admin", "/STATS", "/stats@peacebot_test_bot", "/admin now"):
            replies = await say(rig, other, text)
            assert replies and all("Learners:" not in (c.text or "") for c in replies), text
        in_group = await say(rig, admin, "/stats", chat=group)  # never in front of others
        assert all("Learners:" not in (c.text or "") for c in in_group)
        [stats] = await say(rig, admin, "/stats")
        assert "Learners:" in (stats.text or "")

    rig.run(scenario())


def test_a_learner_never_sees_or_changes_anothers_data(rig: Rig) -> None:
    async def scenario() -> None:
        server = rig.server
        victim, mallory = server.user("Victim"), server.user("Mallory")
        # The victim answers a question, so there is data of theirs to protect.
        await say(rig, victim, "/quiz all")
        first = server.sent(victim.id)[-1]
        if first.method == "sendPoll":
            count = rig.processed
            server.answer_poll(victim, first.result["poll"]["id"], [0])
            await rig.settle(count)
        else:
            await press(rig, victim, first, first.buttons()[0]["callback_data"])
        [welcome] = await say(rig, mallory, "/start")
        async with rig.sessions() as session:
            quiz = await queries.get_active_quiz(session, learner_id=victim.id)
            victim_before = await queries.export_learner(session, learner_id=victim.id)
        assert quiz is not None and victim_before is not None
        assert len(victim_before["answers"]) == 1

        minute = int(RIG_NOW.timestamp() // 60)
        for data in (
            f"a:{quiz.id}:{quiz.position}:0",
            f"zr:{quiz.id}",
            "s:qs:3",
            "s:p:1",
            f"x:{minute}",
        ):
            calls = await press(rig, mallory, welcome.message, data)
            assert all(c.chat_id in (None, mallory.id) for c in calls), calls
        if first.method == "sendPoll":  # her vote on his poll is not his answer
            count = rig.processed
            server.answer_poll(mallory, first.result["poll"]["id"], [1])
            await rig.settle(count)

        async with rig.sessions() as session:
            victim_after = await queries.export_learner(session, learner_id=victim.id)
            mallory_row = await queries.get_learner(session, learner_id=mallory.id)
        assert victim_after == victim_before
        assert mallory_row is None  # "x:<now>" deleted her own data, and only hers

        [document] = await say(rig, mallory, "/export")
        exported = json.loads(document.files[0].data)
        text = document.files[0].data.decode()
        assert str(victim.id) not in text and "Victim" not in text
        assert exported.get("answers", []) == []

    rig.run(scenario())


async def test_webhook_refuses_every_wrong_secret_and_never_logs_the_token(
    tmp_path: Path, free_port: int
) -> None:
    async with BotApiServer() as server:
        url = f"http://127.0.0.1:{free_port}/hook"
        bot = await launch(
            server,
            tmp_path,
            webhook=True,
            WEBHOOK_URL=url,
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(free_port),
            LOG_LEVEL="DEBUG",
        )
        try:
            await wait_listening(free_port)
            dana = server.user("Dana")
            forged = {
                "update_id": 10**9,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": dana.id, "type": "private"},
                    "from": dana.to_json(),
                    "text": "/start",
                },
            }
            for secret in (
                "",
                SECRET[:-1],
                SECRET + "x",
                SECRET.upper(),
                SECRET.lower(),
                server.token,
            ):
                status, _ = await post_webhook(url, forged, secret)
                assert status == 403, secret
            async with (
                aiohttp.ClientSession() as session,
                session.get(url, headers={SECRET_HEADER: SECRET}) as response,
            ):
                assert response.status >= 400  # only POSTed updates
            server.send_text(dana, "/help")  # the stand-in pushes with the right secret
            await server.wait_sent(dana.id, timeout=20.0)
            assert len(server.sent(dana.id)) == 1  # no forged /start went through
        finally:
            code = await bot.stop()
        assert code == 0, bot.log()
        log = assert_clean_log(bot, server.token)
        assert "<redacted-token>" in log
    learner = await learner_row(bot.db_url, dana.id)
    assert learner is not None and learner.first_name == "Dana"
