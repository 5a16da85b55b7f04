"""An index over the loaded courses: lessons in reading order, questions by id, short keys.

Built once when the tutor starts (and again when a document is published), so every lookup
in the answer path is a dict hit. A learner studies one course at a time: `Catalog.course_view`
gives the lessons of that course (numbered within it, as deep links "lesson-<n>" count them),
while lookups by id or key still reach every course, so a button or quiz from a course the
learner left keeps working.
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
    number: int  # 1-based within its course, as used by deep links "lesson-<number>"
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
        self._views: dict[str, CourseView] = {}
        self._course_keys: dict[str, CourseView] = {}
        for course in self.courses:
            if course.id in self._views:
                logger.warning("duplicate course id %s; ignored", course.id)
                continue
            own: list[CatalogLesson] = []
            for lesson in course.lessons:
                if lesson.id in self._by_id:
                    logger.warning("duplicate lesson id %s in course %s; ignored", lesson.id,
                                   course.id)
                    continue
                entry = CatalogLesson(lesson, self._unique_key(lesson.id), len(own) + 1,
                                      course, course.questions_for(lesson.id))
                own.append(entry)
                self._by_id[lesson.id] = entry
                self._by_key[entry.key] = entry
                for question in entry.questions:
                    self._questions.setdefault(question.id, question)
            view = CourseView(self, course, lesson_key(course.id), tuple(own))
            self._views[course.id] = view
            self._course_keys[view.key] = view
            lessons.extend(own)
        self.lessons: tuple[CatalogLesson, ...] = tuple(lessons)
        self.views: tuple[CourseView, ...] = tuple(self._views.values())
        self._empty = CourseView(self, None, "", ())

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

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def lesson_of(self, question: Question) -> CatalogLesson | None:
        return self._by_id.get(question.lesson_id)

    @property
    def question_count(self) -> int:
        return len(self._questions)

    def course_view(self, course_id: str | None) -> CourseView:
        """The course a learner studies: `course_id` if it is loaded, else the first one."""
        view = self._views.get(course_id) if course_id is not None else None
        if view is not None:
            return view
        return self.views[0] if self.views else self._empty

    def by_course_key(self, key: str) -> CourseView | None:
        return self._course_keys.get(key)


class CourseView:
    """One course's lessons, numbered within it; lookups by id or key reach the library."""

    def __init__(self, library: Catalog, course: Course | None, key: str,
                 lessons: tuple[CatalogLesson, ...]) -> None:
        self.library = library
        self.course = course
        self.key = key  # a short stable key for the course id, for buttons
        self.lessons = lessons
        self.question_ids = frozenset(q.id for entry in lessons for q in entry.questions)

    @property
    def id(self) -> str:
        return self.course.id if self.course is not None else ""

    @property
    def title(self) -> str:
        return self.course.title if self.course is not None else ""

    @property
    def courses(self) -> tuple[Course, ...]:
        return self.library.courses

    def by_number(self, number: int) -> CatalogLesson | None:
        return self.lessons[number - 1] if 1 <= number <= len(self.lessons) else None

    def by_id(self, lesson_id: str) -> CatalogLesson | None:
        return self.library.by_id(lesson_id)

    def by_key(self, key: str) -> CatalogLesson | None:
        return self.library.by_key(key)

    def question(self, question_id: str) -> Question | None:
        return self.library.question(question_id)

    def lesson_of(self, question: Question) -> CatalogLesson | None:
        return self.library.lesson_of(question)
