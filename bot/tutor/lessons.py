"""Lessons: the list with each one's status, reading page by page, and "continue" (`/learn`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.tutor import actions, quiz
from bot.tutor.catalog import CatalogLesson, CourseView
from bot.tutor.replies import Choice, Reply, ReplyKind
from bot.tutor.scheduling import mastery
from bot.tutor.texts import NO_COURSE, percent, shorten, with_menu
from bot.tutor.turn import Turn
from db.models import LessonProgress
from db.queries.progress import get_lesson_progress, list_lesson_progress, upsert_lesson_progress
from db.queries.reviews import CardSummary, card_summaries


@dataclass(frozen=True, slots=True)
class LessonStatus:
    """Where a learner stands in one lesson."""

    state: str  # "new", "reading", "done"
    page: int
    mastery: float


async def statuses(turn: Turn) -> dict[str, LessonStatus]:
    """Every lesson's status for this learner, from two queries (progress rows and cards)."""
    progress = await list_lesson_progress(turn.session, learner_id=turn.learner_id)
    cards = await card_summaries(turn.session, learner_id=turn.learner_id)
    return lesson_statuses(turn.catalog, progress, cards)


def lesson_statuses(catalog: CourseView, progress: Sequence[LessonProgress],
                    cards: Sequence[CardSummary]) -> dict[str, LessonStatus]:
    """Every lesson's status, by lesson id, from the learner's progress rows and cards."""
    by_lesson = {row.lesson_id: row for row in progress}
    stability = {card.question_id: card.stability or 0.0 for card in cards}
    result: dict[str, LessonStatus] = {}
    for entry in catalog.lessons:
        row = by_lesson.get(entry.id)
        result[entry.id] = LessonStatus(
            state=_state(row), page=row.page if row else 0,
            mastery=lesson_mastery(entry, stability))
    return result


def lesson_mastery(entry: CatalogLesson, stability: dict[str, float]) -> float:
    """Average of each question's mastery (unseen questions count as 0)."""
    if not entry.questions:
        return 0.0
    total = sum(mastery(stability.get(question.id)) for question in entry.questions)
    return total / len(entry.questions)


def _state(row: LessonProgress | None) -> str:
    if row is None:
        return "new"
    return "done" if row.completed_at is not None else "reading"


def _status_label(entry: CatalogLesson, status: LessonStatus) -> str:
    """The lesson's button: its title and, once started, where the learner stands."""
    if status.state == "new":
        return shorten(entry.title)
    note = (f"page {status.page + 1} of {len(entry.pages)}" if status.state == "reading"
            else "done")
    if entry.questions:
        note += f", mastery {percent(status.mastery)}"
    return f"{shorten(entry.title)} ({note})"


async def list_lessons(turn: Turn) -> list[Reply]:
    """All lessons, once: one button each, with its status, opening it where the learner was."""
    if not turn.catalog.lessons:
        return [Reply(text=NO_COURSE)]
    found = await statuses(turn)
    done = sum(status.state == "done" for status in found.values())
    buttons = tuple(
        (Choice(_status_label(entry, found[entry.id]),
                actions.read(entry.key, _resume_page(entry, found[entry.id]))),)
        for entry in turn.catalog.lessons
    )
    title = f"Lessons ({done} of {len(turn.catalog.lessons)} done)"
    return [Reply(title=title, text="Pick one to read; it opens where you left off.",
                  choices=buttons)]


def _resume_page(entry: CatalogLesson, status: LessonStatus) -> int:
    return 0 if status.state == "done" else min(status.page, len(entry.pages) - 1)


async def read_page(turn: Turn, entry: CatalogLesson, page: int) -> list[Reply]:
    """Show one page and remember it as the learner's place in the lesson."""
    if not 0 <= page < len(entry.pages):
        return [Reply(text="That page no longer exists.", kind=ReplyKind.NOTICE)]
    await upsert_lesson_progress(turn.session, learner_id=turn.learner_id,
                                 course_id=entry.course.id, lesson_id=entry.id, page=page,
                                 now=turn.now)
    return [page_reply(entry, page)]


