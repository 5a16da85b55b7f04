"""What the stand-in Telegram remembers: chats, messages, polls, callback queries, updates."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.botapi.errors import ApiError, bad_request
from tests.e2e.botapi.users import FakeChat

JSON = dict[str, Any]

# Telegram's default when a bot never chose allowed_updates.
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def update_kind(update: JSON) -> str:
    """The update's type: the one key besides ``update_id``."""
    return next(key for key in update if key != "update_id")


class UpdateQueue:
    """Pending updates for getUpdates: confirmed by ``offset``, filtered by allowed_updates."""

    def __init__(self, first_id: int) -> None:
        self.pending: list[JSON] = []
        self.allowed: frozenset[str] | None = None
        self.injected_at: dict[int, float] = {}
        self._next_id = first_id
        self.closed = False
        self._wakeup = asyncio.Event()
        self._poller = 0

    def push(self, kind: str, payload: JSON) -> JSON:
        """Queue one update of type ``kind``; returns it (with its ``update_id``)."""
        update_id = self._next_id
        self._next_id += 1
        update: JSON = {"update_id": update_id, kind: payload}
        self.pending.append(update)
        self.injected_at[update_id] = time.monotonic()
        self._wake()
        return update

    def drop_pending(self) -> None:
        """deleteWebhook(drop_pending_updates=True) / setWebhook with dropping."""
        self.pending.clear()

    def confirm(self, offset: int) -> None:
        """Forget updates before ``offset``; a negative offset keeps only the last -offset."""
        if offset < 0:
            self.pending = self.pending[offset:]
        else:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def remove(self, update_ids: Iterable[int]) -> None:
        """Forget delivered updates (webhook mode confirms each one separately)."""
        done = set(update_ids)
        self.pending = [u for u in self.pending if u["update_id"] not in done]

    def set_allowed(self, allowed: Iterable[str] | None) -> None:
        """allowed_updates as getUpdates/setWebhook pass it ([] means the default)."""
        if allowed is None:
            return
        names = frozenset(allowed)
        self.allowed = names or None

    def is_allowed(self, update: JSON) -> bool:
        """Would Telegram deliver this update under the current allowed_updates?"""
        kind = update_kind(update)
        if self.allowed is None:
            return kind not in DEFAULT_EXCLUDED_UPDATES
        return kind in self.allowed

    def take(self, limit: int) -> list[JSON]:
        """Up to ``limit`` deliverable updates; undeliverable ones are dropped, as Telegram does."""
        self.pending = [u for u in self.pending if self.is_allowed(u)]
        return self.pending[:limit]

    async def long_poll(
        self, limit: int, timeout: float, *, gone: Callable[[], bool] = lambda: False
    ) -> list[JSON]:
        """Wait up to ``timeout`` s for updates; a newer getUpdates ends this one with 409.

        A poll whose client already hung up (``gone``) just ends, as on Telegram.
        """
        self._poller += 1
        me = self._poller
        self._wake()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            updates = self.take(limit)
            if updates or self.closed or loop.time() >= deadline:
                return updates
            event = self._wakeup
            try:
                await asyncio.wait_for(event.wait(), deadline - loop.time())
            except TimeoutError:
                return self.take(limit)
            if self.closed or gone():
                return []
            if self._poller != me:
                raise ApiError(409, _CONFLICT)

    async def changed(self, timeout: float) -> None:
        """Return at the next push (or new poller, or close), or after ``timeout`` s."""
        event = self._wakeup
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return

    def close(self) -> None:
        """Release every waiting getUpdates with no updates (server shutdown)."""
        self.closed = True
        self._wake()

    def _wake(self) -> None:
        self._wakeup.set()
        self._wakeup = asyncio.Event()


@dataclass
class PollRecord:
    """A poll the bot sent, and who voted for what."""

    poll: JSON
    chat_id: int
    message_id: int
    votes: dict[int, list[int]] = field(default_factory=dict)

    def persistent_ids(self, option_ids: Iterable[int]) -> list[str]:
        """The options' persistent ids (Bot API 9.6) for these option indexes."""
        options = self.poll["options"]
        return [options[i]["persistent_id"] for i in option_ids if 0 <= i < len(options)]

    def vote(self, user_id: int, option_ids: list[int]) -> None:
        """Apply a vote (an empty list retracts), updating counts like Telegram."""
        for index in self.votes.pop(user_id, []):
            self.poll["options"][index]["voter_count"] -= 1
        if option_ids:
            self.votes[user_id] = option_ids
            for index in option_ids:
                self.poll["options"][index]["voter_count"] += 1
        self.poll["total_voter_count"] = len(self.votes)


@dataclass(frozen=True)
class StoredFile:
    """A file Telegram holds: what getFile describes and /file/bot<token>/<path> serves."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes

    def to_json(self) -> JSON:
        """The File object getFile returns."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


class FileStore:
    """Files users sent (``Driver.send_document``) and files the bot uploaded, by id and path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}

    def add(self, file_id: str, file_unique_id: str, data: bytes, *, kind: str = "documents",
            file_name: str = "") -> StoredFile:
        """Keep ``data`` under ``file_id``, at a path shaped like Telegram's
        (``documents/file_3.md``: the suffix of ``file_name``)."""
        _, dot, suffix = file_name.rpartition(".")
        name = f"file_{len(self._by_id)}" + (f".{suffix}" if dot else "")
        stored = StoredFile(file_id, file_unique_id, f"{kind}/{name}", bytes(data))
        self._by_id[file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def at(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)


class ChatStore:
    """Chats, their messages (current content after edits) and per-chat message ids."""

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self.chats: dict[int, FakeChat] = {}
        self.messages: dict[int, dict[int, JSON]] = {}
        self._last_id: dict[int, int] = {}

    def add(self, chat: FakeChat) -> None:
        """Make ``chat`` known (users who wrote to the bot, groups it is in)."""
        self.chats.setdefault(chat.id, chat)

    def resolve(self, chat_id: Any) -> FakeChat:
        """The chat a bot call targets; unknown ones are created unless ``strict``."""
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        if not isinstance(chat_id, int):
            raise bad_request("chat not found")
        chat = self.chats.get(chat_id)
        if chat is None:
            if self.strict:
                raise bad_request("chat not found")
            chat_type = "private" if chat_id > 0 else "group"
            first = f"User{chat_id}" if chat_id > 0 else None
            title = None if chat_id > 0 else f"Group {chat_id}"
            chat = FakeChat(id=chat_id, type=chat_type, first_name=first, title=title)
            self.chats[chat_id] = chat
        return chat

    def next_message_id(self, chat_id: int) -> int:
        """Message ids grow per chat and are shared by both sides, as in private chats."""
        self._last_id[chat_id] = self._last_id.get(chat_id, 0) + 1
        return self._last_id[chat_id]

    def store(self, chat_id: int, message: JSON) -> None:
        """Remember a message (the bot's or a user's) by chat and id."""
        self.messages.setdefault(chat_id, {})[message["message_id"]] = message

    def get(self, chat_id: int, message_id: Any) -> JSON | None:
        """The current content of a message, or None."""
        if not isinstance(message_id, int):
            return None
        return self.messages.get(chat_id, {}).get(message_id)

    def delete(self, chat_id: int, message_id: Any) -> bool:
        """Remove a message; False when there was none."""
        return self.messages.get(chat_id, {}).pop(message_id, None) is not None
