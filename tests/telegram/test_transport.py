"""The aiohttp transport under the real PTB Bot, against the stand-in Bot API server."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, TimedOut
from telegram.ext import ExtBot

from bot.telegram.transport import AiohttpRequest, make_request
from tests.e2e.botapi import DEFAULT_TOKEN, BotApiServer


def _bot(base_url: str, request: AiohttpRequest) -> ExtBot[None]:
    return ExtBot(DEFAULT_TOKEN, base_url=base_url, request=request,
                  get_updates_request=make_request(pool_size=1))


@pytest.fixture
async def bot(botapi: BotApiServer) -> AsyncIterator[ExtBot[None]]:
    async with _bot(botapi.base_url, make_request()) as started:
        yield started


async def test_form_fields_and_json_markup_arrive_as_sent(
    botapi: BotApiServer, bot: ExtBot[None]
) -> None:
    user = botapi.user()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="n:1")]])

    message = await bot.send_message(user.chat.id, "Ünïcode & <b>", reply_markup=keyboard)

    call = botapi.calls("sendMessage")[-1]
    assert call.params["text"] == "Ünïcode & <b>"
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "n:1"
    assert message.text == "Ünïcode & <b>"
    assert message.chat.id == user.chat.id


async def test_an_upload_is_multipart_with_its_name_and_type(
    botapi: BotApiServer, bot: ExtBot[None]
) -> None:
    user = botapi.user()
    await bot.send_document(user.chat.id, b'{"xp": 10}', filename="me.json", caption="yours")

    call = botapi.calls("sendDocument")[-1]
    assert call.params["caption"] == "yours"
    [upload] = call.files
    assert (upload.filename, upload.data) == ("me.json", b'{"xp": 10}')


async def test_a_slow_answer_past_the_read_timeout_is_timed_out(botapi: BotApiServer) -> None:
    request = AiohttpRequest(connection_pool_size=2, read_timeout=0.2)
    async with _bot(botapi.base_url, request) as slow_bot:
        botapi.faults.slow(1.0, ["sendMessage"])
        with pytest.raises(TimedOut):
            await slow_bot.send_message(botapi.user().chat.id, "hello")
        botapi.faults.slow(0)
        # The pool is still usable after a timed-out request.
        assert (await slow_bot.send_message(botapi.user().chat.id, "again")).text == "again"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_refused_connection_is_a_network_error_without_the_token() -> None:
    bot = _bot(f"http://127.0.0.1:{_closed_port()}/bot", make_request())
    with pytest.raises(NetworkError) as raised:
        await bot.initialize()
    await bot.shutdown()

    assert "aiohttp.ClientConnectorError" in raised.value.message
    assert DEFAULT_TOKEN.split(":")[1] not in str(raised.value)


async def test_the_environment_s_proxy_is_used_unless_no_proxy_exempts_the_host(
    botapi: BotApiServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    proxied = _bot(botapi.base_url, make_request())
    with pytest.raises(NetworkError, match="aiohttp.ClientProxyConnectionError"):
        await proxied.initialize()
    await proxied.shutdown()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with _bot(botapi.base_url, make_request()) as bot:
        assert (await bot.get_me()).is_bot


async def test_it_opens_again_after_a_shutdown(botapi: BotApiServer) -> None:
    request = make_request()
    bot = _bot(botapi.base_url, request)
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(f"{botapi.base_url}{DEFAULT_TOKEN}/getMe")
    for _ in range(2):
        async with bot:
            assert (await bot.get_me()).is_bot
