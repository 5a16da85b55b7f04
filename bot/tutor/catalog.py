"""An index over the loaded courses: lessons in reading order, questions by id, short lesson keys.

Built once when the tutor starts (the courses are immutable), so every lookup in the answer
path is a dict hit.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from content.model import Course, Lesson, Question

logger = logging.getLogger(__name__)

_KEY_BYTES = 5  # 10 hex characters: short enough for any action id, collisions checked below


def lesson_key(lesson_id: str, size: int = _KEY_BYTES) -> str:
    """A short stable key for a lesson id; stable across restarts and content updates."""
    return hashlib.blake2b(lesson_id.encode(), digest_size=size).hexdigest()


@dataclass(frozen=True, slots=True)
class CatalogLesson:
    """A lesson with its place in the catalog and its questions."""

    lesson: Lesson
    key: str
    number: int  # 1-based across all courses, as used by deep links "lesson-<number>"
    course: Course
    questions: tuple[Question, ...]

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def title(self) -> str:
        return self.lesson.title

    @property
    def pages(self) -> tuple[str, ...]:
        return self.lesson.pages or (self.lesson.text,)


class Catalog:
    """Every lesson and question the tutor can serve, looked up by id, key or number."""

    def __init__(self, courses: Sequence[Course]) -> None:
        self.courses = tuple(courses)
        lessons: list[CatalogLesson] = []
        self._by_id: dict[str, CatalogLesson] = {}
        self._by_key: dict[str, CatalogLesson] = {}
        self._questions: dict[str, Question] = {}
        for course in self.courses:
            for lesson in course.lessons:
                if lesson.id in self._by_id:
                    logger.warning("duplicate lesson id %s in course %s; ignored", lesson.id,
                                   course.id)
                    continue
                entry = CatalogLesson(lesson, self._unique_key(lesson.id), len(lessons) + 1,
                                      course, course.questions_for(lesson.id))
                lessons.append(entry)
                self._by_id[lesson.id] = entry
                self._by_key[entry.key] = entry
                for question in entry.questions:
                    self._questions.setdefault(question.id, question)
        self.lessons: tuple[CatalogLesson, ...] = tuple(lessons)

    def _unique_key(self, lesson_id: str) -> str:
        size = _KEY_BYTES
        key = lesson_key(lesson_id, size)
        while key in self._by_key:  # astronomically rare; grow instead of failing
            size += 1
            key = lesson_key(lesson_id, size)
        return key

    def by_id(self, lesson_id: str) -> CatalogLesson | None:
        return self._by_id.get(lesson_id)

    def by_key(self, key: str) -> CatalogLesson | None:
        return self._by_key.get(key)

    def by_number(self, number: int) -> CatalogLesson | None:
        return self.lessons[number - 1] if 1 <= number <= len(self.lessons) else None

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def lesson_of(self, question: Question) -> CatalogLesson | None:
        return self._by_id.get(question.lesson_id)

    @property
    def question_count(self) -> int:
        return len(self._questions)
