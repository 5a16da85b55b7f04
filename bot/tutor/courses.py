"""Courses: the welcome, the list to choose from (`/courses`), and switching course.

Each document is a course. A learner studies one at a time (`learners.course_id`; none
chosen means the first one loaded): `/lessons`, `/learn`, `/quiz`, `/review` and `/progress`
work on it. Progress in every course is kept when the learner switches.
"""

from __future__ import annotations

from collections import Counter

from bot.tutor import actions, lessons
from bot.tutor.catalog import CourseView
from bot.tutor.replies import Choice, Reply
from bot.tutor.texts import NO_COURSE, menu_row, plural, shorten
from bot.tutor.turn import Turn, notice
from db.queries.progress import list_lesson_progress


def several(turn: Turn) -> bool:
    return len(turn.catalog.library.views) > 1


async def start(turn: Turn, args: str) -> list[Reply]:
    """`/start`: a deep link opens its lesson; else the welcome, with the course picker when
    there are several courses and the learner has not chosen one yet."""
    if args:
        entry = lessons.find_lesson(turn, args)
        if entry is not None:
            return await lessons.open_lesson(turn, entry)
    if not turn.catalog.lessons:
        return [Reply(text=NO_COURSE)]
    greeting = f"Hello, {turn.learner.first_name}!" if turn.learner.first_name else "Hello!"
    if several(turn) and turn.learner.course_id is None:
        return [Reply(
            title=greeting,
            text=(f"I teach {plural(len(turn.catalog.library.views), 'course')}, each in short "
                  "lessons with quizzes on the facts in them and reviews timed so you "
                  "remember. Which one first? (/courses switches any time.)"),
            choices=await _course_buttons(turn))]
    text = (f"I will teach you {turn.catalog.title}: "
            f"{plural(len(turn.catalog.lessons), 'short lesson')}, quizzes on the facts in "
            "them, and reviews timed so you remember. Send /help for every command.")
    if several(turn):
        text += " /courses lists the other courses."
    return [Reply(title=greeting, text=text,
                  choices=((Choice("Start learning", actions.command("learn")),), menu_row()))]


async def list_courses(turn: Turn) -> list[Reply]:
    """Every course with the learner's lessons done in it; a button each to study it."""
    if not turn.catalog.lessons:
        return [Reply(text=NO_COURSE)]
    return [Reply(title="Courses",
                  text=f"You are studying {turn.catalog.title}. Pick a course to study:",
                  choices=await _course_buttons(turn))]


async def _course_buttons(turn: Turn) -> tuple[tuple[Choice, ...], ...]:
    rows = await list_lesson_progress(turn.session, learner_id=turn.learner_id)
    done = Counter(row.course_id for row in rows if row.completed_at is not None)
    chosen = turn.learner.course_id is not None
    buttons: list[tuple[Choice, ...]] = []
    for view in turn.catalog.library.views:
        note = (f"{done[view.id]} of {len(view.lessons)} done" if done[view.id]
                else plural(len(view.lessons), "lesson"))
        label = f"{shorten(view.title, 36)} ({note})"
        if chosen and view.id == turn.catalog.id:
            label = "\u2713 " + label
        buttons.append((Choice(label, actions.course(view.key)),))
    return tuple(buttons)


def choose(turn: Turn, course_key: str) -> list[Reply]:
    """Study another course from the next turn on; nothing else changes."""
    view = turn.catalog.library.by_course_key(course_key)
    if view is None:
        return [notice()]
    turn.learner.course_id = view.id
    return [_chosen(view)]


def _chosen(view: CourseView) -> Reply:
    questions = len(view.question_ids)
    return Reply(
        title=view.title,
        text=(f"{plural(len(view.lessons), 'lesson')} and {plural(questions, 'question')}. "
              "Lessons, quizzes, reviews and progress are now this course's; what you did in "
              "the others is kept."),
        choices=((Choice("Start learning", actions.command("learn")),
                  Choice("Lessons", actions.command("lessons"))),))
