"""Where a bot spent its CPU, from py-spy's collapsed stacks (`bot_throughput.py --profile`).

    .venv/bin/python benchmarks/profile_summary.py DIR/peacebot-sqlite-rate0.txt [--top 25]

Self time per package answers "whose code is the CPU in"; inclusive time of functions in
bot/, content/ and db/ answers "which of our calls lead there". The samples are taken with
py-spy --gil: only a thread holding the GIL counts, so waiting (the event loop's select,
idle database worker threads) is left out.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<name>.*) \((?P<file>[^():]*)(?::\d+)?\)$")
OURS = ("bot/", "content/", "db/")


def _split(frame: str) -> tuple[str, str]:
    match = FRAME.match(frame)
    return (match["name"], match["file"]) if match else (frame, "")


def package_of(filename: str) -> str:
    """'sqlalchemy' for sqlalchemy/orm/x.py (py-spy shortens paths), 'bot (ours)' for bot/..."""
    tail = filename.split("site-packages/")[-1].split("/main/")[-1]
    if tail.startswith(OURS):
        return tail.split("/", 1)[0] + " (ours)"
    if not tail:
        return "(native)"
    if "/" not in tail or tail.startswith(("<", "/")):
        return "stdlib " + Path(tail).stem
    return tail.split("/", 1)[0]


def _ours(filename: str) -> str | None:
    tail = filename.split("/main/")[-1]
    return tail if tail.startswith(OURS) else None


def summarise(path: Path, top: int) -> str:
    by_package: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    by_self: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [_split(frame) for frame in stack.split(";")]
        name, filename = frames[-1]
        by_package[package_of(filename)] += count
        by_self[f"{name} ({Path(filename).name})"] += count
        seen = set()
        for name, filename in frames:
            ours = _ours(filename)
            if ours and (key := f"{ours}:{name}") not in seen:
                seen.add(key)
                by_function[key] += count
    if not total:
        return f"{path.name}: no samples"
    out = [f"{path.name}: {total} on-CPU samples", "self time by package:"]
    out += [f"  {n / total:6.1%}  {name}" for name, n in by_package.most_common(top)]
    out += ["hottest functions (self time):"]
    out += [f"  {n / total:6.1%}  {name}" for name, n in by_self.most_common(top)]
    out += ["our functions (inclusive time):"]
    out += [f"  {n / total:6.1%}  {name}" for name, n in by_function.most_common(top)]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", type=Path, nargs="+")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    for path in args.profiles:
        print(summarise(path, args.top), end="\n\n")


if __name__ == "__main__":
    main()
