"""The one start-up path: settings → engine → migrations → courses → tutor.

`peacebot run`, `chat` and `remind` all build their runtime here, so an environment the
operator must fix (an unreachable database, no course content) reads the same everywhere:
one `UserFacingError` line instead of a traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.errors import UserFacingError
from bot.tutor import Tutor, TutorConfig
from bot.tutor.texts import plural
from content import ContentError, load_courses
from content.model import Course
from content.progress import DelayedProgress
from db.engine import create_engine, create_session_factory, database_location
from db.errors import DatabaseMisconfigured, DatabaseUnavailable, is_unavailable
from db.instances import InstanceRegistry
from db.migrate import upgrade

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Runtime:
    """The long-lived objects every front end runs with; `close()` when done."""

    tutor: Tutor
    courses: tuple[Course, ...]
    engine: AsyncEngine
    instances: InstanceRegistry  # the processes sharing this database (and the send budget)
    database: str = ""  # where the data lives, for people (`database_location`)
    new_database: bool = False  # the database was empty before this start

    async def close(self) -> None:
        """Store what the tutor still holds (sent polls), then close the database."""
        await self.tutor.close()
        await self.instances.leave()  # a held connection: dispose() would not close it
        await self.engine.dispose()


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn "the database is not there" into one clear line; other errors pass unchanged."""
    try:
        yield
    except (DatabaseUnavailable, DatabaseMisconfigured) as error:
        raise UserFacingError(str(error)) from error
    except UserFacingError:
        raise
    except Exception as error:
        if is_unavailable(error):
            raise UserFacingError(f"cannot reach the database: {error}") from error
        raise


def tutor_config(settings: Settings) -> TutorConfig:
    return TutorConfig(
        quiz_size=settings.quiz_size,
        new_questions_per_day=settings.new_questions_per_day,
        reviews_per_day=settings.reviews_per_day,
    )


def courses_from(settings: Settings) -> tuple[Course, ...]:
    """The courses in `settings.sources`; none, or a broken document, is the operator's to fix."""
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
    return courses


def prepare(settings: Settings) -> Runtime:
    """Apply pending migrations, build the courses and the tutor (before the event loop runs:
    migrations are synchronous)."""
    with database_errors():
        new_database = upgrade(settings.database_url) is None
    location = database_location(settings.database_url)
    if new_database:
        logger.info("new database at %s", location)
    courses = courses_from(settings)
    logger.info("loaded %s, %s", plural(len(courses), "course"),
                plural(sum(len(course.questions) for course in courses), "question"))
    engine = create_engine(settings.database_url)
    tutor = Tutor(courses=courses, sessions=create_session_factory(engine),
                  config=tutor_config(settings))
    return Runtime(tutor=tutor, courses=courses, engine=engine,
                   instances=InstanceRegistry(engine), database=location,
                   new_database=new_database)
