"""The record of every call the bot made, and waiting on it from tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tests.e2e.botapi.errors import ApiError
from tests.e2e.botapi.parsing import UploadedFile

T = TypeVar("T")


@dataclass
class Call:
    """One Bot API call: what the bot asked for and what it got back.

    ``at`` is ``time.monotonic()`` when the request arrived (compare it with
    ``server.state.updates.injected_at[update_id]`` for latency); ``date`` is the
    server clock (Unix seconds).
    """

    seq: int
    method: str
    params: dict[str, Any]
    files: list[UploadedFile]
    chat_id: int | None
    at: float
    date: float
    ok: bool | None = None
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    done_at: float | None = None

    @property
    def text(self) -> str | None:
        """The text (or caption, or poll question) the bot sent, as it sent it."""
        for key in ("text", "caption", "question"):
            value = self.params.get(key)
            if isinstance(value, str):
                return value
        return None

    @property
    def message(self) -> dict[str, Any] | None:
        """The Message returned to the bot, if the call returned one."""
        if self.ok and isinstance(self.result, dict) and "message_id" in self.result:
            return self.result
        return None

    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard buttons the bot attached, flattened in reading order."""
        markup = self.params.get("reply_markup")
        if not isinstance(markup, dict):
            return []
        return [b for row in markup.get("inline_keyboard", []) for b in row]


def _chat_id(params: dict[str, Any]) -> int | None:
    value = params.get("chat_id")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


@dataclass
class CallLog:
    """Calls in arrival order, with a wake-up for waiters on every change."""

    clock: Callable[[], float]
    calls: list[Call] = field(default_factory=list)
    by_chat: dict[int, list[Call]] = field(default_factory=dict)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _chat_changed: dict[int, asyncio.Event] = field(default_factory=dict)

    def record(self, method: str, params: dict[str, Any], files: list[UploadedFile]) -> Call:
        """Log a call as it arrives (before faults and handling)."""
        call = Call(
            seq=len(self.calls), method=method, params=params, files=files,
            chat_id=_chat_id(params), at=time.monotonic(), date=self.clock(),
        )
        self.calls.append(call)
        if call.chat_id is not None:
            self.by_chat.setdefault(call.chat_id, []).append(call)
        return call

    def finish(self, call: Call, *, result: Any = None, error: ApiError | None = None) -> None:
        """Store the outcome and wake waiters."""
        call.done_at = time.monotonic()
        if error is None:
            call.ok, call.result = True, result
        else:
            call.ok, call.error_code, call.description = False, error.code, error.description
        if call.chat_id is not None and (event := self._chat_changed.pop(call.chat_id, None)):
            event.set()
        self.notify()

    def notify(self) -> None:
        """Wake everyone waiting for a change (also used after update injections)."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_chat(
        self, chat_id: int, check: Callable[[list[Call]], T | None], *, timeout: float
    ) -> T:
        """Like ``wait_until`` for a check over one chat's calls; woken only by that chat."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (found := check(self.by_chat.get(chat_id, []))) is None:
            left = deadline - loop.time()
            if left <= 0:
                raise TimeoutError(f"chat {chat_id}: condition not met within {timeout} s")
            event = self._chat_changed.setdefault(chat_id, asyncio.Event())
            try:
                await asyncio.wait_for(event.wait(), left)
            except TimeoutError:
                pass
        return found

    def select(self, *, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        """Calls filtered by method name (case-insensitive) and chat."""
        wanted = method.lower() if method else None
        pool = self.calls if chat_id is None else self.by_chat.get(chat_id, [])
        return [
            c for c in pool
            if (wanted is None or c.method.lower() == wanted)
            and (chat_id is None or c.chat_id == chat_id)
        ]

    async def wait_for(
        self, predicate: Callable[[Call], bool], *, timeout: float, since: int
    ) -> Call:
        """First finished call from index ``since`` on that matches."""

        def check() -> Call | None:
            return next(
                (c for c in self.calls[since:] if c.ok is not None and predicate(c)), None
            )

        return await self.wait_until(check, timeout=timeout)

    async def wait_until(self, check: Callable[[], T | None], *, timeout: float) -> T:
        """Re-run ``check`` on every change until it returns non-None; TimeoutError after."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (found := check()) is None:
            left = deadline - loop.time()
            if left <= 0:
                raise TimeoutError(f"condition not met within {timeout} s")
            event = self._changed
            try:
                await asyncio.wait_for(event.wait(), min(left, 0.05))
            except TimeoutError:
                pass
        return found
