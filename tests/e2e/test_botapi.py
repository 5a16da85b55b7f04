"""The stand-in Bot API server, exercised by the real python-telegram-bot 22.8 client."""

from __future__ import annotations

import asyncio
import struct
import warnings
import zlib
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    AIORateLimiter,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from tests.e2e.botapi import (
    BotApiServer,
    LimitPolicy,
    application_builder,
    polling,
    post_webhook,
    serving_webhook,
)

Context = CallbackContext[Any, Any, Any, Any]


def tiny_png() -> bytes:
    """A valid 3x2 PNG, so the server can read its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 3 for _ in range(2))
    header = struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


async def test_get_me(ptb_bot: Bot, botapi: BotApiServer) -> None:
    me = await ptb_bot.get_me()
    assert me.username == "peacebot_test_bot"
    assert me.is_bot
    assert {c.method for c in botapi.calls()} == {"getMe"}  # initialize() also calls it


async def test_polling_application_answers_start(botapi: BotApiServer) -> None:
    async def start(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("<b>Welcome</b> &amp; hi", parse_mode="HTML")

    app = application_builder(botapi).build()
    app.add_handler(CommandHandler("start", start))
    alice = botapi.user("Alice")
    async with polling(app):
        botapi.send_text(alice, "/start lesson-3")
        [reply] = await botapi.wait_sent(alice.id)
    assert reply.text == "<b>Welcome</b> &amp; hi"
    assert reply.message is not None and reply.message["text"] == "Welcome & hi"
    assert botapi.last_message(alice.id) == reply.message
    await botapi.wait_consumed()


async def test_callback_query_is_answered(botapi: BotApiServer) -> None:
    pressed: list[str] = []

    async def menu(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Next ▶", callback_data="n:1")]])
        await update.effective_message.reply_text("Page 1", reply_markup=keyboard)

    async def press(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        pressed.append(query.data)
        await query.answer()
        await query.edit_message_text("Page 2")

    app = application_builder(botapi).build()
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CallbackQueryHandler(press))
    bob = botapi.user("Bob")
    async with polling(app):
        botapi.send_text(bob, "/menu")
        [sent] = await botapi.wait_sent(bob.id)
        mark = botapi.mark()
        botapi.press_button(bob, sent, botapi.find_button(sent, "Next"))
        edit = await botapi.wait_for(lambda c: c.method == "editMessageText", since=mark)
    assert pressed == ["n:1"]
    assert botapi.calls("answerCallbackQuery")[0].ok
    assert botapi.unanswered_callbacks() == []
    assert edit.ok and botapi.messages(bob.id)[0]["text"] == "Page 2"
    assert "reply_markup" not in botapi.messages(bob.id)[0]
    assert botapi.transcript(bob.id).splitlines() == ["   1 user: /menu", "   2 bot: Page 2"]


async def test_quiz_poll_parses_and_poll_answer_arrives(botapi: BotApiServer) -> None:
    answers: list[tuple[int, tuple[int, ...], tuple[str, ...]]] = []

    async def on_answer(update: Update, context: Context) -> None:
        answer = update.poll_answer
        assert answer is not None and answer.user is not None
        answers.append((answer.user.id, answer.option_ids, answer.option_persistent_ids))

    app = application_builder(botapi).build()
    app.add_handler(PollAnswerHandler(on_answer))
    carol = botapi.user("Carol")
    async with polling(app):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no PTB deprecation warning while parsing
            message = await app.bot.send_poll(
                carol.id, "Capital of France?", ["Berlin", "Paris", "Rome"],
                type="quiz", is_anonymous=False, correct_option_ids=[1],
                explanation="<i>Paris</i> since 987", explanation_parse_mode="HTML",
            )
        poll = message.poll
        assert poll is not None and poll.type == "quiz"
        assert poll.correct_option_ids == (1,) and poll.explanation == "Paris since 987"
        assert len({o.persistent_id for o in poll.options}) == 3
        botapi.answer_poll(carol, poll.id, [1])
        await botapi.wait_until(lambda: answers or None, timeout=5)
    assert answers == [(carol.id, (1,), (poll.options[1].persistent_id,))]
    assert botapi.state.polls[poll.id].poll["options"][1]["voter_count"] == 1


async def test_update_shapes_parse_in_ptb(botapi: BotApiServer, ptb_bot: Bot) -> None:
    dave = botapi.user("Dave", username="dave")
    group = botapi.group("Quiz night")
    text = botapi.send_text(dave, "hello")
    updates = [
        text,
        botapi.send_text(dave, "/quiz@peacebot_test_bot", chat=group),
        botapi.send_sticker(dave),
        botapi.edit_text(dave, text["message"], "hello again"),
        botapi.channel_post(botapi.channel(), "news"),
        botapi.my_chat_member(dave, "kicked"),
        botapi.answer_poll(dave, "no-such-poll", [0]),
        botapi.press_button(dave, text["message"], "forged:data"),
    ]
    parsed = [Update.de_json(u, ptb_bot) for u in updates]
    assert parsed[1].effective_chat is not None and parsed[1].effective_chat.type == "supergroup"
    assert parsed[1].effective_message is not None
    assert parsed[1].effective_message.text == "/quiz@peacebot_test_bot"
    assert parsed[2].message is not None and parsed[2].message.sticker is not None
    assert parsed[3].edited_message is not None
    assert parsed[4].channel_post is not None
    assert parsed[5].my_chat_member is not None
    assert parsed[5].my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden, match="blocked"):
        await ptb_bot.send_message(dave.id, "still there?")


async def test_injected_429_raises_and_rate_limiter_retries(botapi: BotApiServer) -> None:
    user = botapi.user()
    botapi.faults.fail_next(1, code=429, retry_after=1, methods=["sendMessage"])
    async with Bot(botapi.token, base_url=botapi.base_url) as bot:
        with pytest.raises(RetryAfter):
            await bot.send_message(user.id, "one")
    botapi.faults.fail_next(1, code=429, retry_after=1, methods=["sendMessage"])
    app = application_builder(botapi).rate_limiter(AIORateLimiter(max_retries=2)).build()
    async with app:
        await app.bot.send_message(user.id, "two")
    assert [(c.params["text"], c.error_code) for c in botapi.calls("sendMessage")] == [
        ("one", 429), ("two", 429), ("two", None)
    ]
    assert botapi.faults.injected[429] == 2


async def test_blocked_user_and_bad_gateway(botapi: BotApiServer, ptb_bot: Bot) -> None:
    user = botapi.user()
    botapi.faults.block(user.id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await ptb_bot.send_message(user.id, "hi")
    botapi.faults.unblock(user.id)
    botapi.faults.fail_next(1, code=502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await ptb_bot.send_message(user.id, "hi")
    await ptb_bot.send_message(user.id, "hi")
    assert [c.error_code for c in botapi.calls("sendMessage")] == [403, 502, None]


async def test_random_faults_are_seeded(botapi: BotApiServer, ptb_bot: Bot) -> None:
    user = botapi.user()
    botapi.faults.set_rates(rate_429=0.3, rate_5xx=0.2, seed=7)
    outcomes = []
    for _ in range(20):
        try:
            await ptb_bot.send_chat_action(user.id, "typing")
            outcomes.append(200)
        except RetryAfter:
            outcomes.append(429)
        except NetworkError:
            outcomes.append(502)
    botapi.faults.set_rates(rate_429=0.3, rate_5xx=0.2, seed=7)
    replay = [
        getattr(botapi.faults.pick("sendChatAction", user.id), "code", 200) for _ in range(20)
    ]
    assert outcomes == replay
    assert {429, 502, 200} <= set(outcomes)


async def test_uploads_are_recorded(botapi: BotApiServer, ptb_bot: Bot) -> None:
    user = botapi.user()
    png = tiny_png()
    photo = await ptb_bot.send_photo(user.id, png, caption="Your <b>progress</b>",
                                     parse_mode="HTML", filename="progress.png")
    doc = await ptb_bot.send_document(user.id, b'{"answers": []}', filename="export.json",
                                      caption="Your data")
    assert photo.photo[-1].width == 3 and photo.caption == "Your progress"
    assert doc.document is not None and doc.document.file_name == "export.json"
    photo_call, doc_call = botapi.sent(user.id)
    assert photo_call.files[0].data == png and photo_call.files[0].filename == "progress.png"
    assert doc_call.files[0].data == b'{"answers": []}'
    assert doc_call.params["caption"] == "Your data"


async def test_telegram_style_bad_requests(botapi: BotApiServer, ptb_bot: Bot) -> None:
    user = botapi.user()
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await ptb_bot.edit_message_text("x", chat_id=user.id, message_id=999)
    sent = await ptb_bot.send_message(user.id, "same")
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await sent.edit_text("same")
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await ptb_bot.send_message(user.id, "a < b", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        button = InlineKeyboardButton("x", callback_data="y" * 65)
        await ptb_bot.send_message(user.id, "k", reply_markup=InlineKeyboardMarkup([[button]]))
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await ptb_bot.answer_callback_query("12345")
    with pytest.raises(EndPointNotFound):
        await ptb_bot.do_api_request("noSuchMethod")
    assert [m["message_id"] for m in botapi.messages(user.id)] == [sent.message_id]


async def test_limits_counted_and_enforced() -> None:
    async with BotApiServer(limits=LimitPolicy(overall_per_second=3)) as server:
        user, other = server.user(), server.user("Bob")
        async with Bot(server.token, base_url=server.base_url) as bot:
            await bot.send_message(user.id, "1")
            await bot.send_message(user.id, "2")
            await bot.send_message(other.id, "3")
            await bot.send_message(other.id, "4")
        kinds = [v.kind for v in server.limit_violations]
        assert "private_chat" in kinds and "overall" in kinds
    async with BotApiServer(enforce_limits=True) as server:
        user = server.user()
        async with Bot(server.token, base_url=server.base_url) as bot:
            await bot.send_message(user.id, "1")
            with pytest.raises(RetryAfter):
                await bot.send_message(user.id, "2")
        assert len(server.sent(user.id)) == 1


async def test_slow_answers_are_delayed(botapi: BotApiServer) -> None:
    user = botapi.user()
    botapi.faults.slow(0.5, methods=["sendMessage"])
    async with Bot(botapi.token, base_url=botapi.base_url) as bot:
        task = asyncio.create_task(bot.send_message(user.id, "hi"))
        [call] = await botapi.wait_until(lambda: botapi.calls("sendMessage") or None,
                                             timeout=2)
        assert call.ok is None  # arrived, answer still held back
        await task
        with pytest.raises(TimedOut):
            await bot.send_message(user.id, "again", read_timeout=0.1)
    assert call.ok


async def test_webhook_mode_and_secret(botapi: BotApiServer, free_port: int) -> None:
    got: list[str] = []

    async def echo(update: Update, context: Context) -> None:
        assert update.effective_message is not None and update.effective_message.text
        got.append(update.effective_message.text)
        await update.effective_message.reply_text(update.effective_message.text)

    app = application_builder(botapi).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    erin = botapi.user("Erin")
    async with serving_webhook(app, port=free_port, secret_token="s3cret") as url:
        assert botapi.state.webhook["url"] == url
        pushed = botapi.send_text(erin, "pushed")
        await botapi.wait_sent(erin.id)
        forged = {**pushed, "update_id": pushed["update_id"] + 1000}
        status, _ = await post_webhook(url, forged, "wrong")
        assert status == 403
    assert got == ["pushed"]
    assert botapi.webhook.deliveries[0].status == 200


async def test_get_updates_confirms_filters_and_conflicts(
    botapi: BotApiServer, ptb_bot: Bot
) -> None:
    user = botapi.user()
    first = botapi.send_text(user, "one")
    botapi.answer_poll(user, "p", [0])
    updates = await ptb_bot.get_updates(allowed_updates=["message"], timeout=0)
    assert [u.update_id for u in updates] == [first["update_id"]]  # poll_answer dropped
    again = await ptb_bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [first["update_id"]]  # not confirmed yet
    assert await ptb_bot.get_updates(offset=first["update_id"] + 1, timeout=0) == ()
    waiting = asyncio.create_task(ptb_bot.get_updates(timeout=5, read_timeout=10))
    await botapi.wait_until(lambda: len(botapi.calls("getUpdates")) == 4 or None, timeout=2)
    async with Bot(botapi.token, base_url=botapi.base_url) as second:
        assert await second.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="(?i)terminated by other getUpdates"):
        await waiting


async def test_a_users_document_is_fetched_with_get_file(
    botapi: BotApiServer, ptb_bot: Bot
) -> None:
    erin = botapi.user("Erin")
    sent = botapi.send_document(erin, b"# Notes\n\nText.\n", "notes.md", mime_type="text/markdown")
    message = Update.de_json(sent, ptb_bot).effective_message
    assert message is not None and message.document is not None
    document = message.document
    assert (document.file_name, document.file_size, document.mime_type) == (
        "notes.md", 15, "text/markdown")
    file = await ptb_bot.get_file(document.file_id)
    assert file.file_size == 15 and file.file_unique_id == document.file_unique_id
    assert file.file_path is not None and file.file_path.endswith(".md")
    assert bytes(await file.download_as_bytearray()) == b"# Notes\n\nText.\n"
    with pytest.raises(BadRequest, match="(?i)invalid file_id"):
        await ptb_bot.get_file("no-such-file")
    [download] = botapi.calls("download")
    assert download.ok and download.result == 15


async def test_a_file_the_bot_sent_can_be_downloaded_and_unknown_paths_are_404(
    botapi: BotApiServer, ptb_bot: Bot
) -> None:
    user = botapi.user()
    sent = await ptb_bot.send_document(user.id, b'{"answers": []}', filename="export.json")
    assert sent.document is not None
    file = await ptb_bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b'{"answers": []}'
    assert file.file_path is not None  # PTB made it the full URL
    path = file.file_path.split(f"{botapi.token}/", 1)[1]
    async with aiohttp.ClientSession() as session:
        for url in (f"{botapi.base_file_url}{botapi.token}/documents/no-such-file",
                    f"{botapi.base_file_url}7000000001:wrong/{path}"):
            async with session.get(url) as response:
                assert response.status == 404
