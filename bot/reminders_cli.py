"""`peacebot remind [--at ISO-8601]`: one reminder sweep from the command line, then exit.

Same sweep as the one `peacebot run` schedules every minute; `--at` fixes the clock so an
operator (or a test) can ask "what would be sent at 18:05 tomorrow?" and send exactly that.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ExtBot

from bot.config import Settings
from bot.errors import UserFacingError
from bot.telegram.ratelimit import RetryingRateLimiter
from bot.telegram.reminders import MAX_IN_FLIGHT, SweepResult, sweep
from bot.telegram.transport import make_request

logger = logging.getLogger(__name__)

SEND_RETRIES = 3


def run_remind(settings: Settings, *, at: datetime | None) -> int:
    """Migrate if needed, run one sweep as of `at` (default: now), print how many were sent."""
    from db.errors import DatabaseUnavailable, is_unavailable
    from db.migrate import upgrade

    token = settings.telegram_bot_token
    if token is None:
        raise UserFacingError(
            "TELEGRAM_BOT_TOKEN is not set; peacebot remind sends through Telegram"
        )
    try:
        upgrade(settings.database_url)
        result = asyncio.run(_remind(settings, token, at or datetime.now(UTC)))
    except UserFacingError:
        raise
    except Exception as error:
        if isinstance(error, DatabaseUnavailable):
            raise UserFacingError(str(error)) from error
        if is_unavailable(error):
            raise UserFacingError(f"cannot reach the database: {error}") from error
        raise
    print(f"{result.sent} reminders sent ({result.blocked} blocked, {result.failed} failed)")
    return 0


async def _remind(settings: Settings, token: str, now: datetime) -> SweepResult:
    from db.engine import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    bot: ExtBot[int] = ExtBot(
        token,
        base_url=settings.telegram_api_url,
        rate_limiter=RetryingRateLimiter(max_retries=SEND_RETRIES),
        request=make_request(pool_size=MAX_IN_FLIGHT),
    )
    try:
        await _start(bot, settings.telegram_api_url)
        return await sweep(bot, create_session_factory(engine), now=now)
    finally:
        await bot.shutdown()  # also when _start failed: its HTTP sessions are open
        await engine.dispose()


async def _start(bot: ExtBot[int], api_url: str) -> None:
    """Initialise the bot (one getMe), turning Telegram failures into one clear line."""
    try:
        await bot.initialize()
    except InvalidToken as error:
        raise UserFacingError("TELEGRAM_BOT_TOKEN was refused by the Bot API") from error
    except NetworkError as error:
        raise UserFacingError(f"cannot reach the Bot API at {api_url}: {error}") from error
    except TelegramError as error:
        raise UserFacingError(f"the Bot API refused to start: {error}") from error
