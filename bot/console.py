"""`peacebot chat`: the tutor on stdin/stdout, for a person at a terminal or a script on a pipe.

One line in, the tutor's replies out:
- `/command args` runs a command (`/start`, `/learn`, `/quiz 2`, ...); `/quit` leaves.
- A number picks one of the numbered options of the latest replies: a question's options come
  first, then the buttons, numbered on from there (`1.`, `2.`, ...).
- While a question waits, its answer can also be typed as the option's letter (`b`) or text;
  anything else asks the question again (the quiz goes on).
- Anything else is free text (e.g. a timezone name when one was asked for).
End of input exits with code 0. On a terminal the prompt has line editing and history (stdlib
`readline`), a greeting opens the chat and titles are bold; through a pipe the output holds
nothing but replies, titles underlined with dashes. Text is wrapped at the terminal's width
(80 columns on a pipe). An export is written as a JSON file into `export_dir` and its path
printed. The clock is read here, at the edge: `datetime.now(UTC)` per line.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import string
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.tutor import Person, Tutor
from bot.tutor.replies import Attachment, QuestionCard, Reply, ReplyKind
from bot.tutor.texts import plural
from bot.wiring import Runtime, database_errors

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
LineReader = Callable[[], str | None]
GREETING = "peacebot chat: type /start to begin, /help for commands, /quit to leave."
QUIT = frozenset({"/quit", "/exit"})
PIPE_WIDTH = 80
LETTERS = string.ascii_lowercase
# A line of lesson text that starts a list item: its continuation lines indent under the text.
_LIST_ITEM = re.compile(r"^(\s*(?:[\u2022\-*]|\d{1,3}[.)])\s+)")
_BOLD, _RESET = "\033[1m", "\033[0m"


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Style:
    """How this output shows text: its width, and whether titles can be bold (a terminal)."""

    width: int = PIPE_WIDTH
    bold: bool = False

    @classmethod
    def of(cls, out: TextIO) -> Style:
        """The terminal's width and bold titles on a terminal (unless NO_COLOR or TERM=dumb);
        80 columns and plain text on a pipe or file."""
        if not out.isatty():
            return cls()
        plain = "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
        columns = shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
        return cls(width=max(20, columns), bold=not plain)

    def title(self, text: str) -> str:
        if self.bold:
            return "\n".join(f"{_BOLD}{line}{_RESET}" for line in self.wrap(text).splitlines())
        wrapped = self.wrap(text)
        rule = "-" * min(self.width, max(len(line) for line in wrapped.splitlines()))
        return f"{wrapped}\n{rule}"

    def wrap(self, text: str, indent: str = "") -> str:
        """Each line wrapped at the width, between words (a path or URL longer than a line stays
        whole, to be copied); list items and `indent` hang under their text."""
        out: list[str] = []
        for line in text.splitlines() or [""]:
            marker = _LIST_ITEM.match(line)
            hang = indent + " " * len(marker.group(1)) if marker else indent
            out.append(textwrap.fill(line, self.width, subsequent_indent=hang,
                                     break_long_words=False, break_on_hyphens=False)
                       if line.strip() else "")
        return "\n".join(out)


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .!?\"'\u201c\u201d\u2018\u2019")


def typed_option(card: QuestionCard, text: str) -> int | None:
    """The option `text` names: its text (any case, surrounding quotes and stops aside) or
    its letter (`a` is the first option); None when it names none."""
    wanted = _normalised(text)
    matches = [index for index, option in enumerate(card.options)
               if _normalised(option) == wanted]
    if len(matches) == 1:
        return matches[0]
    if len(wanted) == 1 and wanted in LETTERS[:len(card.options)]:
        return LETTERS.index(wanted)
    return None


class Console:
    """Renders replies as numbered text and maps the learner's numbers back to actions."""

    def __init__(self, tutor: Tutor, *, user_id: int, out: TextIO, export_dir: Path,
                 clock: Clock = _utc_now, style: Style | None = None) -> None:
        self.tutor = tutor
        # The terminal never sends reminders, so the tutor does not offer their settings.
        self.learner = Person(user_id=user_id, first_name="", reminders=False)
        self.out = out
        self.clock = clock
        self.export_dir = export_dir
        self.style = style or Style.of(out)
        self.numbered: list[str] = []
        self.question: QuestionCard | None = None  # the question waiting for an answer

    async def handle(self, line: str) -> bool:
        """Act on one input line; False when the learner asked to quit."""
        text = line.strip()
        if not text:
            return True
        if text.lower() in QUIT:
            return False
        if text.startswith("/"):
            name, _, args = text[1:].partition(" ")
            replies = await self.tutor.command(self.learner, name, args, self.clock())
        elif text.isdigit() and 1 <= int(text) <= len(self.numbered):
            replies = await self.tutor.press(self.learner, self.numbered[int(text) - 1],
                                             self.clock())
        elif self.question is not None:
            option = typed_option(self.question, text)  # a letter, the text, or a year
            if option is None:
                self._ask_again(self.question)
                return True
            replies = await self.tutor.press(self.learner, self.question.answer_actions[option],
                                             self.clock())
        elif text.isdigit() and self.numbered:
            self._print(f"Type a number from 1 to {len(self.numbered)}, or a command "
                        "like /help.")
            return True
        else:
            replies = await self.tutor.say(self.learner, text, self.clock())
        self.show(replies)
        return True

    def _ask_again(self, card: QuestionCard) -> None:
        letters = ", ".join(LETTERS[:min(3, len(card.options))])
        hint = (f"Answer with an option's number, its letter ({letters}, ...) or its text; "
                "or type a command like /help.")
        lines: list[str] = []
        first = card.answer_actions[0]
        before = self.numbered[:self.numbered.index(first)] if first in self.numbered else []
        self._question_lines(card, lines, before)  # numbered as when it was first asked
        self._print(self.style.wrap(hint) + "\n\n" + "\n".join(lines))

    def show(self, replies: list[Reply]) -> None:
        """Print replies; a batch with options replaces the numbers the learner can type."""
        numbered: list[str] = []
        blocks = [self._render(reply, numbered) for reply in replies]
        if numbered:
            self.numbered = numbered
            self.question = next((reply.question for reply in replies
                                  if reply.question is not None), None)
        self._print("\n\n".join(block for block in blocks if block))

    def _render(self, reply: Reply, numbered: list[str]) -> str:
        lines: list[str] = []
        if reply.title:
            lines.append(self.style.title(reply.title))
        if reply.text:
            text = f"({reply.text})" if reply.kind is ReplyKind.NOTICE else reply.text
            lines.append(self.style.wrap(text))
        if reply.question is not None:
            self._question_lines(reply.question, lines, numbered)
        for row in reply.choices:
            for choice in row:
                numbered.append(choice.action)
                lines.append(self._option(len(numbered), choice.label))
        if reply.attachment is not None:
            lines.append(self.style.wrap(self._save(reply.attachment)))
        return "\n".join(lines)

    def _question_lines(self, card: QuestionCard, lines: list[str], numbered: list[str]) -> None:
        lines.append(self.style.wrap(f"Question {card.number}/{card.total}: {card.prompt}"))
        for option, action in zip(card.options, card.answer_actions, strict=True):
            numbered.append(action)
            lines.append(self._option(len(numbered), option))

    def _option(self, number: int, label: str) -> str:
        return self.style.wrap(f"{number}. {label}")

    def _save(self, attachment: Attachment) -> str:
        self.export_dir.mkdir(parents=True, exist_ok=True)
        path = self.export_dir / Path(attachment.filename).name
        path.write_bytes(attachment.data)
        caption = f" {attachment.caption}" if attachment.caption else ""
        return f"Saved to {path}.{caption}"

    def _print(self, text: str) -> None:
        if text:
            self.out.write(text + "\n\n")
            self.out.flush()


