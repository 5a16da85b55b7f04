"""Webhook mode: pushing updates to the bot's webhook server, as Telegram does."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiohttp

if TYPE_CHECKING:
    from tests.e2e.botapi.methods import BotState

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def post_webhook(
    url: str, update: dict[str, Any], secret: str | None = None, *, timeout: float = 10.0
) -> tuple[int, str]:
    """POST one update to a webhook like Telegram (secret in its header); (status, body)."""
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with (
        aiohttp.ClientSession(timeout=client_timeout) as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status, await response.text()


@dataclass(frozen=True)
class Delivery:
    """One attempt to push an update: HTTP status, or 0 when the connection failed."""

    update_id: int
    status: int
    at: float


@dataclass
class WebhookPusher:
    """While a webhook is set, posts pending updates to it; failed ones are retried."""

    state: BotState
    retry_delay: float = 0.2
    deliveries: list[Delivery] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin pushing in the background."""
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop pushing (pending updates stay queued)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while not self.state.updates.closed:
                hook = self.state.webhook
                batch = self.state.updates.take(hook.get("max_connections", 40)) if hook else []
                if not batch:
                    await self.state.updates.changed(0.5)
                    continue
                results = await asyncio.gather(
                    *(self._push(session, hook, update) for update in batch)
                )
                delivered = zip(batch, results, strict=True)
                self.state.updates.remove(u["update_id"] for u, ok in delivered if ok)
                if not all(results):
                    await asyncio.sleep(self.retry_delay)

    async def _push(
        self, session: aiohttp.ClientSession, hook: dict[str, Any], update: dict[str, Any]
    ) -> bool:
        headers = {SECRET_HEADER: hook["secret_token"]} if hook.get("secret_token") else {}
        try:
            async with session.post(hook["url"], json=update, headers=headers) as response:
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.info("webhook delivery of %s failed: %s", update["update_id"], error)
            status = 0
        self.deliveries.append(Delivery(update["update_id"], status, time.monotonic()))
        return 200 <= status < 300
