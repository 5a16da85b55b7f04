"""Documents to courses: read (content/readers/), make lessons (content/lessons.py), generate
questions (content/generate.py), and keep what was built (content/cache.py).

Questions are generated in batches of lessons (about BATCH_WORDS words each) so that the
cost of a huge document grows with its length, not with its length squared: the question
engine compares terms and phrases across everything it is given. A document under
BATCH_WORDS (every ordinary one) is one batch, exactly as before. Batch ends are chosen
from the lessons' own ids, so an edit moves at most the batch it falls in. Several batches
run in worker processes, one per core (forkserver: safe from a threaded process too).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.cache import CourseCache, cache_key
from content.curate import Curated, apply_curation
from content.curation import Curation, curation_path, read_curation
from content.document import Document, Section
from content.errors import ContentError
from content.generate import Bank, generate_questions
from content.lessons import make_lessons
from content.model import Course, Lesson, Question
from content.parse import parse_document
from content.progress import Progress, silent
from content.readers import ACCEPTED, DEFAULT_MAX_BYTES, SUFFIXES, check_size, read_bytes
from content.text import short_hash, slugify

logger = logging.getLogger(__name__)

DEFAULT_DIR = Path(__file__).resolve().parent / "sources"
BATCH_WORDS = 6_000
MAX_WORKERS = 4
_BATCH_CHANCE = 4  # a lesson past BATCH_WORDS ends a batch when its id hash is 0 mod this


@dataclass(slots=True)
class BuildReport:
    """A built course plus the candidates validation dropped, with the reasons."""

    course: Course
    dropped: list[str] = field(default_factory=list)
    curation: Curated | None = None  # what the curation file did; None without one


def build_course(text: str, *, name: str) -> Course:
    """Build one course from a document's text; `name` is the file stem (id, title fallback)."""
    return build_report(text, name=name).course


def build_report(source: str | Document, *, name: str, progress: Progress = silent) -> BuildReport:
    """Build from a document's text (Markdown or plain) or from a document a reader made."""
    if isinstance(source, str):
        if not source.strip():
            raise ContentError(f"{name}: the document is empty")
        document = parse_document(source, name=name)
    else:
        document = source
    if not document.sections:
        raise ContentError(f"{name}: no lessons found (no text under any heading)")
    course_id = slugify(name)
    sections, lessons = make_lessons(course_id, document)
    questions: list[Question] = []
    dropped: list[str] = []
    for bank in _generate(document.title, sections, lessons, name=name, progress=progress):
        questions.extend(bank.questions)
        dropped.extend(bank.dropped)
    course = Course(
        id=course_id, title=document.title, lessons=tuple(lessons), questions=tuple(questions)
    )
    logger.debug("built %s: %d lessons, %d questions", course_id, len(lessons), len(questions))
    return BuildReport(course=course, dropped=dropped)


def curated(report: BuildReport, curation: Curation | None) -> BuildReport:
    """The report with the teacher's curation file applied (content/curation.py); applied
    after the cache, so editing the curation file never needs a rebuild."""
    if curation is None:
        return report
    lessons = report.course.lessons
    result = apply_curation(curation, lessons, report.course.questions)
    course = Course(
        id=report.course.id,
        title=report.course.title,
        lessons=lessons,
        questions=tuple(result.questions),
    )
    return BuildReport(course=course, dropped=report.dropped, curation=result)


def _generate(
    title: str,
    sections: Sequence[Section],
    lessons: Sequence[Lesson],
    *,
    name: str,
    progress: Progress,
) -> list[Bank]:
    """Each batch's questions, in lesson order; batches run in worker processes when there
    are several (they share nothing, so the result is the same as in one process)."""
    batches = _batches(lessons)
    jobs = [
        (title, list(sections[b.start : b.stop]), list(lessons[b.start : b.stop])) for b in batches
    ]
    workers = min(len(jobs), os.cpu_count() or 1, MAX_WORKERS)
    if workers >= 2:
        try:
            return _in_workers(jobs, workers, name=name, lessons=len(lessons), progress=progress)
        except (BrokenProcessPool, OSError) as error:  # no processes to be had: do it here
            logger.warning("building %s in one process: %s", name, error)
    banks: list[Bank] = []
    for done, job in enumerate(jobs, 1):
        banks.append(generate_questions(*job))
        progress(f"{name}: questions for {done}/{len(jobs)} parts of {len(lessons)} lessons")
    return banks


def _in_workers(
    jobs: list[tuple[str, list[Section], list[Lesson]]],
    workers: int,
    *,
    name: str,
    lessons: int,
    progress: Progress,
) -> list[Bank]:
    banks: list[Bank | None] = [None] * len(jobs)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(generate_questions, *job): index for index, job in enumerate(jobs)}
        for done, future in enumerate(as_completed(futures), 1):
            banks[futures[future]] = future.result()
            progress(f"{name}: questions for {done}/{len(jobs)} parts of {lessons} lessons")
    return [bank for bank in banks if bank is not None]


