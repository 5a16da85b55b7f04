"""`peacebot chat` end to end: a real process fed by a pipe (or on a pseudo-terminal), on a
real SQLite file."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import pty
except ImportError:  # Windows has no pseudo-terminals
    pty = None  # type: ignore[assignment]

# A small course whose every lesson has facts to ask about (tests/data/).
DOCUMENT = (Path(__file__).parents[1] / "data" / "harbour-treaty.md").read_text(encoding="utf-8")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "treaty.md").write_text(DOCUMENT, encoding="utf-8")
    return tmp_path


def chat(workdir: Path, *lines: str, user: int | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    settings = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/progress.db",
        "CONTENT_DIR": str(workdir / "sources"),
        "XDG_DATA_HOME": str(workdir / "home-data"),  # the per-user folders, inside the test's
        "XDG_CACHE_HOME": str(workdir / "home-cache"),
        "QUIZ_SIZE": "3",  # the quiz length these scripts type answers for
        **(env or {}),
    }
    args = [sys.executable, "-m", "bot.cli", "chat"]
    if user is not None:
        args += ["--user", str(user)]
    return subprocess.run(args, input="".join(line + "\n" for line in lines), text=True,
                          capture_output=True, env={**os.environ, **settings}, cwd=workdir,
                          timeout=60, check=False)


def heading(title: str) -> str:
    """A title as a pipe shows it: the text, underlined with dashes."""
    return f"{title}\n{'-' * len(title)}\n"


def test_start_read_quiz_feedback_review_progress(workdir: Path) -> None:
    result = chat(
        workdir,
        "/start",
        "1",  # Start learning -> lesson 1, a single page
        "2",  # Done (1 is its quiz)
        "1",  # Take the quiz
        "1", "1", "1",  # answer three questions with their first option
        "/learn",  # lesson 2
        "2",  # Done: its questions join the reviews as new ones
        "/review",
        "2",
        "/progress",
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert not out.startswith(">")  # no prompt on a pipe
    assert "# " not in out  # titles are not Markdown
    assert heading("Lesson 1: Introduction") in out
    assert "Question 1/3: " in out and "\n1. " in out and "\n2. " in out
    assert (heading("Right! +10 XP") in out) or (heading("Not quite") in out)
    assert "Answer: " in out and "Source: \u201c" in out
    assert heading("Quiz done") in out and "Score: " in out
    assert heading("Lesson 2: Origins") in out
    review = out.split("Lesson complete")[-1]
    assert "Question 1/" in review
    assert heading("Your progress") in out and "Answers: 4" in out


def test_progress_persists_and_quiz_resumes_across_runs(workdir: Path) -> None:
    first = chat(workdir, "/quiz 1", "1")  # start a quiz, answer one, then end of input
    assert first.returncode == 0, first.stderr
    assert "Question 2/3" in first.stdout
    second = chat(workdir, "/progress", "/quiz 1", "1")  # 1 = Resume
    assert second.returncode == 0, second.stderr
    assert "Answers: 1," in second.stdout
    assert heading("You have a quiz in progress") in second.stdout
    assert "Question 2/3" in second.stdout.split("in progress")[1]
    other = chat(workdir, "/progress", user=2)
    assert "Answers: 0," in other.stdout


def test_export_goes_to_the_user_data_folder_and_bad_numbers_are_explained(
        workdir: Path) -> None:
    result = chat(workdir, "/lessons", "9", "/quiz 1", "1", "/nope", "hello", "/export")
    assert result.returncode == 0, result.stderr
    assert "Type a number from 1 to 3" in result.stdout
    assert "/help" in result.stdout and "/nope" in result.stdout
    exported = workdir / "home-data" / "peacebot" / "exports" / "peacebot-export-1.json"
    assert "Saved to" in result.stdout and f"{exported}." in result.stdout
    assert not (workdir / "peacebot-export-1.json").exists()  # not in the working folder
    data = json.loads(exported.read_text())
    assert len(data["answers"]) == 1 and data["answers"][0]["question_id"]


def test_lines_wrap_at_80_columns_on_a_pipe(workdir: Path) -> None:
    out = chat(workdir, "/start", "/help", "/lessons", "/quiz 3").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    welcome = out.split("-\n", 1)[1].split("\n1. ")[0]  # the text under "Hello!"
    assert len(welcome.splitlines()) == 2  # wrapped between words, nothing lost
    assert " ".join(welcome.splitlines()) == (
        "I will teach you The Harbour Treaty: 3 short lessons, quizzes on the facts in them, "
        "and reviews timed so you remember. Send /help for every command.")


def test_the_lesson_list_is_shown_once(workdir: Path) -> None:
    out = chat(workdir, "/lessons").stdout
    assert out.count("Origins") == 1 and out.count("The Commission") == 1
    assert "1. Introduction\n2. Origins\n3. The Commission" in out


def test_a_letter_answers_and_anything_else_asks_again(workdir: Path) -> None:
    result = chat(workdir, "/quiz 1", "what?", "b", "/progress")
    out = result.stdout
    assert "Answer with an option's number, its letter" in out
    assert out.count("Question 1/3: ") == 2  # asked, then asked again after "what?"
    assert "Question 2/3: " in out
    assert "Answers: 1," in out  # "b" was an answer
    assert "I answer to commands" not in out  # the quiz was not abandoned


def test_logs_stay_quiet_and_the_database_location_is_told_once(workdir: Path) -> None:
    env = {"DATABASE_URL": ""}  # unset: the per-user default
    first = chat(workdir, "/start", env=env)
    location = workdir / "home-data" / "peacebot" / "peacebot.db"
    assert first.stderr.strip() == (f"peacebot: your progress is kept in {location} "
                                    "(DATABASE_URL changes where)")
    assert location.exists() and not (workdir / "data").exists()
    again = chat(workdir, "/start", env=env)
    assert again.stderr == ""  # no migration line, no location: only warnings would show
    loud = chat(workdir, "/start", env={**env, "LOG_LEVEL": "INFO"})
    assert "INFO" in loud.stderr


def test_unreachable_database_is_one_line(workdir: Path) -> None:
    result = chat(workdir, "/start",
                  env={"DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _read_until(fd: int, marker: bytes, limit: float = 60.0) -> bytes:
    """Output until `marker` shows (or the child ends, or `limit` seconds pass)."""
    seen = b""
    waited = 0.0
    while marker not in seen and waited < limit:
        ready, _, _ = select.select([fd], [], [], 0.5)
        waited += 0.5
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
    return seen


@pytest.mark.skipif(pty is None, reason="no pseudo-terminals here")
def test_the_up_arrow_recalls_the_last_line(workdir: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/tty.db",
           "CONTENT_DIR": str(workdir / "sources"), "XDG_DATA_HOME": str(workdir / "home"),
           "TERM": "xterm"}
    assert pty is not None
    pid, fd = pty.fork()
    if pid == 0:  # the child: the chat on the terminal
        os.chdir(workdir)
        os.execvpe(sys.executable, [sys.executable, "-m", "bot.cli", "chat"], env)
    try:
        assert b"peacebot chat: type /start" in _read_until(fd, b"> ")
        os.write(fd, b"/help\r")
        assert b"How this works" in _read_until(fd, b"> ")
        os.write(fd, b"\x1b[A\r")  # Up, Enter: /help again
        again = _read_until(fd, b"> ")
        assert b"How this works" in again and b"^[[A" not in again
        os.write(fd, b"\x04")  # Ctrl-D: end of input
        _read_until(fd, b"never shown", limit=10.0)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert (workdir / "home" / "peacebot" / "history").read_text().strip().endswith("/help")
