"""``BotApiServer``: a stand-in Telegram Bot API on 127.0.0.1 for the real PTB client.

PTB is pointed at ``server.base_url`` (``http://127.0.0.1:<port>/bot``); every call it
makes is decoded, passed through the configured faults and limits, answered with
Telegram's envelopes and recorded as a ``Call`` that tests can read or wait for.
The user-side helpers (``send_text``, ``press_button``, ...) come from ``Driver``.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from aiohttp import web

from tests.e2e.botapi import methods
from tests.e2e.botapi.calls import Call, CallLog
from tests.e2e.botapi.driver import Driver
from tests.e2e.botapi.errors import ApiError, not_found
from tests.e2e.botapi.faults import (
    SEND_METHODS,
    Faults,
    LimitChecker,
    LimitPolicy,
    LimitViolation,
)
from tests.e2e.botapi.parsing import read_params
from tests.e2e.botapi.state import ChatStore, UpdateQueue
from tests.e2e.botapi.webhook import WebhookPusher

logger = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TOKEN = "7000000001:AAHstandInTokenForPeacebotTests-0123456"


class BotApiServer(Driver):
    """One bot token's Telegram, in process. ``async with BotApiServer() as server: ...``."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int = 0,
        bot_name: str = "Peacebot Test",
        bot_username: str = "peacebot_test_bot",
        limits: LimitPolicy | None = None,
        enforce_limits: bool = False,
        strict_chats: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        bot_id = int(token.split(":", 1)[0])
        self.bot_user: dict[str, Any] = {
            "id": bot_id, "is_bot": True, "first_name": bot_name, "username": bot_username,
        }
        self.state = methods.BotState(
            bot_user=self.bot_user,
            chats=ChatStore(strict=strict_chats),
            updates=UpdateQueue(first_id=random.Random(seed).randrange(10**8, 9 * 10**8)),
            rng=random.Random(seed),
            clock=clock,
        )
        self.faults = Faults(seed=seed)
        self.limits = LimitChecker(limits, enforce=enforce_limits)
        self.log = CallLog(clock)
        self.webhook = WebhookPusher(self.state)
        self._runner: web.AppRunner | None = None

    # ----- lifecycle -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """PTB's ``base_url`` (the token is appended by PTB)."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``: files are served at ``<base_file_url><token>/<path>``."""
        return f"http://{self.host}:{self.port}/file/bot"

    async def start(self) -> None:
        """Listen on ``host:port`` (an ephemeral port when 0)."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self.webhook.start()
        logger.info("stand-in Bot API listening on %s", self.base_url)

    async def stop(self) -> None:
        """Release waiting getUpdates calls and close the listener."""
        self.state.updates.close()
        await self.webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ----- what the bot did ------------------------------------------------------------

    @property
    def limit_violations(self) -> list[LimitViolation]:
        """Every message sent over Telegram's limits (``LimitViolation``), in order."""
        return self.limits.violations

    def calls(self, method: str | None = None, *, chat_id: int | None = None) -> list[Call]:
        """Recorded calls (failed ones included), optionally of one method and/or chat."""
        return self.log.select(method=method, chat_id=chat_id)

    def sent(
        self, chat_id: int | None = None, *, methods: Iterable[str] = SEND_METHODS
    ) -> list[Call]:
        """Successful calls that delivered a message (to ``chat_id`` if given)."""
        names = frozenset(methods)
        return [c for c in self.log.select(chat_id=chat_id) if c.ok and c.method in names]

    def mark(self) -> int:
        """A position in the call log, for ``wait_for(..., since=mark)``."""
        return len(self.log.calls)

    async def wait_for(
        self, predicate: Callable[[Call], bool], *, timeout: float = 5.0, since: int = 0
    ) -> Call:
        """The first call at or after ``since`` matching ``predicate``; TimeoutError if none."""
        return await self.log.wait_for(predicate, timeout=timeout, since=since)

    async def wait_sent(
        self,
        chat_id: int,
        *,
        count: int = 1,
        since: int = 0,
        timeout: float = 5.0,
        methods: Iterable[str] = SEND_METHODS,
    ) -> list[Call]:
        """Wait until ``count`` messages were delivered to ``chat_id`` after ``since``."""
        names = frozenset(methods)

        def done(chat_calls: list[Call]) -> list[Call] | None:
            hits = [c for c in chat_calls if c.seq >= since and c.ok and c.method in names]
            return hits if len(hits) >= count else None

        return await self.log.wait_chat(chat_id, done, timeout=timeout)

    async def wait_until(self, check: Callable[[], T | None], *, timeout: float = 5.0) -> T:
        """Re-run ``check`` after every call or injection until it returns non-None."""
        return await self.log.wait_until(check, timeout=timeout)

    async def wait_polling(self, *, timeout: float = 5.0) -> Call:
        """Wait for the bot's first getUpdates (it is up and polling)."""
        return await self.log.wait_until(
            lambda: next((c for c in self.log.calls if c.method == "getUpdates"), None),
            timeout=timeout,
        )

    async def wait_consumed(self, *, timeout: float = 5.0) -> None:
        """Wait until every injected update was fetched and confirmed by the bot."""
        await self.log.wait_until(
            lambda: True if not self.state.updates.pending else None, timeout=timeout
        )

    def unanswered_callbacks(self) -> list[str]:
        """Callback query ids the bot never answered (Telegram shows a spinner for those)."""
        return list(self.state.open_callbacks)

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in a chat as they look now (after edits and deletions)."""
        stored = self.state.chats.messages.get(chat_id, {})
        bot_id = self.bot_user["id"]
        return [m for _, m in sorted(stored.items()) if m.get("from", {}).get("id") == bot_id]

    def last_message(self, chat_id: int) -> dict[str, Any] | None:
        """The bot's latest message in a chat, current content, or None."""
        found = self.messages(chat_id)
        return found[-1] if found else None

    def transcript(self, chat_id: int) -> str:
        """The chat as a reader would see it now, one line per message (for failing tests)."""
        bot_id = self.bot_user["id"]
        lines = []
        for _, message in sorted(self.state.chats.messages.get(chat_id, {}).items()):
            who = "bot" if message.get("from", {}).get("id") == bot_id else "user"
            body = message.get("text") or message.get("caption") or ""
            if "poll" in message:
                body = f"[poll] {message['poll']['question']}"
            elif "sticker" in message:
                body = "[sticker]"
            buttons = [
                b.get("text", "") for row in message.get("reply_markup", {}).get(
                    "inline_keyboard", []
                ) for b in row
            ]
            keys = f"  {buttons}" if buttons else ""
            lines.append(f"{message['message_id']:>4} {who}: {body}{keys}")
        return "\n".join(lines)

    def my_commands(self, language_code: str = "") -> list[dict[str, Any]]:
        """Commands set with setMyCommands for the default scope."""
        return self.state.commands.get(f'{{"type": "default"}}|{language_code}', [])

    # ----- HTTP ------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _reply_error(ApiError(401, "Unauthorized"))
        name = request.match_info["method"]
        found = methods.find(name)
        try:
            params, files = await read_params(request)
        except ApiError as error:
            return _reply_error(error)
        call = self.log.record(found[0] if found else name, params, files)
        try:
            if found is None:
                logger.warning("bot called a method the stand-in lacks: %s", name)
                raise not_found()
            gone = _hung_up(request)
            result = await self._run(call, found[1], methods.Request(params, files, gone))
        except ApiError as error:
            self.log.finish(call, error=error)
            return _reply_error(error)
        self.log.finish(call, result=result)
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.Response:
        """A file's bytes by the ``file_path`` getFile gave (recorded as a ``download`` call)."""
        path = request.match_info["path"]
        call = self.log.record("download", {"file_path": path}, [])
        stored = self.state.files.at(path)
        if request.match_info["token"] != self.token or stored is None:
            error = not_found()
            self.log.finish(call, error=error)
            return web.json_response(error.envelope(), status=error.code)
        self.log.finish(call, result=len(stored.data))
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def _run(self, call: Call, handler: methods.Handler, request: methods.Request) -> Any:
        delay = self.faults.delay_for(call.method)
        if delay:
            await asyncio.sleep(delay)
        fault = self.faults.pick(call.method, call.chat_id)
        if fault is not None:
            raise fault
        if call.method in SEND_METHODS:
            chat = self.state.chats.resolve(request.params.get("chat_id"))
            self.limits.admit(chat.id, chat.type)
        return await handler(self.state, request)


def _hung_up(request: web.Request) -> Callable[[], bool]:
    def gone() -> bool:
        transport = request.transport
        return transport is None or transport.is_closing()

    return gone


def _reply_error(error: ApiError) -> web.Response:
    return web.json_response(error.envelope(), status=error.code)
