"""What every reader emits (headings, paragraphs, lists, tables, breaks) and how that becomes
a `Document`: one set of rules for the title, sections, introduction and conclusion, whatever
the file format.

The rules:
- The first heading is the title when it opens the document and no other heading shares
  its level; otherwise the title comes from the file name.
- Headings of the highest remaining level start sections; deeper ones are sub-headings.
- Text before the first section is an "Introduction" lesson. A closing block after the last
  section becomes a "Conclusion" lesson: after a thematic break, or from the paragraph that
  opens by restating the title (or "In conclusion", "In summary", ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from content.document import BULLETS, CODE, PARAGRAPH, SUBHEADING, TABLE, Block, Document, Section
from content.text import collapse, fold_key

INTRO_TITLE = "Introduction"
CLOSING_TITLE = "Conclusion"
CELL_JOINER = " · "

_CLOSING_CUES = ("in conclusion", "to conclude", "in summary", "to sum up", "in closing")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 0 for a title the format marks as such (a Word "Title" paragraph)
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    header: bool = False


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Break:
    """A thematic break (`---`, `<hr>`): what follows it closes the document."""


Element = Heading | Paragraph | Items | Table | Code | Break


def table_rows(table: Table) -> tuple[str, ...]:
    """Rows as lesson lines: "Year: 1990 · Event: Founded" under a header, else cells joined."""
    rows = [tuple(collapse(cell) for cell in row) for row in table.rows]
    rows = [row for row in rows if any(row)]
    if table.header and len(rows) > 1:
        names, body = rows[0], rows[1:]
        return tuple(
            CELL_JOINER.join(
                f"{name}: {cell}" if name else cell
                for name, cell in zip(names, row, strict=False)
                if cell
            )
            for row in body
        )
    return tuple(CELL_JOINER.join(cell for cell in row if cell) for row in rows)


def assemble(elements: Iterable[Element], *, name: str) -> Document:
    """Split a reader's elements into a title and sections (intro and closing included)."""
    entries = list(_clean(elements))
    headings = [entry for entry in entries if isinstance(entry, Heading)]
    title = humanise(name)
    top = min((heading.level for heading in headings), default=0)
    if entries and isinstance(entries[0], Heading):
        first = entries[0]
        if sum(1 for heading in headings if heading.level == first.level) == 1:
            title = first.text
            entries = entries[1:]
            top = min((heading.level for heading in headings[1:]), default=0)
    sections: list[Section] = []
    current = Section(INTRO_TITLE)
    closing_after_break = False
    for entry in entries:
        if isinstance(entry, Heading) and entry.level <= top:
            _keep(sections, current)
            current = Section(entry.text)
        elif isinstance(entry, Heading):
            current.blocks.append(Block(SUBHEADING, entry.text))
        elif isinstance(entry, Break):
            if sections or current.title != INTRO_TITLE:
                _keep(sections, current)
                current = Section(CLOSING_TITLE)
                closing_after_break = True
        elif isinstance(entry, Items) and _continues_list(current.blocks, entry):
            last = current.blocks[-1]
            current.blocks[-1] = Block(
                BULLETS, items=last.items + entry.items, lead=last.lead, ordered=last.ordered
            )
        else:
            current.blocks.append(_block(entry, current.blocks))
    _keep(sections, current)
    if not closing_after_break and sections:
        _split_closing(sections, title)
    return Document(title=title, sections=tuple(sections))


def _clean(elements: Iterable[Element]) -> Iterable[Element]:
    """Drop empty elements; collapse whitespace in headings, paragraphs and items."""
    for element in elements:
        if isinstance(element, Heading | Paragraph):
            text = collapse(element.text)
            if text:
                yield replace(element, text=text)
        elif isinstance(element, Items):
            items = tuple(item for item in (collapse(i) for i in element.items) if item)
            if items:
                yield Items(items, element.ordered)
        elif isinstance(element, Table):
            if table_rows(element):
                yield element
        elif isinstance(element, Code):
            if element.text.strip():
                yield Code(element.text.strip("\n"))
        else:
            yield element


def _block(element: Paragraph | Items | Table | Code, previous: Sequence[Block]) -> Block:
    if isinstance(element, Paragraph):
        return Block(PARAGRAPH, element.text)
    if isinstance(element, Items):
        lead = previous[-1].text if previous and previous[-1].kind == PARAGRAPH else ""
        return Block(BULLETS, items=element.items, lead=lead, ordered=element.ordered)
    if isinstance(element, Table):
        return Block(TABLE, items=table_rows(element))
    return Block(CODE, element.text)


def _continues_list(blocks: Sequence[Block], items: Items) -> bool:
    """Two lists with nothing between them read as one (CommonMark splits `*` from `+`)."""
    return bool(blocks) and blocks[-1].kind == BULLETS and blocks[-1].ordered == items.ordered


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
        if index < 2 or block.kind != PARAGRAPH:
            continue
        opening = fold_key(block.text)
        restates = len(echo.split()) >= 2 and opening.startswith(echo + " ")
        if restates or opening.startswith(_CLOSING_CUES):
            sections.append(Section(CLOSING_TITLE, last.blocks[index:]))
            del last.blocks[index:]
            return


def humanise(name: str) -> str:
    """A file stem as a title: "my-notes" -> "My notes"."""
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"
