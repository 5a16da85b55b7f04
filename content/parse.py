"""Documents into sections: Markdown headings, or plain text whose headings are bare short lines.

Nothing here knows any particular document. The rules:
- Markdown mode when any line is an ATX heading (`#`); otherwise a line standing alone
  between blank lines, short, capitalised and without final punctuation is a heading.
- The first heading is the title when it opens the document and no other heading shares
  its level; otherwise the title comes from the file name.
- Text before the first section is an "Introduction" lesson. A closing block after the
  last section becomes a "Conclusion" lesson: after a thematic break (`---`), or from the
  paragraph that opens by restating the title (or "In conclusion", "In summary", ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.document import Block, Document, Section
from content.text import collapse, fold_key

INTRO_TITLE = "Introduction"
CLOSING_TITLE = "Conclusion"

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•‣◦▪]|\d{1,3}[.)])\s+(.*\S)\s*$")
_BREAK = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(\S(?:.*?\S)?)\1")
_CLOSING_CUES = ("in conclusion", "to conclude", "in summary", "to sum up", "in closing")
_MAX_HEADING_CHARS = 100
_MAX_HEADING_WORDS = 14


@dataclass(frozen=True, slots=True)
class _Line:
    kind: str  # "heading" | "bullet" | "text" | "blank" | "break"
    text: str
    level: int = 0


def clean_inline(text: str) -> str:
    """Drop inline Markdown (links, emphasis, code ticks), keeping the words."""
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text))


def looks_like_heading(line: str) -> bool:
    """A bare short line: capitalised, no final punctuation, not a bullet."""
    text = line.strip()
    if not text or len(text) > _MAX_HEADING_CHARS or _BULLET.match(line):
        return False
    if len(text.split()) > _MAX_HEADING_WORDS or text[-1] in ".!?:;,":
        return False
    return text[0].isupper() or text[0].isdigit()


def _classify(text: str) -> list[_Line]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(_ATX.match(line) for line in lines)
    result: list[_Line] = []
    for index, raw in enumerate(lines):
        if not raw.strip():
            result.append(_Line("blank", ""))
        elif match := _ATX.match(raw) if markdown else None:
            result.append(_Line("heading", clean_inline(match.group(2)), len(match.group(1))))
        elif _BREAK.match(raw):
            result.append(_Line("break", ""))
        elif match := _BULLET.match(raw):
            result.append(_Line("bullet", clean_inline(match.group(1))))
        elif not markdown and _stands_alone(lines, index) and looks_like_heading(raw):
            result.append(_Line("heading", raw.strip(), 1 if not _has_heading(result) else 2))
        else:
            result.append(_Line("text", clean_inline(raw.strip())))
    return result


def _stands_alone(lines: list[str], index: int) -> bool:
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return before and after


def _has_heading(lines: list[_Line]) -> bool:
    return any(line.kind == "heading" for line in lines)


def _blocks(lines: list[_Line]) -> list[tuple[str, Block | _Line]]:
    """Group lines into ("heading", line), ("break", line) and ("block", Block) entries."""
    entries: list[tuple[str, Block | _Line]] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            entries.append(("block", Block("paragraph", collapse(" ".join(paragraph)))))
            paragraph.clear()
        if bullets:
            lead = ""
            if entries and entries[-1][0] == "block":
                previous = entries[-1][1]
                if isinstance(previous, Block) and previous.kind == "paragraph":
                    lead = previous.text
            entries.append(("block", Block("bullets", items=tuple(bullets), lead=lead)))
            bullets.clear()

    for line in lines:
        if line.kind == "bullet":
            if paragraph:
                flush()
            bullets.append(line.text)
        elif line.kind == "text":
            if bullets and not paragraph:
                bullets[-1] = f"{bullets[-1]} {line.text}"  # a wrapped bullet line
            else:
                paragraph.append(line.text)
        else:
            flush()
            if line.kind in ("heading", "break"):
                entries.append((line.kind, line))
    flush()
    return entries


def parse_document(text: str, *, name: str) -> Document:
    """Split a document into a title and sections (intro and closing blocks included)."""
    entries = _blocks(_classify(text))
    headings = [entry for kind, entry in entries if kind == "heading" and isinstance(entry, _Line)]
    title = _humanise(name)
    top = min((heading.level for heading in headings), default=0)
    if entries and entries[0][0] == "heading" and headings:
        first = headings[0]
        if sum(1 for heading in headings if heading.level == first.level) == 1:
            title = first.text
            entries = entries[1:]
            remaining = [heading.level for heading in headings[1:]]
            top = min(remaining, default=0)
    sections: list[Section] = []
    current = Section(INTRO_TITLE)
    closing_after_break = False
    for kind, entry in entries:
        if kind == "heading" and isinstance(entry, _Line) and entry.level <= top:
            _keep(sections, current)
            current = Section(entry.text)
        elif kind == "heading" and isinstance(entry, _Line):
            current.blocks.append(Block("subheading", entry.text))
        elif kind == "break":
            if sections or current.title != INTRO_TITLE:
                _keep(sections, current)
                current = Section(CLOSING_TITLE)
                closing_after_break = True
        elif isinstance(entry, Block):
            current.blocks.append(entry)
    _keep(sections, current)
    if not closing_after_break and sections:
        _split_closing(sections, title)
    return Document(title=title, sections=tuple(sections))


def _keep(sections: list[Section], section: Section) -> None:
    if section.blocks:
        sections.append(section)


def _split_closing(sections: list[Section], title: str) -> None:
    """Move an unheaded closing block off the end of the last section."""
    last = sections[-1]
    if last.title in (INTRO_TITLE, CLOSING_TITLE):
        return
    echo = fold_key(re.split(r"[:\u2014\u2013]| - ", title)[0])
    for index, block in enumerate(last.blocks):
        if index < 2 or block.kind != "paragraph":
            continue
        opening = fold_key(block.text)
        restates = len(echo.split()) >= 2 and opening.startswith(echo + " ")
        if restates or opening.startswith(_CLOSING_CUES):
            sections.append(Section(CLOSING_TITLE, last.blocks[index:]))
            del last.blocks[index:]
            return


def _humanise(name: str) -> str:
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"
