"""Group chats: a shared quiz whose answers count for each member, and nothing private.

How a group quiz works:
- `/quiz` in a group sends a short run of quiz polls (non-anonymous, so Telegram tells us
  who voted); the tutor picks the questions (`Tutor.group_quiz`), seeded by the chat and
  message, so the same command always picks the same questions.
- Each poll is stored by the tutor with the member who started the quiz as its owner; a
  member's vote is recorded for that member (`Tutor.answer_poll`), once per poll, and
  members who never opened a private chat with the bot still get their answers recorded.
- Nothing is posted back to the group per answer: the poll itself shows right and wrong
  and the explanation, and a member's progress is never shown to the others.
- Personal commands (/progress, /export, /delete, /settings, lessons and reviews) are
  answered in the group only with a pointer to the private chat.
"""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.telegram.context import Clock, person_of
from bot.telegram.formatting import fits_poll
from bot.telegram.polls import SentPolls
from bot.telegram.render import send_quiz_poll
from bot.tutor import PollRecord, Tutor
from bot.tutor.texts import plural

logger = logging.getLogger(__name__)

GROUP_HELP = (
    "In this group: /quiz starts a group quiz. Everyone can answer, and each member's "
    "answers count for their own progress.\n\n"
    "Lessons, reviews, settings and your progress are private: talk to me directly."
)
PRIVATE_ONLY = "That is personal, so I answer it in our private chat."
NO_QUESTIONS = "There are no questions to ask yet."


class GroupQuiz:
    """Group-chat commands: the group quiz, help, and pointers to the private chat."""

    def __init__(self, *, tutor: Tutor, polls: SentPolls, clock: Clock) -> None:
        self._tutor = tutor
        self._polls = polls
        self._clock = clock

    async def start_quiz(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Send a run of quiz polls to the group; every member answers for themselves."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        cards = self._tutor.group_quiz(f"{message.chat_id}:{message.message_id}", fits_poll)
        if not cards:
            await message.reply_text(NO_QUESTIONS)
            return
        await message.reply_text(
            f"Group quiz: {plural(len(cards), 'question')}. Each answer counts for whoever "
            "gives it."
        )
        now = self._clock()
        for card in cards:
            async with self._polls.sending():
                sent = await send_quiz_poll(context.bot, message.chat_id, card)
                if sent.poll is None:
                    continue
                poll = PollRecord(sent.poll.id, user.id, message.chat_id, card.answer_actions)
                await self._polls.save_group(poll, owner=person_of(user), now=now)

    async def show_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start and /help in a group: what works here, with a link to the private chat."""
        message = update.effective_message
        if message is not None:
            await message.reply_text(GROUP_HELP, reply_markup=_private_link(context))

    async def point_to_private(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Personal commands in a group: never answered there, only pointed elsewhere."""
        message = update.effective_message
        if message is not None:
            await message.reply_text(
                f"<i>{html.escape(PRIVATE_ONLY)}</i>", reply_markup=_private_link(context)
            )


def _private_link(context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup | None:
    username = context.bot.username if context.bot is not None else None
    if not username:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Open a private chat", url=f"https://t.me/{username}")]]
    )
