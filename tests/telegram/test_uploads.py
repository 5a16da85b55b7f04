"""An admin's document through the real Application and the stand-in Bot API: checked,
published into the running bot (learners see it without a restart), or refused."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import main
from bot.publishing import NO_LONGER_PENDING, NOT_ADMIN
from bot.tutor import Tutor
from bot.wiring import courses_from
from content.build import build_file
from tests.e2e.botapi import BotApiServer, Call, FakeUser
from tests.telegram.conftest import ADMIN_ID, Clock, Harness, make_settings, running_bot

DATA = Path(__file__).resolve().parents[1]
FIRST_DOCUMENT = DATA / "content" / "data" / "antarctic-cooperation.md"
NEW_DOCUMENT = DATA / "data" / "harbour-treaty.md"
SECOND_ADMIN_ID = 7_000_000_778
MAX_MB = 0.05  # 51.2 KB: both documents fit, a 60 KB one does not


@dataclass
class Library:
    """The running bot, the content folder it teaches from, and its admins."""

    bot: Harness
    sources: Path
    admin: FakeUser

    @property
    def server(self) -> BotApiServer:
        return self.bot.server

    def course_ids(self) -> list[str]:
        return [course.id for course in self.bot.tutor.catalog.courses]


@pytest.fixture
async def library(
    botapi: BotApiServer,
    sqlite_session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    tmp_path: Path,
) -> AsyncIterator[Library]:
    """`peacebot run`'s start-up loader over a folder holding one document."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(FIRST_DOCUMENT, sources)
    settings = make_settings(botapi, content_dir=sources, cache_dir=tmp_path / "cache",
                             max_document_mb=MAX_MB,
                             admin_ids=frozenset({ADMIN_ID, SECOND_ADMIN_ID}))
    tutor = Tutor(courses=courses_from(settings), sessions=sqlite_session_factory)
    async with running_bot(botapi, settings, tutor, sqlite_session_factory, clock) as bot:
        yield Library(bot, sources, botapi.user("Ada", user_id=ADMIN_ID))


def shown(call: Call) -> str:
    """A message's text as the reader sees it (HTML parsed by the stand-in)."""
    assert call.message is not None
    return str(call.message["text"])


async def upload(library: Library, data: bytes, name: str, *,
                 user: FakeUser | None = None) -> Call:
    """`user` (the admin by default) sends a file; returns the bot's one reply."""
    server = library.server
    sender = user or library.admin
    mark = server.mark()
    server.send_document(sender, data, name)
    [reply] = await server.wait_sent(sender.id, since=mark)
    return reply


async def command(library: Library, user: FakeUser, text: str) -> Call:
    """`user` sends `text`; returns the bot's one reply."""
    server = library.server
    mark = server.mark()
    server.send_text(user, text)
    [reply] = await server.wait_sent(user.id, since=mark)
    return reply


async def press(library: Library, user: FakeUser, message: Call | dict[str, Any],
                data: str) -> Call:
    """`user` presses a button with `data`; returns the bot's one message after it."""
    server = library.server
    mark = server.mark()
    server.press_button(user, message, data)
    [reply] = await server.wait_sent(user.id, since=mark)
    return reply


