"""deploy/compose.yaml and its Caddyfile, checked without Docker (CI cannot run it).

The file is loaded as YAML and held against the code it deploys: the settings each instance
gets are real `bot/config.py` settings, the instances serve webhooks on PostgreSQL, the
health checks ask `/healthz`, the proxy spreads the webhook path over every instance, and
every `${VAR}` the file needs is documented in deploy/.env.example. The bots' health check
command itself is run against a real webhook server, healthy and not.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.tutor import Tutor
from tests.e2e.botapi import BotApiServer
from tests.telegram.conftest import COURSE, serving

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
VARIABLE = re.compile(r"\$\{(\w+)(?::?[?-][^}]*)?\}")
# What deploy/.env.example asks for, standing in for an operator's values.
FILLED = {"TELEGRAM_BOT_TOKEN": "123:abc", "PEACEBOT_DOMAIN": "bot.example.org",
          "WEBHOOK_SECRET": "s3cret", "POSTGRES_PASSWORD": "pw", "ADMIN_IDS": ""}
REQUIRED = {"TELEGRAM_BOT_TOKEN", "DATABASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET",
            "WEBHOOK_PORT"}


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text("utf-8"))
    return loaded


def _fill(value: str) -> str:
    """Compose's interpolation of `${VAR}`, `${VAR:?error}` and `${VAR:-default}`."""
    return VARIABLE.sub(lambda match: FILLED[match.group(1)], value)


def _bots(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: service for name, service in compose["services"].items()
            if service.get("command", [])[:2] == ["peacebot", "run"]}


def _environment(service: dict[str, Any]) -> dict[str, str]:
    return {name: _fill(str(value)) for name, value in service["environment"].items()}


def test_postgres_a_migration_two_instances_and_a_proxy() -> None:
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"postgres", "migrate", "bot-1", "bot-2", "proxy"}
    bots = _bots(compose)
    assert set(bots) == {"bot-1", "bot-2"}
    for service in bots.values():
        assert service["command"] == ["peacebot", "run", "--webhook"]
        assert service["image"] == services["migrate"]["image"]  # the image built once
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    build = services["migrate"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == ROOT / "Dockerfile"
    assert services["migrate"]["command"] == ["peacebot", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
    assert {name: need["condition"] for name, need in services["proxy"]["depends_on"].items()} \
        == dict.fromkeys(bots, "service_healthy")


def test_every_instance_setting_is_a_real_setting() -> None:
    known = {name.upper() for name in Settings.model_fields}
    compose = _compose()
    for service in [*_bots(compose).values(), compose["services"]["migrate"]]:
        assert set(service["environment"]) <= known
    for name, service in _bots(compose).items():
        environment = _environment(service)
        assert REQUIRED <= set(environment), name
        settings = Settings(_env_file=None, **{key.lower(): value  # type: ignore[arg-type]
                                               for key, value in environment.items()})
        url = make_url(settings.database_url)
        assert (url.get_backend_name(), url.host) == ("postgresql", "postgres")
        assert urlparse(settings.webhook_url).scheme == "https"
        # Telegram's 30 messages/s for the token, which the instances share among themselves
        assert 0 < settings.telegram_max_rate <= 30


def test_the_health_checks_ask_healthz() -> None:
    for name, service in _bots(_compose()).items():
        command = " ".join(service["healthcheck"]["test"])
        assert "/healthz" in command and "WEBHOOK_PORT" in command, name


def test_the_proxy_serves_the_webhook_path_over_every_instance() -> None:
    compose = _compose()
    caddyfile = (DEPLOY / "Caddyfile").read_text("utf-8")
    mounted = [volume.split(":")[0] for volume in compose["services"]["proxy"]["volumes"]]
    assert "./Caddyfile" in mounted
    for service in _bots(compose).values():
        environment = _environment(service)
        path = urlparse(environment["WEBHOOK_URL"]).path
        assert f"handle {path} {{" in caddyfile
    upstreams = re.search(r"reverse_proxy ([^{]+)\{", caddyfile)
    assert upstreams is not None
    ports = {_environment(service)["WEBHOOK_PORT"] for service in _bots(compose).values()}
    assert upstreams.group(1).split() == [f"{name}:{port}" for name in _bots(compose)
                                          for port in ports]
    assert re.search(r"^\s*health_uri /healthz$", caddyfile, re.MULTILINE)


def test_every_variable_is_in_the_env_example() -> None:
    used = set(VARIABLE.findall((DEPLOY / "compose.yaml").read_text("utf-8")))
    example = (DEPLOY / ".env.example").read_text("utf-8")
    listed = set(re.findall(r"^(\w+)=", example, re.MULTILINE))
    assert used == listed == set(FILLED)


@pytest.mark.parametrize("courses", [[COURSE], []], ids=["ready", "no-course"])
async def test_the_bots_health_check_command_passes_only_when_ready(
    courses: list[Any], sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    [command, *_] = [service["healthcheck"]["test"] for service in _bots(_compose()).values()]
    assert command[:2] == ["CMD", "python"]
    async with BotApiServer() as botapi:
        tutor = Tutor(courses=courses, sessions=sqlite_session_factory)
        async with serving(botapi, tutor) as (base, _app):
            port = str(urlparse(base).port)
            result = await asyncio.to_thread(
                subprocess.run, [sys.executable, *command[2:]], env={"WEBHOOK_PORT": port},
                capture_output=True, timeout=30, check=False)
    assert (result.returncode == 0) == bool(courses), result.stderr
