"""Handlers for a learner's private chat: parse the update, call the tutor once, render.

No learning rules and no SQL here: the tutor decides, the renderer draws. Every handler
checks the optional fields it uses instead of assuming them.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from telegram import CallbackQuery, ChatMember, Message, Update
from telegram.constants import CallbackQueryLimit, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.telegram.charts import render_progress_chart
from bot.telegram.context import Clock, parse_command, person_of
from bot.telegram.polls import SentPolls
from bot.telegram.render import Renderer, Target
from bot.tutor import ProgressReport, Tutor
from bot.tutor.replies import Reply, ReplyKind
from bot.tutor.texts import shorten

logger = logging.getLogger(__name__)

LOST_POLL = "I lost track of that question. Send /quiz to carry on where you left off."
CHART_FILENAME = "progress.png"


class LearnerHandlers:
    """The callbacks PTB calls for private chats, poll answers and membership changes."""

    def __init__(
        self,
        *,
        tutor: Tutor,
        renderer: Renderer,
        polls: SentPolls,
        clock: Clock,
    ) -> None:
        self._tutor = tutor
        self._renderer = renderer
        self._polls = polls
        self._clock = clock

    async def run_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Pass a command (known or not, with its arguments, e.g. a deep link) to the tutor."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.text is None:
            return
        name, args = parse_command(message.text)
        now = self._clock()
        replies = await self._tutor.command(person_of(user), name, args, now)
        target = Target(chat_id=message.chat_id, learner_id=user.id)
        await self._deliver(context, target, replies, now)

    async def _deliver(self, context: ContextTypes.DEFAULT_TYPE, target: Target,
                       replies: list[Reply], now: datetime) -> None:
        """Render the replies; a progress report also goes out as a chart."""
        await self._renderer.deliver(context.bot, target, replies, now)
        for reply in replies:
            if reply.progress is not None:
                await _send_progress_chart(context, reply.progress, target.chat_id)

    async def say(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Free text (a typed timezone, an answer number, or chatter) goes to the tutor."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        now = self._clock()
        text = message.text or message.caption or ""
        replies = await self._tutor.say(person_of(user), text, now)
        target = Target(chat_id=message.chat_id, learner_id=user.id)
        await self._renderer.deliver(context.bot, target, replies, now)

    async def press_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press: the tutor verifies the action; the press is always answered."""
        query = update.callback_query
        if query is None:
            return
        now = self._clock()
        try:
            replies = await self._tutor.press(person_of(query.from_user), query.data or "", now)
        except Exception:
            await answer_quietly(query, None)  # the error handler tells the learner the rest
            raise
        notices = [reply.text for reply in replies if reply.kind is ReplyKind.NOTICE]
        rest = [reply for reply in replies if reply.kind is not ReplyKind.NOTICE]
        await answer_quietly(query, " ".join(notices) or None)
        if not rest:
            return
        message = query.message
        private = message is not None and message.chat.type == ChatType.PRIVATE
        # Answers to a button outside a private chat go to the presser privately: no leaks.
        chat_id = message.chat.id if private and message is not None else query.from_user.id
        edit_id = None
        if private and isinstance(message, Message) and message.text is not None:
            edit_id = message.message_id
        if edit_id is not None and not _has_page(rest):
            await drop_keyboard(context, chat_id, edit_id)  # an answered card's buttons are spent
        target = Target(chat_id=chat_id, learner_id=query.from_user.id, edit_message_id=edit_id)
        await self._deliver(context, target, rest, now)

    async def answer_poll(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A quiz-poll vote: map it to the action stored with the poll, then ask the tutor."""
        answer = update.poll_answer
        if answer is None or answer.user is None or not answer.option_ids:
            return  # an anonymous voter chat, or a retracted vote: nothing to record
        stored = await self._polls.get(answer.poll_id)
        if stored is None:
            # A poll we never stored: forged, long forgotten, or sent just before a crash or a
            # database outage kept us from saving it. The quiz itself is safe in the database,
            # so point the voter at it rather than leave their answer unanswered.
            logger.info(
                "answer to unknown poll %s; pointing %s to /quiz", answer.poll_id, answer.user.id
            )
            await _say_quietly(context, answer.user.id, LOST_POLL)
            return
        now = self._clock()
        replies = await self._tutor.answer_poll(person_of(answer.user), stored,
                                                answer.option_ids[0], now)
        target = Target(chat_id=stored.chat_id, learner_id=answer.user.id, answered_by_poll=True)
        await self._deliver(context, target, replies, now)

    async def track_membership(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Blocking the bot marks the learner so reminders skip them; unblocking clears it."""
        change = update.my_chat_member
        if change is None or change.chat.type != ChatType.PRIVATE:
            return
        status = change.new_chat_member.status
        if status in (ChatMember.BANNED, ChatMember.LEFT):
            await self._tutor.mark_blocked(change.from_user.id, True, self._clock())
        elif status == ChatMember.MEMBER:
            await self._tutor.mark_blocked(change.from_user.id, False, self._clock())


def _has_page(replies: list[Reply]) -> bool:
    return any(reply.kind is ReplyKind.PAGE for reply in replies)


async def answer_quietly(query: CallbackQuery, text: str | None) -> None:
    """answerCallbackQuery, never raising: a press answered late is still better than an error."""
    limit = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH
    try:
        await query.answer(text=shorten(text, limit) if text else None)
    except TelegramError as error:
        logger.info("could not answer callback query: %s", error)


async def _send_progress_chart(context: ContextTypes.DEFAULT_TYPE, report: ProgressReport,
                               chat_id: int) -> None:
    """Draw the learner's mastery and daily answers and send them as a photo."""
    # Drawing takes a noticeable fraction of a second: keep it off the event loop.
    png = await asyncio.to_thread(render_progress_chart, report.mastery, report.days)
    await context.bot.send_photo(
        chat_id=chat_id, photo=png, filename=CHART_FILENAME, caption="Your progress"
    )


async def _say_quietly(context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str) -> None:
    """A best-effort message: a voter who never opened a chat with us cannot be written to."""
    try:
        await context.bot.send_message(chat_id=chat_id, text=text)
    except TelegramError as error:
        logger.info("could not write to %s: %s", chat_id, error)


async def drop_keyboard(context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int) -> None:
    """Remove the buttons of a message whose press has been handled; best effort."""
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=None
        )
    except TelegramError as error:
        logger.debug("could not remove keyboard of %s: %s", message_id, error)
