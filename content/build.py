"""Documents to courses: parse, extract, generate, validate, give stable ids."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.candidate import Candidate
from content.corpus import build_corpus
from content.errors import ContentError
from content.generate_facts import acronym_questions, chronology_questions, year_questions
from content.generate_lists import enumeration_questions, list_questions
from content.generate_mcq import subject_questions
from content.generate_statements import derived_statements
from content.generate_text import cloze_questions, true_false_questions
from content.model import Course, Lesson, Question
from content.pages import split_pages
from content.parse import parse_document, section_text
from content.rank import select
from content.text import short_hash, slugify
from content.validate import duplicate_key, prepare_document, problems

logger = logging.getLogger(__name__)

SUFFIXES = (".md", ".markdown", ".txt")
DEFAULT_DIR = Path(__file__).resolve().parent / "sources"
MIN_QUESTIONS_PER_LESSON = 3


@dataclass(slots=True)
class BuildReport:
    """A built course plus the candidates validation dropped, with the reasons."""

    course: Course
    dropped: list[str] = field(default_factory=list)


def build_course(text: str, *, name: str) -> Course:
    """Build one course from a document's text; `name` is the file stem (id, title fallback)."""
    return build_report(text, name=name).course


def build_report(text: str, *, name: str) -> BuildReport:
    if not text.strip():
        raise ContentError(f"{name}: the document is empty")
    document = parse_document(text, name=name)
    if not document.sections:
        raise ContentError(f"{name}: no lessons found (no text under any heading)")
    course_id = slugify(name)
    lessons = _lessons(course_id, document.sections)
    corpus = build_corpus(document.title, list(document.sections))
    prepared = prepare_document(text)
    dropped: list[str] = []
    valid: list[Candidate] = []
    for candidate in _candidates(corpus):
        reasons = problems(candidate, prepared)
        if reasons:
            dropped.append(_dropped(lessons, candidate, reasons))
        else:
            valid.append(candidate)
    titles = [lesson.title for lesson in lessons]
    chosen = select(valid, titles, MIN_QUESTIONS_PER_LESSON)
    kept_ids = {id(candidate) for candidate in chosen}
    dropped.extend(
        _dropped(lessons, candidate, ["ranked below the lesson's better questions"])
        for candidate in valid
        if id(candidate) not in kept_ids
    )
    questions: list[Question] = []
    seen: set[tuple[str, str]] = set()
    seen_prompts: set[tuple[str, str]] = set()
    for candidate in chosen:
        key = duplicate_key(candidate)
        if key in seen or (candidate.prompt, candidate.answer) in seen_prompts:
            dropped.append(_dropped(lessons, candidate, ["duplicate of another question"]))
            continue
        seen.add(key)
        seen_prompts.add((candidate.prompt, candidate.answer))
        questions.append(_question(lessons[candidate.lesson].id, candidate))
    order = {lesson.id: lesson.index for lesson in lessons}
    questions.sort(key=lambda question: order[question.lesson_id])
    course = Course(
        id=course_id, title=document.title, lessons=tuple(lessons), questions=tuple(questions)
    )
    logger.debug("built %s: %d lessons, %d questions", course_id, len(lessons), len(questions))
    return BuildReport(course=course, dropped=dropped)


def _candidates(corpus: Any) -> list[Candidate]:
    generators = (
        cloze_questions,
        true_false_questions,
        subject_questions,
        acronym_questions,
        year_questions,
        chronology_questions,
        list_questions,
        enumeration_questions,
    )
    found = [candidate for generator in generators for candidate in generator(corpus)]
    return found + derived_statements(corpus, found)


def _dropped(lessons: list[Lesson], candidate: Candidate, reasons: list[str]) -> str:
    title = lessons[candidate.lesson].title
    return f"{title}: dropped {candidate.kind} “{_short(candidate)}”: " + "; ".join(reasons)


def _short(candidate: Candidate) -> str:
    text = candidate.prompt
    return text if len(text) <= 70 else text[:69] + "…"


def _lessons(course_id: str, sections: Sequence[Any]) -> list[Lesson]:
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


def _question(lesson_id: str, candidate: Candidate) -> Question:
    """Shuffle options with a generator seeded by the question's own id: stable builds."""
    question_id = "q" + short_hash(
        lesson_id,
        candidate.kind,
        candidate.source,
        candidate.identity or candidate.answer,
        *candidate.tags,
        size=7,
    )
    if candidate.fixed_order:
        options = ["True", "False"]
    else:
        options = [candidate.answer, *candidate.distractors]
        random.Random(question_id).shuffle(options)
    return Question(
        id=question_id,
        lesson_id=lesson_id,
        kind=candidate.kind,
        prompt=candidate.prompt,
        options=tuple(options),
        answer=options.index(candidate.answer),
        explanation=candidate.explanation,
        source=candidate.source,
    )


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
        report = build_report(read_document(path), name=path.stem)
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
