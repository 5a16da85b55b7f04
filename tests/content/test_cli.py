"""`peacebot content export` and `peacebot content check` through the real argument parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from content import check_courses, load_courses

from .conftest import SECOND_DOC, SEED_MD


def test_export_prints_the_contract_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "export", "--source", str(SECOND_DOC)]) == 0
    data = json.loads(capsys.readouterr().out)
    course = data["courses"][0]
    assert course["id"] == "antarctic-cooperation"
    assert set(course["lessons"][0]) == {"id", "title", "text"}
    question = course["questions"][0]
    assert set(question) == {
        "id",
        "lesson_id",
        "kind",
        "prompt",
        "options",
        "answer",
        "explanation",
        "source",
    }


def test_export_defaults_to_content_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "export"]) == 0
    ids = [course["id"] for course in json.loads(capsys.readouterr().out)["courses"]]
    assert "peacekeeping-operations-by-alliances" in ids


def test_export_takes_folders_and_repeated_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "other.txt").write_text(SECOND_DOC.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "ignored.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README.md").write_text("# This folder\n\nDocuments to teach.\n", encoding="utf-8")
    assert main(["content", "export", "--source", str(tmp_path), "--source", str(SEED_MD)]) == 0
    ids = [course["id"] for course in json.loads(capsys.readouterr().out)["courses"]]
    assert ids == ["other", "peacekeeping-operations-by-alliances"]


def test_check_passes_on_the_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", "--source", str(SEED_MD)]) == 0
    out = capsys.readouterr().out
    assert "16 lessons" in out and out.strip().endswith("course(s) checked")


def test_check_fails_a_course_with_nothing_to_ask_and_warns_about_thin_lessons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    thin = tmp_path / "thin.md"
    thin.write_text("# Thin\n\n## Only\n\nNothing much to ask about here.\n", encoding="utf-8")
    assert main(["content", "check", "--source", str(thin)]) == 1
    captured = capsys.readouterr()
    assert "problem:" in captured.err and "no questions" in captured.err
    assert "warning: lesson “Only” has 0 questions" in captured.out
    assert check_courses([thin])


def test_a_thin_lesson_beside_good_ones_is_a_warning_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bot serves such a course; the check must agree (exit 0)."""
    document = tmp_path / "mixed.md"
    document.write_text(
        "# Mixed\n\n## Dates\n\nThe Treaty of Paris was signed in 1763. The Seven Years' War "
        "ended in 1763 after fighting in Europe, India and North America. Spain ceded Florida "
        "to Britain in 1763. Britain returned Cuba to Spain in the same treaty.\n\n"
        "## Musings\n\nNothing much to ask about here.\n",
        encoding="utf-8",
    )
    code = main(["content", "check", "--source", str(document)])
    captured = capsys.readouterr()
    assert "warning: lesson “Musings” has 0 questions" in captured.out
    assert code == 0, captured.err


@pytest.mark.parametrize("command", ["export", "check"])
def test_missing_path_is_one_clear_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.md"
    assert main(["content", command, "--source", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err and "Traceback" not in err


def test_undecodable_and_empty_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\xff\xfe\x00garbage\x81")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["content", "export", "--source", str(binary)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["content", "check", "--source", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "empty" in err


def test_wrong_suffix_and_duplicate_course_ids(tmp_path: Path) -> None:
    from content import ContentError

    sheet = tmp_path / "doc.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(ContentError, match="not a document peacebot reads"):
        load_courses([sheet])
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.md").write_text(SECOND_DOC.read_text(encoding="utf-8"))
    with pytest.raises(ContentError, match="already used"):
        load_courses([tmp_path / "a", tmp_path / "b"])


def test_check_summarises_drops_and_lists_them_only_when_verbose(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["content", "check"]) == 0
    quiet = capsys.readouterr().out
    assert "candidate questions left out (--verbose lists each" in quiet
    assert ": dropped " not in quiet
    assert main(["content", "check", "--verbose"]) == 0
    loud = capsys.readouterr()
    assert ": dropped " in loud.out
    assert "markdown_it" not in loud.err  # -v is our debug log, not the parser's trace
