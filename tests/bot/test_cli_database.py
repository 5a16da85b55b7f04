"""A `DATABASE_URL` that cannot work is named in one line, with what to do; exit 1."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.engine import make_url

from bot.cli import main
from tests.conftest import PG_ADMIN_URL


def _fails_with(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "sqlalche.me" not in err and "unexpected error" not in err
    return lines[0]


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", f"{tmp_path}/data-home")


@pytest.mark.parametrize("command", [["db", "upgrade"], ["chat"]])
@pytest.mark.parametrize("url", ["garbage", "sqlite+aiosqlite//no-colon.db", "://"])
def test_an_unparseable_url_shows_the_accepted_shapes(
    url: str, command: list[str], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    line = _fails_with(command, capsys)
    assert "DATABASE_URL cannot be parsed" in line
    assert "sqlite+aiosqlite:///" in line and "postgresql+asyncpg://" in line


@pytest.mark.parametrize(("url", "backend"), [
    ("mysql://user@localhost/peacebot", "mysql"),
    ("mysql+aiomysql://user:pw@localhost/peacebot", "mysql"),
    ("mssql+pyodbc://user@dsn", "mssql"),
    ("oracle://user@host/db", "oracle"),
])
def test_another_backend_is_not_supported(url: str, backend: str,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    line = _fails_with(["db", "upgrade"], capsys)
    assert f"{backend} is not supported: use SQLite or PostgreSQL" in line


def test_a_missing_postgres_role_says_how_to_create_it(
    pg_unavailable_reason: str | None, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if pg_unavailable_reason is not None:
        pytest.skip(pg_unavailable_reason)
    role = f"nobody_{uuid.uuid4().hex[:8]}"
    url = make_url(PG_ADMIN_URL).set(username=role, password=None)
    monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
    line = _fails_with(["db", "upgrade"], capsys)
    assert f'PostgreSQL role "{role}" does not exist' in line
    assert f"createuser {role}" in line


def test_a_missing_postgres_database_says_how_to_create_it(
    pg_unavailable_reason: str | None, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if pg_unavailable_reason is not None:
        pytest.skip(pg_unavailable_reason)
    name = f"missing_{uuid.uuid4().hex[:8]}"
    url = make_url(PG_ADMIN_URL).set(database=name)
    monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
    line = _fails_with(["chat"], capsys)
    assert f'PostgreSQL database "{name}" does not exist' in line
    assert f"createdb -O {url.username} {name}" in line
