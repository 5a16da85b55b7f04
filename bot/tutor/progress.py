"""Progress: XP, streak, accuracy, due counts, mastery per lesson, answers per day.

`ProgressReport` is plain data so a front end can draw a chart from it; `progress_reply` is the
text version every front end can show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from bot.tutor import actions
from bot.tutor.lessons import statuses
from bot.tutor.replies import Choice, Reply
from bot.tutor.streaks import Streak, current
from bot.tutor.texts import menu_row, percent, plural
from bot.tutor.turn import Turn
from db.queries.reviews import count_due
from db.queries.stats import progress_summary

HISTORY_DAYS = 14


class LessonMastery(NamedTuple):
    """One lesson's mastery; a tuple (title, 0..1) so chart code can unpack it."""

    title: str
    mastery: float


class DayActivity(NamedTuple):
    """Answers on one of the learner's local days; unpacks as (date, right, wrong)."""

    day: date
    right: int
    wrong: int


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """What /progress shows, as data (charts) rather than text."""

    xp: int
    streak: int
    best_streak: int
    answers: int
    accuracy: float | None  # None before the first answer
    due_today: int  # due by the end of the learner's local day
    due_week: int  # due within the next 7 local days
    lessons_done: int
    mastery: tuple[LessonMastery, ...]  # every lesson in course order
    days: tuple[DayActivity, ...]  # the last 14 local days, oldest first


async def build_report(turn: Turn) -> ProgressReport:
    summary = await progress_summary(turn.session, learner_id=turn.learner_id, now=turn.now,
                                     days=HISTORY_DAYS)
    learner = turn.learner
    found = await statuses(turn)
    streak = current(Streak(learner.streak_days, learner.last_study_date), turn.today)
    due_today = await count_due(turn.session, learner_id=turn.learner_id,
                                now=turn.local_midnight(1))
    due_week = await count_due(turn.session, learner_id=turn.learner_id,
                               now=turn.local_midnight(7))
    days = tuple(DayActivity(item.day, item.correct, item.answers - item.correct)
                 for item in (summary.per_day if summary else ()))
    return ProgressReport(
        xp=learner.xp, streak=streak, best_streak=learner.streak_best,
        answers=summary.answers if summary else 0,
        accuracy=summary.accuracy if summary else None,
        due_today=due_today, due_week=due_week,
        lessons_done=sum(status.state == "done" for status in found.values()),
        mastery=tuple(LessonMastery(entry.title, found[entry.id].mastery)
                      for entry in turn.catalog.lessons),
        days=days)


def progress_reply(report: ProgressReport, lesson_count: int) -> Reply:
    accuracy = "no answers yet" if report.accuracy is None else percent(report.accuracy)
    lines = [
        f"XP: {report.xp}",
        f"Streak: {plural(report.streak, 'day')} (best {report.best_streak})",
        f"Answers: {report.answers}, accuracy {accuracy}",
        f"Lessons done: {report.lessons_done} of {lesson_count}",
        f"Due today: {report.due_today}, this week: {report.due_week}",
    ]
    if report.mastery:
        lines.append("")
        lines.append("Mastery by lesson:")
        lines += [f"- {item.title}: {percent(item.mastery)}" for item in report.mastery]
    rows: list[tuple[Choice, ...]] = []
    if report.due_today:
        rows.append((Choice("Review now", actions.quiz(actions.REVIEW)),))
    rows.append(menu_row())
    return Reply(title="Your progress", text="\n".join(lines), choices=tuple(rows))
