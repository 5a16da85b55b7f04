"""Edit a curation file in place for the review desk, keeping the teacher's comments and layout.

tomlkit round-trips the file: a comment or blank line the teacher wrote stays where it was
(a comment between two tables belongs to the table above it). Each decision is one
`[questions.<id>]` table; a new one starts with the question's prompt as a comment, so the
file reads without the bank at hand. The format itself is content/curation.py's.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Comment, Table, Whitespace

from content.errors import ContentError
from content.model import Question

HEADER = (
    "Curation of {document}: drops, edits and hand-written questions, by question id.",
    "Written by hand or by `peacebot content review`; the format is in docs/curation.md.",
)
COMMENT_WIDTH = 90


class CurationFile:
    """One document's curation file, opened for editing; `save` writes it back atomically."""

    def __init__(self, path: Path, document: tomlkit.TOMLDocument) -> None:
        self.path = path
        self._document = document

    @classmethod
    def open(cls, path: Path, *, document_name: str) -> CurationFile:
        """The file at `path`, or a new one with a header; ContentError if it cannot be edited."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return cls(path, _new_document(document_name))
        except (OSError, UnicodeDecodeError) as error:
            raise ContentError(f"{path}: cannot read ({error})") from error
        try:
            return cls(path, tomlkit.parse(text))
        except TOMLKitError as error:
            raise ContentError(
                f"{path}: TOML syntax error: {error}; fix it first (peacebot content check)"
            ) from error

    def decided(self) -> set[str]:
        """Ids that already have a `[questions.<id>]` entry (accepted, dropped or edited)."""
        questions = self._document.get("questions")
        return set(questions.keys()) if isinstance(questions, Table) else set()

    def accept(self, question: Question) -> None:
        self._update(question, {"accepted": True})

    def drop(self, question: Question) -> None:
        self._update(question, {"drop": True}, remove=("accepted",))

    def edit(self, current: Question, edited: Question) -> None:
        """Record what differs between the question as shown and as the teacher left it."""
        changes: dict[str, Any] = {}
        if edited.prompt != current.prompt:
            changes["prompt"] = edited.prompt
        if edited.options != current.options:
            changes["options"] = list(edited.options)
        if edited.options != current.options or edited.answer != current.answer:
            changes["answer"] = edited.correct_option  # text survives a reordering of options
        if edited.explanation != current.explanation:
            changes["explanation"] = edited.explanation
        if changes:
            self._update(current, changes)

    def text(self) -> str:
        return tomlkit.dumps(self._document)

    def save(self) -> None:
        """Write through a temporary file in the same folder, so a crash leaves the old file."""
        handle, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(self.text())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _update(
        self, question: Question, changes: dict[str, Any], remove: tuple[str, ...] = ()
    ) -> None:
        questions = self._document.get("questions")
        if not isinstance(questions, Table):
            questions = tomlkit.table(is_super_table=True)
            self._document["questions"] = questions
        entry = questions.get(question.id)
        if isinstance(entry, Table):
            questions[question.id] = _rebuilt(entry, changes, remove)
            return
        entry = tomlkit.table()
        entry.add(tomlkit.comment(_quoted(question.prompt)))
        for key, value in changes.items():
            entry.add(key, value)
        entry.add(tomlkit.nl())  # keeps a following [[added]] off the last line
        questions[question.id] = entry


def _rebuilt(entry: Table, changes: dict[str, Any], remove: tuple[str, ...]) -> Table:
    """`entry` with `changes` set and `remove` gone: a changed key keeps its place and its
    end-of-line comment, a new key goes after the last key (not after trailing comments,
    which tomlkit would do, separating a teacher's comment from the table it follows).
    """
    body = list(entry.value.body)
    last_key = max((index for index, (key, _) in enumerate(body) if key is not None), default=0)
    pending = dict(changes)
    rebuilt = tomlkit.table()
    for index, (key, item) in enumerate(body):
        if key is None:
            if isinstance(item, Comment | Whitespace):  # nothing else goes without a key
                rebuilt.add(item)
        elif key.key in pending:
            value = tomlkit.item(pending.pop(key.key))
            value.trivia.comment_ws = item.trivia.comment_ws
            value.trivia.comment = item.trivia.comment
            rebuilt.add(key, value)
        elif key.key not in remove:
            rebuilt.add(key, item)
        if index == last_key:
            for name, value in pending.items():
                rebuilt.add(name, value)
            pending.clear()
    for name, value in pending.items():
        rebuilt.add(name, value)
    return rebuilt


def _new_document(document_name: str) -> tomlkit.TOMLDocument:
    document = tomlkit.document()
    for line in HEADER:
        document.add(tomlkit.comment(line.format(document=document_name)))
    document.add(tomlkit.nl())
    return document


def _quoted(prompt: str) -> str:
    text = " ".join(prompt.split())
    if len(text) > COMMENT_WIDTH:
        text = text[: COMMENT_WIDTH - 1] + "…"
    return f"“{text}”"
