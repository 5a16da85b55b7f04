"""The migrated schema equals the models (autogenerate finds no diff), on both backends."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import db.models  # noqa: F401
from bot.cli import main
from db.engine import create_engine
from db.migrate import current_revision, head_revision, upgrade


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, SQLModel.metadata))


async def _schema_diff(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_diff)
    finally:
        await engine.dispose()


async def test_migrated_schema_matches_models(db_url: str) -> None:
    assert await asyncio.to_thread(current_revision, db_url) is None
    await asyncio.to_thread(upgrade, db_url)
    assert await asyncio.to_thread(current_revision, db_url) == head_revision()
    assert await _schema_diff(db_url) == []
    await asyncio.to_thread(upgrade, db_url)  # a second run is a no-op
    assert await asyncio.to_thread(current_revision, db_url) == head_revision()


def test_cli_db_upgrade_reports(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    assert main(["db", "upgrade"]) == 0
    assert "upgraded from empty to revision" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_cli_db_upgrade_unreachable_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    assert main(["db", "upgrade"]) != 0
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert lines[-1].startswith("peacebot: cannot reach the database")
    assert "Traceback" not in captured.err
