"""Parsing Markdown and plain text into lessons, and splitting lessons into pages."""

from __future__ import annotations

import pytest

from content import ContentError, Course, build_course
from content.pages import PAGE_BUDGET, split_pages
from content.parse import CLOSING_TITLE, INTRO_TITLE, parse_document

from .conftest import SEED_MD, SEED_TXT


def test_seed_markdown_has_intro_sections_and_conclusion() -> None:
    document = parse_document(SEED_MD.read_text(encoding="utf-8"), name=SEED_MD.stem)
    titles = [section.title for section in document.sections]
    assert document.title == "Peacekeeping Operations by Alliances: A Strategic Overview"
    assert titles[0] == INTRO_TITLE and titles[-1] == CLOSING_TITLE
    assert "NATO’s Role in Peacekeeping" in titles
    assert len(titles) == 16
    assert "Scroll to Top" not in " ".join(titles)


def test_seed_plain_text_parses_to_the_same_lessons_as_markdown() -> None:
    markdown = build_course(SEED_MD.read_text(encoding="utf-8"), name="seed")
    plain = build_course(SEED_TXT.read_text(encoding="utf-8"), name="seed")
    assert [lesson.title for lesson in plain.lessons] == [md.title for md in markdown.lessons]
    assert [lesson.text for lesson in plain.lessons] == [md.text for md in markdown.lessons]
    assert [lesson.id for lesson in plain.lessons] == [md.id for md in markdown.lessons]


def test_markdown_bullets_subheadings_and_inline_markup() -> None:
    text = (
        "# Title\n\nOpening words.\n\n## First\n\nSome **bold** text with a [link](http://x).\n\n"
        "### Detail\n\nMore text.\n\n* one\n* two\n+ three\n\n## Second\n\nEnd.\n"
    )
    document = parse_document(text, name="doc")
    assert document.title == "Title"
    assert [s.title for s in document.sections] == [INTRO_TITLE, "First", "Second"]
    first = document.sections[1]
    assert first.blocks[0].text == "Some bold text with a link."
    assert [block.kind for block in first.blocks] == [
        "paragraph",
        "subheading",
        "paragraph",
        "bullets",
    ]
    assert first.blocks[-1].items == ("one", "two", "three")
    assert first.blocks[-1].lead == "More text."


def test_title_falls_back_to_file_name_when_headings_repeat_the_top_level() -> None:
    document = parse_document("# A\n\ntext a.\n\n# B\n\ntext b.\n", name="my-notes")
    assert document.title == "My notes"
    assert [s.title for s in document.sections] == ["A", "B"]


def test_plain_text_headings_are_bare_short_lines() -> None:
    text = (
        "My Topic\n\nIntro sentence here.\n\nFirst Part\n\nA paragraph that ends.\n\n"
        "Not a heading because it ends with a colon:\n\n  • item one\n  • item two\n"
    )
    document = parse_document(text, name="x")
    assert document.title == "My Topic"
    assert [s.title for s in document.sections] == [INTRO_TITLE, "First Part"]
    assert document.sections[1].blocks[-1].items == ("item one", "item two")


def test_thematic_break_starts_a_closing_lesson() -> None:
    text = "# T\n\n## Only\n\nBody one.\n\n---\n\nClosing words.\n"
    document = parse_document(text, name="x")
    assert [s.title for s in document.sections] == ["Only", CLOSING_TITLE]


@pytest.mark.parametrize("text", ["", "   \n\n", "# Only a title\n"])
def test_empty_documents_are_content_errors(text: str) -> None:
    with pytest.raises(ContentError):
        build_course(text, name="empty")


def test_pages_split_at_paragraphs_under_the_budget() -> None:
    paragraph = "A sentence that is long enough to matter. " * 20
    text = "\n\n".join([paragraph.strip()] * 12)
    pages = split_pages(text)
    assert len(pages) > 1
    assert all(len(page) <= PAGE_BUDGET for page in pages)
    assert "\n\n".join(pages) == text


def test_an_oversized_paragraph_is_split_at_sentences_then_words() -> None:
    text = ("Word " * 2000).strip() + ". " + "Short one."
    pages = split_pages(text)
    assert all(len(page) <= PAGE_BUDGET for page in pages)
    assert " ".join(pages).split() == text.split()


def test_seed_lessons_have_pages_within_telegram_limits(seed_course: Course) -> None:
    for lesson in seed_course.lessons:
        assert lesson.pages and all(len(page) <= PAGE_BUDGET for page in lesson.pages)


def test_a_closing_quote_after_a_full_stop_stays_with_its_sentence() -> None:
    from content.text import split_sentences

    paragraph = ('A laser creates an artificial "laser guide star." The correction is fast. '
                 'He spoke of "youth" and "old age." Textbooks differ.')
    assert split_sentences(paragraph) == [
        'A laser creates an artificial "laser guide star."', "The correction is fast.",
        'He spoke of "youth" and "old age."', "Textbooks differ."]
