"""The real `peacebot run` process, talking HTTP to the stand-in Bot API in the test's loop."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from db.engine import create_engine, create_session_factory
from db.models import Learner, ReviewLog
from tests.e2e.botapi import SECRET_HEADER, BotApiServer, Call

STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
REPLY_TIMEOUT = 15.0


@dataclass
class BotProcess:
    """A running bot: its process, the stand-in it talks to, and its database."""

    process: asyncio.subprocess.Process
    server: BotApiServer
    db_url: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    async def stop(self) -> int:
        """SIGTERM, as a service manager would; returns the exit code."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)

    async def learner(self, learner_id: int) -> Learner | None:
        engine = create_engine(self.db_url)
        try:
            async with create_session_factory(engine)() as session:
                return await session.get(Learner, learner_id)
        finally:
            await engine.dispose()

    async def answers(self, learner_id: int) -> list[ReviewLog]:
        from db import queries

        engine = create_engine(self.db_url)
        try:
            async with create_session_factory(engine)() as session:
                return list(await queries.list_answers(session, learner_id=learner_id))
        finally:
            await engine.dispose()


async def start_bot(
    server: BotApiServer, workdir: Path, *, webhook: bool = False, **env: str
) -> BotProcess:
    """Start `python -m bot.cli run` in `workdir` (no .env there) and wait until it is live."""
    db_url = f"sqlite+aiosqlite:///{workdir}/peacebot.db"
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.base_url,
        "DATABASE_URL": db_url,
        "ADMIN_IDS": "",
        **env,
    }
    log_path = workdir / "bot.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            *(["--webhook"] if webhook else []),
            cwd=workdir,
            env=environment,
            stdout=log,
            stderr=log,
        )
    bot = BotProcess(process, server, db_url, log_path)
    try:
        if webhook:
            await server.wait_for(lambda call: call.method == "setWebhook", timeout=STARTUP_TIMEOUT)
        else:  # the first long poll is in flight (it only finishes after its timeout)
            await server.wait_polling(timeout=STARTUP_TIMEOUT)
    except TimeoutError:
        await bot.stop()
        raise AssertionError(f"the bot did not start:\n{bot.log()}") from None
    return bot


def free_tcp_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for a webhook server or a proxy)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_listening(port: int, timeout: float = 10.0) -> None:
    """Wait until something accepts connections on 127.0.0.1:`port`.

    PTB calls setWebhook before its webhook server is listening.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return


async def next_sent(server: BotApiServer, chat_id: int, after: int) -> Call:
    """The first message delivered to `chat_id` by a call numbered above `after`."""
    [call] = await server.wait_sent(chat_id, since=after + 1, timeout=REPLY_TIMEOUT)
    return call


async def press(server: BotApiServer, user: Any, message: Any, label: str) -> int:
    """Press the button whose text contains `label`; returns the call-log mark before it."""
    mark = server.mark()
    server.press_button(user, message, server.find_button(message, label))
    return mark


@asynccontextmanager
async def round_robin(upstreams: list[int]) -> AsyncIterator[tuple[int, Counter[int]]]:
    """A reverse proxy on a free port: POST /hook to each upstream port in turn, headers and
    body as received; yields (its port, posts answered 200 per upstream)."""
    handled: Counter[int] = Counter()
    turn = itertools.cycle(upstreams)

    async with aiohttp.ClientSession() as client:

        async def forward(request: web.Request) -> web.Response:
            upstream = next(turn)
            headers = {name: request.headers[name] for name in (SECRET_HEADER, "Content-Type")
                       if name in request.headers}
            try:
                async with client.post(f"http://127.0.0.1:{upstream}/hook",
                                       data=await request.read(), headers=headers) as response:
                    if response.status == 200:
                        handled[upstream] += 1
                    return web.Response(status=response.status)
            except aiohttp.ClientError:  # a dead instance: Telegram will send it again
                return web.Response(status=502)

        app = web.Application()
        app.router.add_post("/hook", forward)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_tcp_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            yield port, handled
        finally:
            await runner.cleanup()


def migrate(db_url: str) -> None:
    """`peacebot db upgrade` once, as a deployment does before starting its instances."""
    done = subprocess.run([sys.executable, "-m", "bot.cli", "db", "upgrade"],
                          env={"PATH": "/usr/bin:/bin", "DATABASE_URL": db_url},
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode:
        raise RuntimeError(f"peacebot db upgrade failed: {done.stderr}")
