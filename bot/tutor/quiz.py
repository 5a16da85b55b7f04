"""Quizzes and reviews: start (or resume), ask, check an answer, give feedback, summarise.

A quiz lives in the database (`quiz_sessions`), so it survives a restart; a learner has at
most one active quiz. Starting another while one is active offers "Resume" or "Start new".
An answer action names the quiz and position it answers; only the current question of the
learner's own active quiz is accepted, and recording is idempotent by "<quiz id>:<position>".
"""

from __future__ import annotations

import logging
import random
from datetime import datetime

from bot.tutor import actions
from bot.tutor.answers import feedback, record
from bot.tutor.replies import Choice, QuestionCard, Reply
from bot.tutor.reports import report_choice
from bot.tutor.selection import course_pool, quiz_questions, review_questions
from bot.tutor.texts import ALREADY_ANSWERED, NOT_CURRENT, menu_row, plural, shorten, with_menu
from bot.tutor.turn import Turn, notice
from content.model import Question
from db.models import Quiz
from db.queries.quizzes import advance_loaded_quiz, get_active_quiz, start_quiz
from db.queries.reviews import count_due

logger = logging.getLogger(__name__)

REVIEW_SCOPE = "review"
COURSE_SCOPE = "course"
LESSON_SCOPE = "lesson:"
_SUMMARY_ITEMS = 5
_SUMMARY_PROMPT = 90  # characters of a missed question's prompt in the summary


