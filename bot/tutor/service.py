"""The tutor's public face: commands, button presses, free text, answers, polls, reminders.

Each call is one unit of work: one database session, one transaction, the learner fetched (or
created, always here and with the tutor's defaults) first, the clock given by the caller.
Handlers live in the feature modules (lessons, quiz, settings, progress, data_rights,
reminder_actions, reminder_sweep); this module only routes and owns the transaction. Front
ends never touch the database: everything they store or ask goes through `Tutor`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import (
    actions,
    courses,
    data_rights,
    lessons,
    quiz,
    reminder_actions,
    reports,
    settings,
)
from bot.tutor.answers import feedback, record
from bot.tutor.catalog import Catalog
from bot.tutor.group_quiz import group_cards
from bot.tutor.operator import stats_reply
from bot.tutor.polls import PollRecord, PollStore
from bot.tutor.progress import build_report, progress_reply
from bot.tutor.reminder_sweep import ClaimedBatch, claim_batch
from bot.tutor.reminders import refresh_next_reminder
from bot.tutor.replies import Choice, QuestionCard, Reply
from bot.tutor.texts import (
    FREE_TEXT,
    UNKNOWN_LEARNER,
    help_reply,
    menu_row,
    shorten,
    unknown_command,
)
from bot.tutor.turn import Person, Turn, TutorConfig, notice, require_aware
from content.model import Course
from db.engine import ping, retry_on_dead_connection
from db.models import Learner as LearnerRow
from db.queries.learners import get_learner, get_or_create_learner, lock_learner
from db.queries.learners import mark_blocked as store_blocked
from db.queries.polls import NewPoll, store_polls
from db.queries.quizzes import LearnerAndQuiz, get_active_quiz, get_learner_and_quiz
from db.queries.reviews import get_card_state

logger = logging.getLogger(__name__)

DEFAULT_CONFIG = TutorConfig()
# "Last seen" to the minute is all its readers (admin stats, export) need; finer, every turn
# would write the learner row, and a wrong answer or a page turn changes nothing else in it.
LAST_SEEN_STEP = timedelta(minutes=1)

Handler = Callable[[Turn], Awaitable[list[Reply]]]

__all__ = ["Person", "Tutor", "TutorConfig"]


class Tutor:
    """Lessons, quizzes, FSRS reviews and progress for every learner, over one database."""

    def __init__(self, *, courses: Sequence[Course],
                 sessions: async_sessionmaker[AsyncSession],
                 config: TutorConfig = DEFAULT_CONFIG) -> None:
        self.catalog = Catalog(courses)
        self.config = config
        self._sessions = sessions
        self.polls = PollStore(sessions)

    def replace_courses(self, courses: Sequence[Course]) -> None:
        """Serve `courses` from the next turn on (a published document, no restart).

        A turn keeps the catalog it started with; learners' rows refer to lessons and
        questions by id, so progress on courses that stay is untouched.
        """
        self.catalog = Catalog(courses)

    async def readiness_problem(self) -> str | None:
        """Why this process cannot serve learners now, or None: no course to teach, or a
        database that does not answer. For load balancers' health checks (`/healthz`)."""
        if not self.catalog.courses:
            return "no course loaded"
        try:
            await ping(self._sessions)
        except Exception as error:  # whatever it is, turns would fail the same way
            logger.debug("health check: the database did not answer: %r", error)
            return "the database does not answer"
        return None

    async def close(self) -> None:
        """Store what is still pending (sent polls); call before the database goes away."""
        await self.polls.close()

    async def _run(self, who: Person, now: datetime, handler: Handler, *,
                   keep_pending: bool = False, quiz_id: int | None = None,
                   known_only: bool = False) -> list[Reply]:
        """Run `handler` in one transaction for `who`; `quiz.Abort` rolls it back.

        `quiz_id` (an answer's) is read together with the learner: one SELECT, not two.
        `known_only` answers someone without a row with a pointer to /start instead of
        creating one (a button left in the chat after /delete must not bring them back).
        """
        moment = require_aware(now)
        return await retry_on_dead_connection(
            partial(self._run_once, who, moment, handler, keep_pending=keep_pending,
                    quiz_id=quiz_id, known_only=known_only))

    async def _run_once(self, who: Person, moment: datetime, handler: Handler, *,
                        keep_pending: bool, quiz_id: int | None,
                        known_only: bool) -> list[Reply]:
        async with self._sessions() as session:
            try:
                async with session.begin():
                    # First: another process's turn for this learner finishes before ours
                    # reads anything (docs/architecture.md, "Several instances").
                    await lock_learner(session, learner_id=who.user_id)
                    row, quiz_row, quiz_card = await self._learner(
                        session, who, moment, quiz_id, create=not known_only)
                    if row is None:
                        return [notice(UNKNOWN_LEARNER)]
                    if not keep_pending and row.pending_input is not None:
                        row.pending_input = None
                    turn = Turn(session, row, moment, self.catalog.course_view(row.course_id),
                                self.config,
                                quiz=quiz_row, quiz_card=quiz_card, reminders=who.reminders)
                    replies = await handler(turn)
                    if row in session:  # not deleted by /delete
                        if _touch(row, who, moment):
                            turn.reminder_changed = True
                        if turn.reminder_changed:
                            await _refresh_reminder(turn)
                    return replies
            except quiz.Abort as abort:
                return abort.replies

    async def _learner(
        self, session: AsyncSession, who: Person, now: datetime, quiz_id: int | None,
        *, create: bool,
    ) -> LearnerAndQuiz:
        """The learner's row, created with the tutor's defaults on first contact (if
        `create`); and the quiz `quiz_id` if it is theirs, with its current card."""
        if quiz_id is None:
            read = LearnerAndQuiz(await get_learner(session, learner_id=who.user_id), None, None)
        else:
            read = await get_learner_and_quiz(session, learner_id=who.user_id, quiz_id=quiz_id)
        if read.learner is None and create:
            row = await get_or_create_learner(
                session, learner_id=who.user_id, now=now, first_name=who.first_name or None,
                username=who.username, language_code=who.language_code,
                quiz_size=self.config.quiz_size)
            return LearnerAndQuiz(row, None, None)  # a new learner has no quiz yet
        return read

    async def command(self, who: Person, name: str, args: str, now: datetime) -> list[Reply]:
        """A /command: `name` without "/" (any case), `args` the rest of the line."""
        name = name.strip().lstrip("/").lower()
        args = args.strip()

        async def handle(turn: Turn) -> list[Reply]:
            return await self._command(turn, name, args)

        return await self._run(who, now, handle)

    async def _command(self, turn: Turn, name: str, args: str) -> list[Reply]:
        match name:
            case "start":
                return await courses.start(turn, args)
            case "help":
                return [help_reply(len(self.catalog.views))]
            case "courses":
                return await courses.list_courses(turn)
            case "lessons":
                return await lessons.list_lessons(turn)
            case "learn":
                return await lessons.learn(turn)
            case "quiz":
                return await self._quiz(turn, args)
            case "review":
                return await quiz.start(turn, actions.REVIEW)
            case "progress":
                return [progress_reply(await build_report(turn), len(turn.catalog.lessons))]
            case "settings":
                return [settings.menu(turn)]
            case "export":
                return await data_rights.export(turn)
            case "delete":
                return data_rights.confirm_delete(turn)
        return [Reply(text=unknown_command(name[:32]))]

    async def _quiz(self, turn: Turn, args: str) -> list[Reply]:
        """`/quiz` alone: pick the scope (resume, a lesson started, or the whole course), or
        start the whole-course quiz at once when that is the only choice (a menu of one is a
        wasted tap); `/quiz all` or `/quiz <lesson number>` start one."""
        if args.lower() in {"all", "course"}:
            return await quiz.start(turn, actions.ALL)
        if args:
            entry = lessons.find_lesson(turn, args)
            return (await quiz.start(turn, entry.key) if entry is not None
                    else [Reply(text=f"There is no lesson {args[:32]!r}. See /lessons.")])
        rows: list[tuple[Choice, ...]] = []
        active = await get_active_quiz(turn.session, learner_id=turn.learner_id)
        if active is not None and active.id is not None:
            label = f"Resume ({active.position} of {len(active.question_ids)} answered)"
            rows.append((Choice(label, actions.resume(active.id)),))
        found = await lessons.statuses(turn)
        started = [entry for entry in turn.catalog.lessons
                   if found[entry.id].state != "new" and entry.questions]
        for entry in started[-3:]:
            rows.append((Choice(shorten(f"Lesson {entry.number}: {entry.title}"),
                                actions.quiz(entry.key)),))
        if not rows:
            return await quiz.start(turn, actions.ALL)
        rows.append((Choice("Whole course", actions.quiz(actions.ALL)),))
        return [Reply(title="Quiz", text="What should the quiz cover?", choices=tuple(rows))]

    async def press(self, who: Person, action: str, now: datetime) -> list[Reply]:
        """A button, numbered choice or poll option; never trusted (see `actions`)."""
        parsed = actions.parse(action) if isinstance(action, str) else None

        async def handle(turn: Turn) -> list[Reply]:
            return [notice()] if parsed is None else await self._press(turn, parsed)

        quiz_id = parsed.quiz_id if isinstance(parsed, actions.Answer) else None
        # Buttons only come from our own messages to known learners.
        return await self._run(who, now, handle, quiz_id=quiz_id, known_only=True)

    async def _press(self, turn: Turn, pressed: actions.Action) -> list[Reply]:
        match pressed:
            case actions.RunCommand(name):
                return await self._command(turn, name, "")
            case actions.ChooseCourse(key):
                return courses.choose(turn, key)
            case actions.ReadPage(key, page):
                entry = self.catalog.by_key(key)
                return [notice()] if entry is None else await lessons.read_page(turn, entry, page)
            case actions.FinishLesson(key, then_quiz):
                entry = self.catalog.by_key(key)
                return ([notice()] if entry is None
                        else await lessons.finish_lesson(turn, entry, then_quiz=then_quiz))
            case actions.StartQuiz(target, replace):
                return await quiz.start(turn, target, replace=replace)
            case actions.ResumeQuiz(quiz_id):
                return await quiz.resume(turn, quiz_id)
            case actions.Answer():
                return await quiz.answer(turn, pressed)
            case actions.Setting(None, _):
                return [settings.menu(turn)]
            case actions.Setting(field, None) if field is not None:
                return settings.field_choices(turn, field)
            case actions.Setting(field, value) if field is not None and value is not None:
                return settings.choose(turn, field, value)
            case actions.Report(question_id, None):
                return reports.ask_reason(turn, question_id)
            case actions.Report(question_id, reason) if reason is not None:
                return await reports.store(turn, question_id, reason)
            case actions.ConfirmDelete(minute):
                return await data_rights.delete(turn, minute)
            case actions.CancelDelete():
                return data_rights.cancel()
            case actions.SnoozeReminder():
                return [await reminder_actions.snooze(turn.session, learner=turn.learner,
                                                      now=turn.now)]
            case actions.PauseReminders():
                return [await reminder_actions.pause(turn.session, learner=turn.learner,
                                                     now=turn.now)]
        return [notice()]

    async def say(self, who: Person, text: str, now: datetime) -> list[Reply]:
        """Free text: a typed timezone when one is awaited, else a pointer to the commands."""

        async def handle(turn: Turn) -> list[Reply]:
            if turn.learner.pending_input == settings.PENDING_TIMEZONE:
                return settings.typed_timezone(turn, text)
            return [Reply(text=FREE_TEXT, choices=(menu_row(),))]

        return await self._run(who, now, handle, keep_pending=True)

    async def answer_question(self, who: Person, question_id: str, option: int,
                              now: datetime, *, answer_key: str) -> list[Reply]:
        """An answer outside the learner's own quiz (a group quiz poll): record it, feed back."""
        question = self.catalog.question(question_id)
        if question is None or not 0 <= option < len(question.options):
            return [notice()]

        async def handle(turn: Turn) -> list[Reply]:
            state = await get_card_state(turn.session, learner_id=turn.learner_id,
                                         question_id=question.id)
            outcome = await record(turn, question, option, state, answer_key=answer_key[:255],
                                   latency_seconds=None)
            if outcome is None:
                return [notice("You already answered that question.")]
            turn.reminder_changed = True
            return [feedback(question, outcome)]

        return await self._run(who, now, handle)

    async def answer_poll(self, who: Person, poll: PollRecord, option: int,
                          now: datetime) -> list[Reply]:
        """A vote on a quiz poll we sent: a group poll's counts for the voter, nothing is
        said back (the poll shows the rest); a private poll's is a press of its action."""
        question_id = poll.group_question_id
        if question_id is not None:
            await self.answer_question(who, question_id, option, now,
                                       answer_key=f"g{poll.poll_id}")
            return []
        action = poll.action_for(option)
        if poll.learner_id != who.user_id or action is None:
            logger.info("poll %s answered by someone it was not sent to", poll.poll_id)
            return []
        return await self.press(who, action, now)

    def group_quiz(self, seed: str, fits: Callable[[QuestionCard], bool]) -> list[QuestionCard]:
        """Up to `quiz_size` distinct questions for a group quiz, each as a card that `fits`
        the front end (a quiz poll), in an order fixed by `seed` (the same command, the same
        questions). Every option points at its question: a vote counts for whoever gives it."""
        return group_cards(self.catalog, self.config.quiz_size, seed, fits)

    async def remember_group_poll(self, owner: Person, poll: PollRecord, now: datetime) -> None:
        """Store a group quiz poll at once; `owner`, who started the quiz, becomes a learner
        (with the tutor's defaults, like anyone's first contact) if they are not one yet."""

        async def handle(turn: Turn) -> list[Reply]:
            await store_polls(turn.session, [NewPoll(poll.poll_id, turn.learner_id,
                                                     poll.chat_id, poll.answer_actions, now)])
            return []

        await self._run(owner, now, handle, keep_pending=True)

    async def claim_reminders(self, now: datetime, *, batch: int) -> ClaimedBatch:
        """Claim up to `batch` learners due for a reminder at `now`, decide and record each
        reminder, and commit: the caller sends them afterwards (a crash can miss one, never
        send one twice)."""
        moment = require_aware(now)

        async def claim() -> ClaimedBatch:
            async with self._sessions() as session, session.begin():
                return await claim_batch(session, now=moment, batch=batch)

        return await retry_on_dead_connection(claim)

    async def forget_old_polls(self, now: datetime) -> int:
        """Housekeeping: delete the rows of polls too old to be answered; returns how many."""
        return await self.polls.forget_old(require_aware(now))

    async def admin_stats(self, now: datetime) -> Reply:
        """Operator overview (bot/tutor/operator.py)."""
        return await stats_reply(self._sessions, self.catalog, require_aware(now))

    async def mark_blocked(self, user_id: int, blocked: bool, now: datetime) -> None:
        """The transport learnt the learner blocked (or unblocked) the bot."""
        require_aware(now)
        async with self._sessions() as session, session.begin():
            await store_blocked(session, learner_id=user_id, blocked=blocked)
            learner = None if blocked else await get_learner(session, learner_id=user_id)
            if learner is not None:  # unblocked: their reminders resume
                await refresh_next_reminder(session, learner=learner, now=now)


def _touch(row: LearnerRow, who: Person, now: datetime) -> bool:
    """Latest names, last seen, not blocked; done last so the row is written once per turn.

    Returns whether the learner was marked blocked until now: their reminders start again.
    """
    for name, value in (("first_name", who.first_name or None), ("username", who.username),
                        ("language_code", who.language_code)):
        if value is not None and getattr(row, name) != value:
            setattr(row, name, value)
    if now - row.last_seen_at >= LAST_SEEN_STEP:
        row.last_seen_at = now
    if row.blocked:
        row.blocked = False  # they are talking to us, so they have not blocked us
        return True
    return False


async def _refresh_reminder(turn: Turn) -> None:
    """Let the reminder policy recompute the next reminder.

    Without autoflush: the policy only counts review cards, which the tutor writes with
    Core statements (never dirty ORM objects), so flushing the learner row before those
    reads would only split its one UPDATE at commit into two.
    """
    with turn.session.no_autoflush:
        await refresh_next_reminder(turn.session, learner=turn.learner, now=turn.now,
                                    due_now=turn.due_now)
