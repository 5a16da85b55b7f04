"""Editing a curation file in place: decisions land as TOML, a teacher's comments stay."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from content import ContentError, Question
from content.curation_file import CurationFile


def question(question_id: str) -> Question:
    return Question(
        id=question_id,
        lesson_id="l1",
        kind="mcq",
        prompt=f"Which body met in {question_id}?",
        options=("NATO", "the UN", "the AU"),
        answer=1,
        explanation="The lesson says so.",
        source="The UN met.",
    )


TEACHER_FILE = """\
# Curated by Ann, 2026-11-30.  Keep this line.

[questions.q1]
# “Which body met in q1?”
accepted = true   # fine as it is
prompt = "Old prompt"  # reworded by Ann

# Everything below: hand-written.
[[added]]
lesson = "Origins"  # by title
prompt = "When?"
"""


def test_a_new_file_gets_a_header_and_one_table_per_decision(tmp_path: Path) -> None:
    path = tmp_path / "doc.curation.toml"
    file = CurationFile.open(path, document_name="doc.md")
    assert file.decided() == set()
    file.drop(question("q1"))
    file.accept(question("q2"))
    file.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Curation of doc.md")
    assert "# “Which body met in q1?”" in text
    assert tomllib.loads(text) == {"questions": {"q1": {"drop": True}, "q2": {"accepted": True}}}
    assert CurationFile.open(path, document_name="doc.md").decided() == {"q1", "q2"}


def test_an_edit_writes_only_what_changed_and_the_answer_as_text(tmp_path: Path) -> None:
    file = CurationFile.open(tmp_path / "doc.curation.toml", document_name="doc.md")
    shown = question("q3")
    file.edit(shown, replace(shown, options=("NATO", "the United Nations", "the AU")))
    file.edit(question("q4"), replace(question("q4"), answer=2))
    file.edit(question("q5"), question("q5"))  # nothing changed: nothing written
    assert tomllib.loads(file.text())["questions"] == {
        "q3": {"options": ["NATO", "the United Nations", "the AU"], "answer": "the United Nations"},
        "q4": {"answer": "the AU"},
    }


def test_every_comment_of_the_teacher_survives_and_changed_keys_keep_theirs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "doc.curation.toml"
    path.write_text(TEACHER_FILE, encoding="utf-8")
    file = CurationFile.open(path, document_name="doc.md")
    assert file.decided() == {"q1"}
    shown = replace(question("q1"), prompt="Old prompt")
    file.edit(shown, replace(shown, prompt="New prompt"))
    file.drop(question("q1"))
    file.accept(question("q2"))
    file.save()
    text = path.read_text(encoding="utf-8")
    for comment in ("# Curated by Ann, 2026-11-30.  Keep this line.", "# “Which body met in q1?”",
                    "# Everything below: hand-written.", "# by title"):
        assert text.count(comment) == 1, comment
    assert 'prompt = "New prompt"  # reworded by Ann' in text
    assert "fine as it is" not in text  # that line was `accepted`, which a drop replaces
    # a key added to an existing table goes before the comment that follows the table
    assert text.index("drop = true") < text.index("# Everything below")
    assert tomllib.loads(text) == {
        "questions": {"q1": {"prompt": "New prompt", "drop": True}, "q2": {"accepted": True}},
        "added": [{"lesson": "Origins", "prompt": "When?"}],
    }


def test_saving_twice_changes_nothing_more(tmp_path: Path) -> None:
    path = tmp_path / "doc.curation.toml"
    path.write_text(TEACHER_FILE, encoding="utf-8")
    file = CurationFile.open(path, document_name="doc.md")
    file.accept(question("q2"))
    file.save()
    once = path.read_text(encoding="utf-8")
    CurationFile.open(path, document_name="doc.md").save()
    assert path.read_text(encoding="utf-8") == once


def test_a_file_with_a_syntax_error_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.curation.toml"
    path.write_text("[questions.q1\ndrop = true\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        CurationFile.open(path, document_name="doc.md")
    assert "TOML syntax error" in str(error.value) and "\n" not in str(error.value)
    assert path.read_text(encoding="utf-8") == "[questions.q1\ndrop = true\n"
