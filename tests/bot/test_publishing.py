"""The publisher behind an admin's upload: what is held, for how long, and what publishing
does when the folder changed since the check (no Telegram here; tests/telegram has that)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.publishing import (
    NO_LONGER_PENDING,
    NOT_ADMIN,
    PendingUpload,
    PendingUploads,
    Publisher,
    summary_lines,
)
from bot.tutor import Tutor
from bot.tutor.replies import Reply
from bot.wiring import courses_from
from content.intake import Inspection

ROOT = Path(__file__).resolve().parents[2]
FIRST_DOCUMENT = ROOT / "tests" / "content" / "data" / "antarctic-cooperation.md"
NEW_DOCUMENT = ROOT / "tests" / "data" / "harbour-treaty.md"
ADMIN = 42
NOW = datetime(2026, 11, 29, 2, 0, tzinfo=UTC)


def held(uploader: int = ADMIN, at: datetime = NOW, name: str = "a.md") -> PendingUpload:
    return PendingUpload(uploader, name, b"# A\n\nText.", "a", at)


def test_an_upload_is_taken_once_and_only_by_its_uploader() -> None:
    pending = PendingUploads()
    token = pending.add(held())
    assert len(token) == 8
    assert pending.take(ADMIN + 1, token, NOW) is None  # another admin's press
    assert pending.take(ADMIN, "AAAAAAAA", NOW) is None  # a forged token
    taken = pending.take(ADMIN, token, NOW)
    assert taken is not None and taken.filename == "a.md"
    assert pending.take(ADMIN, token, NOW) is None  # a double tap


def test_uploads_expire_and_the_oldest_goes_past_the_limit() -> None:
    tokens = (f"token{n:03d}" for n in count())
    pending = PendingUploads(limit=2, keep_for=timedelta(hours=1),
                             tokens=lambda: next(tokens))
    old = pending.add(held(name="old.md"))
    assert pending.take(ADMIN, old, NOW + timedelta(hours=1, seconds=1)) is None
    first = pending.add(held(name="1.md"))
    second = pending.add(held(name="2.md"))
    third = pending.add(held(name="3.md"))
    assert len(pending) == 2
    assert pending.take(ADMIN, first, NOW) is None
    assert [pending.take(ADMIN, token, NOW) is not None for token in (second, third)] == [
        True, True]


def test_a_long_summary_counts_the_lessons_it_does_not_list() -> None:
    lessons = [f"  {n}. Part {n} (100 words, 1 question)" for n in range(1, 46)]
    inspection = Inspection(filename="long.md", summary=["course 'long': “Long”", *lessons],
                            problems=["lesson 'Part 3' has 1 question (fewer than 3)"])
    lines = summary_lines(inspection)
    assert lines[0] == "course 'long': “Long”"
    assert lines[40] == "  40. Part 40 (100 words, 1 question)"
    assert lines[41:] == ["  … and 5 more lessons",
                          "problem: lesson 'Part 3' has 1 question (fewer than 3)"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A content folder holding one document; one admin."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(FIRST_DOCUMENT, sources)
    return Settings(_env_file=None, content_dir=sources,  # type: ignore[call-arg]
                    cache_dir=tmp_path / "cache", admin_ids=frozenset({ADMIN}))


@pytest.fixture
def tutor(settings: Settings, sqlite_session_factory: async_sessionmaker[AsyncSession]) -> Tutor:
    return Tutor(courses=courses_from(settings), sessions=sqlite_session_factory)


@pytest.fixture
def publisher(settings: Settings, tutor: Tutor) -> Publisher:
    return Publisher(settings=settings, tutor=tutor)


def token_of(replies: list[Reply]) -> str:
    """The pending upload's token, from the Publish button's action id."""
    [reply] = replies
    return reply.choices[0][0].action.rsplit(":", 1)[1]


async def test_only_admins_are_read(publisher: Publisher) -> None:
    assert [reply.text for reply in await publisher.check(
        ADMIN + 1, NEW_DOCUMENT.read_bytes(), "harbour-treaty.md", NOW)] == [NOT_ADMIN]
    assert publisher.precheck(ADMIN + 1, "harbour-treaty.md", 10) == [Reply(text=NOT_ADMIN)]
    assert publisher.precheck(ADMIN, "harbour-treaty.md", 10) is None
    assert len(publisher.pending) == 0


async def test_a_course_id_taken_since_the_check_is_not_published(
    publisher: Publisher, tmp_path: Path
) -> None:
    data = NEW_DOCUMENT.read_bytes()
    first = token_of(await publisher.check(ADMIN, data, "harbour-treaty.md", NOW))
    second = token_of(await publisher.check(ADMIN, data, "Harbour Treaty.md", NOW))
    [published] = await publisher.press(ADMIN, f"up:p:{first}", NOW)
    assert published.text == "Published: The Harbour Treaty, 3 lessons, 9 questions"
    [refused] = await publisher.press(ADMIN, f"up:p:{second}", NOW)
    assert refused.text == (
        "Not published: Harbour Treaty.md: course id 'harbour-treaty' is already used by "
        "harbour-treaty.md; rename the file (or replace that document under its own name)")
    assert sorted(path.name for path in (tmp_path / "sources").iterdir()) == [
        "antarctic-cooperation.md", "harbour-treaty.md"]
    [again] = await publisher.press(ADMIN, f"up:p:{second}", NOW)
    assert again.text == NO_LONGER_PENDING


async def test_when_the_folder_cannot_be_loaded_the_learners_keep_their_courses(
    publisher: Publisher, tutor: Tutor, tmp_path: Path
) -> None:
    before = tutor.catalog
    token = token_of(await publisher.check(ADMIN, NEW_DOCUMENT.read_bytes(),
                                           "harbour-treaty.md", NOW))
    (tmp_path / "sources" / "broken.pdf").write_bytes(b"not a pdf at all")  # dropped in by hand
    [reply] = await publisher.press(ADMIN, f"up:p:{token}", NOW)
    assert reply.text.startswith("harbour-treaty.md is in the content folder, but the courses "
                                 "could not be reloaded: cannot load the course content: ")
    assert "broken.pdf: not a PDF" in reply.text
    assert reply.text.endswith("Learners keep the courses they had.")
    assert tutor.catalog is before
