"""An admin's document in a private chat: download it, let the publisher judge it, render.

Thin on purpose: who may upload, what is refused, what is pending and how publishing
reloads the courses are `bot/publishing.py`'s. Here: Telegram's document, `getFile` and the
download, the Publish/Cancel presses (`up:...` callback data). A document in a group gets
no handler at all (routes.py), so it is ignored there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.publishing import Publisher, refusal
from bot.telegram.context import Clock
from bot.telegram.handlers import answer_quietly, drop_keyboard
from bot.telegram.render import Renderer, Target

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadHandlers:
    """PTB callbacks for a document message and for the Publish and Cancel buttons."""

    publisher: Publisher
    renderer: Renderer
    clock: Clock

    async def receive(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Refuse early when the sender or the size says so; else download, check, reply."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.document is None:
            return
        document = message.document
        replies = self.publisher.precheck(user.id, document.file_name, document.file_size)
        if replies is None:
            await _typing(context.bot, message.chat_id)  # a large document takes seconds
            try:
                file = await context.bot.get_file(document.file_id)
                data = bytes(await file.download_as_bytearray())
            except TelegramError as error:
                name = document.file_name or "the document"
                logger.info("could not download %s: %s", name, error)
                replies = [refusal(f"{name}: could not download it from Telegram "
                                   f"({error.message})")]
            else:
                replies = await self.publisher.check(user.id, data, document.file_name,
                                                     self.clock())
        target = Target(chat_id=message.chat_id, learner_id=user.id)
        await self.renderer.deliver(context.bot, target, replies, self.clock())

    async def press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Publish or Cancel: the press is answered at once, its buttons removed, and the
        outcome sent to the presser's private chat (after the command menu, when a publish
        changed the number of courses)."""
        query = update.callback_query
        if query is None:
            return
        await answer_quietly(query, None)
        user_id = query.from_user.id
        message = query.message
        if message is not None and message.chat.id == user_id:
            await drop_keyboard(context, user_id, message.message_id)
        now = self.clock()
        courses = self.publisher.course_count()
        replies = await self.publisher.press(user_id, query.data or "", now)
        if self.publisher.course_count() != courses:
            # /courses is in the command menu only when there is a choice of courses.
            from bot.telegram.app import register_commands  # app imports this module

            await register_commands(context.bot, courses=self.publisher.course_count())
        await self.renderer.deliver(context.bot, Target(chat_id=user_id, learner_id=user_id),
                                    replies, now)


async def _typing(bot: Bot, chat_id: int) -> None:
    """Show "typing…" while the document is read; best effort."""
    try:
        await bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)
    except TelegramError as error:
        logger.debug("could not send a chat action to %s: %s", chat_id, error)
