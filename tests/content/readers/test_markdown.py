"""Markdown through markdown-it-py: what each construct becomes in a lesson."""

from __future__ import annotations

from content.document import BULLETS, CODE, SUBHEADING, TABLE, section_text
from content.parse import parse_markdown

from ..samples import ANTARCTIC
from .conftest import assert_sources_verbatim

TEXT = """Course title
============

Opening words with *emphasis*, **strong**, `code` and a [link](https://example.org).
A soft break joins the line.

## Lists

Steps to follow:

1. First step
2. Second step
   - a nested point

## Tables and code

| Mission | Year |
|---------|------|
| IFOR    | 1995 |
| SFOR    | 1996 |

```
print("verbatim")
```

### Detail

Escaped \\*stars\\* stay &amp; entities decode.
"""


def test_inline_markup_becomes_plain_words() -> None:
    document = parse_markdown(TEXT, name="doc")
    assert document.title == "Course title"
    intro = document.sections[0]
    assert intro.blocks[0].text == (
        "Opening words with emphasis, strong, code and a link. A soft break joins the line."
    )


def test_lists_tables_code_and_subheadings() -> None:
    document = parse_markdown(TEXT, name="doc")
    lists, tables = document.sections[1], document.sections[2]
    numbered = lists.blocks[1]
    assert numbered.kind == BULLETS and numbered.ordered
    assert numbered.items == ("First step", "Second step", "a nested point")
    assert numbered.lead == "Steps to follow:"
    assert section_text(lists).endswith("1. First step\n2. Second step\n3. a nested point")
    assert [block.kind for block in tables.blocks] == [TABLE, CODE, SUBHEADING, "paragraph"]
    assert tables.blocks[0].items == ("Mission: IFOR · Year: 1995", "Mission: SFOR · Year: 1996")
    assert tables.blocks[1].text == 'print("verbatim")'
    assert tables.blocks[3].text == "Escaped *stars* stay & entities decode."


def test_markdown_questions_quote_the_lesson_text() -> None:
    document = parse_markdown(ANTARCTIC.read_text(encoding="utf-8"), name="antarctic")
    assert_sources_verbatim(document, name="antarctic")
