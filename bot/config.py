"""Settings from the environment and `.env`, named as README's Configuration table lists them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/peacebot.db"
DEFAULT_API_URL = "https://api.telegram.org/bot"
APP_NAME = "peacebot"


def user_data_dir() -> Path:
    """The platform's per-user data folder (~/.local/share/peacebot on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


class Settings(BaseSettings):
    """Everything an operator can set; built once in `main()` and passed down."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False,
        env_ignore_empty=True,  # `DATABASE_URL=` in .env means "the default", not ""
    )

    telegram_bot_token: str | None = None
    telegram_api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    # NoDecode: read "1,2,3" as text and split it ourselves instead of expecting JSON.
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)

    content_dir: Path | None = None
    # Built courses by content hash (content/cache.py); relative to the working directory,
    # like the SQLite database: ./data/cache for a developer, /app/data/cache in the image.
    cache_dir: Path = Path("data/cache")
    # Largest document `content add`, an upload or a start-up build accepts.
    max_document_mb: float = Field(default=20.0, gt=0, le=1024)
    log_level: str = "INFO"
    # Touched every 30 s while `peacebot run` receives updates (bot/telegram/heartbeat.py);
    # the Docker HEALTHCHECK reads its age. Unset: no heartbeat.
    heartbeat_file: Path | None = None
    quiz_size: int = Field(default=5, ge=1, le=20)
    new_questions_per_day: int = Field(default=20, ge=0, le=500)
    reviews_per_day: int = Field(default=200, ge=1, le=5000)
    # Outgoing messages/s overall (Telegram allows 30); 0 = no pacing, 429s still retried.
    telegram_max_rate: float = Field(default=30.0, ge=0)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",")]
            try:
                return frozenset(int(part) for part in parts if part)
            except ValueError as error:
                raise ValueError("ADMIN_IDS must be comma-separated Telegram user ids") from error
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("telegram_bot_token", "webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("TELEGRAM_API_URL must start with http:// or https://")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    def for_chat(self) -> Settings:
        """`peacebot chat`'s defaults for what the environment leaves unset: progress and
        built courses in the per-user folders (the same ones from any working folder), and
        only warnings in the log, so the chat opens with the tutor, not with log lines.
        `run`, `remind` and the image keep `./data` (README: "Configuration")."""
        given = self.model_fields_set
        defaults: dict[str, object] = {}
        if "database_url" not in given:
            defaults["database_url"] = f"sqlite+aiosqlite:///{user_data_dir() / 'peacebot.db'}"
        if "cache_dir" not in given:
            defaults["cache_dir"] = user_cache_dir() / "courses"
        if "log_level" not in given:
            defaults["log_level"] = "WARNING"
        return self.model_copy(update=defaults)

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)

    @property
    def sources(self) -> Path:
        """Folder of the documents learners study."""
        if self.content_dir is not None:
            return self.content_dir
        return Path(__file__).resolve().parent.parent / "content" / "sources"


def load_settings() -> Settings:
    """Read the settings; a separate function so tests and the CLI control when it happens."""
    return Settings()
