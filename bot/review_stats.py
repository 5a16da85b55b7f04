"""Per-question numbers for the review desk (bot/review_desk.py), read from the progress store.

Read only: the desk never creates, migrates or writes the database. Answers per question
come from `review_log` (`db.queries.hardest_questions`), learners' reports with their
reasons from `question_reports` (`db.queries.report_counts`).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.review_desk import QuestionStat

# hardest_questions takes a limit; this one no bank reaches, so every answered question comes.
EVERY_QUESTION = 10_000_000


def load_question_stats(database_url: str) -> dict[str, QuestionStat]:
    """Answers and wrong answers by question id; {} before the database exists."""
    from bot.wiring import database_errors
    from db.migrate import current_revision

    with database_errors():
        if _missing_sqlite_file(database_url):
            return {}
        if current_revision(database_url) is None:  # never migrated: no answers yet
            return {}
        return asyncio.run(_read(database_url))


async def _read(database_url: str) -> dict[str, QuestionStat]:
    from db import queries
    from db.engine import create_engine, create_session_factory

    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            answered = await queries.hardest_questions(
                session, limit=EVERY_QUESTION, min_answers=1
            )
            reported = await queries.report_counts(session)
    finally:
        await engine.dispose()
    stats = {
        row.question_id: QuestionStat(attempts=row.answers, wrong=row.wrong) for row in answered
    }
    for count in reported:
        known = stats.get(count.question_id, QuestionStat())
        stats[count.question_id] = replace(known, reports=count.reports, reasons=count.reasons)
    return stats


def _missing_sqlite_file(database_url: str) -> bool:
    """True for a SQLite file that is not there (connecting would create an empty one)."""
    from db.errors import unparseable_url

    try:
        url = make_url(database_url)
    except ArgumentError as error:
        raise unparseable_url() from error
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return False
    return not database.startswith("file:") and not Path(database).expanduser().exists()
