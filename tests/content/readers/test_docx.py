"""Word documents written with python-docx: headings by style, lists, tables."""

from __future__ import annotations

from content.document import TABLE, Document
from content.readers import read_bytes

from ..samples import blocks, docx_bytes
from .conftest import assert_same_lessons, assert_sources_verbatim


def test_a_docx_reads_as_its_markdown_original(markdown_original: Document) -> None:
    document = read_bytes(docx_bytes(blocks()), "antarctic-cooperation.docx")
    assert_same_lessons(document, markdown_original)


def test_docx_questions_quote_the_lesson_text() -> None:
    document = read_bytes(docx_bytes(blocks()), "antarctic-cooperation.docx")
    assert_sources_verbatim(document, name="antarctic-cooperation")


def test_a_table_with_a_bold_header_reads_row_by_row() -> None:
    table = [["Year", "Event"], ["1959", "Treaty signed"], ["1991", "Madrid Protocol"]]
    document = read_bytes(docx_bytes(blocks(), table=table), "with-table.docx")
    last = document.sections[-1].blocks[-1]
    assert last.kind == TABLE
    assert last.items == (
        "Year: 1959 · Event: Treaty signed",
        "Year: 1991 · Event: Madrid Protocol",
    )
