"""Replies → Telegram calls: messages, edited lesson pages, quiz polls, photos, documents.

The only place that knows how a `Reply` looks in Telegram. Handlers decide *where* replies
go (a `Target`); this module decides *how*, and how many messages an answer costs (at
Telegram's 30 messages a second, that is what caps the bot):
- A quiz poll shows the verdict, the right option and a short explanation with its source
  itself, so after a vote the feedback reply is sent only when it adds something: a wrong
  answer whose explanation and source did not fit in the poll (`poll_explanation`).
- Feedback that is sent rides in the next message when that is text (the quiz summary, or a
  question asked with buttons): one message instead of two.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from telegram import Bot, Message, Poll
from telegram.error import BadRequest

from bot.telegram.formatting import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    fits_poll,
    keyboard,
    message_html,
    poll_explanation,
    poll_question,
    question_html,
    question_keyboard,
    shown_by_poll,
    split_html,
)
from bot.telegram.polls import SentPolls
from bot.tutor import PollRecord
from bot.tutor.replies import Attachment, QuestionCard, Reply, ReplyKind
from bot.tutor.texts import shorten

if TYPE_CHECKING:
    from telegram._utils.types import CorrectOptionIds

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Target:
    """Where replies go: a chat, the learner they are for, and a message to edit in place."""

    chat_id: int
    learner_id: int
    edit_message_id: int | None = None
    answered_by_poll: bool = False  # the replies answer a vote on a quiz poll


class Renderer:
    """Sends a learner's replies, remembering every quiz poll so its answer can be routed."""

    def __init__(self, polls: SentPolls) -> None:
        self._polls = polls

    async def deliver(
        self, bot: Bot, target: Target, replies: Sequence[Reply], now: datetime
    ) -> None:
        """Render `replies` in order; the first PAGE reply edits the pressed message."""
        edit_id = target.edit_message_id
        lead = ""  # feedback HTML waiting to ride with the next message
        for reply in replies:
            if reply.feedback is not None:
                if not (target.answered_by_poll and shown_by_poll(reply.feedback)):
                    lead = message_html(reply)
                continue
            if lead and not _carries_lead(reply):
                await _send_html(bot, target.chat_id, lead)
                lead = ""
            if reply.kind is ReplyKind.PAGE and edit_id is not None:
                if await self._edit(bot, target.chat_id, edit_id, reply):
                    edit_id = None
                    continue
            await self._send(bot, target, reply, now, lead)
            lead = ""
        if lead:
            await _send_html(bot, target.chat_id, lead)

    async def _send(self, bot: Bot, target: Target, reply: Reply, now: datetime,
                    lead: str) -> None:
        if reply.attachment is not None:
            await self._send_attachment(bot, target.chat_id, reply, reply.attachment)
        elif reply.question is not None:
            await self._send_question(bot, target, reply, reply.question, now, lead)
        else:
            await self._send_text(bot, target.chat_id, reply, lead)

    async def _send_text(self, bot: Bot, chat_id: int, reply: Reply, lead: str = "") -> None:
        if lead:
            joined = f"{lead}\n\n{message_html(reply)}"
            if len(joined) <= MESSAGE_LIMIT:
                await _send_html(bot, chat_id, joined, reply)
                return
            await _send_html(bot, chat_id, lead)
        chunks = split_html(reply)
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await _send_html(bot, chat_id, chunk, reply if last else None)

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
                reply_markup=keyboard(reply.choices),
            )
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return True  # a double tap on the same page: it already shows what we want
            logger.info("cannot edit message %s, sending a new one: %s", message_id, error.message)
            return False
        return True

    async def _send_question(self, bot: Bot, target: Target, reply: Reply, card: QuestionCard,
                             now: datetime, lead: str) -> None:
        if not fits_poll(card):
            text, _ = question_html(reply, card)
            await bot.send_message(
                chat_id=target.chat_id,
                text=f"{lead}\n\n{text}" if lead else text,
                reply_markup=question_keyboard(reply, card),
            )
            return
        if reply.title or reply.text:
            await _send_html(bot, target.chat_id, message_html(reply))
        async with self._polls.sending():
            message = await send_quiz_poll(bot, target.chat_id, card, reply)
            if message.poll is not None:
                record = PollRecord(message.poll.id, target.learner_id, target.chat_id,
                                    card.answer_actions)
                self._polls.save(record, now)

    async def _send_attachment(
        self, bot: Bot, chat_id: int, reply: Reply, attachment: Attachment
    ) -> None:
        caption_source = attachment.caption or reply.text or reply.title
        caption = html.escape(shorten(caption_source, CAPTION_LIMIT)) if caption_source else None
        markup = keyboard(reply.choices)
        if attachment.mime_type.startswith("image/"):
            await bot.send_photo(chat_id=chat_id, photo=attachment.data,
                                 filename=attachment.filename, caption=caption,
                                 reply_markup=markup)
        else:
            await bot.send_document(chat_id=chat_id, document=attachment.data,
                                    filename=attachment.filename, caption=caption,
                                    reply_markup=markup)


def _carries_lead(reply: Reply) -> bool:
    """Whether feedback can ride in the message that shows `reply` (a text message)."""
    if reply.attachment is not None or reply.kind is ReplyKind.PAGE:
        return False
    return reply.question is None or not fits_poll(reply.question)


async def _send_html(bot: Bot, chat_id: int, text: str, reply: Reply | None = None) -> None:
    """One HTML message (the application's default parse mode), with `reply`'s buttons."""
    markup = keyboard(reply.choices) if reply is not None else None
    await bot.send_message(chat_id=chat_id, text=text or "…", reply_markup=markup)


async def send_quiz_poll(
    bot: Bot, chat_id: int, card: QuestionCard, reply: Reply | None = None
) -> Message:
    """A non-anonymous quiz poll for `card` (which must `fits_poll`), its explanation the
    card's with the source; texts escaped for the application's HTML parse mode."""
    explanation, _ = poll_explanation(card.explanation, card.source)
    return await bot.send_poll(
        chat_id=chat_id,
        question=html.escape(poll_question(card), quote=False),
        options=[html.escape(option, quote=False) for option in card.options],
        is_anonymous=False,
        type=Poll.QUIZ,
        # PTB types the index as a Literal 0..11; fits_poll guarantees it is in range.
        correct_option_ids=cast("CorrectOptionIds", [card.correct]),
        explanation=html.escape(explanation, quote=False) or None,
        reply_markup=keyboard(reply.choices) if reply is not None else None,
    )
