"""Progress: XP, streak, accuracy, due counts, mastery per lesson, answers per day.

One `ProgressReport` is built per /progress from four reads besides the learner's row (the
answer totals, the last two weeks of answers, lesson progress, the cards); `progress_reply`
is its text, and the same report rides on the reply for a front end that draws a chart.
"""

from __future__ import annotations

from datetime import timedelta

from bot.tutor import actions
from bot.tutor.lessons import lesson_statuses
from bot.tutor.replies import Choice, DayActivity, LessonMastery, ProgressReport, Reply
from bot.tutor.streaks import Streak, current
from bot.tutor.texts import percent, plural, with_menu
from bot.tutor.timezones import local_day
from bot.tutor.turn import Turn
from db.queries.progress import list_lesson_progress
from db.queries.reviews import card_summaries
from db.queries.stats import answer_times, answer_totals

HISTORY_DAYS = 14


async def build_report(turn: Turn) -> ProgressReport:
    learner = turn.learner
    answers, correct = await answer_totals(turn.session, learner_id=turn.learner_id)
    first_day = turn.today - timedelta(days=HISTORY_DAYS - 1)
    recent = await answer_times(turn.session, learner_id=turn.learner_id,
                                since=turn.local_midnight(-(HISTORY_DAYS - 1)))
    progress = await list_lesson_progress(turn.session, learner_id=turn.learner_id)
    cards = await card_summaries(turn.session, learner_id=turn.learner_id)
    found = lesson_statuses(turn.catalog, progress, cards)
    counts = {first_day + timedelta(days=offset): [0, 0] for offset in range(HISTORY_DAYS)}
    for answered_at, right in recent:
        bucket = counts.get(local_day(answered_at, learner.timezone))
        if bucket is not None:
            bucket[0 if right else 1] += 1
    end_of_today, end_of_week = turn.local_midnight(1), turn.local_midnight(7)
    return ProgressReport(
        xp=learner.xp,
        streak=current(Streak(learner.streak_days, learner.last_study_date), turn.today),
        best_streak=learner.streak_best, answers=answers,
        accuracy=correct / answers if answers else None,
        due_today=sum(card.due <= end_of_today for card in cards),
        due_week=sum(card.due <= end_of_week for card in cards),
        lessons_done=sum(status.state == "done" for status in found.values()),
        mastery=tuple(LessonMastery(entry.title, found[entry.id].mastery)
                      for entry in turn.catalog.lessons),
        days=tuple(DayActivity(day, right, wrong)
                   for day, (right, wrong) in sorted(counts.items())))


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
    return Reply(title="Your progress", text="\n".join(lines), choices=with_menu(*rows),
                 progress=report)