def _batches(lessons: Sequence[Lesson]) -> list[range]:
    """Consecutive lessons of at least BATCH_WORDS words, ended at id-chosen lessons."""
    batches: list[range] = []
    start = 0
    words = 0
    for index, lesson in enumerate(lessons):
        words += len(lesson.text.split())
        chosen = int(short_hash(lesson.id, size=2), 16) % _BATCH_CHANCE == 0
        if words >= BATCH_WORDS and (chosen or words >= 3 * BATCH_WORDS):
            batches.append(range(start, index + 1))
            start, words = index + 1, 0
    if start < len(lessons):
        if batches and words < BATCH_WORDS // 4:
            batches[-1] = range(batches[-1].start, len(lessons))
        else:
            batches.append(range(start, len(lessons)))
    return batches


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A document file's bytes, or a ContentError that says what is wrong with the file."""
    try:
        check_size(path.stat().st_size, max_bytes, where=str(path))
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ContentError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise ContentError(f"{path}: is a folder, not a document") from error
    except OSError as error:
        raise ContentError(f"{path}: cannot read ({error.strerror or error})") from error


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The document in a file of any accepted format, or a ContentError saying what is wrong."""
    return read_bytes(read_file(path, max_bytes=max_bytes), str(path), max_bytes=max_bytes)


def find_documents(paths: Sequence[Path] | None, default_dir: Path | None = None) -> list[Path]:
    """Files named directly, plus the documents of accepted formats inside named folders
    (not a README there: it says what the folder is for, it is not a course)."""
    targets = list(paths) if paths else [default_dir or DEFAULT_DIR]
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            inside = sorted(
                child
                for child in target.iterdir()
                if child.is_file() and child.suffix.lower() in SUFFIXES
                and not child.stem.upper().startswith("README")
            )
            if not inside:
                raise ContentError(f"{target}: no documents ({ACCEPTED}) in this folder")
            found.extend(inside)
        elif target.exists():
            if target.suffix.lower() not in SUFFIXES:
                raise ContentError(f"{target}: not a document peacebot reads ({ACCEPTED})")
            found.append(target)
        else:
            raise ContentError(f"{target}: no such file or folder")
    return found


def build_file(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: CourseCache | None = None,
    progress: Progress = silent,
) -> BuildReport:
    """A course from a file's bytes (`filename` gives format, course id and fallback title);
    from the cache when these exact bytes were built by this exact code before."""
    name = Path(filename).stem
    key = cache_key(data, Path(filename).name)
    if cache is not None:
        hit = cache.get(slugify(name), key)
        if hit is not None:
            return BuildReport(course=hit[0], dropped=hit[1])
    progress(f"{filename}: reading")
    document = read_bytes(data, filename, max_bytes=max_bytes)
    report = build_report(document, name=name, progress=progress)
    if cache is not None:
        cache.put(key, report.course, report.dropped)
    return report


def build_path(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: CourseCache | None = None,
    progress: Progress = silent,
) -> BuildReport:
    """The document at `path`, curated by the curation file beside it (if any)."""
    data = read_file(path, max_bytes=max_bytes)
    report = build_file(data, str(path), max_bytes=max_bytes, cache=cache, progress=progress)
    return curated(report, read_curation(curation_path(path)))


def load_reports(
    paths: Sequence[Path] | None = None,
    *,
    default_dir: Path | None = None,
    cache_dir: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress = silent,
) -> list[BuildReport]:
    """Build every document (one course each); two files may not share a course id."""
    reports: list[BuildReport] = []
    owners: dict[str, Path] = {}
    cache = CourseCache(cache_dir) if cache_dir is not None else None
    for path in find_documents(paths, default_dir):
        report = build_path(path, max_bytes=max_bytes, cache=cache, progress=progress)
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
    paths: Sequence[Path] | None = None,
    *,
    default_dir: Path | None = None,
    cache_dir: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress = silent,
) -> list[Course]:
    """Courses from files or folders of documents; None reads `default_dir` (content/sources/).

    With `cache_dir`, courses built before from the same bytes by the same code are loaded
    from there instead of being built again.
    """
    reports = load_reports(
        paths,
        default_dir=default_dir,
        cache_dir=cache_dir,
        max_bytes=max_bytes,
        progress=progress,
    )
    return [report.course for report in reports]


def export_courses(courses: Sequence[Course]) -> dict[str, Any]:
    """The CONTRACT.md export shape."""
    return {"courses": [course.to_dict() for course in courses]}


__all__ = [
    "DEFAULT_DIR",
    "BuildReport",
    "build_course",
    "build_file",
    "build_report",
    "export_courses",
    "find_documents",
    "load_courses",
    "load_reports",
    "read_document",
    "read_file",
]
