"""The course as every other package sees it: plain, immutable data built once at start."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Question:
    """One generated question; `answer` indexes `options`, `source` is verbatim document text."""

    id: str
    lesson_id: str
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    source: str

    @property
    def correct_option(self) -> str:
        return self.options[self.answer]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lesson_id": self.lesson_id,
            "kind": self.kind,
            "prompt": self.prompt,
            "options": list(self.options),
            "answer": self.answer,
            "explanation": self.explanation,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Lesson:
    """One section of a document; `pages` are `text` split to fit one Telegram message each."""

    id: str
    course_id: str
    index: int
    title: str
    text: str
    pages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "text": self.text}


@dataclass(frozen=True, slots=True)
class Course:
    """One document: its lessons in reading order and the questions that passed validation."""

    id: str
    title: str
    lessons: tuple[Lesson, ...]
    questions: tuple[Question, ...]
    _by_lesson: dict[str, tuple[Question, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def questions_for(self, lesson_id: str) -> tuple[Question, ...]:
        if not self._by_lesson:
            grouped: dict[str, list[Question]] = {}
            for question in self.questions:
                grouped.setdefault(question.lesson_id, []).append(question)
            self._by_lesson.update({key: tuple(value) for key, value in grouped.items()})
        return self._by_lesson.get(lesson_id, ())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "lessons": [lesson.to_dict() for lesson in self.lessons],
            "questions": [question.to_dict() for question in self.questions],
        }
