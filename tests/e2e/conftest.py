"""Fixtures for end-to-end tests: the stand-in Bot API server and a PTB Bot talking to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from tests.e2e.bot_process import free_tcp_port
from tests.e2e.botapi import BotApiServer


@pytest.fixture
async def botapi() -> AsyncIterator[BotApiServer]:
    """A started stand-in server (fresh state, seed 0, no faults, limits counted not enforced)."""
    async with BotApiServer() as server:
        yield server


@pytest.fixture
async def ptb_bot(botapi: BotApiServer) -> AsyncIterator[Bot]:
    """An initialized ``telegram.Bot`` whose requests go to ``botapi``."""
    async with Bot(
        botapi.token, base_url=botapi.base_url, base_file_url=botapi.base_file_url
    ) as bot:
        yield bot


@pytest.fixture
def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for the bot's own webhook server)."""
    return free_tcp_port()