class Abort(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Roll the turn's transaction back and answer with `replies` instead."""

    def __init__(self, replies: list[Reply]) -> None:
        super().__init__("turn aborted")
        self.replies = replies


def _target_of(scope: str) -> str:
    """The action target that starts another quiz like the one with `scope`."""
    if scope == REVIEW_SCOPE:
        return actions.REVIEW
    if scope.startswith(LESSON_SCOPE):
        return scope.removeprefix(LESSON_SCOPE)
    return actions.ALL


async def start(turn: Turn, target: str, *, replace: bool = False) -> list[Reply]:
    """Start a quiz on a lesson key, `ALL` or `REVIEW`; offer to resume an active one."""
    known = target in (actions.REVIEW, actions.ALL) or turn.catalog.by_key(target) is not None
    if not known:
        return [notice()]
    active = await get_active_quiz(turn.session, learner_id=turn.learner_id)
    if active is not None and not replace:
        return [_offer_resume(active, target)]
    if target == actions.REVIEW:
        scope, ids = REVIEW_SCOPE, await review_questions(turn)
    elif target == actions.ALL:
        scope, ids = COURSE_SCOPE, await quiz_questions(turn, await course_pool(turn))
    else:
        entry = turn.catalog.by_key(target)
        if entry is None:
            return [notice()]
        scope, ids = LESSON_SCOPE + entry.key, await quiz_questions(turn, entry.questions)
    if not ids:
        return [await _nothing_to_ask(turn, target)]
    quiz = await start_quiz(turn.session, learner_id=turn.learner_id, scope=scope,
                            question_ids=ids, now=turn.now, abandon_active=active is not None)
    return ask(turn, quiz)


def _offer_resume(active: Quiz, target: str) -> Reply:
    total = len(active.question_ids)
    kind = "review" if active.scope == REVIEW_SCOPE else "quiz"
    return Reply(
        title=f"You have a {kind} in progress",
        text=f"You answered {active.position} of {plural(total, 'question')}. Resume it or "
             "start anew?",
        choices=((Choice("Resume", actions.resume(active.id or 0)),
                  Choice("Start new", actions.quiz(target, replace=True))),),
    )


async def _nothing_to_ask(turn: Turn, target: str) -> Reply:
    if target != actions.REVIEW:
        return Reply(text="There are no questions for that yet.", choices=(menu_row(),))
    due_week = await count_due(turn.session, learner_id=turn.learner_id,
                               now=turn.local_midnight(7), course_id=turn.catalog.id or None)
    text = "Nothing to review right now."
    if len(turn.catalog.library.views) > 1:
        text = f"Nothing to review in {turn.catalog.title} right now."
        elsewhere = await count_due(turn.session, learner_id=turn.learner_id, now=turn.now)
        if elsewhere:
            text += f" {plural(elsewhere, 'question')} of other courses are due: see /courses."
    if due_week:
        text += f" {plural(due_week, 'question')} will be due within a week."
    else:
        text += " Finish a lesson (/learn) and its questions join your reviews."
    return Reply(title="All caught up", text=text, choices=(
        (Choice("Continue learning", actions.command("learn")),
         Choice("Quiz on everything", actions.quiz(actions.ALL))),))


def ask(turn: Turn, quiz: Quiz) -> list[Reply]:
    """The quiz's current question as a QuestionCard with one answer action per option."""
    question = turn.catalog.question(quiz.question_ids[quiz.position])
    if question is None:  # content changed under a running quiz; the front end retries
        logger.warning("question %s vanished from the course", quiz.question_ids[quiz.position])
        return [Reply(text="This question is no longer in the course.", choices=(
            (Choice("Start a new quiz", actions.quiz(_target_of(quiz.scope), replace=True)),),))]
    quiz_id = quiz.id or 0
    card = question_card(
        question, tuple(actions.answer(quiz_id, quiz.position, option)
                        for option in range(len(question.options))),
        number=quiz.position + 1, total=len(quiz.question_ids),
        order=display_order(question, f"{quiz_id}:{quiz.position}:{question.id}"))
    # under the poll (or the options) for as long as the message stays: before or after
    # answering, a learner can say what is wrong with it
    return [Reply(text="", question=card, choices=((report_choice(question.id),),))]


def display_order(question: Question, seed: str) -> tuple[int, ...]:
    """The options' order for one showing: shuffled per quiz and position, so a learner who
    meets the question again cannot answer by where the right option sat; the same showing
    (a resumed quiz) keeps its order. True/False stays in that order."""
    order = list(range(len(question.options)))
    if question.kind != "true_false":
        random.Random(seed).shuffle(order)
    return tuple(order)


def question_card(question: Question, answer_actions: tuple[str, ...], *, number: int,
                  total: int, order: tuple[int, ...] | None = None) -> QuestionCard:
    """`question` as the front ends show it, its options in `order` (indices into the
    question's options; as stored when None); `answer_actions[i]` picks stored option i, and
    goes with that option wherever it is shown, so the recorded answer stays right."""
    shown = order or tuple(range(len(question.options)))
    return QuestionCard(
        prompt=question.prompt, options=tuple(question.options[i] for i in shown),
        correct=shown.index(question.answer), explanation=question.explanation,
        source=question.source, answer_actions=tuple(answer_actions[i] for i in shown),
        number=number, total=total)


async def resume(turn: Turn, quiz_id: int) -> list[Reply]:
    active = await get_active_quiz(turn.session, learner_id=turn.learner_id)
    if active is None or active.id != quiz_id:
        return [notice()]
    return ask(turn, active)


async def answer(turn: Turn, pressed: actions.Answer) -> list[Reply]:
    """Check the press against the learner's active quiz, record it, give feedback.

    The quiz and its current question's card were read with the learner (`Tutor.press`);
    the quiz is absent when it does not exist or is someone else's.
    """
    quiz = turn.quiz
    if quiz is None or quiz.id != pressed.quiz_id or quiz.learner_id != turn.learner_id:
        return [notice()]
    if pressed.position < quiz.position and pressed.position < len(quiz.question_ids):
        return [notice(ALREADY_ANSWERED)]
    if quiz.finished_at is not None:
        return [notice()]
    if pressed.position != quiz.position:
        return [notice(NOT_CURRENT)]
    question = turn.catalog.question(quiz.question_ids[quiz.position])
    if question is None or pressed.option >= len(question.options):
        return [notice()]
    outcome = await record(turn, question, pressed.option, turn.quiz_card,
                           answer_key=f"{quiz.id}:{quiz.position}",
                           latency_seconds=_latency(quiz, turn.now), quiz_id=quiz.id,
                           position=quiz.position)
    if outcome is None:
        return [notice(ALREADY_ANSWERED)]
    moved = await advance_loaded_quiz(
        turn.session, quiz=quiz, correct=outcome.correct, xp=outcome.xp, now=turn.now,
        answer={"question_id": question.id, "chosen": pressed.option,
                "correct": outcome.correct, "at": turn.now.isoformat()})
    if not moved:  # a concurrent answer won the race: undo ours
        raise Abort([notice(ALREADY_ANSWERED)])
    replies = [feedback(question, outcome)]
    if quiz.finished_at is None:  # more to ask; the last answer finished the quiz
        return replies + ask(turn, quiz)
    turn.reminder_changed = True  # due counts changed over the quiz
    return [*replies, await summary(turn, quiz)]


def _latency(quiz: Quiz, now: datetime) -> float:
    """Seconds since the question was shown: the previous answer, or the quiz's start."""
    shown = quiz.started_at
    if quiz.answers:
        last = quiz.answers[-1].get("at")
        if isinstance(last, str):
            shown = datetime.fromisoformat(last)
    return (now - shown).total_seconds()


async def summary(turn: Turn, quiz: Quiz) -> Reply:
    """Score, XP earned, and the questions to look at again."""
    total = len(quiz.answers)
    lines = [f"Score: {quiz.correct_count} of {total}.", f"XP earned: {quiz.xp_earned}."]
    missed = [turn.catalog.question(str(item.get("question_id"))) for item in quiz.answers
              if not item.get("correct")]
    wrong = [question for question in missed if question is not None]
    if wrong:
        lines.append("To review:")
        lines += [f"- {shorten(question.prompt, _SUMMARY_PROMPT)}"
                  for question in wrong[:_SUMMARY_ITEMS]]
        lines.append("They come back in your reviews soon.")
    else:
        lines.append("Perfect: nothing to review from this one.")
    with turn.session.no_autoflush:  # cards are written by Core statements; keep one flush
        due = await count_due(turn.session, learner_id=turn.learner_id, now=turn.now)
    turn.due_now = due
    rows: list[tuple[Choice, ...]] = []
    if due:
        rows.append((Choice(f"Review now ({due} due)", actions.quiz(actions.REVIEW)),))
    if quiz.scope != REVIEW_SCOPE:
        rows.append((Choice("Another quiz", actions.quiz(_target_of(quiz.scope))),))
    title = "Review done" if quiz.scope == REVIEW_SCOPE else "Quiz done"
    return Reply(title=title, text="\n".join(lines), choices=with_menu(*rows))
