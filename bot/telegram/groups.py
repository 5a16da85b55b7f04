"""Group chats: a shared quiz whose answers count for each member, and nothing private.

How a group quiz works:
- `/quiz` in a group sends a short run of quiz polls (non-anonymous, so Telegram tells us
  who voted) drawn from the courses, picked with a `random.Random` seeded by the chat and
  message, so the same command always picks the same questions.
- Each poll is stored with `group:<question id>` for every option. A member's vote is
  recorded for that member through `Tutor.answer_question` with the answer key
  `g<poll id>`, so a vote Telegram delivers twice is counted once, and members who never
  opened a private chat with the bot still get their answers recorded.
- Nothing is posted back to the group per answer: the poll itself shows right and wrong
  and the explanation, and a member's progress is never shown to the others.
- Personal commands (/progress, /export, /delete, /settings, lessons and reviews) are
  answered in the group only with a pointer to the private chat.
"""

from __future__ import annotations

import html
import logging
import random
from collections.abc import Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.telegram.context import Clock, learner_of
from bot.telegram.formatting import POLL_EXPLANATION_LIMIT, fits_poll, shorten
from bot.telegram.polls import PollStore, StoredPoll, group_actions
from bot.telegram.render import send_quiz_poll
from bot.tutor import Tutor
from bot.tutor.replies import QuestionCard
from content.model import Course, Question

logger = logging.getLogger(__name__)

GROUP_HELP = (
    "In this group: /quiz starts a group quiz. Everyone can answer, and each member's "
    "answers count for their own progress.\n\n"
    "Lessons, reviews, settings and your progress are private: talk to me directly."
)
PRIVATE_ONLY = "That is personal, so I answer it in our private chat."
NO_QUESTIONS = "There are no questions to ask yet."


def group_card(question: Question, number: int, total: int) -> QuestionCard:
    """A poll-ready card for a group; the explanation is shortened to the poll's limit."""
    return QuestionCard(
        prompt=question.prompt,
        options=question.options,
        correct=question.answer,
        explanation=shorten(question.explanation, POLL_EXPLANATION_LIMIT),
        answer_actions=group_actions(question.id, len(question.options)),
        number=number,
        total=total,
    )


def pick_questions(courses: Sequence[Course], count: int, rng: random.Random) -> list[Question]:
    """Up to `count` distinct questions that fit a quiz poll, in a seeded random order."""
    pool = [
        question
        for course in courses
        for question in course.questions
        if fits_poll(group_card(question, 1, 1))
    ]
    return rng.sample(pool, min(count, len(pool)))


class GroupQuiz:
    """Group-chat commands and the recording of group poll answers."""

    def __init__(
        self,
        *,
        tutor: Tutor,
        polls: PollStore,
        courses: Sequence[Course],
        size: int,
        clock: Clock,
    ) -> None:
        self._tutor = tutor
        self._polls = polls
        self._courses = tuple(courses)
        self._size = size
        self._clock = clock

    async def start_quiz(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Send a run of quiz polls to the group; every member answers for themselves."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        rng = random.Random(f"{message.chat_id}:{message.message_id}")
        questions = pick_questions(self._courses, self._size, rng)
        if not questions:
            await message.reply_text(NO_QUESTIONS)
            return
        await message.reply_text(
            f"Group quiz: {len(questions)} questions. Each answer counts for whoever gives it."
        )
        now = self._clock()
        for number, question in enumerate(questions, start=1):
            card = group_card(question, number, len(questions))
            async with self._polls.sending():
                sent = await send_quiz_poll(context.bot, message.chat_id, card)
                if sent.poll is None:
                    continue
                await self._polls.save_group(
                    poll_id=sent.poll.id,
                    owner=learner_of(user),
                    chat_id=message.chat_id,
                    question_id=question.id,
                    option_count=len(question.options),
                    now=now,
                )

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
                f"<i>{html.escape(PRIVATE_ONLY)}</i>",
                parse_mode=ParseMode.HTML,
                reply_markup=_private_link(context),
            )

    async def record_answer(
        self, voter: User, stored: StoredPoll, option: int, now: datetime
    ) -> None:
        """Record one member's vote on a group poll, for that member; idempotent per poll."""
        question_id = stored.group_question_id
        if question_id is None:
            return
        await self._tutor.answer_question(
            learner_of(voter), question_id, option, now, answer_key=f"g{stored.poll_id}"
        )


def _private_link(context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup | None:
    username = context.bot.username if context.bot is not None else None
    if not username:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Open a private chat", url=f"https://t.me/{username}")]]
    )
