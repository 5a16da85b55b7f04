"""The app factory: one place that wires settings, tutor and handlers into a PTB Application.

`configured_bot` is the bot both `peacebot run` and `peacebot remind` send with: the aiohttp
transport, the one rate limiter at `TELEGRAM_MAX_RATE`, HTML and no link previews as
defaults. `build_application` adds the handlers (tests call it with their own clock and a
stand-in Bot API); `run_bot` is `peacebot run`: the start-up wiring, then poll or serve
webhooks.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlparse

from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ApplicationBuilder, Defaults, ExtBot

from bot.config import Settings
from bot.errors import UserFacingError
from bot.telegram.budget import Instances, install_budget
from bot.telegram.context import App, Clock, utc_now
from bot.telegram.ordering import PerLearnerUpdateProcessor
from bot.telegram.polls import SentPolls
from bot.telegram.ratelimit import RateLimiter
from bot.telegram.routes import add_handlers
from bot.telegram.transport import make_request
from bot.telegram.webhook import serve_webhooks
from bot.tutor import Tutor
from bot.wiring import prepare

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = (
    Update.MESSAGE,
    Update.CALLBACK_QUERY,
    Update.POLL_ANSWER,
    Update.MY_CHAT_MEMBER,
)

PRIVATE_COMMANDS = (
    BotCommand("start", "Welcome and where to begin"),
    BotCommand("help", "What I can do"),
    BotCommand("lessons", "All lessons and your place in each"),
    BotCommand("learn", "Continue reading where you left off"),
    BotCommand("quiz", "A short quiz"),
    BotCommand("review", "Questions that are due for review"),
    BotCommand("progress", "XP, streak, mastery and a chart"),
    BotCommand("settings", "Timezone, reminders, quiet hours, quiz size"),
    BotCommand("export", "Download your data as JSON"),
    BotCommand("delete", "Delete everything about you"),
)
# Listed only when there are several courses to choose from (it works either way).
COURSES_COMMAND = BotCommand("courses", "Choose which course to study")
GROUP_COMMANDS = (
    BotCommand("quiz", "A group quiz: everyone answers for themselves"),
    BotCommand("help", "What I can do here"),
)
DESCRIPTION = (
    "A tutor for the documents you study: short lessons, generated quizzes and "
    "spaced-repetition reviews that come back just before you would forget."
)
SHORT_DESCRIPTION = "Lessons, quizzes and spaced-repetition reviews."


# Every message is HTML (the renderer escapes the tutor's plain text) without link previews.
DEFAULTS = Defaults(parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True))


@dataclass(frozen=True, slots=True)
class BotServices:
    """What features hooked into the bot may use (the reminder job, for instance)."""

    settings: Settings
    tutor: Tutor
    clock: Clock = field(default=utc_now)
    instances: Instances | None = None  # the instances sharing the token's send budget


class Extension(Protocol):
    """A feature module's `install(application, services)`, called from `post_init`."""

    def __call__(self, application: App, services: BotServices) -> object: ...


# Feature modules that add jobs or handlers without this file knowing their insides.
EXTENSION_MODULES = ("bot.telegram.reminders", "bot.telegram.heartbeat")


def file_url_for(api_url: str) -> str:
    """The file download base matching an API base: `.../bot` → `.../file/bot`."""
    trimmed = api_url.rstrip("/")
    if trimmed.endswith("/bot"):
        return trimmed[: -len("bot")] + "file/bot"
    return trimmed + "/file/bot"


def configured_bot(settings: Settings) -> ExtBot[str]:
    """The bot as `peacebot run` and `peacebot remind` send with (module docstring)."""
    if not settings.telegram_bot_token:
        raise ValueError("a bot token is required to build the Telegram bot")
    return ExtBot(
        settings.telegram_bot_token,
        base_url=settings.telegram_api_url,
        base_file_url=file_url_for(settings.telegram_api_url),
        request=make_request(),
        get_updates_request=make_request(pool_size=1),  # the long poll has its own
        defaults=DEFAULTS,
        rate_limiter=RateLimiter(rate=settings.telegram_max_rate),
    )


