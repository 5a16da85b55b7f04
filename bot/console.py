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
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.errors import UserFacingError
from bot.tutor import Learner, Tutor, TutorConfig
from bot.tutor.replies import Attachment, Reply, ReplyKind
from content.model import Course
from db.engine import create_engine, create_session_factory
from db.errors import DatabaseUnavailable

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
        self.learner = Learner(user_id=user_id, first_name="")
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


def load_courses(sources: Path | None, *, cache_dir: Path | None = None) -> list[Course]:
    """The courses from the content pipeline (built ones from `cache_dir`); bad sources
    become one clear line."""
    from content import ContentError
    from content import load_courses as build
    from content.progress import DelayedProgress

    try:
        courses = build(
            [sources] if sources is not None else None,
            cache_dir=cache_dir,
            progress=DelayedProgress(sys.stderr),
        )
    except ContentError as error:
        raise UserFacingError(str(error)) from error
    if not courses:
        where = sources or "content/sources"
        raise UserFacingError(f"no course documents (.md or .txt) found in {where}")
    return courses


async def _serve(url: str, courses: list[Course], config: TutorConfig, *, user_id: int,
                 stdin: TextIO, stdout: TextIO) -> int:
    engine = create_engine(url)
    try:
        tutor = Tutor(courses=courses, sessions=create_session_factory(engine), config=config)
        return await run(tutor, user_id=user_id, stdin=stdin, stdout=stdout)
    finally:
        await engine.dispose()


def main(*, database_url: str, sources: Path | None, config: TutorConfig, user_id: int,
         stdin: TextIO, stdout: TextIO, cache_dir: Path | None = None) -> int:
    """Migrate the database, build the courses, and chat until end of input."""
    from db.migrate import upgrade

    courses = load_courses(sources, cache_dir=cache_dir)
    try:
        upgrade(database_url)
        logger.debug("chat: %d course(s) loaded for learner %d", len(courses), user_id)
        return asyncio.run(_serve(database_url, courses, config, user_id=user_id, stdin=stdin,
                                  stdout=stdout))
    except DatabaseUnavailable as error:
        raise UserFacingError(str(error)) from error
