"""Built courses come back from the cache only for the same bytes and the same build code."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import content.build
import content.cache
from content.build import build_file, load_courses
from content.cache import CourseCache, build_version
from content.progress import DelayedProgress

from .conftest import SECOND_DOC, SEED_MD


def _document(folder: Path) -> Path:
    path = folder / "antarctic.md"
    path.write_text(SECOND_DOC.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_a_second_load_reads_the_cache(tmp_path: Path) -> None:
    path = _document(tmp_path)
    cache = tmp_path / "cache"
    first = load_courses([path], cache_dir=cache)
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1 and entries[0].name.startswith("antarctic.")
    # mark the entry: a load that returns the mark has read it instead of building
    entry = json.loads(entries[0].read_text(encoding="utf-8"))
    entry["course"]["title"] = "Read from the cache"
    entries[0].write_text(json.dumps(entry), encoding="utf-8")
    second = load_courses([path], cache_dir=cache)
    assert second[0].title == "Read from the cache"
    assert second[0].lessons == first[0].lessons
    assert second[0].questions == first[0].questions


def test_changed_bytes_rebuild_and_replace_the_entry(tmp_path: Path) -> None:
    path = _document(tmp_path)
    cache = tmp_path / "cache"
    load_courses([path], cache_dir=cache)
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    rebuilt = load_courses([path], cache_dir=cache)
    assert "A new closing line." in rebuilt[0].lessons[-1].text
    assert len(list(cache.glob("*.json"))) == 1


def test_the_build_version_follows_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "module.py").write_text("VALUE = 1\n")
    monkeypatch.setattr(content.cache, "_PACKAGE", tmp_path)
    build_version.cache_clear()
    try:
        before = build_version()
        (tmp_path / "module.py").write_text("VALUE = 2\n")
        build_version.cache_clear()
        assert build_version() != before
    finally:
        monkeypatch.undo()
        build_version.cache_clear()


def test_an_unusable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    path = _document(tmp_path)
    courses = load_courses([path], cache_dir=blocked)
    assert courses[0].lessons
    cache = tmp_path / "cache"
    load_courses([path], cache_dir=cache)
    next(cache.glob("*.json")).write_text("{ not json")
    assert load_courses([path], cache_dir=cache)[0].questions == courses[0].questions


def test_cached_and_built_courses_are_equal(tmp_path: Path) -> None:
    data = SEED_MD.read_bytes()
    cache = CourseCache(tmp_path)
    built = build_file(data, SEED_MD.name, cache=cache)
    cached = build_file(data, SEED_MD.name, cache=cache)
    assert cached.course.to_dict() == built.course.to_dict()
    assert cached.course.lessons == built.course.lessons
    assert cached.dropped == built.dropped


def test_batches_in_worker_processes_give_the_same_course(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document of several batches builds the same in one process and in several."""
    text = SEED_MD.read_text(encoding="utf-8")
    monkeypatch.setattr(content.build, "BATCH_WORDS", 500)
    monkeypatch.setattr(content.build, "MAX_WORKERS", 1)
    alone = content.build.build_report(text, name="seed")
    monkeypatch.setattr(content.build, "MAX_WORKERS", 2)
    monkeypatch.setattr(content.build.os, "cpu_count", lambda: 2)
    messages: list[str] = []
    shared = content.build.build_report(text, name="seed", progress=messages.append)
    assert len(content.build._batches(shared.course.lessons)) >= 2
    assert shared.course.to_dict() == alone.course.to_dict()
    assert messages and messages[-1].startswith("seed: questions for")


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_is_shown_only_once_a_build_is_slow() -> None:
    clock, stream = _Clock(), io.StringIO()
    progress = DelayedProgress(stream, delay=2.0, interval=0.5, clock=clock)
    progress("reading")
    clock.now += 1.5
    progress("lessons")
    assert stream.getvalue() == ""
    clock.now += 1.0
    progress("questions 1/4")
    clock.now += 0.2
    progress("questions 2/4")  # too soon after the last line
    clock.now += 0.5
    progress("questions 3/4")
    assert stream.getvalue().splitlines() == [
        "peacebot: questions 1/4 (2 s)",
        "peacebot: questions 3/4 (3 s)",
    ]


def test_a_course_is_the_same_whatever_the_process_hash_seed(tmp_path: Path) -> None:
    """Worker processes and restarts hash strings differently: the course must not care."""
    script = (
        "import sys, json, content.build as b; b.BATCH_WORDS = 500; "
        "r = b.build_report(open(sys.argv[1], encoding='utf-8').read(), name='seed'); "
        "print(json.dumps(r.course.to_dict()))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, str(SEED_MD)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
