"""The curation file beside a document: a teacher's drops, edits and hand-written questions.

`content/sources/<name>.curation.toml` belongs to `<name>.md` (or `.txt`, ...). Its format is
documented in docs/curation.md. This module only reads it (stdlib `tomllib`) and checks each
entry's shape; `content/curate.py` applies it to a generated bank, and
`content/curation_file.py` edits it in place for the review desk.

A bad entry is one problem line and is left out; the rest of the file still applies. A file
that is not TOML at all is one problem line and nothing of it applies.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CURATION_SUFFIX = ".curation.toml"
ADDED_KIND = "handwritten"
EDIT_KEYS = ("drop", "accepted", "prompt", "options", "answer", "explanation")
ADDED_REQUIRED = ("lesson", "prompt", "options", "answer", "explanation", "source")
ADDED_OPTIONAL = ("id", "kind")
# Ids end up in the database and in button data: short and plain.
EXPLICIT_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")

Answer = int | str  # a 0-based index into the options, or the right option's text


@dataclass(frozen=True, slots=True)
class Edit:
    """What `[questions.<id>]` says about one question; None leaves a field as generated."""

    question_id: str
    drop: bool = False
    accepted: bool = False
    prompt: str | None = None
    options: tuple[str, ...] | None = None
    answer: Answer | None = None
    explanation: str | None = None

    @property
    def changes_text(self) -> bool:
        fields = (self.prompt, self.options, self.answer, self.explanation)
        return any(value is not None for value in fields)


@dataclass(frozen=True, slots=True)
class Addition:
    """One `[[added]]` entry: a hand-written question for a lesson (by id or title)."""

    number: int  # 1-based position among the file's [[added]] entries, for messages
    lesson: str
    prompt: str
    options: tuple[str, ...]
    answer: Answer
    explanation: str
    source: str
    id: str | None = None
    kind: str = ADDED_KIND

    @property
    def label(self) -> str:
        return f"[[added]] #{self.number}"


@dataclass(frozen=True, slots=True)
class Curation:
    """A parsed curation file; `problems` are the lines found while reading it."""

    path: Path
    edits: tuple[Edit, ...] = ()
    additions: tuple[Addition, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def where(self) -> str:
        return str(self.path)


def curation_path(document: Path) -> Path:
    """Where the curation file of `document` lives: same folder, same stem."""
    return document.with_name(document.stem + CURATION_SUFFIX)


def read_curation(path: Path) -> Curation | None:
    """The curation file at `path`, None when there is none; never raises for its content."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        return Curation(path, problems=(f"{path}: cannot read ({error.strerror or error})",))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Curation(path, problems=(f"{path}: not UTF-8 text (byte {error.start})",))
    return parse_curation(text, path=path)


def parse_curation(text: str, *, path: Path) -> Curation:
    """Entries whose shape is right, and one problem line per entry (or key) that is not."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Curation(path, problems=(f"{path}: TOML syntax error: {error}",))
    problems: list[str] = []
    for key in data:
        if key not in ("questions", "added"):
            problems.append(f"{path}: unknown top-level key “{key}” (expected questions, added)")
    edits = _edits(data.get("questions", {}), path, problems)
    additions = _additions(data.get("added", []), path, problems)
    return Curation(path, edits=tuple(edits), additions=tuple(additions), problems=tuple(problems))


def _edits(section: Any, path: Path, problems: list[str]) -> list[Edit]:
    if not isinstance(section, dict):
        problems.append(f"{path}: “questions” must be tables, as [questions.<id>]")
        return []
    edits: list[Edit] = []
    for question_id, entry in section.items():
        label = f"{path}: [questions.{question_id}]"
        if not isinstance(entry, dict):
            problems.append(f"{label} must be a table of changes, e.g. drop = true")
            continue
        found = _fields(entry, label, known=EDIT_KEYS, required=(), problems=problems)
        if found is not None:
            edits.append(Edit(question_id=question_id, **found))
    return edits


def _additions(section: Any, path: Path, problems: list[str]) -> list[Addition]:
    if not isinstance(section, list):
        problems.append(f"{path}: “added” must be written as [[added]] tables")
        return []
    additions: list[Addition] = []
    for number, entry in enumerate(section, start=1):
        label = f"{path}: [[added]] #{number}"
        if not isinstance(entry, dict):
            problems.append(f"{label} must be a table")
            continue
        found = _fields(
            entry,
            label,
            known=ADDED_REQUIRED + ADDED_OPTIONAL,
            required=ADDED_REQUIRED,
            problems=problems,
        )
        if found is None:
            continue
        explicit = found.get("id")
        if explicit is not None and not EXPLICIT_ID.fullmatch(explicit):
            problems.append(f"{label}: id “{explicit}” must be 1-40 letters, digits, - or _")
            continue
        additions.append(Addition(number=number, **found))
    return additions


def _fields(
    entry: Mapping[str, Any],
    label: str,
    *,
    known: tuple[str, ...],
    required: tuple[str, ...],
    problems: list[str],
) -> dict[str, Any] | None:
    """The entry's values in their Python form, or None (and one problem line) if unusable."""
    whys = [f"unknown key “{key}” (known: {', '.join(known)})" for key in entry if key not in known]
    whys.extend(f"“{key}” is missing" for key in required if key not in entry)
    found: dict[str, Any] = {}
    for key in known:
        if key not in entry:
            continue
        value, why = _convert(key, entry[key])
        if why:
            whys.append(why)
        else:
            found[key] = value
    if whys:
        problems.append(f"{label}: " + "; ".join(whys))
        return None
    return found


def _convert(key: str, value: Any) -> tuple[Any, str]:
    """(value, "") when `value` has the type `key` needs, else (None, why)."""
    if key in ("drop", "accepted"):
        if isinstance(value, bool):
            return value, ""
        return None, f"“{key}” must be true or false"
    if key == "options":
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(item.strip() for item in value), ""
        return None, "“options” must be a list of texts, e.g. [\"NATO\", \"the UN\"]"
    if key == "answer":
        if isinstance(value, str):
            return value.strip(), ""
        if isinstance(value, int) and not isinstance(value, bool):
            return value, ""
        return None, "“answer” must be the right option's text or its 0-based index"
    if isinstance(value, str):
        return value.strip(), ""
    return None, f"“{key}” must be a text in quotes"
