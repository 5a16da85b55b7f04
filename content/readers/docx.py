"""Word `.docx` through python-docx: headings by paragraph style, lists, tables, in body order.

python-docx (MIT, the standard reader of the format) gives paragraphs with their style and
tables, in document order. A "Title" paragraph is the title; "Heading N" paragraphs are
headings of level N; list styles and numbered paragraphs are list items.

A .docx is a zip archive: before python-docx opens it, its directory is checked so that a
zip bomb (a small file that unpacks to gigabytes) is refused without being unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from content.errors import ContentError
from content.readers.structure import Element, Heading, Items, Paragraph, Table

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed for one member: text compresses ~10x, a bomb ~1000x
MAX_MEMBERS = 10_000

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def check_archive(data: bytes, *, where: str) -> None:
    """Refuse a damaged archive or a zip bomb from its directory alone (nothing unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ContentError(f"{where}: not a Word document (a damaged .docx archive)") from error
    total = sum(member.file_size for member in members)
    bomb = len(members) > MAX_MEMBERS or total > MAX_UNPACKED_BYTES
    bomb = bomb or any(
        member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * member.compress_size
        for member in members
    )
    if bomb:
        raise ContentError(
            f"{where}: refused: the archive would unpack to {total / 1024 / 1024:,.0f} MB "
            "(a zip bomb, not a real Word document)"
        )
    if "word/document.xml" not in {member.filename for member in members}:
        raise ContentError(f"{where}: not a Word document (no word/document.xml inside)")


def read_docx(data: bytes, *, where: str) -> Iterator[Element]:
    """Elements of a Word document, in body order."""
    check_archive(data, where=where)
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(io.BytesIO(data))
        content = list(document.iter_inner_content())
    except Exception as error:  # python-docx raises many kinds on a malformed part
        raise ContentError(f"{where}: a damaged Word document ({error})") from error
    items: list[str] = []
    ordered = False
    for block in content:
        kind, text = ("table", "") if isinstance(block, DocxTable) else _classify(block)
        if kind not in ("item", "numbered") and items:
            yield Items(tuple(items), ordered)
            items = []
        if kind in ("item", "numbered"):
            if not items:
                ordered = kind == "numbered"
            items.append(text)
        elif kind == "table":
            yield _table(block)
        elif kind.startswith("heading"):
            yield Heading(int(kind[7:]), text)
        elif text.strip():
            yield Paragraph(text)
    if items:
        yield Items(tuple(items), ordered)


def _classify(paragraph: Any) -> tuple[str, str]:
    """("heading<N>" | "item" | "numbered" | "paragraph", text) of a paragraph."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text = paragraph.text
    if style.lower() == "title":
        return "heading0", text
    heading = _HEADING_STYLE.match(style)
    if heading:
        return f"heading{heading.group(1)}", text
    lowered = style.lower()
    if "list number" in lowered:
        return "numbered", text
    if lowered.startswith("list"):
        return "item", text
    return "paragraph", text


def _table(table: Any) -> Table:
    rows = tuple(tuple(cell.text for cell in row.cells) for row in table.rows)
    header = bool(rows) and _bold_row(table)
    return Table(rows, header)


def _bold_row(table: Any) -> bool:
    """A first row whose text is all bold (or styled as a header) reads as column names."""
    first = table.rows[0]
    runs = [run for cell in first.cells for par in cell.paragraphs for run in par.runs]
    return bool(runs) and all(run.bold for run in runs if run.text.strip())
