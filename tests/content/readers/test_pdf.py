"""Text PDFs written with fpdf2: layout back into lessons, running lines and hyphens gone."""

from __future__ import annotations

import pytest

from content.document import Document, section_text
from content.readers import read_bytes

from ..samples import blocks, pdf_bytes, pdf_from_lines, pdf_two_columns
from .conftest import assert_same_lessons, assert_sources_verbatim


@pytest.mark.parametrize("page", [(120, 150), (90, 110), (210, 297)], ids=["small", "tiny", "a4"])
def test_a_pdf_reads_as_its_markdown_original(
    page: tuple[float, float], markdown_original: Document
) -> None:
    """Headings by font size, paragraphs across page breaks, headers and page numbers gone."""
    document = read_bytes(pdf_bytes(blocks(), page=page), "antarctic-cooperation.pdf")
    assert_same_lessons(document, markdown_original)


def test_two_columns_read_down_the_first_then_the_second(markdown_original: Document) -> None:
    document = read_bytes(pdf_two_columns(blocks()), "antarctic-cooperation.pdf")
    assert_same_lessons(document, markdown_original)


def test_running_header_and_page_numbers_are_not_lesson_text() -> None:
    data = pdf_bytes(blocks(), page=(90, 110))
    document = read_bytes(data, "handbook.pdf")
    text = "\n".join(section_text(section) for section in document.sections)
    assert "internal draft" not in text
    assert "Page " not in text


def test_pdf_questions_quote_the_lesson_text() -> None:
    document = read_bytes(pdf_bytes(blocks()), "antarctic-cooperation.pdf")
    assert_sources_verbatim(document, name="antarctic-cooperation")


def test_line_end_hyphens_are_joined_unless_the_word_has_one() -> None:
    lines = [
        "Treaty",
        "The peace-",
        "keeping mission was a well-known case of cooperation between the",
        "states. It was well-",
        "known to every delegate who attended the talks in the capital.",
    ]
    document = read_bytes(pdf_from_lines(lines), "hyphens.pdf")
    text = section_text(document.sections[0])
    assert "The peacekeeping mission" in text
    assert "It was well-known to every delegate" in text
