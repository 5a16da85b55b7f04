"""Web pages: the article only, whatever menus, banners and footers surround it."""

from __future__ import annotations

from content.document import Document, section_text
from content.readers import read_bytes

from ..samples import blocks, html_page
from .conftest import assert_same_lessons, assert_sources_verbatim


def test_a_page_reads_as_its_markdown_original(markdown_original: Document) -> None:
    document = read_bytes(html_page(blocks()).encode(), "antarctic-cooperation.html")
    assert_same_lessons(document, markdown_original)


def test_menus_cookie_banners_sidebars_and_footers_are_left_out() -> None:
    document = read_bytes(html_page(blocks()).encode(), "page.html")
    text = "\n".join(section_text(section) for section in document.sections)
    for chrome in ("Shop our polar gear", "cookies", "Penguins of the world", "Copyright"):
        assert chrome not in text


def test_html_questions_quote_the_lesson_text() -> None:
    document = read_bytes(html_page(blocks()).encode(), "antarctic-cooperation.htm")
    assert_sources_verbatim(document, name="antarctic-cooperation")


def test_the_page_title_names_a_course_whose_article_has_no_heading() -> None:
    body = [block for block in blocks() if block.kind != "title"]
    document = read_bytes(html_page(body).encode(), "page.html")
    assert document.title.startswith("Polar pages")
