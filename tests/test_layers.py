"""The import rules between the layers (docs/architecture.md), checked on the source itself.

- `content/` imports neither `bot` nor `db`: documents become courses without any store.
- `bot/telegram/` imports neither `db` nor SQLAlchemy: the tutor owns every database call.
- `bot/console.py` imports only the tutor and the start-up wiring among our own packages.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> Iterator[str]:
    """Every module a file imports, at any depth (lazy imports in functions count too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [("content", ("bot", "db")), ("bot/telegram", ("db", "sqlalchemy", "sqlmodel"))],
)
def test_a_layer_imports_nothing_below_its_rules(folder: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(folder, forbidden) == []


def test_the_console_imports_only_the_tutor_and_the_wiring() -> None:
    ours = [module for module in imported_modules(ROOT / "bot" / "console.py")
            if module.split(".")[0] in {"bot", "content", "db"}]
    assert ours and all(module.startswith(("bot.tutor", "bot.wiring")) for module in ours)


def test_the_check_finds_a_forbidden_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def later():\n    from db.queries import get_poll\n", encoding="utf-8")
    assert list(imported_modules(sneaky)) == ["db.queries"]
