"""`peacebot content add`: a usable document is shown and copied; anything else changes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import main
from content.intake import inspect_document, publish, stored_name

from .samples import blocks, docx_bytes, pdf_bytes


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An empty CONTENT_DIR and a CACHE_DIR of this test's own."""
    content_dir, cache_dir = tmp_path / "sources", tmp_path / "cache"
    monkeypatch.setenv("CONTENT_DIR", str(content_dir))
    monkeypatch.setenv("CACHE_DIR", str(cache_dir))
    return content_dir, cache_dir


def test_a_pdf_is_summarised_and_added(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content_dir, cache_dir = folders
    document = tmp_path / "Antarctic Cooperation.pdf"
    document.write_bytes(pdf_bytes(blocks()))
    assert main(["content", "add", str(document)]) == 0
    out = capsys.readouterr().out
    assert "course 'antarctic-cooperation': “Cooperation in Antarctica”" in out
    assert "6 lessons" in out and "questions (" in out and "cloze" in out
    assert "2. Origins of the Treaty (" in out
    assert (content_dir / "Antarctic Cooperation.pdf").read_bytes() == document.read_bytes()
    assert list(cache_dir.glob("antarctic-cooperation.*.json"))
    # and the bot's loader finds it there, from the cache
    assert main(["content", "export"]) == 0
    assert '"id": "antarctic-cooperation"' in capsys.readouterr().out


def test_an_unusable_document_is_refused_and_nothing_is_copied(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content_dir, _cache = folders
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf_bytes(blocks())[:1500])
    assert main(["content", "add", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("peacebot: not added: broken.pdf: a damaged PDF")
    assert err.count("\n") == 1
    assert not content_dir.exists() or not any(content_dir.iterdir())


def test_a_course_id_clash_is_refused(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content_dir, _cache = folders
    content_dir.mkdir()
    (content_dir / "antarctic-cooperation.md").write_text("# Kept\n\nUntouched text.\n")
    newcomer = tmp_path / "Antarctic_Cooperation.docx"
    newcomer.write_bytes(docx_bytes(blocks()))
    assert main(["content", "add", str(newcomer)]) == 1
    assert "already used by antarctic-cooperation.md" in capsys.readouterr().err
    assert sorted(path.name for path in content_dir.iterdir()) == ["antarctic-cooperation.md"]


def test_a_missing_or_oversized_file_is_one_line(
    folders: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["content", "add", str(tmp_path / "missing.md")]) == 1
    assert "no such file" in capsys.readouterr().err
    monkeypatch.setenv("MAX_DOCUMENT_MB", "0.001")
    big = tmp_path / "big.md"
    big.write_text("# Big\n\n" + "word " * 1000)
    assert main(["content", "add", str(big)]) == 1
    assert "4.9 KB is over the 1.0 KB limit" in capsys.readouterr().err


def test_inspection_is_what_a_telegram_upload_will_use(tmp_path: Path) -> None:
    """Bytes and a name in, a verdict out; publishing writes the file in one step."""
    data = docx_bytes(blocks())
    inspection = inspect_document(data, "../../etc/Antarctic.docx", existing={})
    assert inspection.usable and inspection.report is not None
    assert inspection.filename == "Antarctic.docx"
    assert inspection.summary[0].startswith("course 'antarctic'")
    target = publish(data, "../../etc/Antarctic.docx", tmp_path)
    assert target == tmp_path / "Antarctic.docx" and target.read_bytes() == data
    refused = inspect_document(b"", "empty.txt")
    assert not refused.usable and refused.refusal == "empty.txt: the document is empty"
    assert stored_name(".hidden.md") == "hidden.md"


def test_the_same_file_name_replaces_its_document(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Adding an edited version under the same name is an update, not a clash."""
    content_dir, _cache = folders
    document = tmp_path / "antarctic.docx"
    document.write_bytes(docx_bytes(blocks()))
    assert main(["content", "add", str(document)]) == 0
    edited = blocks()
    edited[-1] = replace(edited[-1], text=edited[-1].text + " The parties meet in 2048.")
    document.write_bytes(docx_bytes(edited))
    assert main(["content", "add", str(document)]) == 0
    assert (content_dir / "antarctic.docx").read_bytes() == document.read_bytes()
    assert sorted(path.name for path in content_dir.iterdir()) == ["antarctic.docx"]
    capsys.readouterr()
