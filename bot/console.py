"""`peacebot chat`: the tutor on stdin/stdout, for a person at a terminal or a script on a pipe.

One line in, the tutor's replies out:
- `/command args` runs a command (`/start`, `/learn`, `/quiz 2`, ...); `/quit` leaves.
- A number picks one of the numbered options of the latest replies: a question's options come
  first, then the buttons, numbered on from there (`1.`, `2.`, ...).
- Anything else is free text (e.g. a timezone name when one was asked for).
End of input exits with code 0. The "> " prompt and the greeting are printed only when stdin is
a terminal, so piped output holds nothing but replies. Replies are separated by a blank line;
a title is printed as "# Title". An export is written as a JSON file to the current folder
and its path printed. The clock is read here, at the edge: `datetime.now(UTC)` per line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.tutor import Person, Tutor
from bot.tutor.replies import Attachment, Reply, ReplyKind
from bot.wiring import Runtime, database_errors

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
GREETING = ("peacebot chat: type /start to begin, /help for commands, a number to pick an "
            "option, /quit to leave.")
QUIT = frozenset({"/quit", "/exit"})


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Console:
    """Renders replies as numbered text and maps the learner's numbers back to actions."""

    def __init__(self, tutor: Tutor, *, user_id: int, out: TextIO, clock: Clock = _utc_now,
                 export_dir: Path | None = None) -> None:
        self.tutor = tutor
        self.learner = Person(user_id=user_id, first_name="")
        self.out = out
        self.clock = clock
        self.export_dir = export_dir or Path.cwd()
        self.numbered: list[str] = []

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
        elif text.isdigit() and self.numbered:
            number = int(text)
            if not 1 <= number <= len(self.numbered):
                self._print(f"Type a number from 1 to {len(self.numbered)}, or a command "
                            "like /help.")
                return True
            replies = await self.tutor.press(self.learner, self.numbered[number - 1],
                                             self.clock())
        else:
            replies = await self.tutor.say(self.learner, text, self.clock())
        self.show(replies)
        return True

    def show(self, replies: list[Reply]) -> None:
        """Print replies; a batch with options replaces the numbers the learner can type."""
        numbered: list[str] = []
        blocks = [self._render(reply, numbered) for reply in replies]
        if numbered:
            self.numbered = numbered
        self._print("\n\n".join(block for block in blocks if block))

    def _render(self, reply: Reply, numbered: list[str]) -> str:
        lines: list[str] = []
        if reply.title:
            lines.append(f"# {reply.title}")
        if reply.text:
            lines.append(reply.text)
        if reply.question is not None:
            card = reply.question
            lines.append(f"Question {card.number}/{card.total}: {card.prompt}")
            for option, action in zip(card.options, card.answer_actions, strict=True):
                numbered.append(action)
                lines.append(f"{len(numbered)}. {option}")
        for row in reply.choices:
            for choice in row:
                numbered.append(choice.action)
                lines.append(f"{len(numbered)}. {choice.label}")
        if reply.attachment is not None:
            lines.append(self._save(reply.attachment))
        if reply.kind is ReplyKind.NOTICE and lines:
            lines[0] = f"({lines[0]})"
        return "\n".join(lines)

    def _save(self, attachment: Attachment) -> str:
        path = self.export_dir / Path(attachment.filename).name
        path.write_bytes(attachment.data)
        caption = f" {attachment.caption}" if attachment.caption else ""
        return f"Saved {path}.{caption}"

    def _print(self, text: str) -> None:
        if text:
            self.out.write(text + "\n\n")
            self.out.flush()


async def run(tutor: Tutor, *, user_id: int, stdin: TextIO, stdout: TextIO,
              clock: Clock = _utc_now, export_dir: Path | None = None) -> int:
    """Read lines until end of input (or /quit); returns the exit code (0)."""
    interactive = stdin.isatty()
    console = Console(tutor, user_id=user_id, out=stdout, clock=clock, export_dir=export_dir)
    if interactive:
        stdout.write(GREETING + "\n\n")
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        if not await console.handle(line):
            break
    return 0


async def _serve(runtime: Runtime, *, user_id: int, stdin: TextIO, stdout: TextIO) -> int:
    try:
        return await run(runtime.tutor, user_id=user_id, stdin=stdin, stdout=stdout)
    finally:
        await runtime.close()


def main(runtime: Runtime, *, user_id: int, stdin: TextIO, stdout: TextIO) -> int:
    """Chat until end of input; the runtime is closed afterwards."""
    logger.debug("chat: %d course(s) loaded for learner %d", len(runtime.courses), user_id)
    with database_errors():
        return asyncio.run(_serve(runtime, user_id=user_id, stdin=stdin, stdout=stdout))
