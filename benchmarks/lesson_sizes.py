"""Lesson sizes and titles of real documents: words per lesson (count, min, median, max).

    .venv/bin/python benchmarks/lesson_sizes.py content/sources/ path/to/corpus/
    .venv/bin/python benchmarks/lesson_sizes.py --titles some-article.txt

Takes files or folders of documents (any accepted format); reads nothing by default, so the
repository's tests and benchmarks never depend on a folder outside it.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from content.build import find_documents, read_document
from content.lessons import make_lessons
from content.text import slugify


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--titles", action="store_true", help="list each lesson's title")
    args = parser.parse_args()
    print(f"{'document':<48}{'lessons':>8}{'min':>6}{'median':>8}{'max':>6}")
    for path in find_documents(args.paths):
        document = read_document(path)
        _sections, lessons = make_lessons(slugify(path.stem), document)
        sizes = [len(lesson.text.split()) for lesson in lessons]
        print(
            f"{path.name:<48}{len(lessons):>8}{min(sizes):>6}{statistics.median(sizes):>8.0f}"
            f"{max(sizes):>6}"
        )
        if args.titles:
            for lesson, size in zip(lessons, sizes, strict=True):
                print(f"    {size:>4}  {lesson.title}")


if __name__ == "__main__":
    main()
