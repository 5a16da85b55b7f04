"""`content check`: build every document and list what is wrong (problems) or worth knowing.

Problems (exit 1): an unreadable, undecodable or empty file; a document without lessons or
without a single question; a question breaking a Telegram
limit or the answer index; duplicate ids; an entry of the curation file that does not apply
(content/curate.py). Dropped candidate questions are notes, not problems:
dropping bad candidates is the pipeline working as designed. A lesson with fewer than
MIN_QUESTIONS_PER_LESSON questions is a warning: the bot serves it (its reading and the
course quiz work), and a lesson of general prose may simply hold no fact worth asking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from content.build import build_path, find_documents
from content.errors import ContentError
from content.generate import MIN_QUESTIONS_PER_LESSON
from content.model import Course, Question
from content.validate import MAX_EXPLANATION, MAX_OPTION, MAX_OPTIONS, MAX_PROMPT, MIN_OPTIONS


@dataclass(slots=True)
class CheckResult:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # a summary per document, and warnings
    dropped: list[str] = field(default_factory=list)  # every candidate left out, with why
    courses: list[Course] = field(default_factory=list)


def check_courses(
    paths: Sequence[Path] | None = None, *, default_dir: Path | None = None
) -> list[str]:
    """Problems found, one line each; an empty list means every document is fine."""
    return run_check(paths, default_dir=default_dir).problems


def run_check(
    paths: Sequence[Path] | None = None, *, default_dir: Path | None = None
) -> CheckResult:
    """Build each document separately so one bad file does not hide the others' problems.

    A path that does not exist still raises ContentError: that is a usage error.
    """
    result = CheckResult()
    ids: dict[str, str] = {}
    for path in find_documents(paths, default_dir):
        try:
            report = build_path(path)
        except ContentError as error:
            result.problems.append(str(error))
            continue
        course = report.course
        if course.id in ids:
            result.problems.append(f"{path}: course id {course.id!r} also used by {ids[course.id]}")
            continue
        ids[course.id] = str(path)
        result.courses.append(course)
        kinds = Counter(question.kind for question in course.questions)
        summary = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        result.notes.append(
            f"{path}: {len(course.lessons)} lessons, {len(course.questions)} questions ({summary})"
        )
        result.notes.extend(f"{path}: warning: {line}" for line in course_warnings(course))
        result.dropped.extend(f"{path}: {line}" for line in report.dropped)
        result.problems.extend(f"{path}: {line}" for line in course_problems(course))
        if report.curation is not None:  # lines already name the curation file
            result.notes.append(f"{path}: {report.curation.summary()}")
            result.problems.extend(report.curation.problems)
    return result


def course_warnings(course: Course) -> list[str]:
    """Lessons a learner can read but hardly be quizzed on."""
    warnings: list[str] = []
    for lesson in course.lessons:
        count = len(course.questions_for(lesson.id))
        if count < MIN_QUESTIONS_PER_LESSON:
            warnings.append(
                f"lesson “{lesson.title}” has {count} question{'' if count == 1 else 's'} "
                f"(at least {MIN_QUESTIONS_PER_LESSON} wanted)"
            )
    return warnings


def course_problems(course: Course) -> list[str]:
    problems: list[str] = []
    if not course.lessons:
        problems.append("no lessons")
    elif not course.questions:
        problems.append("no questions: nothing in it could be asked")
    for lesson in course.lessons:
        if any(len(page) > 4096 for page in lesson.pages):
            problems.append(f"lesson “{lesson.title}” has a page over 4096 characters")
    seen: set[str] = set()
    for question in course.questions:
        if question.id in seen:
            problems.append(f"duplicate question id {question.id}")
        seen.add(question.id)
        problems.extend(f"question {question.id}: {why}" for why in question_problems(question))
    lesson_ids = [lesson.id for lesson in course.lessons]
    if len(set(lesson_ids)) != len(lesson_ids):
        problems.append("duplicate lesson ids")
    return problems


def question_problems(question: Question) -> list[str]:
    """Limits every front end relies on (Telegram polls and inline keyboards)."""
    problems: list[str] = []
    if not MIN_OPTIONS <= len(question.options) <= MAX_OPTIONS:
        problems.append(f"{len(question.options)} options")
    if not 0 <= question.answer < len(question.options):
        problems.append(f"answer index {question.answer} out of range")
    if len(question.prompt) > MAX_PROMPT:
        problems.append(f"prompt over {MAX_PROMPT} characters")
    if any(len(option) > MAX_OPTION for option in question.options):
        problems.append(f"option over {MAX_OPTION} characters")
    if not question.explanation or len(question.explanation) > MAX_EXPLANATION:
        problems.append(f"explanation empty or over {MAX_EXPLANATION} characters")
    if not question.source:
        problems.append("no source")
    return problems
