"""The `peacebot` command: parses arguments, builds settings, hands off to one front end."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.config import Settings, load_settings, user_data_dir
from bot.errors import UserFacingError
from bot.telegram.redact import redact, redact_token_in_logs

logger = logging.getLogger(__name__)

Command = Callable[[argparse.Namespace, Settings], int]


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.telegram_bot_token:
        raise UserFacingError(
            "TELEGRAM_BOT_TOKEN is not set; set it (or put it in .env), "
            "or try the tutor without Telegram: peacebot chat"
        )
    if args.webhook and not settings.webhook_url:
        raise UserFacingError("--webhook needs WEBHOOK_URL (and WEBHOOK_SECRET) to be set")
    from bot.telegram.app import run_bot

    return run_bot(settings, webhook=args.webhook)


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """The tutor in the terminal; its defaults are `Settings.for_chat` (applied in `main`)."""
    from bot.console import main as chat
    from bot.wiring import prepare

    runtime = prepare(settings)
    if runtime.new_database:
        print(f"peacebot: your progress is kept in {runtime.database} "
              "(DATABASE_URL changes where)", file=sys.stderr)
    return chat(runtime, user_id=args.user, stdin=sys.stdin, stdout=sys.stdout,
                export_dir=user_data_dir() / "exports", history=user_data_dir() / "history")


def _cmd_content_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.content_cli import export
    from content import ContentError, load_courses
    from content.progress import DelayedProgress

    try:
        courses = load_courses(
            args.source,
            default_dir=settings.content_dir,
            cache_dir=settings.cache_dir,
            max_bytes=settings.max_document_bytes,
            progress=DelayedProgress(sys.stderr),
        )
    except ContentError as error:
        raise UserFacingError(str(error)) from error
    return export(courses, file_format=args.format, out=args.out)


def _cmd_content_review(args: argparse.Namespace, settings: Settings) -> int:
    """The teacher's review desk (bot/review_desk.py); numbers from the progress database."""
    from functools import partial

    from bot.content_cli import review
    from bot.review_stats import load_question_stats

    review(
        args.source,
        default_dir=settings.content_dir,
        flagged=args.flagged,
        load_stats=partial(load_question_stats, settings.database_url),
        stdin=sys.stdin,
        stdout=sys.stdout,
    )
    return 0


def _cmd_content_check(args: argparse.Namespace, settings: Settings) -> int:
    """A summary per document and warnings to stdout (every dropped candidate with
    --verbose); problems to stderr, exit 1."""
    from content import ContentError, run_check

    try:
        result = run_check(args.source, default_dir=settings.content_dir)
    except ContentError as error:
        raise UserFacingError(str(error)) from error
    for note in result.notes:
        print(note)
    if args.verbose:
        for line in result.dropped:
            print(line)
    elif result.dropped:
        print(f"{len(result.dropped)} candidate questions left out (--verbose lists each, "
              "with why)")
    for problem in result.problems:
        print(f"problem: {problem}", file=sys.stderr)
    if result.problems:
        return 1
    print(f"ok: {len(result.courses)} course(s) checked")
    return 0


def _cmd_content_add(args: argparse.Namespace, settings: Settings) -> int:
    """Summary to stdout, problems to stderr; an unusable document is refused, not copied."""
    from content import ContentError
    from content.build import read_file
    from content.cache import CourseCache
    from content.intake import existing_courses, inspect_document, publish
    from content.progress import DelayedProgress

    try:
        data = read_file(args.file, max_bytes=settings.max_document_bytes)
        inspection = inspect_document(
            data,
            args.file.name,
            max_bytes=settings.max_document_bytes,
            existing=existing_courses(settings.sources),
            cache=CourseCache(settings.cache_dir),
            progress=DelayedProgress(sys.stderr),
        )
        for line in inspection.summary:
            print(line)
        for problem in inspection.problems:
            print(f"problem: {problem}", file=sys.stderr)
        if inspection.refusal is not None:
            raise UserFacingError(f"not added: {inspection.refusal}")
        target = publish(data, args.file.name, settings.sources)
    except ContentError as error:
        raise UserFacingError(str(error)) from error
    print(f"added {target}")
    return 0


def _cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import database_errors
    from db.migrate import current_revision, head_revision, upgrade

    with database_errors():
        before = current_revision(settings.database_url)
        upgrade(settings.database_url)
    head = head_revision()
    if before == head:
        print(f"database already up to date (revision {head})")
    else:
        print(f"database upgraded from {before or 'empty'} to revision {head}")
    return 0


