"""Admin commands (/stats, /admin) for the user ids in ADMIN_IDS, in private chats only.

Access is decided by a `filters.User` on the handler: for anyone else the command is not
matched here and falls through to the unknown-command handler, so it does not even
reveal that admin commands exist.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram.context import Clock
from bot.telegram.render import Renderer, Target
from bot.tutor import Tutor

ADMIN_COMMANDS = ("stats", "admin")


class AdminHandlers:
    """Learner counts, active today, answers today and the hardest questions."""

    def __init__(self, *, tutor: Tutor, renderer: Renderer, clock: Clock) -> None:
        self._tutor = tutor
        self._renderer = renderer
        self._clock = clock

    async def show_stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Render the tutor's admin statistics."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        now = self._clock()
        reply = await self._tutor.admin_stats(now)
        target = Target(chat_id=message.chat_id, learner_id=user.id)
        await self._renderer.deliver(context.bot, target, [reply], now)
