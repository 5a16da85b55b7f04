"""What the operator sees (`/stats`): learners, activity, the most reported and the hardest
questions, with ids to fix them by (`peacebot content review --flagged`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor.catalog import Catalog
from bot.tutor.replies import Reply
from bot.tutor.texts import shorten
from db.queries.reports import report_counts
from db.queries.stats import admin_stats

PROMPT_CHARS = 60
LISTED = 5


async def stats_reply(sessions: async_sessionmaker[AsyncSession], catalog: Catalog,
                      now: datetime) -> Reply:
    """Learners, blocked, active and answers in the last day; reported and hardest questions."""
    async with sessions() as session, session.begin():
        stats = await admin_stats(session, since=now - timedelta(days=1))
        reported = await report_counts(session, limit=LISTED)
    lines = [f"Learners: {stats.learners} ({stats.blocked} blocked)",
             f"Active in the last 24 h: {stats.active_since}",
             f"Answers in the last 24 h: {stats.answers_since}",
             f"Lessons: {len(catalog.lessons)}, questions: {catalog.question_count}"]
    if reported:
        lines.append("Most reported questions (fix them with `peacebot content review "
                     "--flagged`):")
        for count in reported:
            why = ", ".join(f"{reason} {n}" for reason, n in count.reasons)
            lines.append(f"- {count.question_id}: {_prompt(catalog, count.question_id)} "
                         f"({count.reports}: {why})")
    if stats.hardest:
        lines.append("Hardest questions:")
        for item in stats.hardest[:LISTED]:
            lines.append(f"- {item.question_id}: {_prompt(catalog, item.question_id)} "
                         f"({round(item.error_rate * 100)}% wrong)")
    return Reply(title="Stats", text="\n".join(lines))


def _prompt(catalog: Catalog, question_id: str) -> str:
    question = catalog.question(question_id)
    return shorten(question.prompt, PROMPT_CHARS) if question else "(no longer in the course)"
