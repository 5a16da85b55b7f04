"""Courses built once per test session: building is pure, so sharing them is safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from content import Course, build_course

ROOT = Path(__file__).resolve().parents[2]
SEED_MD = ROOT / "content" / "sources" / "peacekeeping-operations-by-alliances.md"
SEED_TXT = Path(__file__).resolve().parent / "data" / "peacekeeping-operations-by-alliances.txt"
SECOND_DOC = Path(__file__).resolve().parent / "data" / "antarctic-cooperation.md"
# an institution's history written for the blind reviews (benchmarks/README.md)
REVIEW_DOC = ROOT / "benchmarks" / "documents" / "world-health-organization.md"


@pytest.fixture(scope="session")
def seed_course() -> Course:
    return build_course(SEED_MD.read_text(encoding="utf-8"), name=SEED_MD.stem)


@pytest.fixture(scope="session")
def second_course() -> Course:
    return build_course(SECOND_DOC.read_text(encoding="utf-8"), name=SECOND_DOC.stem)


@pytest.fixture(scope="session")
def review_course() -> Course:
    return build_course(REVIEW_DOC.read_text(encoding="utf-8"), name=REVIEW_DOC.stem)


@pytest.fixture(autouse=True)
def _own_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CLI commands keep built courses in CACHE_DIR: a scratch folder, not ./data/cache."""
    monkeypatch.setenv("CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
