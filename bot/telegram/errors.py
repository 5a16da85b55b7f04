"""The one application-level error handler: log first, then tell the learner briefly.

The tutor writes each answer in its own transaction before anything is sent, so when
something fails afterwards the learner's progress is already safe; the message says so.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import ContextTypes

from bot.telegram.context import Clock
from bot.tutor import Tutor
from bot.tutor.errors import is_store_unavailable

logger = logging.getLogger(__name__)

SORRY = "Something went wrong, your progress is safe; please try again."
CONFLICT = (
    "another process is polling this bot token (Telegram answered 409 Conflict): long polling "
    "allows one instance per token; stop the other one, or run every instance with --webhook"
)
CONFLICT_REPEAT = timedelta(minutes=10)  # the same line again at most this often
DB_UNAVAILABLE = (
    "I can't reach my notebook right now, your progress is safe; please try again shortly."
)


class ErrorHandler:
    """Classifies an error: blocked learner, transient network trouble, or a real failure."""

    def __init__(self, *, tutor: Tutor, clock: Clock) -> None:
        self._tutor = tutor
        self._clock = clock
        self._conflict_logged: datetime | None = None

    async def __call__(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if error is None:
            return
        if isinstance(error, Conflict):
            self._log_conflict()
            return
        user_id = _user_id(update)
        if isinstance(error, Forbidden):
            logger.info("learner %s blocked the bot: %s", user_id, error.message)
            if user_id is not None and _is_private(update):
                await self._mark_blocked(user_id)
            return
        if isinstance(error, RetryAfter) or (
            isinstance(error, NetworkError) and not isinstance(error, BadRequest)
        ):
            # Flood control outlasted the retries, or Telegram is unreachable: telling the
            # learner would fail the same way. Log and carry on with other updates.
            logger.warning("Telegram unreachable for update of %s: %s", user_id, error)
            return
        if is_store_unavailable(error):
            # An outage, not a bug: one line per update, not a traceback each, while it lasts.
            reason = (str(error).strip().splitlines() or [""])[0][:200]
            logger.warning(
                "database unavailable for update of %s: %s: %s",
                user_id,
                type(error).__name__,
                reason,
            )
        else:
            logger.error("update of learner %s failed", user_id, exc_info=error)
        if isinstance(update, Update):
            await _tell(update, context, DB_UNAVAILABLE if is_store_unavailable(error) else SORRY)

    def _log_conflict(self) -> None:
        """PTB retries getUpdates into the conflict every few seconds: one line, not a
        traceback per retry, repeated only while it lasts."""
        now = self._clock()
        if self._conflict_logged is None or now - self._conflict_logged >= CONFLICT_REPEAT:
            logger.warning(CONFLICT)
            self._conflict_logged = now

    async def _mark_blocked(self, user_id: int) -> None:
        try:
            await self._tutor.mark_blocked(user_id, True, self._clock())
        except Exception:  # the database may be the problem too; the next sweep retries
            logger.exception("could not mark learner %s as blocked", user_id)


def _user_id(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.poll_answer is not None and update.poll_answer.user is not None:
        return update.poll_answer.user.id
    return update.effective_user.id if update.effective_user is not None else None


def _is_private(update: object) -> bool:
    """Forbidden in a private chat means blocked; in a group it means removed from the group."""
    if not isinstance(update, Update):
        return False
    chat = update.effective_chat
    return chat is None or chat.type == ChatType.PRIVATE


async def _tell(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Say sorry where the learner will see it; never raise from the error handler."""
    chat = update.effective_chat
    chat_id = chat.id if chat is not None else _user_id(update)
    if chat_id is None:
        return
    try:
        if update.callback_query is not None:
            try:
                await update.callback_query.answer()
            except TelegramError:
                pass  # already answered by the handler
        await context.bot.send_message(chat_id=chat_id, text=text)
    except TelegramError as error:
        logger.warning("could not tell %s about the error: %s", chat_id, error)
