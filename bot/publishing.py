"""An admin's new document, from upload to the courses learners see, without a restart.

Transport-free, like the tutor: the Telegram handler (bot/telegram/uploads.py) downloads the
file and renders the replies. Here the file is judged the way `peacebot content add` judges
it (content/intake.py, off the event loop: a build takes seconds), held until the admin
presses Publish, then written into CONTENT_DIR; every course is loaded again with the loader
`peacebot run` starts with (`bot.wiring.courses_from`) and handed to `Tutor.replace_courses`.

Pending uploads live in this process's memory, keyed by a short random token that the
Publish and Cancel buttons carry (`up:p:<token>`, `up:c:<token>`). A restart, an hour, or
`PENDING_LIMIT` newer uploads forget one; pressing its button then says so. With several
bot instances the press must reach the instance that read the file.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath

from bot.config import Settings
from bot.errors import UserFacingError
from bot.tutor import Tutor
from bot.tutor.replies import Choice, Reply
from bot.wiring import courses_from
from content.cache import CourseCache
from content.errors import ContentError
from content.intake import (
    Inspection,
    clash_refusal,
    existing_courses,
    inspect_document,
    publish,
    stored_name,
)
from content.model import Course
from content.readers import check_size, check_suffix
from content.text import plural

logger = logging.getLogger(__name__)

ACTION_PREFIX = "up:"  # the Telegram side routes presses starting with this here
_ACTION = re.compile(r"up:([pc]):([A-Za-z0-9_-]{8})")
PENDING_LIMIT = 4  # at most this many files (each up to MAX_DOCUMENT_MB) held in memory
PENDING_FOR = timedelta(hours=1)
SHOWN_LESSONS = 40  # lesson lines in a summary; the rest are counted (content check lists all)

NOT_ADMIN = "I can only read documents sent by the bot's admins."
NO_LONGER_PENDING = "That upload is no longer pending."


@dataclass(frozen=True, slots=True)
class PendingUpload:
    """A checked document waiting for its admin's Publish or Cancel."""

    uploader: int
    filename: str  # as it will be stored (`stored_name`)
    data: bytes
    course_id: str
    received: datetime


def new_token() -> str:
    """8 URL-safe characters (48 random bits): unguessable, and short for callback data."""
    return secrets.token_urlsafe(6)


class PendingUploads:
    """The uploads waiting for a decision, oldest first; bounded in count and age."""

    def __init__(self, *, limit: int = PENDING_LIMIT, keep_for: timedelta = PENDING_FOR,
                 tokens: Callable[[], str] = new_token) -> None:
        self._limit = limit
        self._keep_for = keep_for
        self._tokens = tokens
        self._held: OrderedDict[str, PendingUpload] = OrderedDict()

    def __len__(self) -> int:
        return len(self._held)

    def add(self, upload: PendingUpload) -> str:
        """Hold `upload`; returns its token. The oldest upload goes when the limit is hit."""
        self._expire(upload.received)
        while len(self._held) >= self._limit:
            self._held.popitem(last=False)
        token = self._tokens()
        while token in self._held:
            token = self._tokens()
        self._held[token] = upload
        return token

    def take(self, uploader: int, token: str, now: datetime) -> PendingUpload | None:
        """The upload `token` names, removed; None when it is unknown, expired, or another
        user's (a forged or stale press changes nothing)."""
        self._expire(now)
        upload = self._held.get(token)
        if upload is None or upload.uploader != uploader:
            return None
        del self._held[token]
        return upload

    def _expire(self, now: datetime) -> None:
        for token, upload in list(self._held.items()):
            if now - upload.received > self._keep_for:
                del self._held[token]


