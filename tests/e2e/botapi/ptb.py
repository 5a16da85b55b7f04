"""Running a real python-telegram-bot Application against the stand-in, in process.

``Application.run_polling`` owns the event loop, which a pytest-asyncio test cannot
give away; these helpers do the same start/stop steps inside the test's loop.
"""

from __future__ import annotations

import contextlib
import datetime as dtm
from collections.abc import AsyncIterator, Sequence
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder

from tests.e2e.botapi.server import BotApiServer


def application_builder(server: BotApiServer) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """An ApplicationBuilder already pointed at ``server`` (token and base URLs)."""
    return (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
    )


@contextlib.asynccontextmanager
async def polling(
    app: Application[Any, Any, Any, Any, Any, Any],
    *,
    poll_timeout: float = 1.0,
    allowed_updates: Sequence[str] | None = Update.ALL_TYPES,
    drop_pending_updates: bool = False,
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Initialize, start and long-poll ``app``; stop and shut it down on exit.

    A short ``poll_timeout`` keeps shutdown quick (the last getUpdates must return).
    """
    await app.initialize()
    try:
        await app.start()
        assert app.updater is not None, "build the Application with an Updater"
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=dtm.timedelta(seconds=poll_timeout),
            allowed_updates=allowed_updates,
            drop_pending_updates=drop_pending_updates,
        )
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()


@contextlib.asynccontextmanager
async def serving_webhook(
    app: Application[Any, Any, Any, Any, Any, Any],
    *,
    port: int,
    secret_token: str,
    url_path: str = "telegram",
    allowed_updates: Sequence[str] | None = Update.ALL_TYPES,
) -> AsyncIterator[str]:
    """Run ``app`` with PTB's webhook server on 127.0.0.1:``port``; yields the webhook URL.

    PTB calls setWebhook on the stand-in, which then pushes injected updates to it.
    """
    url = f"http://127.0.0.1:{port}/{url_path}"
    await app.initialize()
    try:
        await app.start()
        assert app.updater is not None, "build the Application with an Updater"
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path=url_path,
            webhook_url=url,
            secret_token=secret_token,
            allowed_updates=allowed_updates,
        )
        try:
            yield url
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
