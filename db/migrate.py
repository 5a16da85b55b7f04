"""Apply Alembic migrations from code: `peacebot db upgrade` and the start of `run`/`chat`."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

# Alembic logs plugin setup and its dialect at INFO on every run (some of it at import);
# we log one summary line instead, and keep Alembic's detail for `-v` (root at DEBUG).
if not logging.getLogger().isEnabledFor(logging.DEBUG):
    logging.getLogger("alembic").setLevel(logging.WARNING)

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from db.engine import check_connection, create_engine
from db.errors import DatabaseUnavailable

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config pointing at this package's migrations, whatever the cwd."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # ConfigParser interpolates '%': a password like 'p%40ss' must survive.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The newest revision shipped with the code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def _check_and_read_revision(url: str) -> str | None:
    try:
        engine = create_engine(url)
    except OSError as error:  # e.g. the SQLite folder cannot be created
        raise DatabaseUnavailable(f"cannot open the database at {url}: {error}") from error
    try:
        await check_connection(engine)
        async with engine.connect() as connection:
            return await connection.run_sync(_current)
    finally:
        await engine.dispose()


def current_revision(url: str) -> str | None:
    """The revision the database is at (None: never migrated). Raises DatabaseUnavailable."""
    return asyncio.run(_check_and_read_revision(url))


def upgrade(url: str) -> str | None:
    """Bring the database at `url` to the newest revision; raises DatabaseUnavailable.

    Returns the revision it was at before (None: it was empty, i.e. new). Synchronous
    (Alembic is): call it before starting the event loop, or through
    `await asyncio.to_thread(upgrade, url)` from inside one.
    """
    before = current_revision(url)
    head = head_revision()
    if before == head:
        return before
    command.upgrade(alembic_config(url), "head")
    logger.info("database migrated from %s to %s", before or "empty", head)
    return before
