"""/progress: one report, built with a handful of statements, for the text and the chart."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.tutor import Tutor
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import question, right

MAX_STATEMENTS = 7  # the learner, answer totals, recent answers, lesson progress, cards, ...


async def test_progress_is_one_report_of_few_statements(
    tutor: Tutor, sqlite_engine: AsyncEngine
) -> None:
    await tutor.command(ALICE, "start", "lesson-1", T0)
    replies = await tutor.command(ALICE, "quiz", "1", T0)
    await tutor.press(ALICE, right(question(replies)), T0)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            statements.append(statement)

    event.listen(sqlite_engine.sync_engine, "before_cursor_execute", count)
    try:
        [reply] = await tutor.command(ALICE, "progress", "", T0 + timedelta(minutes=5))
    finally:
        event.remove(sqlite_engine.sync_engine, "before_cursor_execute", count)
    print(f"\n/progress: {len(statements)} SQL statements")
    assert len(statements) <= MAX_STATEMENTS, statements
    assert reply.progress is not None and reply.progress.answers == 1
    assert "Answers: 1, accuracy 100%" in reply.text