class Publisher:
    """Checks an admin's document, keeps it pending, publishes it into the running tutor."""

    def __init__(self, *, settings: Settings, tutor: Tutor,
                 pending: PendingUploads | None = None) -> None:
        self._settings = settings
        self._tutor = tutor
        self.pending = pending if pending is not None else PendingUploads()
        self._publishing = asyncio.Lock()  # one write-and-reload at a time: the last wins

    def is_admin(self, user_id: int) -> bool:
        return user_id in self._settings.admin_ids

    def course_count(self) -> int:
        """How many courses learners can choose from now."""
        return len(self._tutor.catalog.views)

    def precheck(self, user_id: int, filename: str | None, size: int | None) -> list[Reply] | None:
        """Refusals decided before downloading (not an admin, a format we cannot read, over
        MAX_DOCUMENT_MB by the size Telegram reports); None: go ahead and download."""
        if not self.is_admin(user_id):
            return [Reply(text=NOT_ADMIN)]
        name = stored_name(filename or "document")
        try:
            check_suffix(PurePath(name).suffix, where=name)
            if size is not None:
                check_size(size, self._settings.max_document_bytes, where=name)
        except ContentError as error:
            return [refusal(str(error))]
        return None

    async def check(self, uploader: int, data: bytes, filename: str | None,
                    now: datetime) -> list[Reply]:
        """What `content add` would print for this file; with Publish and Cancel buttons when
        it can be published (it is then pending)."""
        if not self.is_admin(uploader):
            return [Reply(text=NOT_ADMIN)]
        name = filename or "document"
        inspection = await asyncio.to_thread(self._inspect, data, name)
        logger.info("upload %s from admin %d: %s", inspection.filename, uploader,
                    inspection.refusal or "usable")
        text = "\n".join(summary_lines(inspection))
        if not inspection.usable or inspection.report is None:
            return [Reply(text=text)]
        course = inspection.report.course
        token = self.pending.add(PendingUpload(uploader, inspection.filename, data,
                                               course.id, now))
        buttons = (Choice("Publish", f"up:p:{token}"), Choice("Cancel", f"up:c:{token}"))
        return [Reply(text=f"{text}\n\nPublish it for learners?", choices=(buttons,))]

    def _inspect(self, data: bytes, filename: str) -> Inspection:
        settings = self._settings
        return inspect_document(
            data,
            filename,
            max_bytes=settings.max_document_bytes,
            existing=existing_courses(settings.sources),
            cache=CourseCache(settings.cache_dir),
        )

    async def press(self, user_id: int, action: str, now: datetime) -> list[Reply]:
        """Publish or Cancel; anything not pending for this admin is refused the same way."""
        match = _ACTION.fullmatch(action)
        upload = None
        if match is not None and self.is_admin(user_id):
            upload = self.pending.take(user_id, match.group(2), now)
        if match is None or upload is None:
            logger.info("upload press %r by %d: not pending", action[:64], user_id)
            return [Reply(text=NO_LONGER_PENDING)]
        if match.group(1) == "c":
            return [Reply(text=f"Cancelled: {upload.filename} was not added.")]
        return await self._publish(upload)

    async def _publish(self, upload: PendingUpload) -> list[Reply]:
        async with self._publishing:
            try:
                await asyncio.to_thread(self._write, upload)
            except ContentError as error:
                return [Reply(text=f"Not published: {error}")]
            try:
                courses = await asyncio.to_thread(courses_from, self._settings)
            except UserFacingError as error:
                logger.error("published %s, but reloading the courses failed: %s",
                             upload.filename, error)
                return [Reply(text=(
                    f"{upload.filename} is in the content folder, but the courses could not "
                    f"be reloaded: {error}. Learners keep the courses they had."))]
            self._tutor.replace_courses(courses)
        logger.info("published %s: now %s", upload.filename, plural(len(courses), "course"))
        return [Reply(text=published_line(upload.course_id, courses))]

    def _write(self, upload: PendingUpload) -> None:
        """Into CONTENT_DIR, unless another file took the course id since the check."""
        clash = clash_refusal(upload.course_id, upload.filename,
                              existing_courses(self._settings.sources))
        if clash is not None:
            raise ContentError(clash)
        publish(upload.data, upload.filename, self._settings.sources)


def refusal(reason: str) -> Reply:
    """The one line an unusable document gets (as `content add` says it)."""
    return Reply(text=f"Not added: {reason}")


def summary_lines(inspection: Inspection, shown_lessons: int = SHOWN_LESSONS) -> list[str]:
    """`content add`'s output: summary lines, one line per problem, and why it is refused.

    Lesson lines past `shown_lessons` are counted, not listed: a long document's summary
    stays one or two messages.
    """
    head = [line for line in inspection.summary if not line.startswith("  ")]
    lessons = [line for line in inspection.summary if line.startswith("  ")]
    lines = head + lessons[:shown_lessons]
    if len(lessons) > shown_lessons:
        lines.append(f"  … and {plural(len(lessons) - shown_lessons, 'more lesson')}")
    lines.extend(f"problem: {problem}" for problem in inspection.problems)
    if inspection.refusal is not None:
        lines.append(refusal(inspection.refusal).text)
    return lines


def published_line(course_id: str, courses: Sequence[Course]) -> str:
    """ "Published: <title>, N lessons, M questions", from the course as it is now served."""
    course = next((course for course in courses if course.id == course_id), None)
    if course is None:  # written, but the loader did not make it a course (should not happen)
        return f"Published {course_id}, but it is not among the loaded courses."
    return (f"Published: {course.title}, {plural(len(course.lessons), 'lesson')}, "
            f"{plural(len(course.questions), 'question')}")
