"""A heartbeat file for container health checks: touched while the bot is up and receiving.

`peacebot run` has no port to probe in polling mode, and checking the course content says
nothing about the bot. So while the application runs and its updater polls (or the webhook
server of `bot/telegram/webhook.py` serves), a job touches `HEARTBEAT_FILE` every `INTERVAL`
seconds; the Dockerfile's HEALTHCHECK calls the container unhealthy when the file is older
than `STALE_AFTER`. A stopped loop, a crashed updater or server, or a hung process all stop
the touches.
"""

from __future__ import annotations

import logging
from pathlib import Path

from telegram.ext import CallbackContext

from bot.telegram.app import BotServices
from bot.telegram.context import App
from bot.telegram.webhook import serving

logger = logging.getLogger(__name__)

INTERVAL = 30.0  # seconds between touches
STALE_AFTER = 120.0  # the HEALTHCHECK's limit (Dockerfile): four missed touches
JOB_NAME = "heartbeat"


def beat(application: App, path: Path) -> bool:
    """Touch `path` if the bot is receiving updates; whether it did."""
    updater = application.updater
    polling = updater is not None and updater.running
    if not application.running or not (polling or serving(application)):
        return False
    try:
        path.touch()
    except OSError as error:
        logger.warning("cannot touch the heartbeat file %s: %s", path, error)
        return False
    return True


def install(application: App, services: BotServices) -> None:
    """Start the heartbeat job when `HEARTBEAT_FILE` is set (the Docker image sets it)."""
    path = services.settings.heartbeat_file
    if path is None:
        return
    if application.job_queue is None:
        raise RuntimeError("the heartbeat needs PTB's job queue (install [job-queue])")

    async def tick(_context: CallbackContext) -> None:  # type: ignore[type-arg]
        beat(application, path)

    # `first=0` would never run (APScheduler skips a start already past): a second from now.
    application.job_queue.run_repeating(tick, interval=INTERVAL, first=1.0, name=JOB_NAME)
