"""`peacebot run --webhook`: Telegram's updates in, and `GET /healthz` for load balancers.

PTB's own webhook server (tornado, inside its `Updater`) serves one route and has no hook
for a second one, so this is PTB's documented "custom webhook" set-up on aiohttp, already
our Bot API transport: the webhook route does what PTB's handler does (JSON only, the
`X-Telegram-Bot-Api-Secret-Token` header compared in constant time, 403 otherwise) but
answers 200 only once the update is handled (PTB's puts it on a queue and answers at once,
so a crash loses what was queued), and the application goes through the same
life cycle as in `Application.run_webhook`: initialize, post_init, start, until SIGINT or
SIGTERM; then stop, post_stop, shutdown, post_shutdown. The webhook stays set at Telegram
when one process stops: the other instances behind the same URL still serve it.

`/healthz` answers 200 "ok" when this process can serve learners (courses loaded, the
database answers `SELECT 1` within `HEALTH_TIMEOUT`), else 503 with the reason, so a load
balancer sends updates only to instances that can handle them.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
import weakref
from collections.abc import Awaitable, Callable, Sequence
from http import HTTPStatus

from aiohttp import web
from telegram import Update
from telegram.ext import ExtBot

from bot.errors import UserFacingError
from bot.telegram.context import App

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT = 3.0  # seconds; load balancers wait about 5 s for an answer
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

# Why the process cannot serve learners now, or None (`Tutor.readiness_problem`).
Readiness = Callable[[], Awaitable[str | None]]
# Store what a handled update left to be written behind (the sent polls' records), so
# another instance can read it once the update is acknowledged (`PollStore.flush`).
Settle = Callable[[], Awaitable[object]]

_serving: weakref.WeakSet[App] = weakref.WeakSet()


def serving(application: App) -> bool:
    """Whether this module's webhook server is taking updates for `application` (the
    heartbeat reads it as it reads a polling updater's `running`)."""
    return application in _serving


def webhook_app(application: App, *, path: str, secret: str,
                readiness: Readiness, settle: Settle | None = None) -> web.Application:
    """The aiohttp application: POST /`path` (and /`path`/) for updates, GET /healthz."""
    expected = secret.encode()
    health = _Health(readiness)

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if request.content_type != "application/json" or not hmac.compare_digest(given, expected):
            logger.debug("webhook request refused: wrong content type or secret token")
            return web.Response(status=HTTPStatus.FORBIDDEN)
        try:
            update = Update.de_json(json.loads(await request.read()), application.bot)
        except Exception as error:  # as PTB's handler: whatever de_json raises, 400
            logger.warning("webhook request that is not an update: %r", error)
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        if isinstance(application.bot, ExtBot):  # as PTB's handler: arbitrary callback data
            application.bot.insert_callback_data(update)
        # Handled before the 200, through the same per-learner processor as the queue path:
        # an update Telegram saw acknowledged is one this process finished, so kill -9
        # loses none (an unanswered one Telegram sends again, to whichever instance).
        await application.update_processor.process_update(
            update, application.process_update(update))
        if settle is not None:
            await settle()
        return web.Response()

    app = web.Application()
    route = "/" + path.strip("/")
    app.router.add_post(route, receive)
    if route != "/":
        app.router.add_post(route + "/", receive)
    app.router.add_get(HEALTH_PATH, health.handle)
    return app


class _Health:
    """GET /healthz; logs when the answer changes, not on every probe."""

    def __init__(self, readiness: Readiness) -> None:
        self._readiness = readiness
        self._last: str | None = None

    async def handle(self, _request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT):
                problem = await self._readiness()
        except TimeoutError:
            problem = f"the database did not answer within {HEALTH_TIMEOUT:g} s"
        if problem != self._last:
            if problem is None:
                logger.info("health check: ready again")
            else:
                logger.warning("health check: not ready: %s", problem)
            self._last = problem
        if problem is None:
            return web.Response(text="ok")
        return web.Response(status=HTTPStatus.SERVICE_UNAVAILABLE, text=f"unavailable: {problem}")


async def serve_webhooks(
    application: App,
    *,
    listen: str,
    port: int,
    url: str,
    path: str,
    secret: str,
    allowed_updates: Sequence[str],
    readiness: Readiness,
    settle: Settle | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Run `application` on webhooks until SIGINT/SIGTERM (or `stop` is set).

    The server listens before `setWebhook` is called, so Telegram's first delivery finds it.
    Errors of start-up (a refused token, an unreachable Bot API) propagate after the
    application was shut down, as from `run_webhook`.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    runner = web.AppRunner(webhook_app(application, path=path, secret=secret,
                                       readiness=readiness, settle=settle), access_log=None)
    try:
        await application.initialize()
        if application.post_init:
            await application.post_init(application)
        await runner.setup()
        try:
            await web.TCPSite(runner, listen, port).start()
        except OSError as error:
            raise UserFacingError(f"cannot listen on {listen}:{port}: {error.strerror}") from error
        await application.bot.set_webhook(url, allowed_updates=list(allowed_updates),
                                          secret_token=secret)
        await application.start()
        _serving.add(application)
        await stop.wait()
        logger.info("stopping: finishing the updates in hand")
    finally:
        _serving.discard(application)
        await runner.cleanup()  # no new updates; the queued ones are handled by stop()
        if application.running:
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
