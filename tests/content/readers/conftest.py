"""What every reader must give back: the Markdown original's lessons, with verbatim sources."""

from __future__ import annotations

import pytest

from content.build import build_report
from content.document import Document, section_text
from content.parse import parse_markdown
from content.validate import prepare_document, source_in_document

from ..samples import ANTARCTIC


@pytest.fixture(scope="session")
def markdown_original() -> Document:
    return parse_markdown(ANTARCTIC.read_text(encoding="utf-8"), name=ANTARCTIC.stem)


def assert_same_lessons(document: Document, original: Document) -> None:
    assert document.title == original.title
    assert [s.title for s in document.sections] == [s.title for s in original.sections]
    for mine, theirs in zip(document.sections, original.sections, strict=True):
        assert section_text(mine) == section_text(theirs), mine.title


def assert_sources_verbatim(document: Document, *, name: str) -> None:
    """Every question's source is text a learner reads: in its own lesson, or (a question
    over "the lessons so far") in the lessons of the course."""
    course = build_report(document, name=name).course
    assert course.questions
    everything = prepare_document("\n\n".join(lesson.text for lesson in course.lessons))
    own = 0
    for question in course.questions:
        lesson = course.lesson(question.lesson_id)
        assert lesson is not None
        assert source_in_document(question.source, everything), question
        own += source_in_document(question.source, prepare_document(lesson.text))
    assert own >= len(course.questions) * 0.8
