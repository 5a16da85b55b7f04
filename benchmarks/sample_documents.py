"""Large documents for the content benchmarks, made from the repository's own documents.

Copy n of a source document gets its own names (every capitalised word is replaced by an
invented one, the same within the copy) and its years shifted, so a 5 MB document has as
many distinct names, places and dates as real long material would, not one document's
terms repeated. Deterministic: the same size gives the same text.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "content" / "sources" / "peacekeeping-operations-by-alliances.md",
    ROOT / "tests" / "content" / "data" / "antarctic-cooperation.md",
]
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-2]\d)\b")
_SYLLABLES = "ka lo ri ven tor sa mil dra nes ul bar zen qui fo mar tel os ith run ae".split()
_KEEP = frozenset("This These That Those There They Their Such When While Each Some".split())


def _invented(word: str, copy: int) -> str:
    rng = random.Random(f"{word}-{copy}")
    name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return name.capitalize()


def _vary(text: str, copy: int) -> str:
    def rename(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in _KEEP else _invented(word, copy)

    text = _CAPITALISED.sub(rename, text)
    return _YEAR.sub(lambda match: str(int(match.group(0)) - copy % 40), text)


def _body(path: Path) -> str:
    """The document without its title line."""
    return path.read_text(encoding="utf-8").split("\n", 1)[1]


def markdown_document(size_bytes: int, *, headings: bool = True) -> str:
    """A Markdown document of about `size_bytes`; without headings, paragraphs only."""
    parts = ["# A long handbook\n"]
    total = 0
    copy = 0
    while total < size_bytes:
        text = _vary(_body(SOURCES[copy % len(SOURCES)]), copy)
        if not headings:
            text = re.sub(r"(?m)^#+ .*\n", "", text)
        parts.append(text)
        total += len(text.encode())
        copy += 1
    return "\n".join(parts)


def single_paragraph(size_bytes: int) -> str:
    """One paragraph of about `size_bytes`: every line break of the sources removed."""
    text = markdown_document(size_bytes, headings=False)
    words = [line.strip("#-• ") for line in text.split("\n") if line.strip()]
    return " ".join(words)


def pdf_document(pages: int) -> bytes:
    """A text PDF of `pages` pages (fpdf2): headings, paragraphs, bullets, a running header
    and page numbers in the footer."""
    from fpdf import FPDF

    class Handbook(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, "A long handbook - benchmark edition", align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Handbook()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    copy = 0
    while pdf.page_no() < pages:
        text = _vary(_body(SOURCES[copy % len(SOURCES)]), copy)
        for block in text.split("\n\n"):
            if pdf.page_no() >= pages:
                break
            _pdf_block(pdf, _latin1(block.strip()))
        copy += 1
    return bytes(pdf.output())


def _latin1(text: str) -> str:
    """The core PDF fonts speak Latin-1: typographic quotes and dashes become plain ones."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    return text.translate(table).encode("latin-1", "replace").decode("latin-1")


def _pdf_block(pdf: object, block: str) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    if block.startswith("#"):
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, block.lstrip("# "), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        return
    pdf.set_font("Helvetica", size=11)
    for line in block.split("\n"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
