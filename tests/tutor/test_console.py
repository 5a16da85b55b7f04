"""The console front end in-process: numbering, prompt only on a terminal, quitting, wrapping,
answers typed as text or letter."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from bot.console import GREETING, Console, Style, run, typed_option
from bot.tutor import Tutor
from bot.tutor.replies import QuestionCard, Reply
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


def _console(tutor: Tutor, tmp_path: Path, style: Style | None = None) -> Console:
    return Console(tutor, user_id=5, out=io.StringIO(), clock=clock, export_dir=tmp_path,
                   style=style)


async def test_piped_session_numbers_options(tutor: Tutor, tmp_path: Path) -> None:
    out = await _run(tutor, "/quiz 2\n1\n/quit\n/help\n", tmp_path)
    assert "> " not in out and GREETING not in out
    first_block = out.split("\n\n")[0]
    assert first_block.startswith("Question 1/3: Question")
    assert first_block.splitlines()[1].startswith("1. ")
    assert "Right! +10 XP\n-------------\n" in out or "Not quite\n---------\n" in out
    assert "How this works" not in out  # /quit stopped reading


async def test_terminal_gets_greeting_prompt_and_bold_titles(tutor: Tutor,
                                                             tmp_path: Path) -> None:
    out = io.StringIO()
    await run(tutor, user_id=5, stdin=FakeTerminal("/lessons\n"), stdout=out, clock=clock,
              export_dir=tmp_path, style=Style(width=80, bold=True))
    text = out.getvalue()
    assert text.startswith(GREETING)
    assert text.count("> ") == 2  # before /lessons and before end of input
    assert "\033[1mLessons (0 of 2 done)\033[0m" in text
    assert "1. Introduction\n2. History" in text


async def test_out_of_range_number_keeps_options(tutor: Tutor, tmp_path: Path) -> None:
    out = await _run(tutor, "/lessons\n7\n2\n", tmp_path)
    assert "Type a number from 1 to 2" in out
    assert "Lesson 2: History\n-----------------\n" in out


async def test_notice_is_parenthesised_and_blank_lines_ignored(tutor: Tutor,
                                                              tmp_path: Path) -> None:
    out = await _run(tutor, "\n\n/quiz 2\n1\n1\n", tmp_path)
    # the second "1" is an option of question 2 now, not a repeat of question 1
    assert "(You already answered" not in out
    assert out.count("Question 2/3") == 1


async def test_an_answer_typed_as_its_text_counts(tutor: Tutor, tmp_path: Path) -> None:
    console = _console(tutor, tmp_path)
    await console.handle("/quiz 2")
    card = console.question
    assert card is not None
    wrong = next(option for index, option in enumerate(card.options) if index != card.correct)
    await console.handle(f"  {wrong.upper()}. ")
    out = console.out.getvalue()  # type: ignore[attr-defined]
    assert "Not quite" in out and "Question 2/3" in out
    assert console.question is not None and console.question.number == 2


async def test_unknown_text_during_a_quiz_asks_again(tutor: Tutor, tmp_path: Path) -> None:
    console = _console(tutor, tmp_path)
    await console.handle("/quiz 2")
    await console.handle("no idea")
    out = console.out.getvalue()  # type: ignore[attr-defined]
    assert out.count("Question 1/3") == 2 and "Answer with an option's number" in out
    assert "I answer to commands" not in out
    await console.handle("a")  # the quiz is still on: a letter answers it
    assert "Question 2/3" in console.out.getvalue()  # type: ignore[attr-defined]


def test_typed_option_reads_text_letters_and_years() -> None:
    card = QuestionCard(prompt="When?", options=("1919", "1921", "The year after"), correct=1,
                        explanation="", source="", answer_actions=("a", "b", "c"), number=1,
                        total=1)
    assert typed_option(card, "1921") == 1
    assert typed_option(card, "“the year after”") == 2
    assert typed_option(card, "B") == 1
    assert typed_option(card, "d") is None and typed_option(card, "1920") is None


def test_wrapping_keeps_words_and_hangs_list_items() -> None:
    style = Style(width=30)
    wrapped = style.wrap("• The Joint Harbour Commission met every spring in Riga.")
    assert wrapped.splitlines() == ["• The Joint Harbour Commission", "  met every spring in Riga."]
    assert style.title("Lesson 2: Origins") == "Lesson 2: Origins\n-----------------"


async def test_the_terminal_offers_no_reminder_settings(tutor: Tutor, tmp_path: Path) -> None:
    out = await _run(tutor, "/settings\n", tmp_path)
    assert "Reminders come only in Telegram" in out
    assert "Reminder time" not in out and "Quiet hours" not in out


async def test_a_number_in_range_still_picks_an_option(tutor: Tutor, tmp_path: Path) -> None:
    console = _console(tutor, tmp_path)
    await console.handle("/start")  # a known learner: presses are for known learners only
    console.show([Reply(text="", question=QuestionCard(
        prompt="Pick", options=("3", "1"), correct=0, explanation="", source="",
        answer_actions=("c:help", "c:lessons"), number=1, total=1))])
    await console.handle("1")  # option 1 (its text is "3"), not the option whose text is "1"
    assert "How this works" in console.out.getvalue()  # type: ignore[attr-defined]