def build_application(
    settings: Settings,
    tutor: Tutor,
    *,
    clock: Clock = utc_now,
    extensions: Sequence[str] = EXTENSION_MODULES,
    on_shutdown: Callable[[], Awaitable[None]] | None = None,
    instances: Instances | None = None,
) -> App:
    """A ready-to-run Application; `on_shutdown` (closing the runtime) runs when it stops,
    after the tutor stored what it still holds."""
    services = BotServices(settings=settings, tutor=tutor, clock=clock, instances=instances)

    async def post_init(application: App) -> None:
        await register_commands(application.bot, courses=len(tutor.catalog.views))
        await install_budget(application, instances)
        await _install_extensions(application, services, extensions)

    async def post_shutdown(application: App) -> None:
        await tutor.close()  # sent polls still waiting for their rows
        if on_shutdown is not None:
            await on_shutdown()

    application = (
        ApplicationBuilder()
        .bot(configured_bot(settings))
        .concurrent_updates(PerLearnerUpdateProcessor())
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    add_handlers(application, services=services, polls=SentPolls(tutor))
    return application


def private_commands(courses: int) -> list[BotCommand]:
    """The private chat's command menu; /courses joins it when there is a choice."""
    commands = list(PRIVATE_COMMANDS)
    if courses > 1:
        commands.insert(2, COURSES_COMMAND)
    return commands


async def register_commands(bot: Bot, *, courses: int) -> None:
    """setMyCommands and descriptions; a failure is logged, not fatal: the bot still works."""
    try:
        await bot.set_my_commands(private_commands(courses))
        await bot.set_my_commands(list(GROUP_COMMANDS), scope=BotCommandScopeAllGroupChats())
        await bot.set_my_description(DESCRIPTION)
        await bot.set_my_short_description(SHORT_DESCRIPTION)
    except TelegramError as error:
        logger.warning("could not register commands or description: %s", error)


async def _install_extensions(
    application: App,
    services: BotServices,
    modules: Sequence[str],
) -> None:
    """Call `install(application, services)` of each feature module that exists."""
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            logger.debug("extension %s not present", name)
            continue
        install: Extension | None = getattr(module, "install", None)
        if install is None:
            continue
        result = install(application, services)
        if inspect.isawaitable(result):
            await result
        logger.info("installed %s", name)


def webhook_path(webhook_url: str) -> str:
    """The local path the webhook server listens on: the path of the public URL."""
    return urlparse(webhook_url).path.strip("/")


def run_bot(settings: Settings, *, webhook: bool) -> int:
    """`peacebot run`: migrate, load the courses, then poll (or serve webhooks) until stopped.

    PTB (polling) or `serve_webhooks` installs the SIGINT/SIGTERM handlers: a stop finishes
    the updates in hand, shuts the application down (post_shutdown disposes the engine) and
    returns here.
    """
    if webhook and not (settings.webhook_url and settings.webhook_secret):
        raise UserFacingError(
            "--webhook needs WEBHOOK_URL and WEBHOOK_SECRET: requests without the secret "
            "are refused, so it cannot run without one"
        )
    runtime = prepare(settings)
    # Only webhook instances can run side by side; a poller is alone on its token.
    application = build_application(settings, runtime.tutor, on_shutdown=runtime.close,
                                    instances=runtime.instances if webhook else None)
    api = urlparse(settings.telegram_api_url).netloc
    logging.getLogger("telegram.ext").addFilter(_NoTracebackOnAbort())
    # Modules, the course catalog and the application live as long as the process; frozen,
    # they are no longer walked by every full garbage collection. Under load those took
    # 49-69 ms each (a pause every learner in flight waits out), frozen 2-11 ms.
    gc.freeze()
    try:
        if webhook:
            assert settings.webhook_url is not None and settings.webhook_secret is not None
            logger.info("serving webhooks on %s:%d", settings.webhook_listen, settings.webhook_port)
            _event_loop().run_until_complete(serve_webhooks(
                application,
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                path=webhook_path(settings.webhook_url),
                url=settings.webhook_url,
                secret=settings.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
                readiness=runtime.tutor.readiness_problem,
                settle=runtime.tutor.polls.flush,
            ))
        else:
            logger.info("polling %s for updates", api)
            application.run_polling(allowed_updates=list(ALLOWED_UPDATES), close_loop=False)
    except InvalidToken as error:
        raise UserFacingError(f"the Bot API at {api} refused TELEGRAM_BOT_TOKEN") from error
    except NetworkError as error:
        raise UserFacingError(f"cannot reach the Bot API at {api}: {error.message}") from error
    finally:
        _close_transport(application)
    return 0


def _event_loop() -> asyncio.AbstractEventLoop:
    """The thread's event loop, made if there is none: the loop `run_polling` would use, and
    the one `_close_transport` closes."""
    try:
        return asyncio.get_event_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop


def _close_transport(application: App) -> None:
    """Close the HTTP sessions, then the loop PTB ran on (it was told to leave it open).

    When start-up fails PTB never shuts the bot down, and an open aiohttp session complains
    at exit, after the one clear line we print. After a normal stop this does nothing more.
    """
    loop = asyncio.get_event_loop()
    loop.run_until_complete(application.bot.shutdown())
    loop.close()


class _NoTracebackOnAbort(logging.Filter):
    """PTB logs a traceback when start-up gives up; we report that failure as one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and "Aborting" in str(record.msg):
            record.exc_info = None
            record.exc_text = None
        return True
