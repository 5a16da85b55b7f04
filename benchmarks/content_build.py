"""How long the content pipeline takes: the seed course, then 0.25, 0.5 and 1 MB corpora.

The corpora repeat the seed and the test document under varied names (each copy is its own
course, as a folder of documents would be). Growth should be linear: time per MB ~constant.

Run: .venv/bin/python benchmarks/content_build.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from content import build_course
from content.text import fold, fold_key


def _cold() -> None:
    """Forget memoised folding so every timing includes it."""
    fold.cache_clear()
    fold_key.cache_clear()


ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [
    ROOT / "content" / "sources" / "peacekeeping-operations-by-alliances.md",
    ROOT / "tests" / "content" / "data" / "antarctic-cooperation.md",
]
SIZES_MB = (0.25, 0.5, 1.0)


def corpus(size_bytes: int) -> list[tuple[str, str]]:
    """(name, text) pairs adding up to about size_bytes."""
    texts = [path.read_text(encoding="utf-8") for path in DOCUMENTS]
    documents: list[tuple[str, str]] = []
    total = 0
    copy = 0
    while total < size_bytes:
        text = texts[copy % len(texts)]
        name = f"{DOCUMENTS[copy % len(texts)].stem}-copy-{copy}"
        documents.append((name, text.replace("\n", f" (edition {copy})\n", 1)))
        total += len(text.encode())
        copy += 1
    return documents


def time_seed(repeats: int = 5) -> tuple[float, int, int]:
    text = DOCUMENTS[0].read_text(encoding="utf-8")
    build_course(text, name="warm-up")  # imports and regex compilation are not the pipeline
    times = []
    for _ in range(repeats):
        _cold()
        start = time.perf_counter()
        course = build_course(text, name=DOCUMENTS[0].stem)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(course.lessons), len(course.questions)


def main() -> None:
    seed_time, lessons, questions = time_seed()
    seed_kb = DOCUMENTS[0].stat().st_size / 1024
    print(f"{'corpus':<22}{'size':>10}{'courses':>9}{'questions':>11}{'seconds':>10}{'s/MB':>8}")
    print(
        f"{'seed (median of 5)':<22}{seed_kb:>8.1f}KB{1:>9}{questions:>11}{seed_time:>10.3f}"
        f"{seed_time / (seed_kb / 1024):>8.2f}"
    )
    for size in SIZES_MB:
        documents = corpus(int(size * 1024 * 1024))
        _cold()
        start = time.perf_counter()
        built = [build_course(text, name=name) for name, text in documents]
        elapsed = time.perf_counter() - start
        total = sum(len(text.encode()) for _name, text in documents) / 1024 / 1024
        count = sum(len(course.questions) for course in built)
        print(
            f"{'synthetic':<22}{total:>8.2f}MB{len(built):>9}{count:>11}{elapsed:>10.3f}"
            f"{elapsed / total:>8.2f}"
        )
    print(f"seed: {lessons} lessons, {questions} questions")


if __name__ == "__main__":
    main()
