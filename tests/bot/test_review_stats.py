"""The desk's numbers come from the real progress store, read only."""

from __future__ import annotations

import asyncio
import io
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.errors import UserFacingError
from bot.review_desk import MIN_ATTEMPTS, QuestionStat
from bot.review_stats import load_question_stats
from content.build import build_path
from db import queries
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
SECOND_DOC = ROOT / "tests" / "content" / "data" / "antarctic-cooperation.md"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


async def _record(url: str, answers: dict[str, list[bool]]) -> None:
    """One learner per answer, so nothing but the log rows ties them together."""
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            learner = 1
            for question_id, results in answers.items():
                for correct in results:
                    await queries.get_or_create_learner(session, learner_id=learner, now=NOW)
                    await queries.record_answer(
                        session, learner_id=learner, question_id=question_id,
                        answer_key=f"k{learner}", chosen=0 if correct else 1, correct=correct,
                        rating=3 if correct else 1, answered_at=NOW + timedelta(seconds=learner),
                    )
                    learner += 1
    finally:
        await engine.dispose()


def store_with(tmp_path: Path, answers: dict[str, list[bool]]) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path}/progress.db"
    upgrade(url)
    asyncio.run(_record(url, answers))
    return url


def test_answers_and_wrong_answers_per_question(tmp_path: Path) -> None:
    url = store_with(tmp_path, {"qa": [True, False, False], "qb": [True]})
    assert load_question_stats(url) == {
        "qa": QuestionStat(attempts=3, wrong=2),
        "qb": QuestionStat(attempts=1, wrong=0),
    }


def test_no_database_yet_means_no_numbers_and_no_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert load_question_stats(f"sqlite+aiosqlite:///{missing}") == {}
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    empty.touch()  # there, but never migrated
    assert load_question_stats(f"sqlite+aiosqlite:///{empty}") == {}


def test_an_unreachable_database_is_one_clear_line() -> None:
    with pytest.raises(UserFacingError) as error:
        load_question_stats("postgresql+asyncpg://nobody@127.0.0.1:1/nothing")
    assert "cannot reach the database" in str(error.value) and "\n" not in str(error.value)


def test_the_desk_starts_with_the_most_failed_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = tmp_path / "antarctic.md"
    shutil.copy(SECOND_DOC, document)
    questions = build_path(document).course.questions
    hardest, harder = questions[-1], questions[-2]
    url = store_with(tmp_path, {
        harder.id: [False] * (MIN_ATTEMPTS - 2) + [True] * 2,
        hardest.id: [False] * MIN_ATTEMPTS,
        questions[1].id: [False] * (MIN_ATTEMPTS - 1),  # too few answers to tell
    })
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(sys, "stdin", io.StringIO("s\ns\ns\ns\nq\n"))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["content", "review", "--source", str(document)]) == 0
    shown = [line.split(" ── ")[1].split(" · ")[0] for line in out.getvalue().splitlines()
             if line.startswith("── ")]
    assert shown[:4] == [hardest.id, harder.id, questions[0].id, questions[1].id]
    assert f"Answered {MIN_ATTEMPTS} times, {MIN_ATTEMPTS} wrong (100%)" in out.getvalue()
