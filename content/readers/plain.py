"""Plain text: paragraphs between blank lines; a bare short line standing alone is a heading.

A line standing alone between blank lines, short, capitalised and without final punctuation
is a heading (the first one level 1, later ones level 2, so a lone first line is the title);
lines opening with a bullet or a number are list items; `---` is a thematic break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.readers.structure import Break, Element, Heading, Items, Paragraph

BULLET = re.compile(r"^\s*(?:([-*+•‣◦▪])|(\d{1,3})[.)])\s+(.*\S)\s*$")
BREAK = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_MAX_HEADING_CHARS = 100
_MAX_HEADING_WORDS = 14


def looks_like_heading(line: str) -> bool:
    """A bare short line: capitalised, no final punctuation, not a bullet."""
    text = line.strip()
    if not text or len(text) > _MAX_HEADING_CHARS or BULLET.match(line):
        return False
    if len(text.split()) > _MAX_HEADING_WORDS or text[-1] in ".!?:;,":
        return False
    return text[0].isupper() or text[0].isdigit()


def read_plain(text: str) -> Iterator[Element]:
    """Elements of a plain-text document, in order."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []
    items: list[str] = []
    ordered = False
    seen_heading = False
    for index, raw in enumerate(lines):
        bullet = BULLET.match(raw)
        if (
            raw.strip()
            and not bullet
            and items
            and not paragraph
            and not _stands_alone(lines, index)
        ):
            items[-1] = f"{items[-1]} {raw.strip()}"  # a wrapped bullet line
            continue
        if bullet or not raw.strip() or BREAK.match(raw) or _is_heading(lines, index):
            if paragraph:
                yield Paragraph(" ".join(paragraph))
                paragraph = []
            if items and not bullet:
                yield Items(tuple(items), ordered)
                items = []
        if bullet:
            if not items:
                ordered = bullet.group(2) is not None
            items.append(bullet.group(3))
        elif not raw.strip():
            continue
        elif BREAK.match(raw):
            yield Break()
        elif _is_heading(lines, index):
            yield Heading(2 if seen_heading else 1, raw.strip())
            seen_heading = True
        else:
            paragraph.append(raw.strip())
    if paragraph:
        yield Paragraph(" ".join(paragraph))
    if items:
        yield Items(tuple(items), ordered)


def _is_heading(lines: list[str], index: int) -> bool:
    return _stands_alone(lines, index) and looks_like_heading(lines[index])


def _stands_alone(lines: list[str], index: int) -> bool:
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return before and after
