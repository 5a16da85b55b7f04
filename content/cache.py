"""Built courses kept on disk, keyed by the document's bytes and the build code's version.

Building a large document takes seconds; a restart with the same documents should not.
An entry's key hashes the file name, the file's bytes and `build_version()`: a digest of
every source file and word list of the `content` package and of the reader libraries'
versions. So any change to the document, to our build code or to a reader library misses
the cache and rebuilds; nothing has to be cleared by hand.

Entries are JSON (plain data, nothing executable is loaded back), one file per document,
named `<course id>.<key>.json`; writing a new entry for a course removes its older ones.
A cache that cannot be read or written is skipped with a log line: it only ever saves time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from content.model import Course, Lesson, Question

logger = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = ("pypdf", "python-docx", "trafilatura", "markdown-it-py", "pysbd", "rapidfuzz",
              "lemminflect")


@lru_cache(maxsize=1)
def build_version() -> str:
    """A digest of the build code, its word lists and the reader libraries' versions."""
    digest = hashlib.blake2b(digest_size=8)
    code = [*_PACKAGE.rglob("*.py"), *(_PACKAGE / "data").glob("*.txt")]  # word lists too
    for path in sorted(code):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    return digest.hexdigest()


def cache_key(data: bytes, filename: str) -> str:
    digest = hashlib.blake2b(digest_size=12)
    digest.update(build_version().encode())
    digest.update(filename.encode())
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class CourseCache:
    """Reads and writes built courses (and their dropped-candidate notes) in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, course_id: str, key: str) -> tuple[Course, list[str]] | None:
        path = self.folder / f"{course_id}.{key}.json"
        try:
            with path.open(encoding="utf-8") as handle:
                entry = json.load(handle)
            return _course(entry["course"]), list(entry["dropped"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("ignoring unreadable cache entry %s: %s", path, error)
            return None

    def put(self, key: str, course: Course, dropped: list[str]) -> None:
        entry = {"course": _plain(course), "dropped": dropped}
        target = self.folder / f"{course.id}.{key}.json"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(entry, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, target)
            for old in self.folder.glob(f"{course.id}.*.json"):
                if old != target:
                    old.unlink(missing_ok=True)
        except OSError as error:
            logger.warning("cannot write the course cache in %s: %s", self.folder, error)


def _plain(course: Course) -> dict[str, Any]:
    """Every public field of the course, its lessons and questions (tuples become lists)."""
    return {
        "id": course.id,
        "title": course.title,
        "lessons": [_fields(lesson) for lesson in course.lessons],
        "questions": [_fields(question) for question in course.questions],
    }


def _fields(item: Lesson | Question) -> dict[str, Any]:
    return {
        field.name: getattr(item, field.name)
        for field in dataclasses.fields(item)
        if not field.name.startswith("_")
    }


def _course(data: dict[str, Any]) -> Course:
    return Course(
        id=data["id"],
        title=data["title"],
        lessons=tuple(Lesson(**_tuples(lesson)) for lesson in data["lessons"]),
        questions=tuple(Question(**_tuples(question)) for question in data["questions"]),
    )


def _tuples(data: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}