async def test_a_published_document_is_a_course_learners_can_study_at_once(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, admin = library.server, library.admin
    lea = server.user("Lea")
    before = await command(library, lea, "/lessons")
    assert not any("The Commission" in button["text"] for button in before.buttons())
    assert "courses" not in [command["command"] for command in server.my_commands()]

    summary = await upload(library, NEW_DOCUMENT.read_bytes(), "harbour-treaty.md")
    # The very lines `peacebot content add` prints for the same file.
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache-elsewhere"))
    assert main(["content", "add", str(NEW_DOCUMENT)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1].startswith("added ")
    assert shown(summary) == "\n".join(printed[:-1]) + "\n\nPublish it for learners?"
    assert [button["text"] for button in summary.buttons()] == ["Publish", "Cancel"]
    assert not (library.sources / "harbour-treaty.md").exists()  # pending, not published
    assert library.course_ids() == ["antarctic-cooperation"]

    published = await press(library, admin, summary, server.find_button(summary, "Publish"))
    assert shown(published) == "Published: The Harbour Treaty, 3 lessons, 9 questions"
    assert (library.sources / "harbour-treaty.md").read_bytes() == NEW_DOCUMENT.read_bytes()
    assert library.course_ids() == ["antarctic-cooperation", "harbour-treaty"]  # all of them
    spent = server.calls("editMessageReplyMarkup")
    assert [call.params["message_id"] for call in spent] == [summary.message["message_id"]]  # type: ignore[index]

    commands = [command["command"] for command in server.my_commands()]
    assert "courses" in commands  # a choice of courses now: /courses joins the menu
    courses = await command(library, lea, "/courses")
    chosen = await press(library, lea, courses, server.find_button(courses, "The Harbour Treaty"))
    assert shown(chosen).startswith("The Harbour Treaty\n\n3 lessons and 9 questions.")
    lessons = await command(library, lea, "/lessons")
    mark = server.mark()
    server.press_button(lea, lessons, server.find_button(lessons, "The Commission"))
    page = await server.wait_for(lambda call: call.method == "editMessageText", since=mark)
    assert "Joint Harbour Commission met every spring in Riga" in str(page.result["text"])
    question = await press(library, lea, page.result, server.find_button(page.result,
                                                                        "Take the quiz"))
    course = build_file(NEW_DOCUMENT.read_bytes(), "harbour-treaty.md").course
    [commission] = [lesson for lesson in course.lessons if lesson.title == "The Commission"]
    prompts = [q.prompt for q in course.questions_for(commission.id)]
    asked = question.params["question"] if question.method == "sendPoll" else shown(question)
    assert any(prompt in str(asked) for prompt in prompts), (asked, prompts)


async def test_a_non_admins_document_is_refused_and_not_downloaded(library: Library) -> None:
    server = library.server
    lea = server.user("Lea")
    reply = await upload(library, NEW_DOCUMENT.read_bytes(), "harbour-treaty.md", user=lea)
    assert shown(reply) == NOT_ADMIN
    assert reply.buttons() == []
    assert server.calls("getFile") == [] and server.calls("download") == []
    assert sorted(path.name for path in library.sources.iterdir()) == ["antarctic-cooperation.md"]


@pytest.mark.parametrize(
    ("name", "data", "says", "downloaded"),
    [
        ("empty.md", b"", "Not added: empty.md: the document is empty", True),
        ("junk.txt", bytes(range(256)) * 8, "Not added: junk.txt: not UTF-8 text (byte 128)",
         True),
        ("slides.pptx", b"PK\x03\x04 slides", "Not added: slides.pptx: unsupported format .pptx",
         False),
        ("big.md", b"# Big\n\n" + b"word " * 12_000,
         "Not added: big.md: 58.6 KB is over the 51.2 KB limit", False),
    ],
)
async def test_a_bad_file_is_one_line_and_the_courses_stay(
    library: Library, name: str, data: bytes, says: str, downloaded: bool
) -> None:
    before = library.bot.tutor.catalog
    reply = await upload(library, data, name)
    assert shown(reply).startswith(says) and "\n" not in shown(reply)
    assert reply.buttons() == []
    assert bool(library.server.calls("download")) is downloaded  # size and format: not fetched
    assert library.bot.tutor.catalog is before
    assert sorted(path.name for path in library.sources.iterdir()) == ["antarctic-cooperation.md"]


async def test_a_file_telegram_will_not_serve_is_one_line(
    botapi: BotApiServer,
    sqlite_session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    tmp_path: Path,
) -> None:
    """MAX_DOCUMENT_MB above the Bot API's 20 MB download limit: getFile's refusal is shown."""
    shutil.copytree(FIRST_DOCUMENT.parent, tmp_path / "sources")
    settings = make_settings(botapi, content_dir=tmp_path / "sources", max_document_mb=30,
                             cache_dir=tmp_path / "cache")
    tutor = Tutor(courses=courses_from(settings), sessions=sqlite_session_factory)
    async with running_bot(botapi, settings, tutor, sqlite_session_factory, clock):
        admin = botapi.user("Ada", user_id=ADMIN_ID)
        botapi.send_document(admin, b"# Huge\n\n" + b"x" * (21 * 1024 * 1024), "huge.md")
        [reply] = await botapi.wait_sent(admin.id)
    assert reply.text == ("Not added: huge.md: could not download it from Telegram "
                          "(File is too big)")


async def test_cancel_stale_forged_and_someone_elses_presses_publish_nothing(
    library: Library,
) -> None:
    server, admin = library.server, library.admin
    data = NEW_DOCUMENT.read_bytes()
    first = await upload(library, data, "harbour-treaty.md")
    publish_first = server.find_button(first, "Publish")
    cancelled = await press(library, admin, first, server.find_button(first, "Cancel"))
    assert shown(cancelled) == "Cancelled: harbour-treaty.md was not added."
    stale = await press(library, admin, first, publish_first)
    assert shown(stale) == NO_LONGER_PENDING

    second = await upload(library, data, "harbour-treaty.md")
    token = server.find_button(second, "Publish")
    forged = await press(library, admin, second, "up:p:AAAAAAAA")
    assert shown(forged) == NO_LONGER_PENDING
    garbage = await press(library, admin, second, "up:publish-everything")
    assert shown(garbage) == NO_LONGER_PENDING
    lea = server.user("Lea")  # a learner replaying the admin's callback data
    assert shown(await press(library, lea, second, token)) == NO_LONGER_PENDING
    other_admin = server.user("Bo", user_id=SECOND_ADMIN_ID)
    assert shown(await press(library, other_admin, second, token)) == NO_LONGER_PENDING
    assert library.course_ids() == ["antarctic-cooperation"]
    assert sorted(path.name for path in library.sources.iterdir()) == ["antarctic-cooperation.md"]

    published = await press(library, admin, second, token)  # still the uploader's to publish
    assert shown(published).startswith("Published: The Harbour Treaty")
    assert shown(await press(library, admin, second, token)) == NO_LONGER_PENDING  # once only


async def test_a_document_in_a_group_is_ignored(library: Library) -> None:
    server, admin = library.server, library.admin
    group = server.group()
    server.send_document(admin, NEW_DOCUMENT.read_bytes(), "harbour-treaty.md", chat=group)
    server.send_text(admin, "/help")  # the admin's updates are handled in order
    await server.wait_sent(admin.id)
    assert server.sent(group.id) == []
    assert server.calls("getFile") == []
