"""Bad files: each is refused with one line that says what is wrong; nothing is lost."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from content import ContentError
from content.readers import read_bytes

from .samples import blocks, docx_bytes, pdf_bytes


def _pdf_text() -> bytes:
    return pdf_bytes(blocks())


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf_text())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def _scanned(tmp_path: Path) -> bytes:
    image = tmp_path / "scan.png"
    Image.new("RGB", (400, 500), "white").save(image)
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(image), x=10, y=10, w=180)
    return bytes(pdf.output())


def _zip_bomb() -> bytes:
    """A .docx whose document part unpacks to 300 MB (300 KB packed)."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(b"\0" * (1024 * 1024))
    return stream.getvalue()


CASES = {
    "password.pdf": (lambda _tmp: _encrypted("secret"), "password-protected"),
    "truncated.pdf": (lambda _tmp: _pdf_text()[:2000], "damaged PDF"),
    "renamed.pdf": (lambda _tmp: b"Just some text, not a PDF at all.", "not a PDF"),
    "scan.pdf": (_scanned, "scanned PDF"),
    "bomb.docx": (lambda _tmp: _zip_bomb(), "zip bomb"),
    "notzip.docx": (lambda _tmp: b"plain words", "not a Word document"),
    "empty.md": (lambda _tmp: b"", "empty"),
    "blank.txt": (lambda _tmp: b"  \n\n \n", "empty"),
    "junk.txt": (lambda _tmp: bytes(range(256)) * 40, "not UTF-8"),
    "nul.md": (lambda _tmp: b"text\x00\x00\x01\x02 more" * 50, "binary data"),
    "zipped.txt": (lambda _tmp: docx_bytes(blocks()), "zip archive"),
    "sheet.xlsx": (lambda _tmp: b"PK\x03\x04", "unsupported format .xlsx"),
    "old.doc": (lambda _tmp: b"\xd0\xcf\x11\xe0", "save it as .docx"),
    "menu-only.html": (
        lambda _tmp: b"<html><body><nav><a href=/>Home</a></nav></body></html>",
        "no readable text",
    ),
}


@pytest.mark.parametrize("filename", sorted(CASES))
def test_a_bad_file_is_one_clear_line(filename: str, tmp_path: Path) -> None:
    make, expected = CASES[filename]
    with pytest.raises(ContentError) as caught:
        read_bytes(make(tmp_path), filename)
    message = str(caught.value)
    assert expected in message and message.startswith(filename)
    assert "\n" not in message and "Traceback" not in message


def test_a_pdf_locked_only_against_editing_is_read() -> None:
    """An owner password alone (no password to open) does not stop a reader."""
    document = read_bytes(_encrypted(""), "owner-only.pdf")
    assert document.title == "Cooperation in Antarctica"


def test_a_file_over_the_limit_is_refused_before_reading() -> None:
    with pytest.raises(ContentError, match=r"1\.0 MB is over the 0\.5 MB limit"):
        read_bytes(b"word " * 209_716, "big.txt", max_bytes=512 * 1024)
