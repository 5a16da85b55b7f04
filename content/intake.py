"""A new document, checked before it becomes a course: for `peacebot content add` and for an
admin's upload in Telegram alike.

`inspect_document(data, filename, ...)` builds the course from the file's bytes and says what
came out (summary lines), what is wrong with it (problems: worth fixing, not blocking) and,
when it cannot be used at all, why (`refusal`: unreadable, no questions, or a course id
another document already has). `publish(data, filename, folder)` then writes the file into
the content folder in one step (a temporary file renamed into place), so a running bot
never reads half a document.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from statistics import median

from content.build import BuildReport, build_file
from content.cache import CourseCache
from content.check import course_problems
from content.errors import ContentError
from content.progress import Progress, silent
from content.readers import DEFAULT_MAX_BYTES, SUFFIXES, check_suffix
from content.text import plural, slugify


@dataclass(slots=True)
class Inspection:
    """What a document would become; `refusal` is None when it may be published."""

    filename: str
    report: BuildReport | None = None
    summary: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    refusal: str | None = None

    @property
    def usable(self) -> bool:
        return self.refusal is None and self.report is not None


def existing_courses(folder: Path) -> dict[str, str]:
    """Course id -> file name of each document already in the content folder."""
    if not folder.is_dir():
        return {}
    return {
        slugify(path.stem): path.name
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix.lower() in SUFFIXES
    }


def inspect_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    existing: Mapping[str, str] | None = None,
    cache: CourseCache | None = None,
    progress: Progress = silent,
) -> Inspection:
    """Build the course a file would make and judge it; never raises for a bad document."""
    name = stored_name(filename)
    inspection = Inspection(filename=name)
    try:
        report = build_file(data, name, max_bytes=max_bytes, cache=cache, progress=progress)
    except ContentError as error:
        inspection.refusal = str(error)
        return inspection
    course = report.course
    inspection.report = report
    inspection.summary = summarise(report)
    inspection.problems = course_problems(course)
    clash = clash_refusal(course.id, name, existing or {})
    if clash is not None:
        inspection.refusal = clash
    elif not course.questions:
        inspection.refusal = f"{name}: no questions could be made from this document"
    return inspection


def clash_refusal(course_id: str, name: str, existing: Mapping[str, str]) -> str | None:
    """Why `name` cannot be kept when another file already makes course `course_id`; None
    when the id is free or the file is that document itself (an update under its own name).
    Checked again just before publishing: another document may have taken the id since."""
    owner = existing.get(course_id)
    if owner is None or owner == name:
        return None
    return (
        f"{name}: course id {course_id!r} is already used by {owner}; "
        "rename the file (or replace that document under its own name)"
    )


def summarise(report: BuildReport) -> list[str]:
    """Lines a person reads: the course, its lessons with their sizes, questions by kind."""
    course = report.course
    sizes = [len(lesson.text.split()) for lesson in course.lessons]
    kinds = Counter(question.kind for question in course.questions)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    lines = [
        f"course {course.id!r}: “{course.title}”",
        f"{plural(len(course.lessons), 'lesson')} of {min(sizes)}-{max(sizes)} words "
        f"(median {median(sizes):.0f})",
        plural(len(course.questions), "question") + (f" ({by_kind})" if by_kind else ""),
    ]
    for lesson in course.lessons:
        count = len(course.questions_for(lesson.id))
        lines.append(
            f"  {lesson.index + 1}. {lesson.title} "
            f"({plural(len(lesson.text.split()), 'word')}, {plural(count, 'question')})"
        )
    return lines


def stored_name(filename: str) -> str:
    """The name a document is kept under: its base name, made safe for a folder."""
    base = PurePath(filename.replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    if not stem or stem.startswith(".") or re.search(r"[\x00-\x1f/]", stem):
        stem = slugify(stem)
    return f"{stem}{suffix.lower()}"


def publish(data: bytes, filename: str, folder: Path) -> Path:
    """Write the document into the content folder atomically; returns where it went."""
    name = stored_name(filename)
    check_suffix(PurePath(name).suffix, where=name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        target = folder / name
        os.replace(temporary, target)
    except OSError as error:
        raise ContentError(f"cannot write into {folder}: {error.strerror or error}") from error
    return target
