"""One test document rendered into every format with the format's own library.

`tests/content/data/antarctic-cooperation.md` is split into blocks (title, headings,
paragraphs, bullet lists); each writer renders those blocks as a real PDF (fpdf2), Word
document (python-docx) or web page (an HTML string with menus, a cookie banner and a footer
around the article). A reader is right when it gives back the Markdown's lessons.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

DATA = Path(__file__).resolve().parent / "data"
ANTARCTIC = DATA / "antarctic-cooperation.md"


@dataclass(frozen=True)
class Block:
    kind: str  # "title" | "heading" | "paragraph" | "bullets"
    text: str = ""
    items: tuple[str, ...] = ()


def blocks(markdown: str | None = None) -> list[Block]:
    """The blocks of a simple Markdown text (`#`, `##`, paragraphs, `-` lists)."""
    source = markdown if markdown is not None else ANTARCTIC.read_text(encoding="utf-8")
    result: list[Block] = []
    for chunk in source.strip().split("\n\n"):
        if chunk.startswith("# "):
            result.append(Block("title", chunk[2:]))
        elif chunk.startswith("## "):
            result.append(Block("heading", chunk[3:]))
        elif chunk.startswith("- "):
            result.append(Block("bullets", items=tuple(line[2:] for line in chunk.split("\n"))))
        else:
            result.append(Block("paragraph", " ".join(chunk.split("\n"))))
    return result


class _Handbook(FPDF):
    """A small page, so paragraphs run across pages; a running header and page numbers."""

    running_header = "Antarctic handbook - internal draft"

    def header(self) -> None:
        self.set_font("Helvetica", size=7)
        self.cell(0, 4, self.running_header, align="C")
        self.ln(8)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.cell(0, 6, f"Page {self.page_no()}", align="C")


def pdf_bytes(items: list[Block], *, page: tuple[float, float] = (120, 150)) -> bytes:
    pdf = _Handbook(format=page)
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for block in items:
        if block.kind == "title":
            pdf.set_font("Helvetica", "B", 18)
            _lines(pdf, block.text, 9)
            pdf.ln(3)
        elif block.kind == "heading":
            pdf.set_font("Helvetica", "B", 13)
            _lines(pdf, block.text, 7)
            pdf.ln(1)
        elif block.kind == "bullets":
            pdf.set_font("Helvetica", size=9)
            for item in block.items:
                _lines(pdf, f"- {item}", 5)
            pdf.ln(2)
        else:
            pdf.set_font("Helvetica", size=9)
            _lines(pdf, block.text, 5)
            pdf.ln(2)
    return bytes(pdf.output())


def _lines(pdf: FPDF, text: str, height: float) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def pdf_from_lines(lines: list[str]) -> bytes:
    """A one-page PDF with exactly these lines (to test line-end hyphenation)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(items: list[Block], *, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for block in items:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for number, (row, cells) in enumerate(zip(grid.rows, table, strict=True)):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.paragraphs[0].add_run(text).bold = number == 0
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def html_page(items: list[Block], *, table: str = "") -> str:
    """The article inside a page with a menu, a cookie banner, a sidebar and a footer."""
    body: list[str] = []
    for block in items:
        if block.kind == "title":
            body.append(f"<h1>{block.text}</h1>")
        elif block.kind == "heading":
            body.append(f"<h2>{block.text}</h2>")
        elif block.kind == "bullets":
            body.append("<ul>" + "".join(f"<li>{item}</li>" for item in block.items) + "</ul>")
        else:
            body.append(f"<p>{block.text}</p>")
    return f"""<!doctype html><html><head><title>Polar pages - Antarctica</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/shop">Shop our polar gear</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<main><article>{"".join(body)}{table}</article></main>
<aside class="sidebar"><h3>Related</h3><ul><li><a href="/a">Penguins of the world</a></li>
</ul></aside>
<footer><p>Copyright 2026 Polar Pages Ltd. All rights reserved. Privacy policy.</p></footer>
</body></html>"""


def pdf_two_columns(items: list[Block]) -> bytes:
    """The title across the page, then the rest in two columns (fpdf2's text columns)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    _lines(pdf, items[0].text, 9)
    pdf.ln(3)
    pdf.set_font("Helvetica", size=10)
    columns = pdf.text_columns(ncols=2, gutter=8)
    with columns:
        for block in items[1:]:
            texts = (
                [f"- {item}" for item in block.items] if block.kind == "bullets" else [block.text]
            )
            for text in texts:
                margin = 3 if block.kind == "paragraph" else 0
                with columns.paragraph(bottom_margin=margin) as paragraph:
                    if block.kind == "heading":
                        pdf.set_font("Helvetica", "B", 13)
                    paragraph.write(text)
                pdf.set_font("Helvetica", size=10)
    return bytes(pdf.output())
