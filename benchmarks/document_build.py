"""How long documents take to become courses, and how much memory: 1/2/5 MB, a 250 KB text
without headings, a 5 MB single paragraph, a 200-page PDF, and a start from the cache.

Each case runs in a fresh process; peak memory is that process and its worker processes
together, sampled four times a second. Growth should be linear: seconds per MB about
constant.

    .venv/bin/python benchmarks/document_build.py                 # every case
    .venv/bin/python benchmarks/document_build.py --workers 1     # questions in one process
    .venv/bin/python benchmarks/document_build.py --only 1mb 200-page-pdf
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sample_documents import markdown_document, pdf_document, single_paragraph

MB = 1024 * 1024
CASES = {
    "1mb": ("markdown", 1 * MB),
    "2mb": ("markdown", 2 * MB),
    "5mb": ("markdown", 5 * MB),
    "250kb-no-headings": ("headingless", 250 * 1024),
    "5mb-one-paragraph": ("paragraph", 5 * MB),
    "200-page-pdf": ("pdf", 200),
}


def _write(kind: str, size: int, folder: Path) -> Path:
    if kind == "pdf":
        path = folder / "handbook.pdf"
        path.write_bytes(pdf_document(size))
    elif kind == "paragraph":
        path = folder / "paragraph.txt"
        path.write_text(f"One paragraph\n\n{single_paragraph(size)}\n", encoding="utf-8")
    else:
        path = folder / f"{kind}.md"
        path.write_text(markdown_document(size, headings=kind == "markdown"), encoding="utf-8")
    return path


def _tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants (worker processes are the
    forkserver's children, so getrusage of this process would not see them)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(found)
        tree |= found
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


class _PeakMemory:
    """Samples the process tree's memory four times a second while a build runs."""

    def __init__(self) -> None:
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            self.peak_kib = max(self.peak_kib, _tree_rss_kib(os.getpid()))

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.peak_kib = max(self.peak_kib, own)


def _cpu_seconds() -> float:
    """CPU time of this process (all of the build with --workers 1): less sensitive than
    wall time to other work on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(path: Path, workers: int, cache: Path | None) -> None:
    """One build (or cached load) in this process; prints a JSON line."""
    start = time.perf_counter()
    import content.build

    content.build.MAX_WORKERS = workers
    with _PeakMemory() as memory:
        courses = content.build.load_courses([path], cache_dir=cache, max_bytes=50 * MB)
    elapsed = time.perf_counter() - start
    course = courses[0]
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu": _cpu_seconds(),
                "lessons": len(course.lessons),
                "questions": len(course.questions),
                "peak_mib": memory.peak_kib / 1024,
            }
        )
    )


def _run(path: Path, workers: int, cache: Path | None = None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(path), "--workers", str(workers)]
    if cache is not None:
        command += ["--cache", str(cache)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=None)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers, args.cache)
        return
    print(
        f"questions in up to {args.workers} worker process(es)"
        + ("" if args.workers == 1 else "; cpu s counts the parent process only")
    )
    print(
        f"{'case':<20}{'size':>10}{'lessons':>9}{'questions':>11}{'build s':>9}{'s/MB':>7}"
        f"{'cpu s':>7}{'peak MiB':>10}{'cached s':>10}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name in args.only or CASES:
            kind, size = CASES[name]
            case = folder / name
            case.mkdir()
            path = _write(kind, size, case)
            megabytes = path.stat().st_size / MB
            cache = case / "cache"
            built = _run(path, args.workers, cache)
            cached = _run(path, args.workers, cache)
            print(
                f"{name:<20}{megabytes:>8.2f}MB{built['lessons']:>9.0f}{built['questions']:>11.0f}"
                f"{built['seconds']:>9.1f}{built['seconds'] / megabytes:>7.1f}{built['cpu']:>7.1f}"
                f"{built['peak_mib']:>10.0f}{cached['seconds']:>10.2f}"
            )


if __name__ == "__main__":
    main()