def _cmd_remind(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.telegram_bot_token:
        raise UserFacingError(
            "TELEGRAM_BOT_TOKEN is not set; peacebot remind sends through Telegram"
        )
    from datetime import UTC

    from bot.telegram.reminders import remind_once
    from content.text import plural

    result = remind_once(settings, at=args.at or datetime.now(UTC))
    print(f"{plural(result.sent, 'reminder')} sent ({result.blocked} blocked, "
          f"{result.failed} failed)")
    return 0


def parse_aware_datetime(text: str) -> datetime:
    """`--at` must say which moment it means: an ISO-8601 time with a UTC offset."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"not an ISO-8601 time: {text!r} (example: 2026-11-26T18:05:00+00:00)"
        ) from error
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"--at needs a timezone offset: {text!r} (example: 2026-11-26T18:05:00+00:00)"
        )
    return moment


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from error
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peacebot",
        description="A Telegram tutor: lessons, generated quizzes and spaced-repetition reviews.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.set_defaults(handler=None, parser=parser)
    # `-v` after the command too: SUPPRESS keeps a subcommand from resetting the top one's.
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                         help="log debug details")
    commands = _Subcommands(parser.add_subparsers(dest="command", metavar="COMMAND"), verbose)

    run = commands.add_parser("run", help="run the Telegram bot (long polling by default)")
    run.add_argument("--webhook", action="store_true", help="serve webhooks instead of polling")
    run.set_defaults(handler=_cmd_run)

    chat = commands.add_parser("chat", help="use the tutor in this terminal (no token needed)")
    chat.add_argument("--user", type=positive_int, default=1, metavar="ID", help="learner id")
    chat.set_defaults(handler=_cmd_chat)

    content = commands.add_parser("content", help="export, check, review or add course content")
    content_commands = _Subcommands(
        content.add_subparsers(dest="content_command", metavar="ACTION"), verbose)
    actions: dict[str, argparse.ArgumentParser] = {}
    for name, handler, summary in (
        ("export", _cmd_content_export, "print the courses as JSON (or write an Anki deck)"),
        ("check", _cmd_content_check, "build and validate the courses and curation files"),
        ("review", _cmd_content_review, "walk through the questions to accept, drop or edit"),
    ):
        action = content_commands.add_parser(name, help=summary)
        action.add_argument(
            "--source",
            action="append",
            type=Path,
            metavar="PATH",
            help="a document (.md, .txt, .pdf, .docx, .html) or a folder of them (repeatable); "
            "default CONTENT_DIR",
        )
        action.set_defaults(handler=handler)
        actions[name] = action
    actions["export"].add_argument(
        "--format", choices=("json", "apkg"), default="json", help="json (default) or apkg (Anki)"
    )
    actions["export"].add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (needed for apkg)"
    )
    actions["review"].add_argument(
        "--flagged", action="store_true", help="only the questions learners reported"
    )
    add = content_commands.add_parser("add", help="check a document and add it to CONTENT_DIR")
    add.add_argument("file", type=Path, metavar="FILE", help="a .md, .txt, .pdf, .docx or .html")
    add.set_defaults(handler=_cmd_content_add)

    database = commands.add_parser("db", help="manage the progress database")
    db_commands = _Subcommands(database.add_subparsers(dest="db_command", metavar="ACTION"),
                               verbose)
    db_commands.add_parser("upgrade", help="apply pending migrations").set_defaults(
        handler=_cmd_db_upgrade
    )

    remind = commands.add_parser("remind", help="run one reminder sweep now")
    remind.add_argument(
        "--at",
        type=parse_aware_datetime,
        metavar="ISO-8601",
        help="act as if the clock read this time (with a UTC offset)",
    )
    remind.set_defaults(handler=_cmd_remind)
    return parser


class _Subcommands:
    """`add_subparsers()` whose parsers all take `-v` and show their own help when a command
    group is given without its action (`peacebot content`)."""

    def __init__(self, group: Any, verbose: argparse.ArgumentParser) -> None:
        self._group = group
        self._verbose = verbose

    def add_parser(self, name: str, *, help: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self._group.add_parser(
            name, help=help, description=help, parents=[self._verbose])
        parser.set_defaults(handler=None, parser=parser)
        return parser


def _version() -> str:
    try:
        return metadata.version("peacebot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    # httpx logs every request URL, and Bot API URLs carry the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # The Markdown parser traces every block rule it tries: thousands of lines per document.
    logging.getLogger("markdown_it").setLevel(logging.INFO)


def _settings_error(error: ValidationError) -> str:
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "settings"
    return f"invalid setting {name}: {first['msg']}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.handler is None:  # `peacebot` or `peacebot content` alone: what can follow
        args.parser.print_help()
        return 0
    try:
        settings = load_settings()
    except ValidationError as error:
        print(f"peacebot: {_settings_error(error)}", file=sys.stderr)
        return 1
    if args.command == "chat":
        settings = settings.for_chat()
    _configure_logging("DEBUG" if args.verbose else settings.log_level)
    token = settings.telegram_bot_token
    if token:  # Bot API URLs carry the token, and libraries log or quote them
        redact_token_in_logs(token)
    handler: Command = args.handler
    try:
        return handler(args, settings)
    except UserFacingError as error:
        print(f"peacebot: {redact(str(error), token)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # last line of defence: one line for people, details in the log
        logger.debug("unhandled error", exc_info=True)
        detail = redact(f"{type(error).__name__}: {error}", token)
        print(f"peacebot: unexpected error: {detail}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
