"""Run every benchmark, one after another, and print their tables with the machine they ran on.

    .venv/bin/python benchmarks/run_all.py            # modest sizes: a few minutes
    .venv/bin/python benchmarks/run_all.py --full     # the sizes quoted in the issues
    .venv/bin/python benchmarks/run_all.py --only bot_throughput bot_memory

Each benchmark is its own script, run by path (pysbd installs an unrelated top-level
`benchmarks` package, so `python -m benchmarks...` would find the wrong one). PostgreSQL on
127.0.0.1:5432 (or PEACEBOT_BENCH_PG_URL) is needed for the PostgreSQL rows; every
benchmark creates its own scratch database and drops it afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# name -> (arguments for the modest run, arguments for --full)
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "content_build": ([], []),
    "document_build": (["--only", "1mb", "200-page-pdf"], []),
    "tutor_answers": (["--learners", "300", "--rounds", "100"], []),
    "db_reminders": (["--sizes", "100000", "--limits", "100", "1000"], []),
    "reminder_sweep": (["--learners", "20000", "--due", "4000", "--send", "300"], []),
    "botapi_echo": (["--users", "200", "--rounds", "3"], []),
    "bot_throughput": (["--seconds", "8", "--warmup", "2", "--repeat", "2"],
                       ["--seconds", "20", "--repeat", "3"]),
    "bot_memory": (["--idle", "5", "--seconds", "8"], []),
}


def machine() -> str:
    """Cores, memory, CPU model, Python, load average and date, for the top of the report."""
    memory = "?"
    model = platform.processor() or "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({model}), {memory} RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average {load}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def run(name: str, arguments: list[str]) -> tuple[int, float]:
    """Run one benchmark script with its output going straight to ours."""
    command = [sys.executable, str(HERE / f"{name}.py"), *arguments]
    print(f"\n## {name}: {' '.join(command[1:])}", flush=True)
    started = time.perf_counter()
    code = subprocess.call(command, cwd=ROOT)
    seconds = time.perf_counter() - started
    load = os.getloadavg()[0]
    print(f"({name}: exit {code}, {seconds:.0f} s, load average {load:.2f} after)", flush=True)
    return code, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the full sizes (much longer)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run only these: {', '.join(BENCHMARKS)}")
    args = parser.parse_args()
    print(f"# peacebot benchmarks ({'full' if args.full else 'modest'} sizes)")
    print(f"machine: {machine()}", flush=True)
    failed = []
    for name, (modest, full) in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        if not (HERE / f"{name}.py").exists():
            print(f"\n## {name}: not present, skipped")
            continue
        code, _seconds = run(name, full if args.full else modest)
        if code:
            failed.append(name)
    print(f"\nmachine after: {machine()}")
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