def line_reader(stdin: TextIO, stdout: TextIO, *, history: Path | None = None) -> LineReader:
    """Lines from stdin, None at the end. The process's own terminal gets `input()` with
    readline's editing and history (kept in `history`); a pipe is read as it comes."""
    interactive = stdin.isatty()
    if interactive and stdin is sys.stdin and stdout is sys.stdout:
        return _readline_reader(history)

    def read() -> str | None:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        return stdin.readline() or None

    return read


def _readline_reader(history: Path | None) -> LineReader:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: input() still works, without history
        readline = None  # type: ignore[assignment]
    if readline is not None and history is not None:
        try:
            readline.read_history_file(history)
        except OSError:
            pass  # no history yet

    def read() -> str | None:
        try:
            line = input("> ")
        except EOFError:
            print()
            return None
        if readline is not None and history is not None and line.strip():
            try:
                history.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(history)
            except OSError as error:
                logger.warning("cannot keep the chat history in %s: %s", history, error)
        return line

    return read


async def run(tutor: Tutor, *, user_id: int, stdin: TextIO, stdout: TextIO, export_dir: Path,
              clock: Clock = _utc_now, history: Path | None = None,
              style: Style | None = None) -> int:
    """Read lines until end of input (or /quit); returns the exit code (0)."""
    console = Console(tutor, user_id=user_id, out=stdout, clock=clock, export_dir=export_dir,
                      style=style)
    if stdin.isatty():
        stdout.write(console.style.wrap(GREETING) + "\n\n")
    read = line_reader(stdin, stdout, history=history)
    while (line := read()) is not None:
        if not await console.handle(line):
            break
    return 0


def main(runtime: Runtime, *, user_id: int, stdin: TextIO, stdout: TextIO, export_dir: Path,
         history: Path | None = None) -> int:
    """Chat until end of input; the runtime is closed afterwards."""

    async def serve() -> int:
        try:
            return await run(runtime.tutor, user_id=user_id, stdin=stdin, stdout=stdout,
                             export_dir=export_dir, history=history)
        finally:
            await runtime.close()

    logger.debug("chat: %s loaded for learner %d", plural(len(runtime.courses), "course"),
                 user_id)
    with database_errors():
        return asyncio.run(serve())