def page_reply(entry: CatalogLesson, page: int) -> Reply:
    """A lesson page with Back / Next; the last page has Done and, when the lesson has
    questions, its quiz (which finishes the lesson too)."""
    count = len(entry.pages)
    row: list[Choice] = []
    if page > 0:
        row.append(Choice("Back", actions.read(entry.key, page - 1)))
    if page + 1 < count:
        row.append(Choice("Next", actions.read(entry.key, page + 1)))
    else:
        if entry.questions:
            row.append(Choice("Take the quiz", actions.finish(entry.key, then_quiz=True)))
        row.append(Choice("Done", actions.finish(entry.key)))
    title = f"Lesson {entry.number}: {entry.title}"
    if count > 1:
        title += f" ({page + 1}/{count})"
    return Reply(title=title, text=entry.pages[page], choices=(tuple(row),), kind=ReplyKind.PAGE)


async def mark_done(turn: Turn, entry: CatalogLesson) -> None:
    """Mark the lesson done, which puts its questions in the review queue."""
    await upsert_lesson_progress(turn.session, learner_id=turn.learner_id,
                                 course_id=entry.course.id, lesson_id=entry.id,
                                 page=len(entry.pages) - 1, now=turn.now, completed=True)


async def finish_lesson(turn: Turn, entry: CatalogLesson, *,
                        then_quiz: bool = False) -> list[Reply]:
    """Mark the lesson done; start its quiz (`then_quiz`), or offer it and the next lesson."""
    await mark_done(turn, entry)
    if then_quiz:
        return await quiz.start(turn, entry.key)
    rows: list[tuple[Choice, ...]] = []
    text = f"You finished lesson {entry.number}: {entry.title}."
    if entry.questions:
        text += (" Its question is" if len(entry.questions) == 1
                 else f" Its {len(entry.questions)} questions are") + " now part of your reviews."
        rows.append((Choice("Take the quiz", actions.quiz(entry.key)),))
    following = turn.catalog.library.course_view(entry.course.id).by_number(entry.number + 1)
    if following is not None:
        rows.append((Choice(shorten(f"Next lesson: {following.title}"),
                            actions.read(following.key, 0)),))
    return [Reply(title="Lesson complete", text=text, choices=with_menu(*rows))]


async def learn(turn: Turn) -> list[Reply]:
    """Continue the lesson being read (the latest one started), else the first not done."""
    if not turn.catalog.lessons:
        return [Reply(text=NO_COURSE)]
    rows = await list_lesson_progress(turn.session, learner_id=turn.learner_id)
    reading = [row for row in rows
               if row.completed_at is None and turn.catalog.by_id(row.lesson_id)]
    if reading:
        latest = max(reading, key=lambda row: row.started_at)
        entry = turn.catalog.by_id(latest.lesson_id)
        assert entry is not None
        return await read_page(turn, entry, min(latest.page, len(entry.pages) - 1))
    done = {row.lesson_id for row in rows if row.completed_at is not None}
    for entry in turn.catalog.lessons:
        if entry.id not in done:
            return await read_page(turn, entry, 0)
    return [Reply(
        title="All lessons done",
        text="You have read every lesson. Reviews keep what you learnt fresh.",
        choices=with_menu((Choice("Review now", actions.quiz(actions.REVIEW)),
                           Choice("Quiz on everything", actions.quiz(actions.ALL)))),
    )]


async def open_lesson(turn: Turn, entry: CatalogLesson) -> list[Reply]:
    """Open a lesson where the learner left it (from the start when done or never opened)."""
    row = await get_lesson_progress(turn.session, learner_id=turn.learner_id, lesson_id=entry.id)
    page = 0 if row is None or row.completed_at is not None else row.page
    return await read_page(turn, entry, min(page, len(entry.pages) - 1))


def find_lesson(turn: Turn, reference: str) -> CatalogLesson | None:
    """A deep-link argument: "lesson-3" (the third lesson), a lesson number, key or id."""
    text = reference.strip()
    number = text.removeprefix("lesson-").removeprefix("lesson_")
    if number.isdigit():
        return turn.catalog.by_number(int(number))
    return turn.catalog.by_id(text) or turn.catalog.by_key(text)
