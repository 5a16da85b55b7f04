"""The webhook server of `peacebot run --webhook`, in process: a real Application built by our
factory, served by `serve_webhooks` on a real port, fed by the stand-in Bot API; `/healthz`
over a real database that goes away and comes back."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.telegram.heartbeat import beat
from bot.telegram.webhook import SECRET_HEADER
from bot.tutor import Tutor
from db.engine import create_session_factory
from tests.conftest import allow_connections, engine_with_schema
from tests.e2e.botapi import BotApiServer, post_webhook
from tests.telegram.conftest import COURSE, WEBHOOK_SECRET, serving


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_healthz_follows_the_database(botapi: BotApiServer, pg_url: str) -> None:
    engine = await engine_with_schema(pg_url)
    try:
        tutor = Tutor(courses=[COURSE], sessions=create_session_factory(engine))
        async with serving(botapi, tutor) as (base, _app):
            assert await _get(f"{base}/healthz") == (200, "ok")
            await allow_connections(pg_url, False)
            status, body = await _get(f"{base}/healthz")
            assert (status, body) == (503, "unavailable: the database does not answer")
            await allow_connections(pg_url, True)
            assert await _get(f"{base}/healthz") == (200, "ok")
    finally:
        await engine.dispose()


async def test_healthz_without_a_course_is_unavailable(
    botapi: BotApiServer, sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    tutor = Tutor(courses=[], sessions=sqlite_session_factory)
    async with serving(botapi, tutor) as (base, _app):
        assert await _get(f"{base}/healthz") == (503, "unavailable: no course loaded")


async def test_updates_in_only_with_the_secret_and_as_json(
    botapi: BotApiServer, sqlite_session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    tutor = Tutor(courses=[COURSE], sessions=sqlite_session_factory)
    async with serving(botapi, tutor) as (base, app):
        assert beat(app, tmp_path / "heartbeat")  # the heartbeat sees the server running
        dana = botapi.user("Dana")
        forged = {"update_id": 1, "message": {
            "message_id": 1, "date": 0, "chat": {"id": dana.id, "type": "private"},
            "from": dana.to_json(), "text": "/start"}}
        assert (await post_webhook(f"{base}/hook", forged, "wrong"))[0] == 403
        assert (await post_webhook(f"{base}/hook", forged, None))[0] == 403
        async with aiohttp.ClientSession() as session:
            headers = {SECRET_HEADER: WEBHOOK_SECRET}
            async with session.post(f"{base}/hook", data="{}", headers=headers) as response:
                assert response.status == 403  # text/plain, not JSON
            headers["Content-Type"] = "application/json"
            async with session.post(f"{base}/hook/", data="[1,", headers=headers) as response:
                assert response.status == 400
            async with session.get(f"{base}/hook", headers=headers) as response:
                assert response.status == 405
        botapi.send_text(dana, "/help")  # pushed by the stand-in with the right secret
        [reply] = await botapi.wait_sent(dana.id, timeout=10)
        assert "/quiz" in (reply.text or "")
        assert len(botapi.sent(dana.id)) == 1  # nothing forged got through
    assert not app.running
    assert not beat(app, tmp_path / "heartbeat")
