"""The console front end in-process: numbering, prompt only on a terminal, quitting."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from bot.console import GREETING, run
from bot.tutor import Tutor
from tests.tutor.conftest import T0


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def clock() -> datetime:
    return T0


async def _run(tutor: Tutor, text: str, tmp_path: Path, stdin: io.StringIO | None = None) -> str:
    out = io.StringIO()
    code = await run(tutor, user_id=5, stdin=stdin or io.StringIO(text), stdout=out,
                     clock=clock, export_dir=tmp_path)
    assert code == 0
    return out.getvalue()


async def test_piped_session_numbers_options(tutor: Tutor, tmp_path: Path) -> None:
    out = await _run(tutor, "/quiz 2\n1\n/quit\n/help\n", tmp_path)
    assert "> " not in out and GREETING not in out
    first_block = out.split("\n\n")[0]
    assert first_block.startswith("Question 1/3: Question")
    assert first_block.splitlines()[1].startswith("1. ")
    assert "# Right! +10 XP" in out or "# Not quite" in out
    assert "How this works" not in out  # /quit stopped reading


async def test_terminal_gets_greeting_and_prompt(tutor: Tutor, tmp_path: Path) -> None:
    out = await _run(tutor, "", tmp_path, stdin=FakeTerminal("/lessons\n"))
    assert out.startswith(GREETING)
    assert out.count("> ") == 2  # before /lessons and before end of input
    assert "1. Introduction (new)" in out


async def test_out_of_range_number_keeps_options(tutor: Tutor, tmp_path: Path) -> None:
    out = await _run(tutor, "/lessons\n7\n2\n", tmp_path)
    assert "Type a number from 1 to 2" in out
    assert "# Lesson 2: History" in out


async def test_notice_is_parenthesised_and_blank_lines_ignored(tutor: Tutor,
                                                              tmp_path: Path) -> None:
    out = await _run(tutor, "\n\n/quiz 2\n1\n1\n", tmp_path)
    # the second "1" is an option of question 2 now, not a repeat of question 1
    assert "(You already answered" not in out
    assert out.count("Question 2/3") == 1
