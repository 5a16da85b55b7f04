"""The Anki export: a zip holding an Anki collection, one note per question, stable ids."""

from __future__ import annotations

import html
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from bot.cli import main
from content import Course, load_courses
from content.anki import deck_id, note_guid, note_id, write_apkg

from .conftest import SECOND_DOC


def read_collection(package: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(package) as archive:
        assert "collection.anki2" in archive.namelist()
        target = tmp_path / f"{package.stem}-collection.anki2"
        target.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(target)


def notes(connection: sqlite3.Connection) -> dict[str, tuple[int, str, str]]:
    """guid -> (note id, tags, fields) for every note."""
    rows = connection.execute("SELECT guid, id, tags, flds FROM notes")
    return {guid: (nid, tags, fields) for guid, nid, tags, fields in rows}


def test_one_note_and_one_card_per_question_in_one_deck_per_course(
    seed_course: Course, second_course: Course, tmp_path: Path
) -> None:
    package = tmp_path / "deck.apkg"
    written = write_apkg([seed_course, second_course], package, timestamp=1_800_000_000.0)
    total = len(seed_course.questions) + len(second_course.questions)
    assert (written.decks, written.notes) == (2, total)
    connection = read_collection(package, tmp_path)
    assert connection.execute("SELECT count(*) FROM notes").fetchone() == (total,)
    orphans = "SELECT count(*) FROM cards WHERE nid NOT IN (SELECT id FROM notes)"
    assert connection.execute("SELECT count(*) FROM cards").fetchone() == (total,)
    assert connection.execute(orphans).fetchone() == (0,)
    decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
    assert {deck_id(seed_course.id), deck_id(second_course.id)} <= {int(key) for key in decks}
    by_guid = notes(connection)
    for question in second_course.questions:
        nid, tags, fields = by_guid[note_guid(question.id)]
        assert nid == note_id(question.id)
        lesson = second_course.lesson(question.lesson_id)
        assert lesson is not None
        assert f"{second_course.id}::" in tags
        prompt, options, answer, explanation, source, lesson_title, qid = fields.split("\x1f")
        assert qid == question.id and lesson_title == html.escape(lesson.title)
        assert options.count("<li>") == len(question.options)
        assert answer.endswith(html.escape(question.correct_option))
        assert source and explanation and prompt


def test_exporting_twice_gives_the_same_note_ids_and_guids(
    second_course: Course, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    write_apkg([second_course], first, timestamp=1_800_000_000.0)
    write_apkg([second_course], second, timestamp=1_900_000_000.0)
    before = notes(read_collection(first, tmp_path))
    after = notes(read_collection(second, tmp_path))
    assert len(before) == len(second_course.questions)
    assert {guid: row[0] for guid, row in before.items()} == {
        guid: row[0] for guid, row in after.items()
    }
    # the later export is newer, which is what makes Anki update its copy on import
    mods = read_collection(second, tmp_path).execute("SELECT DISTINCT mod FROM notes").fetchall()
    assert mods == [(1_900_000_000,)]


def test_the_curated_bank_is_exported_and_an_edited_note_keeps_its_identity(
    tmp_path: Path, second_course: Course
) -> None:
    document = tmp_path / "antarctic.md"
    shutil.copy(SECOND_DOC, document)
    (generated,) = load_courses([document])
    dropped, edited = generated.questions[0], generated.questions[1]
    document.with_name("antarctic.curation.toml").write_text(
        f'[questions.{dropped.id}]\ndrop = true\n\n[questions.{edited.id}]\nprompt = "Reworded?"\n',
        encoding="utf-8",
    )
    (curated,) = load_courses([document])
    write_apkg([curated], tmp_path / "deck.apkg", timestamp=1_800_000_000.0)
    exported = notes(read_collection(tmp_path / "deck.apkg", tmp_path))
    assert len(exported) == len(generated.questions) - 1
    assert note_guid(dropped.id) not in exported
    nid, _tags, fields = exported[note_guid(edited.id)]
    assert nid == note_id(edited.id) and fields.startswith("Reworded?\x1f")


def test_cli_writes_the_package_and_json_stays_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "deck.apkg"
    argv = ["content", "export", "--source", str(SECOND_DOC)]
    assert main([*argv, "--format", "apkg", "--out", str(package)]) == 0
    assert "1 deck(s)" in capsys.readouterr().out
    assert zipfile.is_zipfile(package)
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["courses"][0]["id"] == "antarctic-cooperation"
    assert main([*argv, "--out", str(tmp_path / "courses.json")]) == 0
    assert json.loads((tmp_path / "courses.json").read_text(encoding="utf-8"))["courses"]


@pytest.mark.parametrize(
    ("extra", "code", "expected"),
    [
        (["--format", "apkg"], 2, "--format apkg needs --out FILE"),
        (["--format", "apkg", "--out", "/nonexistent-folder/deck.apkg"], 1, "no such folder"),
    ],
)
def test_cli_usage_errors_are_one_line(
    extra: list[str], code: int, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "export", "--source", str(SECOND_DOC), *extra]) == code
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and expected in captured.err
