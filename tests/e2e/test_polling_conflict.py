"""Two long-polling consumers of one token: Telegram answers 409; the bot says so once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram.errors import CONFLICT
from tests.e2e.bot_process import REPLY_TIMEOUT, start_bot
from tests.e2e.botapi import BotApiServer

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_a_409_conflict_is_one_clear_line_and_polling_goes_on(tmp_path: Path) -> None:
    async with BotApiServer() as server:
        bot = await start_bot(server, tmp_path)
        try:
            server.faults.fail_next(2, code=409, methods={"getUpdates"})
            mark = server.mark()
            # two refused polls, then a normal one that delivers /help
            await server.wait_for(
                lambda call: call.method == "getUpdates" and call.seq > mark and call.ok,
                timeout=30.0,
            )
            learner = server.user("Ola")
            server.send_text(learner, "/help")
            [reply] = await server.wait_sent(learner.id, timeout=REPLY_TIMEOUT)
            assert "/learn" in (reply.text or "")
        finally:
            code = await bot.stop()
        log = bot.log()
        assert code == 0, log
        assert log.count(CONFLICT) == 1, log
        assert "Traceback" not in log, log
