"""Text PDFs through pypdf: lines with their position and font size, then layout rules.

pypdf (pure Python, BSD, actively maintained) gives each text run with its text matrix and
font; from those we rebuild what a reader sees:
- reading order: the order of the page's content stream, line by line (how word processors
  and LaTeX write pages, columns included);
- running headers and footers: a line near the top or bottom of a page whose text, digits
  aside, repeats on many pages, and a bare page number ("12", "Page 3 of 9", "iv"), go;
- headings: short lines in a font clearly larger than the body text, or wholly bold;
- paragraphs: a vertical gap wider than the usual line spacing, or a short line ending a
  sentence, ends one; a paragraph carries on across a page break until a sentence ends;
- a word hyphenated at a line end is joined ("peace-" + "keeping" -> "peacekeeping") unless
  the document spells it with the hyphen elsewhere ("well-known").
A PDF whose pages carry no text (a scan) is refused with an error that says so.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from content.errors import ContentError
from content.readers.plain import BULLET
from content.readers.structure import Element, Heading, Items, Paragraph

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.I,
)
_HYPHENATED = re.compile(r"\b([A-Za-z]+)-([a-z]+)\b")
_HEADING_RATIO = 1.15
_MAX_HEADING_WORDS = 16
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running text
_MIN_TEXT_PER_PAGE = 20  # characters: fewer on every page means there is no text layer


@dataclass(slots=True)
class Line:
    text: str = ""
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0
    bold: bool = True
    placed: bool = False

    def add(self, text: str, x: float, y: float, size: float, bold: bool) -> None:
        if text.strip() and not self.placed:
            self.x, self.y, self.size, self.placed = x, y, size, True
        if text.strip():
            self.bold = self.bold and bold
        self.text += text


@dataclass(slots=True)
class _Page:
    lines: list[Line] = field(default_factory=list)


def read_pdf(data: bytes, *, where: str) -> Iterator[Element]:
    """Elements of a text PDF; ContentError for an encrypted, damaged or scanned one."""
    pages = _pages(data, where=where)
    text_pages = [page for page in pages if sum(len(line.text) for line in page.lines) > 0]
    characters = sum(len(line.text.strip()) for page in pages for line in page.lines)
    if characters < _MIN_TEXT_PER_PAGE * max(1, len(pages)) // 4 and characters < 200:
        raise ContentError(
            f"{where}: a scanned PDF (its pages are images with no text layer); "
            "run it through OCR (text recognition) first, then add the result"
        )
    body = _body_size([line for page in text_pages for line in page.lines])
    _drop_running_lines(text_pages, body)
    lines = [line for page in text_pages for line in page.lines]
    yield from _elements(text_pages, body, _hyphenated_words(lines))


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs every recoverable flaw; the one line we raise is what people need."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pages(data: bytes, *, where: str) -> list[_Page]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ContentError(
                    f"{where}: the PDF is password-protected; save a copy without a password"
                )
            return [_page_lines(page) for page in reader.pages]
        except ContentError:
            raise
        except (FileNotDecryptedError, DependencyError) as error:
            raise ContentError(
                f"{where}: the PDF is encrypted and cannot be read ({error})"
            ) from error
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
            raise ContentError(f"{where}: a damaged PDF that cannot be read ({error})") from error
        except RecursionError as error:
            raise ContentError(f"{where}: a damaged PDF (its structure loops)") from error


def _page_lines(page: Any) -> _Page:
    result = _Page()
    line = Line()

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: float) -> None:
        nonlocal line
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        name = str(font.get("/BaseFont", "")) if font else ""
        bold = "bold" in name.lower() or name.lower().endswith(("-bd", ",bold"))
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                _end_line(result, line)
                line = Line()
            line.add(piece, x, y, size * scale, bold)

    page.extract_text(visitor_text=visit)
    _end_line(result, line)
    return result


def _end_line(page: _Page, line: Line) -> None:
    line.text = " ".join(line.text.replace("\u00a0", " ").split())
    if line.text:
        page.lines.append(line)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _edges(page: _Page) -> list[Line]:
    ordered = sorted(page.lines, key=lambda line: line.y)
    return ordered[:_EDGE_LINES] + ordered[-_EDGE_LINES:]


def _outermost(page: _Page) -> list[Line]:
    ordered = sorted(page.lines, key=lambda line: line.y)
    return [ordered[0], ordered[-1]] if ordered else []


def _drop_running_lines(pages: list[_Page], body: float) -> None:
    """Remove running headers/footers and page numbers from the top and bottom of pages:
    a page number, a line repeated (digits aside) on many pages, or the topmost or
    bottommost line in small print."""
    counts = Counter(key for page in pages for key in {_key(line.text) for line in _edges(page)})
    repeated = max(2, len(pages) * 2 // 5)
    for page in pages:
        running = {
            id(line)
            for line in _edges(page)
            if _PAGE_NUMBER.match(line.text)
            or (len(pages) >= 2 and counts[_key(line.text)] >= repeated)
        }
        running.update(id(line) for line in _outermost(page) if line.size < body * 0.85)
        page.lines = [line for line in page.lines if id(line) not in running]


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _hyphenated_words(lines: list[Line]) -> set[str]:
    """Words the document spells with a hyphen inside a line (those keep it at a line end)."""
    return {match.group(0).lower() for line in lines for match in _HYPHENATED.finditer(line.text)}


def _heading_level(line: Line, body: float, sizes: list[float]) -> int:
    """0 for body text; else 1, 2, ... by font size (bold body-size lines come last)."""
    words = len(line.text.split())
    if words > _MAX_HEADING_WORDS or line.text.endswith((".", ",", ";")) or BULLET.match(line.text):
        return 0
    if not re.search(r"[A-Za-z]", line.text):
        return 0
    if line.size >= body * _HEADING_RATIO:
        return sizes.index(round(line.size, 1)) + 1
    if line.bold and words <= 12 and line.size >= body * 0.95 and body > 0:
        return len(sizes) + 1
    return 0


@dataclass(slots=True)
class _Builder:
    """Joins lines into paragraphs and list items, ending them where layout says so."""

    hyphenated: set[str]
    elements: list[Element] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)
    ordered: bool = False

    def flush(self) -> None:
        if self.paragraph:
            self.elements.append(Paragraph(self._join(self.paragraph)))
            self.paragraph = []
        if self.items:
            self.elements.append(Items(tuple(self._join(i) for i in self.items), self.ordered))
            self.items = []

    def line(self, text: str, *, new_block: bool) -> None:
        bullet = BULLET.match(text)
        if bullet:
            if self.paragraph:
                self.flush()
            if not self.items:
                self.ordered = bullet.group(2) is not None
            self.items.append([bullet.group(3)])
            return
        if new_block:
            self.flush()
        if self.items:
            self.items[-1].append(text)
        else:
            self.paragraph.append(text)

    def open(self) -> bool:
        """Whether the block being built has not ended a sentence yet."""
        last = self.items[-1][-1] if self.items else (self.paragraph[-1] if self.paragraph else "")
        return bool(last) and not last.rstrip("\"'”’)").endswith((".", "!", "?", ":"))

    def continues(self, text: str) -> bool:
        """Whether a line after a page break carries on the block being built: an unended
        sentence does; a list item only when the line starts in lower case."""
        if not self.open():
            return False
        return not self.items or text[:1].islower()

    def _join(self, lines: list[str]) -> str:
        text = lines[0]
        for nxt in lines[1:]:
            word = re.search(r"([A-Za-z]+)-$", text)
            if word and nxt[:1].islower():
                first = nxt.split()[0]
                joined = f"{word.group(1)}-{first}".lower().rstrip(".,;:!?)")
                text = text if joined in self.hyphenated else text[:-1]
                text += nxt
            elif text.endswith("\u00ad"):
                text = text[:-1] + nxt
            else:
                text = f"{text} {nxt}"
        return text


def _elements(pages: list[_Page], body: float, hyphenated: set[str]) -> list[Element]:
    lines = [line for page in pages for line in page.lines]
    sizes = sorted({round(line.size, 1) for line in lines if line.size >= body * _HEADING_RATIO})
    sizes.reverse()
    spacing = _line_spacing(pages)
    width = _line_width(lines)
    builder = _Builder(hyphenated)
    heading_line: Line | None = None
    for page in pages:
        previous: Line | None = None
        for line in page.lines:
            level = _heading_level(line, body, sizes)
            if level:
                builder.flush()
                _add_heading(builder.elements, Heading(level, line.text), line, heading_line)
                heading_line, previous = line, None
                continue
            heading_line = None
            if previous is None:
                new_block = not builder.continues(line.text)
            else:
                gap = previous.y - line.y
                # a line that stops short of the margin ends a sentence-final paragraph,
                # and any list item (a wrapped item fills its lines)
                ended = not builder.open() or bool(builder.items)
                short_end = len(previous.text) < 0.7 * width and ended
                new_block = gap > spacing * 1.25 or gap < -spacing or short_end
            builder.line(line.text, new_block=new_block)
            previous = line
    builder.flush()
    return builder.elements


def _add_heading(elements: list[Element], heading: Heading, line: Line, last: Line | None) -> None:
    """A heading wrapped over two lines is one heading."""
    top = elements[-1] if elements else None
    wrapped = last is not None and 0 < last.y - line.y <= 2 * line.size
    if isinstance(top, Heading) and top.level == heading.level and wrapped:
        elements[-1] = Heading(heading.level, f"{top.text} {heading.text}")
    else:
        elements.append(heading)


def _line_spacing(pages: list[_Page]) -> float:
    gaps = [
        round(first.y - second.y, 1)
        for page in pages
        for first, second in zip(page.lines, page.lines[1:], strict=False)
        if first.y - second.y > 0
    ]
    return Counter(gaps).most_common(1)[0][0] if gaps else 12.0


def _line_width(lines: list[Line]) -> float:
    lengths = sorted(len(line.text) for line in lines)
    return float(lengths[len(lengths) * 9 // 10]) if lengths else 80.0
