"""The user side: updates as Telegram would produce them when people use the bot.

Every helper queues one update (delivered by getUpdates or pushed to the webhook) and
returns it as JSON, so tests can keep ids (``update["message"]["message_id"]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tests.e2e.botapi import messages, users
from tests.e2e.botapi.users import FakeChat, FakeUser

if TYPE_CHECKING:
    from tests.e2e.botapi.calls import Call, CallLog
    from tests.e2e.botapi.faults import Faults
    from tests.e2e.botapi.methods import BotState

JSON = dict[str, Any]

FIRST_USER_ID = 7_100_000_001  # above 2**32, like today's Telegram ids
FIRST_GROUP_ID = 4_100_000_001


class Driver:
    """User-side helpers, mixed into ``BotApiServer``."""

    state: BotState
    faults: Faults
    log: CallLog
    bot_user: JSON
    _users_made = 0
    _groups_made = 0

    # ----- people and chats -------------------------------------------------------------

    def user(
        self,
        first_name: str = "Alice",
        *,
        username: str | None = None,
        language_code: str | None = "en",
        user_id: int | None = None,
    ) -> FakeUser:
        """A new user with a fresh, realistic (> 2**32) id; their private chat is known."""
        if user_id is None:
            user_id = FIRST_USER_ID + self._users_made
            self._users_made += 1
        user = FakeUser(
            id=user_id, first_name=first_name, username=username, language_code=language_code
        )
        self.state.chats.add(user.chat)
        return user

    def group(self, title: str = "Study group", *, supergroup: bool = True) -> FakeChat:
        """A group the bot is in: ``-100...`` ids for supergroups, negative ids otherwise."""
        number = FIRST_GROUP_ID + self._groups_made
        self._groups_made += 1
        chat = FakeChat(
            id=-(10**12 + number) if supergroup else -number,
            type="supergroup" if supergroup else "group",
            title=title,
        )
        self.state.chats.add(chat)
        return chat

    def channel(self, title: str = "News") -> FakeChat:
        """A channel where the bot is an admin."""
        chat = self.group(title)
        chat = FakeChat(id=chat.id, type="channel", title=title)
        self.state.chats.chats[chat.id] = chat
        return chat

    # ----- updates ---------------------------------------------------------------------

    def inject(self, kind: str, payload: JSON) -> JSON:
        """Queue any update ``{kind: payload}`` as is (for odd or forged shapes)."""
        update = self.state.updates.push(kind, payload)
        self.log.notify()
        return update

    def _message(
        self, user: FakeUser | None, chat: FakeChat, text: str | None, extra: JSON | None = None
    ) -> JSON:
        self.state.chats.add(chat)
        message = users.user_message(
            message_id=self.state.chats.next_message_id(chat.id),
            date=self.state.now(),
            chat=chat,
            user=user,
            text=text,
            extra=extra,
        )
        self.state.chats.store(chat.id, message)
        return message

    def send_text(self, user: FakeUser, text: str, *, chat: FakeChat | None = None) -> JSON:
        """The user writes ``text`` (commands get a bot_command entity) in ``chat``."""
        return self.inject("message", self._message(user, chat or user.chat, text))

    def send_sticker(self, user: FakeUser, *, chat: FakeChat | None = None) -> JSON:
        """The user sends a sticker: a message without any text."""
        seq = self.state.rng.getrandbits(24)
        extra = {"sticker": users.sticker(f"st{seq:06x}")}
        return self.inject("message", self._message(user, chat or user.chat, None, extra))

    def send_document(
        self,
        user: FakeUser,
        data: bytes,
        file_name: str,
        *,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        chat: FakeChat | None = None,
    ) -> JSON:
        """The user sends a file; the bot can fetch it with getFile and download its bytes."""
        self.state.file_seq += 1
        file_id, unique_id = messages.file_ids(self.state.file_seq)
        self.state.files.add(file_id, unique_id, data, file_name=file_name)
        extra: JSON = {"document": {
            "file_id": file_id, "file_unique_id": unique_id, "file_name": file_name,
            "mime_type": mime_type, "file_size": len(data),
        }}
        if caption is not None:
            extra["caption"] = caption
        return self.inject("message", self._message(user, chat or user.chat, None, extra))

    def edit_text(self, user: FakeUser, message: JSON, text: str) -> JSON:
        """The user edits one of their messages: an ``edited_message`` update."""
        edited = {**message, "text": text, "edit_date": self.state.now()}
        edited.pop("entities", None)
        entities = users.command_entities(text)
        if entities:
            edited["entities"] = entities
        self.state.chats.store(message["chat"]["id"], edited)
        return self.inject("edited_message", edited)

    def channel_post(self, chat: FakeChat, text: str) -> JSON:
        """A post in a channel (no ``from``)."""
        return self.inject("channel_post", self._message(None, chat, text))

    def press_button(
        self, user: FakeUser, message: JSON | Call, callback_data: str
    ) -> JSON:
        """The user presses a button carrying ``callback_data`` under the bot's ``message``.

        ``message`` is the Message JSON (or the ``Call`` that sent it); its current
        content (after edits) is attached, as Telegram does. The data is not checked
        against the keyboard, so forged presses can be injected too.
        """
        sent = _as_message(message)
        chat_id = sent["chat"]["id"]
        current = self.state.chats.get(chat_id, sent["message_id"]) or sent
        query_id = self.state.new_id()
        query: JSON = {
            "id": query_id,
            "from": user.to_json(),
            "message": current,
            "chat_instance": str(-abs(hash((chat_id, self.bot_user["id"]))) % 10**18),
            "data": callback_data,
        }
        self.state.open_callbacks[query_id] = query
        return self.inject("callback_query", query)

    def answer_poll(self, user: FakeUser, poll_id: str, option_ids: Sequence[int]) -> JSON:
        """The user votes (an empty list retracts): a ``poll_answer`` update.

        Known polls get their vote counts updated and the options' persistent ids;
        unknown poll ids are sent anyway (bad-input tests) with made-up persistent ids.
        """
        chosen = list(option_ids)
        record = self.state.polls.get(poll_id)
        if record is not None:
            persistent = record.persistent_ids(chosen)
            if len(persistent) == len(chosen):
                record.vote(user.id, chosen)
        else:
            persistent = [f"unknown{i}" for i in chosen]
        answer = {
            "poll_id": poll_id,
            "user": user.to_json(),
            "option_ids": chosen,
            "option_persistent_ids": persistent,
        }
        return self.inject("poll_answer", answer)

    def my_chat_member(
        self,
        user: FakeUser,
        status: str = "kicked",
        *,
        chat: FakeChat | None = None,
        old_status: str = "member",
        block: bool = True,
    ) -> JSON:
        """The bot's membership changed; in a private chat "kicked" means the user blocked it.

        With ``block`` (the default) later calls to a private chat answer 403, and
        status "member" unblocks, as on Telegram.
        """
        target = chat or user.chat
        if block and target.type == "private":
            if status == "kicked":
                self.faults.block(target.id)
            elif status == "member":
                self.faults.unblock(target.id)
        update = users.chat_member_update(
            chat=target, user=user, bot_user=self.bot_user, date=self.state.now(),
            old=old_status, new=status,
        )
        return self.inject("my_chat_member", update)

    # ----- reading keyboards -------------------------------------------------------------

    @staticmethod
    def find_button(message: JSON | Call, text: str) -> str:
        """The callback data of the first button whose text contains ``text``."""
        sent = _as_message(message)
        rows = sent.get("reply_markup", {}).get("inline_keyboard", [])
        for row in rows:
            for button in row:
                if text in button.get("text", "") and "callback_data" in button:
                    return str(button["callback_data"])
        raise LookupError(f"no button containing {text!r} in message {sent.get('message_id')}")


def _as_message(message: JSON | Call) -> JSON:
    if isinstance(message, dict):
        return message
    found = message.message
    if found is None:
        raise ValueError(f"call {message.method} #{message.seq} returned no message")
    return found
