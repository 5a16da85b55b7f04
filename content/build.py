"""Documents to courses: read, make lessons, generate questions (content/generate.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.curate import Curated, apply_curation
from content.curation import Curation, curation_path, read_curation
from content.document import Section, section_text
from content.errors import ContentError
from content.generate import generate_questions
from content.model import Course, Lesson
from content.pages import split_pages
from content.parse import parse_document
from content.text import short_hash, slugify

logger = logging.getLogger(__name__)

SUFFIXES = (".md", ".markdown", ".txt")
DEFAULT_DIR = Path(__file__).resolve().parent / "sources"


@dataclass(slots=True)
class BuildReport:
    """A built course plus the candidates validation dropped, with the reasons."""

    course: Course
    dropped: list[str] = field(default_factory=list)
    curation: Curated | None = None  # what the curation file did; None without one


def build_course(text: str, *, name: str) -> Course:
    """Build one course from a document's text; `name` is the file stem (id, title fallback)."""
    return build_report(text, name=name).course


def build_report(text: str, *, name: str, curation: Curation | None = None) -> BuildReport:
    if not text.strip():
        raise ContentError(f"{name}: the document is empty")
    document = parse_document(text, name=name)
    if not document.sections:
        raise ContentError(f"{name}: no lessons found (no text under any heading)")
    course_id = slugify(name)
    lessons = _lessons(course_id, document.sections)
    bank = generate_questions(document.title, document.sections, lessons)
    curated = apply_curation(curation, lessons, bank.questions)  # the teacher's file, if any
    course = Course(
        id=course_id,
        title=document.title,
        lessons=tuple(lessons),
        questions=tuple(curated.questions),
    )
    logger.debug("built %s: %d lessons, %d questions", course_id, len(lessons), len(bank.questions))
    return BuildReport(
        course=course, dropped=bank.dropped, curation=curated if curation is not None else None
    )


def build_file(path: Path) -> BuildReport:
    """Build the document at `path` with the curation file beside it (content/curation.py)."""
    curation = read_curation(curation_path(path))
    return build_report(read_document(path), name=path.stem, curation=curation)


def _lessons(course_id: str, sections: Sequence[Section]) -> list[Lesson]:
    """Lesson ids hash the course id and title (with its occurrence), never the position."""
    occurrences: dict[str, int] = {}
    lessons: list[Lesson] = []
    for index, section in enumerate(sections):
        occurrence = occurrences.get(section.title, 0)
        occurrences[section.title] = occurrence + 1
        lesson_id = "l" + short_hash(course_id, section.title, str(occurrence), size=5)
        text = section_text(section)
        lessons.append(
            Lesson(
                id=lesson_id,
                course_id=course_id,
                index=index,
                title=section.title,
                text=text,
                pages=split_pages(text),
            )
        )
    return lessons


def read_document(path: Path) -> str:
    """A document's text, or a ContentError that says what is wrong with the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise ContentError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise ContentError(f"{path}: is a folder, not a document") from error
    except OSError as error:
        raise ContentError(f"{path}: cannot read ({error.strerror or error})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(f"{path}: not UTF-8 text (byte {error.start})") from error
    if not text.strip():
        raise ContentError(f"{path}: the document is empty")
    return text


def find_documents(paths: Sequence[Path] | None, default_dir: Path | None = None) -> list[Path]:
    """Files named directly, plus the .md/.txt files inside named folders (sorted)."""
    targets = list(paths) if paths else [default_dir or DEFAULT_DIR]
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            inside = sorted(
                child for child in target.iterdir() if child.is_file() and child.suffix in SUFFIXES
            )
            if not inside:
                raise ContentError(f"{target}: no .md or .txt documents in this folder")
            found.extend(inside)
        elif target.exists():
            if target.suffix.lower() not in SUFFIXES:
                raise ContentError(f"{target}: not a .md or .txt document")
            found.append(target)
        else:
            raise ContentError(f"{target}: no such file or folder")
    return found


def load_reports(
    paths: Sequence[Path] | None = None, *, default_dir: Path | None = None
) -> list[BuildReport]:
    reports: list[BuildReport] = []
    owners: dict[str, Path] = {}
    for path in find_documents(paths, default_dir):
        report = build_file(path)
        if report.curation is not None:  # a bad entry is left out; the course still loads
            for problem in report.curation.problems:
                logger.warning("curation problem, left out: %s", problem)
        course_id = report.course.id
        if course_id in owners and owners[course_id] != path.resolve():
            raise ContentError(
                f"{path}: course id {course_id!r} is already used by {owners[course_id]}; "
                "rename one of the files"
            )
        if course_id in owners:
            continue  # the same file named twice
        owners[course_id] = path.resolve()
        reports.append(report)
    return reports


def load_courses(
    paths: Sequence[Path] | None = None, *, default_dir: Path | None = None
) -> list[Course]:
    """Courses from files or folders of .md/.txt; None reads `default_dir` (content/sources/)."""
    return [report.course for report in load_reports(paths, default_dir=default_dir)]


def export_courses(courses: Sequence[Course]) -> dict[str, Any]:
    """The CONTRACT.md export shape."""
    return {"courses": [course.to_dict() for course in courses]}
