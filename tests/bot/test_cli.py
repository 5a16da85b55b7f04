"""The `peacebot` command: help lists every contract subcommand; errors are one line."""

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main

CONTRACT_COMMANDS = ("run", "chat", "content", "db", "remind")


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/cli.db")
    monkeypatch.chdir(tmp_path)


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in CONTRACT_COMMANDS:
        assert f"    {command} " in out


@pytest.mark.parametrize(
    "argv", [["content", "--help"], ["db", "--help"], ["remind", "--help"], ["chat", "--help"]]
)
def test_subcommand_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    assert "usage: peacebot" in capsys.readouterr().out


def test_run_without_token_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "TELEGRAM_BOT_TOKEN" in err[0]
    assert "peacebot chat" in err[0]


def test_remind_without_token_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind"]) == 1
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


@pytest.mark.parametrize("moment", ["tomorrow", "2026-11-26T18:05:00"])
def test_remind_rejects_a_bad_or_naive_time(
    moment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["remind", "--at", moment])
    assert exit_info.value.code == 2
    assert "--at" in capsys.readouterr().err


def test_invalid_setting_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEBHOOK_PORT", "not-a-port")
    assert main(["run"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [err[0]] and "WEBHOOK_PORT" in err[0]


def test_unknown_subcommand_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["teach"])
    assert exit_info.value.code == 2


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stderr


def test_the_token_never_reaches_the_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "123456:very-secret-token-value"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    # An unopenable database whose path quotes the token: the error line names the path.
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:////proc/bot{token}/x.db")
    assert main(["remind"]) == 1
    err = capsys.readouterr().err
    assert "<redacted-token>" in err
    assert "very-secret-token-value" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip().startswith("peacebot ")


@pytest.mark.parametrize(("argv", "usage"), [
    ([], "usage: peacebot [-h]"),
    (["content"], "usage: peacebot content"),
    (["db"], "usage: peacebot db"),
])
def test_a_command_alone_prints_its_help(argv: list[str], usage: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(usage)
    assert captured.err == ""


@pytest.mark.parametrize(("argv", "verbose"), [
    (["-v", "db", "upgrade"], True), (["db", "upgrade", "-v"], True),
    (["chat", "--verbose", "--user", "3"], True), (["-v", "content", "check", "-v"], True),
    (["db", "upgrade"], False),
])
def test_verbose_before_or_after_the_command(argv: list[str], verbose: bool) -> None:
    assert build_parser().parse_args(argv).verbose is verbose
