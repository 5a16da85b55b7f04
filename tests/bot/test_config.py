"""Settings are read from the environment and `.env` under the names README documents."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import DEFAULT_API_URL, DEFAULT_DATABASE_URL, Settings

SETTING_NAMES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_URL",
    "DATABASE_URL",
    "ADMIN_IDS",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "WEBHOOK_LISTEN",
    "WEBHOOK_PORT",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the checkout


def test_defaults_need_nothing() -> None:
    settings = Settings()
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_url == DEFAULT_API_URL
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.admin_ids == frozenset()
    assert settings.webhook_port == 8443


def test_environment_names_match_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1/test")
    monkeypatch.setenv("ADMIN_IDS", " 42, 7 ,")
    monkeypatch.setenv("WEBHOOK_URL", "https://example.org/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("WEBHOOK_LISTEN", "127.0.0.1")
    monkeypatch.setenv("WEBHOOK_PORT", "9000")
    settings = Settings()
    assert settings.telegram_bot_token == "123:abc"
    assert settings.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert settings.database_url.startswith("postgresql+asyncpg://")
    assert settings.admin_ids == frozenset({42, 7})
    assert settings.webhook_url == "https://example.org/hook"
    assert settings.webhook_secret == "s3cret"
    assert settings.webhook_listen == "127.0.0.1"
    assert settings.webhook_port == 9000


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=from-file\nADMIN_IDS=5\n")
    settings = Settings()
    assert settings.telegram_bot_token == "from-file"
    assert settings.admin_ids == frozenset({5})


def test_blank_token_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "  ")
    assert Settings().telegram_bot_token is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ADMIN_IDS", "12,alice"),
        ("WEBHOOK_PORT", "70000"),
        ("TELEGRAM_API_URL", "api.telegram.org"),
    ],
)
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()
