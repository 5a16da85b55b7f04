"""Everything `peacebot run` needs before the first update: schema, content, tutor.

Each failure here is the operator's to fix (an unreachable database, no course content),
so it becomes one clear `UserFacingError` line instead of a traceback.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.errors import UserFacingError
from bot.tutor import Tutor, TutorConfig
from content.model import Course

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Prepared:
    """The long-lived objects the bot runs with."""

    tutor: Tutor
    sessions: async_sessionmaker[AsyncSession]
    courses: tuple[Course, ...]
    engine: AsyncEngine


def prepare(settings: Settings) -> Prepared:
    """Apply pending migrations, build the courses and the tutor."""
    from content.build import load_courses
    from content.errors import ContentError
    from content.progress import DelayedProgress
    from db.engine import create_engine, create_session_factory
    from db.errors import is_unavailable
    from db.migrate import upgrade

    try:
        upgrade(settings.database_url)
    except UserFacingError:
        raise
    except Exception as error:
        if is_unavailable(error):
            raise UserFacingError(f"cannot reach the database: {error}") from error
        raise
    try:
        courses = tuple(
            load_courses(
                [settings.sources],
                cache_dir=settings.cache_dir,
                max_bytes=settings.max_document_bytes,
                progress=DelayedProgress(sys.stderr),
            )
        )
    except ContentError as error:
        raise UserFacingError(f"cannot load the course content: {error}") from error
    if not courses:
        raise UserFacingError(f"no course documents found in {settings.sources}")
    logger.info(
        "loaded %d courses, %d questions",
        len(courses),
        sum(len(course.questions) for course in courses),
    )
    engine = create_engine(settings.database_url)
    sessions = create_session_factory(engine)
    config = TutorConfig(
        quiz_size=settings.quiz_size,
        new_questions_per_day=settings.new_questions_per_day,
        reviews_per_day=settings.reviews_per_day,
    )
    tutor = Tutor(courses=courses, sessions=sessions, config=config)
    return Prepared(tutor=tutor, sessions=sessions, courses=courses, engine=engine)
