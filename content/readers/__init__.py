"""Files of every accepted format into the one document model, or one clear error.

`read_bytes(data, filename)` picks the reader by the file's suffix and checks the bytes first:
size limit, emptiness, that a PDF is a PDF and a text file is text. Each failure is a
`ContentError` whose message is one line that names the file and says what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from content.document import Document
from content.errors import ContentError
from content.readers.structure import Element, assemble

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MARKDOWN = (".md", ".markdown")
TEXT = (".txt", ".text")
HTML = (".html", ".htm")
SUFFIXES = (*MARKDOWN, *TEXT, ".pdf", ".docx", *HTML)
ACCEPTED = ".md, .txt, .pdf, .docx or .html"
_HINTS = {
    ".doc": "save it as .docx in Word first",
    ".rtf": "save it as .docx first",
    ".odt": "save it as .docx first",
    ".pages": "export it as .docx or PDF first",
}
_SIGNATURES = {b"%PDF": "a PDF", b"PK\x03\x04": "a zip archive (Word, Excel?)"}


def read_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The document in a file's bytes; `filename` gives the format (suffix) and the fallback
    title (stem)."""
    where = filename
    path = PurePath(filename)
    suffix = path.suffix.lower()
    check_suffix(suffix, where=where)
    check_size(len(data), max_bytes, where=where)
    if not data.strip():
        raise ContentError(f"{where}: the document is empty")
    document = assemble(_elements(data, suffix, where=where), name=path.stem)
    if not document.sections:
        raise ContentError(f"{where}: no lessons found (no text under any heading)")
    return document


def check_suffix(suffix: str, *, where: str) -> None:
    if suffix in SUFFIXES:
        return
    hint = _HINTS.get(suffix, f"accepted: {ACCEPTED}")
    shown = suffix or "without a suffix"
    raise ContentError(f"{where}: unsupported format {shown}; {hint}")


def check_size(size: int, max_bytes: int, *, where: str) -> None:
    if size > max_bytes:
        raise ContentError(
            f"{where}: {_size(size)} is over the {_size(max_bytes)} limit for one document "
            "(MAX_DOCUMENT_MB)"
        )


def _size(count: int) -> str:
    megabytes = count / 1024 / 1024
    return f"{megabytes:.1f} MB" if megabytes >= 0.1 else f"{count / 1024:.1f} KB"


def decode_text(data: bytes, *, where: str) -> str:
    """UTF-8 text (a BOM is fine); binary data with a text name is called what it is."""
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise ContentError(f"{where}: this is {what}, not text; give it its real suffix")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(
            f"{where}: not UTF-8 text (byte {error.start}): binary data, or text in another "
            "encoding; save it as UTF-8"
        ) from error
    controls = sum(1 for char in text[:65536] if char < " " and char not in "\n\r\t\f")
    if "\x00" in text or controls > len(text[:65536]) // 100:
        raise ContentError(f"{where}: binary data, not text")
    return text


def _elements(data: bytes, suffix: str, *, where: str) -> Iterable[Element]:
    if suffix == ".pdf":
        if not data[:1024].lstrip().startswith(b"%PDF"):
            raise ContentError(f"{where}: not a PDF (it does not start with %PDF)")
        from content.readers.pdf import read_pdf

        return list(read_pdf(data, where=where))
    if suffix == ".docx":
        from content.readers.docx import read_docx

        return list(read_docx(data, where=where))
    if suffix in HTML:
        if b"\x00" in data[:65536]:
            raise ContentError(f"{where}: binary data, not a web page")
        from content.readers.html import read_html

        return list(read_html(data, where=where))
    text = decode_text(data, where=where)
    if not text.strip():
        raise ContentError(f"{where}: the document is empty")
    from content.readers.markdown import read_markdown
    from content.readers.plain import read_plain

    if suffix in MARKDOWN:
        return list(read_markdown(text))
    from content.parse import looks_like_markdown

    return list(read_markdown(text) if looks_like_markdown(text) else read_plain(text))


__all__ = [
    "ACCEPTED",
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "ContentError",
    "check_size",
    "check_suffix",
    "decode_text",
    "read_bytes",
]
