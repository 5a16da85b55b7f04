"""Which update goes to which handler. Order matters within the group: first match wins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from bot.publishing import ACTION_PREFIX, Publisher
from bot.telegram.admin import ADMIN_COMMANDS, AdminHandlers
from bot.telegram.context import App
from bot.telegram.errors import ErrorHandler
from bot.telegram.groups import GroupQuiz
from bot.telegram.handlers import LearnerHandlers
from bot.telegram.polls import SentPolls
from bot.telegram.render import Renderer
from bot.telegram.uploads import UploadHandlers

if TYPE_CHECKING:
    from bot.telegram.app import BotServices

LEARNER_COMMANDS = (
    "start",
    "help",
    "courses",
    "lessons",
    "learn",
    "quiz",
    "review",
    "progress",
    "settings",
    "export",
    "delete",
)
GROUP_PERSONAL_COMMANDS = tuple(
    name for name in LEARNER_COMMANDS if name not in {"start", "help", "quiz"}
)

PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS


def add_handlers(
    application: App,
    *,
    services: BotServices,
    polls: SentPolls,
) -> None:
    """Register every handler and the error handler on `application`."""
    tutor, clock = services.tutor, services.clock
    renderer = Renderer(polls)
    groups = GroupQuiz(tutor=tutor, polls=polls, clock=clock)
    learner = LearnerHandlers(tutor=tutor, renderer=renderer, polls=polls, clock=clock)
    admin = AdminHandlers(tutor=tutor, renderer=renderer, clock=clock)
    uploads = UploadHandlers(publisher=Publisher(settings=services.settings, tutor=tutor),
                             renderer=renderer, clock=clock)

    application.add_handler(
        ChatMemberHandler(learner.track_membership, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_handler(PollAnswerHandler(learner.answer_poll))
    # Publish/Cancel of an admin's upload; every other button is the tutor's.
    application.add_handler(CallbackQueryHandler(uploads.press, pattern=f"^{ACTION_PREFIX}"))
    application.add_handler(CallbackQueryHandler(learner.press_button))
    if services.settings.admin_ids:
        # Before the learner commands; for anyone else /stats falls through to "unknown".
        admin_only = PRIVATE & filters.User(user_id=services.settings.admin_ids)
        application.add_handler(CommandHandler(ADMIN_COMMANDS, admin.show_stats, admin_only))
    application.add_handler(CommandHandler(LEARNER_COMMANDS, learner.run_command, PRIVATE))
    application.add_handler(CommandHandler("quiz", groups.start_quiz, GROUPS))
    application.add_handler(CommandHandler(("start", "help"), groups.show_help, GROUPS))
    application.add_handler(
        CommandHandler(GROUP_PERSONAL_COMMANDS, groups.point_to_private, GROUPS)
    )
    # After the known commands: any other command goes to the tutor, which answers helpfully.
    application.add_handler(MessageHandler(PRIVATE & filters.COMMAND, learner.run_command))
    # A document (an admin's new course); anyone else's is refused politely. In groups: ignored.
    application.add_handler(MessageHandler(PRIVATE & filters.Document.ALL, uploads.receive))
    # Last: free text (and anything else a learner sends privately) is the tutor's to read.
    application.add_handler(
        MessageHandler(PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL, learner.say)
    )
    application.add_error_handler(ErrorHandler(tutor=tutor, clock=clock))
