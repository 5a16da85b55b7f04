"""`peacebot chat` end to end: a real process fed by a pipe, on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A small course whose every lesson has facts to ask about (tests/data/).
DOCUMENT = (Path(__file__).parents[1] / "data" / "harbour-treaty.md").read_text(encoding="utf-8")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "treaty.md").write_text(DOCUMENT, encoding="utf-8")
    return tmp_path


def chat(workdir: Path, *lines: str, user: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/progress.db",
        "CONTENT_DIR": str(workdir / "sources"),
        "LOG_LEVEL": "WARNING",
        "QUIZ_SIZE": "3",  # the quiz length these scripts type answers for
    }
    args = [sys.executable, "-m", "bot.cli", "chat"]
    if user is not None:
        args += ["--user", str(user)]
    return subprocess.run(args, input="".join(line + "\n" for line in lines), text=True,
                          capture_output=True, env=env, cwd=workdir, timeout=60, check=False)


def test_start_read_quiz_feedback_review_progress(workdir: Path) -> None:
    result = chat(
        workdir,
        "/start",
        "1",  # Start learning -> lesson 1, a single page
        "1",  # Done
        "1",  # Take the quiz
        "1", "1", "1",  # answer three questions with their first option
        "/learn",  # lesson 2
        "1",  # Done: its questions join the reviews as new ones
        "/review",
        "2",
        "/progress",
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert not out.startswith(">")  # no prompt on a pipe
    assert "# Lesson 1: Introduction" in out
    assert "Question 1/3: " in out and "\n1. " in out and "\n2. " in out
    assert ("# Right! +10 XP" in out) or ("# Not quite" in out)
    assert "Answer: " in out and "Source: \u201c" in out
    assert "# Quiz done" in out and "Score: " in out
    assert "# Lesson 2: Origins" in out
    review = out.split("# Lesson complete")[-1]
    assert "Question 1/" in review
    assert "# Your progress" in out and "Answers: 4" in out


def test_progress_persists_and_quiz_resumes_across_runs(workdir: Path) -> None:
    first = chat(workdir, "/quiz 1", "1")  # start a quiz, answer one, then end of input
    assert first.returncode == 0, first.stderr
    assert "Question 2/3" in first.stdout
    second = chat(workdir, "/progress", "/quiz 1", "1")  # 1 = Resume
    assert second.returncode == 0, second.stderr
    assert "Answers: 1," in second.stdout
    assert "# You have a quiz in progress" in second.stdout
    assert "Question 2/3" in second.stdout.split("in progress")[1]
    other = chat(workdir, "/progress", user=2)
    assert "Answers: 0," in other.stdout


def test_export_writes_a_file_and_bad_numbers_are_explained(workdir: Path) -> None:
    result = chat(workdir, "/quiz 1", "9", "1", "hello", "/nope", "/export")
    assert result.returncode == 0, result.stderr
    assert "Type a number from 1 to" in result.stdout
    assert "/help" in result.stdout and "/nope" in result.stdout
    exported = workdir / "peacebot-export-1.json"
    assert f"Saved {exported}" in result.stdout
    data = json.loads(exported.read_text())
    assert len(data["answers"]) == 1 and data["answers"][0]["question_id"]


def test_unreachable_database_is_one_line(workdir: Path) -> None:
    env_url = "postgresql+asyncpg://nobody@127.0.0.1:1/none"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"], input="/start\n", text=True,
        capture_output=True, cwd=workdir, timeout=60, check=False,
        env={**os.environ, "DATABASE_URL": env_url, "CONTENT_DIR": str(workdir / "sources")})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
