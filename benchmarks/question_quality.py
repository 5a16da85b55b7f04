"""The question bank of real documents, measured: size, kinds, true/false balance, coverage.

    .venv/bin/python benchmarks/question_quality.py content/sources/ ../shared/corpus/ \
        [--human ../shared/corpus/human_questions.json] [--sample 40 --seed 1 --out DIR]

Per document: words, lessons, questions (and per 100 words), the share of each kind, the
share of true/false answers that are "True", and, for documents people wrote questions on
(`--human`, SQuAD-style: per article, questions with accepted answers):
- human-answer recall: the share of people's questions whose answer is the key of one of
  ours;
- agreement: the share of our keys (true/false aside) that are an answer people chose.
An answer matches a key when, lower-cased, without punctuation and leading articles, one
equals the other or contains it as whole words ("William the Conqueror" matches "William
the Conqueror"; "1066" matches "in 1066"); keys under three characters only match exactly.

`--sample N --out DIR` also writes DIR/sample.md, N questions drawn at random (seeded)
across the documents with the lesson each came from, and DIR/key.json (number -> id): what
a blind reviewer reads (docs/question-engine.md, "How questions are reviewed").
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

from content.build import build_path, find_documents
from content.model import Course, Question

_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def normalise(text: str) -> str:
    words = re.sub(r"[^\w\s]", " ", text.lower())
    return _ARTICLE.sub("", " ".join(words.split()))


def matches(answer: str, key: str) -> bool:
    one, other = normalise(answer), normalise(key)
    if not one or not other:
        return False
    if one == other:
        return True
    if min(len(one), len(other)) < 3:
        return False
    return f" {one} " in f" {other} " or f" {other} " in f" {one} "


def coverage(keys: list[str], human: list[dict[str, object]]) -> tuple[float, float]:
    """(recall, agreement) of our keys against people's questions."""
    answers = [[str(a) for a in item["a"]] for item in human]  # type: ignore[union-attr]
    recalled = sum(1 for accepted in answers if any(matches(a, k) for a in accepted for k in keys))
    agreed = sum(1 for k in keys if any(matches(a, k) for accepted in answers for a in accepted))
    return recalled / max(1, len(answers)), agreed / max(1, len(keys))


def row(path: Path, course: Course, human: dict[str, list[dict[str, object]]]) -> str:
    questions = course.questions
    words = sum(len(lesson.text.split()) for lesson in course.lessons)
    kinds = Counter(question.kind for question in questions)
    share = " ".join(f"{kind} {count / len(questions):.0%}" for kind, count in kinds.most_common())
    verdicts = [q.correct_option for q in questions if q.kind == "true_false"]
    true_share = f"{verdicts.count('True') / len(verdicts):.0%}" if verdicts else "-"
    keys = [q.correct_option for q in questions if q.kind != "true_false"]
    recall = agreement = "-"
    if path.stem in human:
        got = coverage(keys, human[path.stem])
        recall, agreement = f"{got[0]:.0%}", f"{got[1]:.0%}"
    per100 = 100 * len(questions) / max(1, words)
    return (
        f"{path.name[:34]:<35}{words:>6}{len(course.lessons):>5}{len(questions):>5}"
        f"{per100:>6.1f}{true_share:>6}{recall:>7}{agreement:>7}  {share}"
    )


def write_sample(courses: list[tuple[Path, Course]], count: int, seed: int, out: Path) -> None:
    pool: list[tuple[Path, Course, Question]] = [
        (path, course, question) for path, course in courses for question in course.questions
    ]
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    lines: list[str] = []
    key: dict[int, str] = {}
    for number, (path, course, question) in enumerate(chosen, 1):
        lesson = next(lesson for lesson in course.lessons if lesson.id == question.lesson_id)
        key[number] = question.id
        quoted = "> " + lesson.text.replace("\n", "\n> ")
        lines += [f"## Q{number} ({path.name}, lesson “{lesson.title}”)", "", "Lesson text:",
                  "", quoted, "", f"**{question.prompt}**", ""]
        for index, option in enumerate(question.options):
            mark = "   ← marked answer" if index == question.answer else ""
            lines.append(f"- {'ABCDEFGHIJKL'[index]}. {option}{mark}")
        lines += ["", ""]
    out.mkdir(parents=True, exist_ok=True)
    (out / "sample.md").write_text("\n".join(lines), encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--human", type=Path, help="human_questions.json (SQuAD-style)")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("review"))
    args = parser.parse_args()
    human: dict[str, list[dict[str, object]]] = {}
    if args.human:
        human = json.loads(args.human.read_text(encoding="utf-8"))["articles"]
    print(f"{'document':<35}{'words':>6}{'less':>5}{'qs':>5}{'/100w':>6}{'true':>6}"
          f"{'recall':>7}{'agree':>7}  kinds")
    courses: list[tuple[Path, Course]] = []
    for path in find_documents(args.paths):
        course = build_path(path).course
        courses.append((path, course))
        print(row(path, course, human))
    if args.sample:
        write_sample(courses, args.sample, args.seed, args.out)
        print(f"wrote {args.out / 'sample.md'} ({args.sample} questions, seed {args.seed})")


if __name__ == "__main__":
    main()
