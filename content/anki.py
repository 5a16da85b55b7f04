"""The curated bank as an Anki package (.apkg), one deck per course, one note per question.

Anki recognises a note it already has by its GUID and then updates it instead of adding a
copy, so GUIDs, note ids and deck ids are derived from our stable ids, never from the clock.
genanki numbers notes and cards from the clock, so the package's collection is written
here (through genanki's `Package.write_to_db`), the ids are set from the question ids, and
then it is zipped as genanki's `write_to_file` would. The clock only sets each note's
modification time, which tells Anki that a re-imported note is newer.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from content.model import Course, Lesson, Question
from content.text import slugify

# A fixed note type, so every export (and every course) shares it in the learner's Anki.
MODEL_ID = 1_607_392_319
MODEL_NAME = "peacebot question"
FIELDS = ("Prompt", "Options", "Answer", "Explanation", "Source", "Lesson", "QuestionId")
FRONT = "<div class=prompt>{{Prompt}}</div>{{Options}}"
BACK = (
    '{{FrontSide}}<hr id="answer"><div class=answer>{{Answer}}</div>'
    "<div class=explanation>{{Explanation}}</div>"
    "<blockquote class=source>{{Source}}</blockquote><div class=lesson>{{Lesson}}</div>"
)
CSS = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n"
    ".answer { font-weight: bold; }\n.source, .lesson { font-size: 15px; color: #555; }\n"
)
# Note ids read as creation times in Anki (milliseconds): keep them in 2017-2023, away from
# the clock-based ids genanki hands out first, and spread over 2*10^11 values.
NOTE_ID_BASE = 1_500_000_000_000
NOTE_ID_SPAN = 200_000_000_000
TEMPORARY_IDS = 1 << 52


@dataclass(frozen=True, slots=True)
class AnkiExport:
    decks: int
    notes: int


def deck_id(course_id: str) -> int:
    """A stable deck id per course, in the range genanki recommends (2^30 to 2^31)."""
    return (1 << 30) + _number("deck", course_id) % (1 << 30)


def note_id(question_id: str) -> int:
    return NOTE_ID_BASE + _number("note", question_id) % NOTE_ID_SPAN


def note_guid(question_id: str) -> str:
    return str(genanki.guid_for("peacebot", question_id))


def write_apkg(courses: Sequence[Course], path: Path, *, timestamp: float) -> AnkiExport:
    """Write every course's questions to `path` (replaced atomically); `timestamp` in seconds."""
    model = _model()
    decks = [_deck(course, model) for course in courses]
    staged = path.with_name(f".{path.name}.tmp")
    try:
        with tempfile.TemporaryDirectory(prefix="peacebot-apkg-") as folder:
            collection = Path(folder) / "collection.anki2"
            _write_collection(genanki.Package(decks), collection, courses, timestamp)
            with zipfile.ZipFile(staged, "w", compression=zipfile.ZIP_DEFLATED) as package:
                package.write(collection, "collection.anki2")
                package.writestr("media", "{}")  # no media files
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
    return AnkiExport(decks=len(decks), notes=sum(len(course.questions) for course in courses))


def _write_collection(
    package: genanki.Package, collection: Path, courses: Sequence[Course], timestamp: float
) -> None:
    connection = sqlite3.connect(collection)
    try:
        cursor = connection.cursor()
        # genanki's own ids come from here; far above NOTE_ID_BASE so renumbering never clashes
        package.write_to_db(cursor, timestamp, itertools.count(TEMPORARY_IDS))
        _set_stable_ids(cursor, [q.id for course in courses for q in course.questions])
        connection.commit()
    finally:
        connection.close()


def _set_stable_ids(cursor: sqlite3.Cursor, question_ids: list[str]) -> None:
    """Give each note (and its one card) the id derived from its question id.

    Two questions whose ids land on the same number (about one export in a few thousand
    at 10,000 questions) take the next free number, in question id order, so the outcome
    is still the same on every export.
    """
    used: set[int] = set()
    for question_id in sorted(question_ids):
        wanted = note_id(question_id)
        while wanted in used:
            wanted += 1
        used.add(wanted)
        guid = note_guid(question_id)
        cursor.execute(
            "UPDATE cards SET id = ?, nid = ? WHERE nid = (SELECT id FROM notes WHERE guid = ?)",
            (wanted, wanted, guid),
        )
        cursor.execute("UPDATE notes SET id = ? WHERE guid = ?", (wanted, guid))


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )


def _deck(course: Course, model: genanki.Model) -> genanki.Deck:
    deck = genanki.Deck(deck_id(course.id), course.title)
    lessons = {lesson.id: lesson for lesson in course.lessons}
    for question in course.questions:
        lesson = lessons[question.lesson_id]
        deck.add_note(
            genanki.Note(
                model=model,
                fields=_fields(question, lesson),
                tags=[f"{course.id}::{slugify(lesson.title)}"],
                guid=note_guid(question.id),
            )
        )
    return deck


def _fields(question: Question, lesson: Lesson) -> list[str]:
    options = "".join(f"<li>{html.escape(option)}</li>" for option in question.options)
    return [
        html.escape(question.prompt),
        f"<ol class=options>{options}</ol>",
        html.escape(f"{question.answer + 1}. {question.correct_option}"),
        html.escape(question.explanation),
        html.escape(question.source),
        html.escape(lesson.title),
        question.id,
    ]


def _number(kind: str, value: str) -> int:
    digest = hashlib.blake2b(f"peacebot-{kind}\x1f{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")
