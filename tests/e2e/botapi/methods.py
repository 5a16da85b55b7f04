"""The Bot API methods the stand-in implements, over the state in ``BotState``.

Each handler takes the decoded parameters and returns the ``result`` of the envelope
or raises ``ApiError``. Method names are matched case-insensitively, like Telegram.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.botapi import messages as msg
from tests.e2e.botapi.errors import ApiError, bad_request
from tests.e2e.botapi.parsing import UploadedFile
from tests.e2e.botapi.state import ChatStore, FileStore, PollRecord, UpdateQueue
from tests.e2e.botapi.users import FakeChat

JSON = dict[str, Any]


@dataclass
class Request:
    """One decoded call: parameters and uploaded files."""

    params: JSON
    files: list[UploadedFile] = field(default_factory=list)
    disconnected: Callable[[], bool] = lambda: False

    def upload(self, name: str) -> UploadedFile | None:
        """The file uploaded for parameter ``name`` (directly or via attach://)."""
        value = self.params.get(name)
        wanted = {name}
        if isinstance(value, str) and value.startswith("attach://"):
            wanted.add(value.removeprefix("attach://"))
        return next((f for f in self.files if f.field in wanted), None)


@dataclass
class BotState:
    """Everything one bot token sees on the stand-in server."""

    bot_user: JSON
    chats: ChatStore
    updates: UpdateQueue
    rng: random.Random
    clock: Callable[[], float] = time.time
    polls: dict[str, PollRecord] = field(default_factory=dict)
    open_callbacks: dict[str, JSON] = field(default_factory=dict)
    answered_callbacks: dict[str, JSON] = field(default_factory=dict)
    commands: dict[str, list[JSON]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    webhook: JSON = field(default_factory=dict)
    files: FileStore = field(default_factory=FileStore)
    file_seq: int = 0

    def now(self) -> int:
        """Telegram dates are whole Unix seconds."""
        return int(self.clock())

    def new_id(self) -> str:
        """A large opaque id for polls and callback queries."""
        return str(self.rng.getrandbits(62))


Handler = Callable[[BotState, Request], Awaitable[Any]]
METHODS: dict[str, tuple[str, Handler]] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler under its Bot API name."""

    def register(handler: Handler) -> Handler:
        METHODS[name.lower()] = (name, handler)
        return handler

    return register


def find(name: str) -> tuple[str, Handler] | None:
    """The canonical name and handler for a method name in any case."""
    return METHODS.get(name.lower())


def _bot_message(state: BotState, chat: FakeChat, req: Request, **content: Any) -> JSON:
    message: JSON = {
        "message_id": state.chats.next_message_id(chat.id),
        "from": state.bot_user,
        "chat": chat.to_json(),
        "date": state.now(),
    }
    message.update({key: value for key, value in content.items() if value is not None})
    markup = msg.checked_markup(req.params.get("reply_markup"))
    if markup is not None:
        message["reply_markup"] = markup
    state.chats.store(chat.id, message)
    return message


def _target(state: BotState, req: Request) -> tuple[FakeChat, JSON]:
    if req.params.get("inline_message_id") is not None:
        raise bad_request("MESSAGE_ID_INVALID")
    chat = state.chats.resolve(req.params.get("chat_id"))
    message = state.chats.get(chat.id, req.params.get("message_id"))
    if message is None:
        raise bad_request("message to edit not found")
    return chat, message


_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@method("getMe")
async def get_me(state: BotState, req: Request) -> Any:
    return {
        **state.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("getUpdates")
async def get_updates(state: BotState, req: Request) -> Any:
    if state.webhook.get("url"):
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    params = req.params
    state.updates.set_allowed(params.get("allowed_updates"))
    if params.get("offset") is not None:
        state.updates.confirm(int(params["offset"]))
    limit = max(1, min(100, int(params.get("limit") or 100)))
    timeout = max(0.0, float(params.get("timeout") or 0))
    return await state.updates.long_poll(limit, timeout, gone=req.disconnected)


@method("setWebhook")
async def set_webhook(state: BotState, req: Request) -> Any:
    url = req.params.get("url") or ""
    if req.params.get("drop_pending_updates"):
        state.updates.drop_pending()
    state.updates.set_allowed(req.params.get("allowed_updates"))
    state.webhook = {
        "url": url,
        "secret_token": req.params.get("secret_token"),
        "max_connections": int(req.params.get("max_connections") or 40),
    } if url else {}
    return True


@method("deleteWebhook")
async def delete_webhook(state: BotState, req: Request) -> Any:
    if req.params.get("drop_pending_updates"):
        state.updates.drop_pending()
    state.webhook = {}
    return True


@method("getWebhookInfo")
async def get_webhook_info(state: BotState, req: Request) -> Any:
    info: JSON = {
        "url": state.webhook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates.pending),
    }
    if state.webhook:
        info["max_connections"] = state.webhook["max_connections"]
        if state.updates.allowed is not None:
            info["allowed_updates"] = sorted(state.updates.allowed)
    return info


def _commands_key(req: Request) -> str:
    scope = json.dumps(req.params.get("scope") or {"type": "default"}, sort_keys=True)
    return f"{scope}|{req.params.get('language_code') or ''}"


@method("setMyCommands")
async def set_my_commands(state: BotState, req: Request) -> Any:
    commands = req.params.get("commands")
    if not isinstance(commands, list):
        raise bad_request("field \"commands\" must be an Array")
    for command in commands:
        name = command.get("command", "") if isinstance(command, dict) else ""
        valid = name.replace("_", "").isalnum() and name == name.lower()
        if not (1 <= len(name) <= 32) or not valid:
            raise bad_request("BOT_COMMAND_INVALID")
    state.commands[_commands_key(req)] = commands
    return True


@method("getMyCommands")
async def get_my_commands(state: BotState, req: Request) -> Any:
    return state.commands.get(_commands_key(req), [])


@method("deleteMyCommands")
async def delete_my_commands(state: BotState, req: Request) -> Any:
    state.commands.pop(_commands_key(req), None)
    return True


def _describe(field_name: str, limit: int) -> tuple[Handler, Handler]:
    async def setter(state: BotState, req: Request) -> Any:
        value = str(req.params.get(field_name) or "")
        if len(value) > limit:
            raise bad_request(f"{field_name.upper()}_INVALID")
        state.descriptions[f"{field_name}|{req.params.get('language_code') or ''}"] = value
        return True

    async def getter(state: BotState, req: Request) -> Any:
        key = f"{field_name}|{req.params.get('language_code') or ''}"
        return {field_name: state.descriptions.get(key, "")}

    return setter, getter


for _name, _field, _limit in (
    ("MyDescription", "description", 512),
    ("MyShortDescription", "short_description", 120),
    ("MyName", "name", 64),
):
    _set, _get = _describe(_field, _limit)
    method(f"set{_name}")(_set)
    method(f"get{_name}")(_get)


@method("setChatMenuButton")
async def set_chat_menu_button(state: BotState, req: Request) -> Any:
    return True


@method("sendMessage")
async def send_message(state: BotState, req: Request) -> Any:
    chat = state.chats.resolve(req.params.get("chat_id"))
    text = msg.checked_text(req.params.get("text"), req.params.get("parse_mode"))
    return _bot_message(state, chat, req, text=text)


@method("editMessageText")
async def edit_message_text(state: BotState, req: Request) -> Any:
    chat, message = _target(state, req)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    text = msg.checked_text(req.params.get("text"), req.params.get("parse_mode"))
    markup = msg.checked_markup(req.params.get("reply_markup"))
    if text == message["text"] and markup == message.get("reply_markup"):
        raise bad_request(_NOT_MODIFIED)
    return _edit(state, chat, message, text=text, reply_markup=markup)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(state: BotState, req: Request) -> Any:
    chat, message = _target(state, req)
    markup = msg.checked_markup(req.params.get("reply_markup"))
    if markup == message.get("reply_markup"):
        raise bad_request(_NOT_MODIFIED)
    return _edit(state, chat, message, reply_markup=markup)


@method("editMessageCaption")
async def edit_message_caption(state: BotState, req: Request) -> Any:
    chat, message = _target(state, req)
    caption = msg.checked_caption(req.params.get("caption"), req.params.get("parse_mode"))
    markup = msg.checked_markup(req.params.get("reply_markup"))
    if caption == message.get("caption") and markup == message.get("reply_markup"):
        raise bad_request(_NOT_MODIFIED)
    return _edit(state, chat, message, caption=caption, reply_markup=markup)


def _edit(state: BotState, chat: FakeChat, message: JSON, **changes: Any) -> JSON:
    edited = dict(message)
    for key, value in changes.items():
        if value is None:
            edited.pop(key, None)
        else:
            edited[key] = value
    edited["edit_date"] = state.now()
    state.chats.store(chat.id, edited)
    return edited


@method("deleteMessage")
async def delete_message(state: BotState, req: Request) -> Any:
    chat = state.chats.resolve(req.params.get("chat_id"))
    if not state.chats.delete(chat.id, req.params.get("message_id")):
        raise bad_request("message to delete not found")
    return True


@method("answerCallbackQuery")
async def answer_callback_query(state: BotState, req: Request) -> Any:
    query_id = str(req.params.get("callback_query_id"))
    if state.open_callbacks.pop(query_id, None) is None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = req.params.get("text")
    if text is not None and len(str(text)) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    state.answered_callbacks[query_id] = req.params
    return True


@method("sendPoll")
async def send_poll(state: BotState, req: Request) -> Any:
    chat = state.chats.resolve(req.params.get("chat_id"))
    poll = msg.build_poll(req.params, state.new_id(), state.rng)
    message = _bot_message(state, chat, req, poll=poll)
    state.polls[poll["id"]] = PollRecord(poll, chat.id, message["message_id"])
    return message


@method("stopPoll")
async def stop_poll(state: BotState, req: Request) -> Any:
    chat = state.chats.resolve(req.params.get("chat_id"))
    message = state.chats.get(chat.id, req.params.get("message_id"))
    if message is None or "poll" not in message:
        raise bad_request("message with poll to stop not found")
    poll = message["poll"]
    if poll["is_closed"]:
        raise bad_request("poll has already been closed")
    poll["is_closed"] = True
    return poll


@method("sendPhoto")
async def send_photo(state: BotState, req: Request) -> Any:
    return _send_file(state, req, "photo")


@method("sendDocument")
async def send_document(state: BotState, req: Request) -> Any:
    return _send_file(state, req, "document")


def _send_file(state: BotState, req: Request, kind: str) -> JSON:
    chat = state.chats.resolve(req.params.get("chat_id"))
    upload = req.upload(kind)
    given = req.params.get(kind)
    if upload is None and not (isinstance(given, str) and given):
        raise bad_request(f"there is no {kind} in the request")
    caption = msg.checked_caption(req.params.get("caption"), req.params.get("parse_mode"))
    state.file_seq += 1
    file_id = given if upload is None and isinstance(given, str) else msg.file_ids(
        state.file_seq
    )[0]
    if upload is not None:  # downloadable with getFile, as on Telegram
        state.files.add(file_id, msg.file_ids(state.file_seq)[1], upload.data,
                        kind="photos" if kind == "photo" else "documents",
                        file_name=upload.filename)
    if kind == "photo":
        media: Any = msg.photo_sizes(upload, file_id, state.file_seq)
    else:
        media = msg.document(upload, file_id, state.file_seq)
    return _bot_message(state, chat, req, caption=caption, **{kind: media})


@method("getFile")
async def get_file(state: BotState, req: Request) -> Any:
    file_id = req.params.get("file_id")
    stored = state.files.get(file_id) if isinstance(file_id, str) else None
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > msg.MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.to_json()


@method("sendChatAction")
async def send_chat_action(state: BotState, req: Request) -> Any:
    state.chats.resolve(req.params.get("chat_id"))
    return True


@method("getChat")
async def get_chat(state: BotState, req: Request) -> Any:
    return state.chats.resolve(req.params.get("chat_id")).full_info()


@method("getChatMember")
async def get_chat_member(state: BotState, req: Request) -> Any:
    state.chats.resolve(req.params.get("chat_id"))
    user_id = req.params.get("user_id")
    if user_id == state.bot_user["id"]:
        return {"status": "member", "user": state.bot_user}
    known = state.chats.chats.get(user_id) if isinstance(user_id, int) else None
    name = (known.first_name if known else None) or f"User{user_id}"
    return {"status": "member", "user": {"id": user_id, "is_bot": False, "first_name": name}}


@method("logOut")
async def log_out(state: BotState, req: Request) -> Any:
    return True


@method("close")
async def close(state: BotState, req: Request) -> Any:
    return True
