"""Replies → Telegram calls: messages, edited lesson pages, quiz polls, photos, documents.

The only place that knows how a `Reply` looks in Telegram. Handlers decide *where* replies
go (a `Target`); this module decides *how*.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from telegram import Bot, Message, Poll
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.telegram.formatting import (
    CAPTION_LIMIT,
    fits_poll,
    keyboard,
    message_html,
    poll_question,
    question_html,
    question_keyboard,
    shorten,
    split_html,
)
from bot.telegram.polls import PollStore
from bot.tutor.replies import Attachment, QuestionCard, Reply, ReplyKind

if TYPE_CHECKING:
    from telegram._utils.types import CorrectOptionIds

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Target:
    """Where replies go: a chat, the learner they are for, and a message to edit in place."""

    chat_id: int
    learner_id: int
    edit_message_id: int | None = None


class Renderer:
    """Sends a learner's replies, remembering every quiz poll so its answer can be routed."""

    def __init__(self, polls: PollStore) -> None:
        self._polls = polls

    async def deliver(
        self, bot: Bot, target: Target, replies: Sequence[Reply], now: datetime
    ) -> None:
        """Render `replies` in order; the first PAGE reply edits the pressed message."""
        edit_id = target.edit_message_id
        for reply in replies:
            if reply.kind is ReplyKind.PAGE and edit_id is not None:
                if await self._edit(bot, target.chat_id, edit_id, reply):
                    edit_id = None
                    continue
            await self._send(bot, target, reply, now)

    async def _send(self, bot: Bot, target: Target, reply: Reply, now: datetime) -> None:
        if reply.attachment is not None:
            await self._send_attachment(bot, target.chat_id, reply, reply.attachment)
        elif reply.question is not None:
            await self._send_question(bot, target, reply, reply.question, now)
        else:
            await self._send_text(bot, target.chat_id, reply)

    async def _send_text(self, bot: Bot, chat_id: int, reply: Reply) -> None:
        chunks = split_html(reply)
        markup = keyboard(reply.choices)
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await bot.send_message(
                chat_id=chat_id,
                text=chunk or "…",
                parse_mode=ParseMode.HTML,
                reply_markup=markup if last else None,
                disable_web_page_preview=True,
            )

    async def _edit(self, bot: Bot, chat_id: int, message_id: int, reply: Reply) -> bool:
        """Edit a message in place; False when Telegram refuses, so the caller sends instead."""
        chunks = split_html(reply)
        if len(chunks) > 1:
            return False
        try:
            await bot.edit_message_text(
                chat_id=chat_id,
                message_id=message_id,
                text=chunks[0] or "…",
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply.choices),
                disable_web_page_preview=True,
            )
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return True  # a double tap on the same page: it already shows what we want
            logger.info("cannot edit message %s, sending a new one: %s", message_id, error.message)
            return False
        return True

    async def _send_question(
        self, bot: Bot, target: Target, reply: Reply, card: QuestionCard, now: datetime
    ) -> None:
        if not fits_poll(card):
            text, _ = question_html(reply, card)
            await bot.send_message(
                chat_id=target.chat_id,
                text=text,
                parse_mode=ParseMode.HTML,
                reply_markup=question_keyboard(reply, card),
                disable_web_page_preview=True,
            )
            return
        if reply.title or reply.text:
            await bot.send_message(
                chat_id=target.chat_id,
                text=message_html(reply),
                parse_mode=ParseMode.HTML,
                disable_web_page_preview=True,
            )
        async with self._polls.sending():
            message = await send_quiz_poll(bot, target.chat_id, card, reply)
            if message.poll is not None:
                await self._polls.save(
                    poll_id=message.poll.id,
                    learner_id=target.learner_id,
                    chat_id=target.chat_id,
                    answer_actions=card.answer_actions,
                    now=now,
                )

    async def _send_attachment(
        self, bot: Bot, chat_id: int, reply: Reply, attachment: Attachment
    ) -> None:
        caption_source = attachment.caption or reply.text or reply.title
        caption = shorten(caption_source, CAPTION_LIMIT) if caption_source else None
        markup = keyboard(reply.choices)
        if attachment.mime_type.startswith("image/"):
            await bot.send_photo(
                chat_id=chat_id,
                photo=attachment.data,
                filename=attachment.filename,
                caption=caption,
                reply_markup=markup,
            )
        else:
            await bot.send_document(
                chat_id=chat_id,
                document=attachment.data,
                filename=attachment.filename,
                caption=caption,
                reply_markup=markup,
            )


async def send_quiz_poll(
    bot: Bot, chat_id: int, card: QuestionCard, reply: Reply | None = None
) -> Message:
    """A non-anonymous quiz poll for `card` (which must `fits_poll`); plain text, no HTML."""
    markup = keyboard(reply.choices) if reply is not None else None
    return await bot.send_poll(
        chat_id=chat_id,
        question=poll_question(card),
        options=list(card.options),
        is_anonymous=False,
        type=Poll.QUIZ,
        # PTB types the index as a Literal 0..11; fits_poll guarantees it is in range.
        correct_option_ids=cast("CorrectOptionIds", [card.correct]),
        explanation=card.explanation or None,
        reply_markup=markup,
    )
