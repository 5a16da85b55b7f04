"""`peacebot content review` and `peacebot content export --format apkg`, behind bot/cli.py.

Content errors become one clear line (UserFacingError) here, at the boundary.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from bot.errors import UserFacingError
from bot.review_desk import DeskItem, DeskOutcome, QuestionStats, ReviewDesk, review_order
from content import export_courses
from content.model import Course

StatsLoader = Callable[[], QuestionStats]


def export(
    courses: Sequence[Course],
    *,
    file_format: str,
    out: Path | None,
    clock: Callable[[], float] = time.time,
) -> int:
    """JSON (the CONTRACT export) to stdout or `out`; an Anki package to `out`."""
    if file_format == "apkg" and out is None:
        raise UserFacingError("--format apkg needs --out FILE (for example --out deck.apkg)", 2)
    if out is not None and not out.parent.is_dir():
        raise UserFacingError(f"{out.parent}: no such folder for --out")
    try:
        if file_format == "apkg" and out is not None:
            from content.anki import write_apkg

            written = write_apkg(courses, out, timestamp=clock())
            print(f"wrote {out}: {written.decks} deck(s), {written.notes} notes")
            return 0
        text = json.dumps(export_courses(courses), ensure_ascii=False, indent=2) + "\n"
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserFacingError(f"{out}: cannot write ({error.strerror or error})") from error
    return 0


def review(
    sources: Sequence[Path] | None,
    *,
    default_dir: Path | None,
    flagged: bool,
    load_stats: StatsLoader,
    stdin: TextIO,
    stdout: TextIO,
) -> DeskOutcome | None:
    """Run the desk over the documents; None when there was nothing to review."""
    items = desk_items(sources, default_dir=default_dir, out=stdout)
    stats = load_stats()
    chosen = review_order(items, stats, flagged_only=flagged)
    if not chosen:
        stdout.write(
            "No reported questions.\n"
            if flagged
            else "Nothing to review: every question has a decision in its curation file.\n"
        )
        return None
    return ReviewDesk(chosen, stats, stdin=stdin, stdout=stdout).run()


def desk_items(sources: Sequence[Path] | None, *, default_dir: Path | None, out: TextIO
               ) -> list[DeskItem]:
    """Every question as learners see it now, with the curation file its decision goes to."""
    from content import ContentError
    from content.build import build_path, find_documents
    from content.curation import curation_path
    from content.curation_file import CurationFile

    items: list[DeskItem] = []
    try:
        for path in find_documents(sources, default_dir):
            file = CurationFile.open(curation_path(path), document_name=path.name)
            report = build_path(path)
            if report.curation is not None and report.curation.problems:
                out.write(
                    f"note: {len(report.curation.problems)} entries of {file.path} do not apply "
                    "(peacebot content check lists them)\n"
                )
            titles = {lesson.id: lesson.title for lesson in report.course.lessons}
            items.extend(
                DeskItem(question, titles[question.lesson_id], file)
                for question in report.course.questions
            )
    except ContentError as error:
        raise UserFacingError(str(error)) from error
    return items
