"""Users and chats on the far side of the stand-in server, and the JSON they produce.

Shapes follow the Bot API (and what python-telegram-bot 22.8 requires when parsing):
a private chat's id equals its user's id, groups have negative ids, supergroups
``-100...`` ids; command entities are measured in UTF-16 code units like Telegram's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user who talks to the bot."""

    id: int
    first_name: str = "Alice"
    username: str | None = None
    language_code: str | None = "en"
    last_name: str | None = None

    def to_json(self) -> JSON:
        """The User object Telegram sends."""
        data: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name is not None:
            data["last_name"] = self.last_name
        if self.username is not None:
            data["username"] = self.username
        if self.language_code is not None:
            data["language_code"] = self.language_code
        return data

    @property
    def chat(self) -> FakeChat:
        """The user's private chat with the bot (same id as the user)."""
        return FakeChat(
            id=self.id, type="private", first_name=self.first_name, username=self.username
        )


@dataclass(frozen=True)
class FakeChat:
    """A chat: "private", "group", "supergroup" or "channel"."""

    id: int
    type: str = "private"
    title: str | None = None
    first_name: str | None = None
    username: str | None = None

    def to_json(self) -> JSON:
        """The Chat object Telegram sends inside messages."""
        data: JSON = {"id": self.id, "type": self.type}
        if self.title is not None:
            data["title"] = self.title
        if self.first_name is not None:
            data["first_name"] = self.first_name
        if self.username is not None:
            data["username"] = self.username
        return data

    def full_info(self) -> JSON:
        """The ChatFullInfo that getChat returns (PTB 22.8 requires the extra fields)."""
        data = self.to_json()
        data.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return data


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[JSON]:
    """A bot_command entity for a leading ``/command`` (with optional ``@botname``)."""
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]


def user_message(
    *,
    message_id: int,
    date: int,
    chat: FakeChat,
    user: FakeUser | None,
    text: str | None = None,
    extra: JSON | None = None,
) -> JSON:
    """A Message as a user (or, with ``user=None``, a channel) sends it."""
    message: JSON = {"message_id": message_id, "date": date, "chat": chat.to_json()}
    if user is not None:
        message["from"] = user.to_json()
    if text is not None:
        message["text"] = text
        entities = command_entities(text)
        if entities:
            message["entities"] = entities
    if extra:
        message.update(extra)
    return message


def sticker(file_unique_id: str) -> JSON:
    """A regular static sticker: a message with no text at all."""
    return {
        "file_id": f"CAACAgIAAxkBAAE{file_unique_id}",
        "file_unique_id": file_unique_id,
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
        "emoji": "\N{THUMBS UP SIGN}",
        "file_size": 12000,
    }


def chat_member_update(
    *, chat: FakeChat, user: FakeUser, bot_user: JSON, date: int, old: str, new: str
) -> JSON:
    """my_chat_member: the bot's status in ``chat`` changed from ``old`` to ``new``."""
    return {
        "chat": chat.to_json(),
        "from": user.to_json(),
        "date": date,
        "old_chat_member": _member(bot_user, old),
        "new_chat_member": _member(bot_user, new),
    }


def _member(user: JSON, status: str) -> JSON:
    member: JSON = {"status": status, "user": user}
    if status == "kicked":
        member["until_date"] = 0
    if status == "restricted":
        raise ValueError("restricted members need many permission fields; not supported")
    if status == "administrator":
        member.update(
            can_be_edited=False, is_anonymous=False, can_manage_chat=True,
            can_delete_messages=True, can_manage_video_chats=False, can_restrict_members=True,
            can_promote_members=False, can_change_info=False, can_invite_users=True,
            can_post_stories=False, can_edit_stories=False, can_delete_stories=False,
        )
    return member
