"""Keep the best questions per lesson instead of everything that passed validation.

Rule-based generators over-produce fill-in-the-blank questions (every sentence has a
phrase to blank), and a quiz of nothing but blanks is dull and easier to guess. Ranking
prefers questions that test a fact in a different form (who/which, when, order, lists),
names over generic phrases, and four options over three; clozes are then capped per lesson
so that no lesson is mostly blanks unless it has nothing else to ask.
"""

from __future__ import annotations

import re
from collections import defaultdict

from content.candidate import Candidate
from content.text import fold_key

_KIND_SCORE = {
    "mcq": 3.0,
    "acronym": 3.0,
    "definition": 3.0,
    "true_false": 1.9,  # below a blank on the same fact: a guess is half right
}
_CLOZE_SCORE = {
    "organisation": 2.6,
    "mission": 2.6,
    "event": 2.6,
    "person": 2.6,
    "place": 2.4,
    "year": 2.0,
    "number": 2.1,
    "year range": 2.0,
    "decade": 2.0,
    "list item": 1.6,
    "concept": 1.2,
}

# "Who showed …?" before "In which year did Robert Hill show …?" on the same sentence: the
# reviews rated who-questions above years (r27-r34), and people ask names far more often
# than years (the corpus's own questions)
WHO_BONUS = 0.5


def score(candidate: Candidate, lesson_title: str = "") -> float:
    """Higher is better; only the order matters."""
    if candidate.kind == "cloze":
        value = _CLOZE_SCORE.get(candidate.tags[0] if candidate.tags else "", 1.0)
        if candidate.statement.count(". ") and len(candidate.statement) > 200:
            value -= 0.4  # a context sentence made the stem long
    else:
        value = _KIND_SCORE.get(candidate.kind, 2.0)
        if candidate.kind == "mcq" and candidate.tags[:1] == ("person",):
            value += WHO_BONUS
    if not candidate.fixed_order:
        value += 0.2 * (len(candidate.distractors) - 2)
    if lesson_title and fold_key(candidate.answer) in fold_key(lesson_title):
        value -= 0.8  # "NATO" in "NATO's Role in Peacekeeping" gives itself away
    return value


def redundant_key(candidate: Candidate) -> tuple[str, str] | None:
    """Questions asking for the same answer from the same sentence, whatever their form."""
    if candidate.kind == "true_false":
        return None
    return fold_key(candidate.source.split(". ")[-1]), fold_key(candidate.answer)


def cloze_allowance(others: int, minimum: int) -> int:
    """How many clozes a lesson keeps beside `others` questions of other kinds.

    One more than the others (so blanks stay about half), and enough to reach
    `minimum` + 4 in a lesson that offers little else (its unfair blanks are already gone:
    a phrase blank is only made when its wrong options cannot fill it, see distractors.py).
    """
    return max(minimum + 4 - others, others + 1)


def select(candidates: list[Candidate], titles: list[str], minimum: int) -> list[Candidate]:
    """The candidates worth asking, in their original order.

    A cloze asking for what a better-scored question from the same sentence asks is
    dropped. Then each lesson is settled on its own, so editing one section never
    reshuffles another's questions: every other non-cloze question stays, true statements
    balance the false ones, and the best clozes fill up to `cloze_allowance`, one per
    sentence before any sentence gets a second.
    """
    order = {id(candidate): index for index, candidate in enumerate(candidates)}
    ranked = sorted(candidates, key=lambda c: (-score(c, titles[c.lesson]), order[id(c)]))
    seen: set[tuple[str, str]] = set()
    by_lesson: dict[int, list[Candidate]] = defaultdict(list)
    judged: set[tuple[str, str]] = set()
    spare: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in ranked:
        key = redundant_key(candidate)
        if key is not None and key in seen and candidate.kind == "cloze":
            spare[candidate.lesson].append(candidate)  # asked in a better form already
            continue
        if key is not None:
            seen.add(key)
        if candidate.kind == "true_false":
            verdict = (fold_key(candidate.source), candidate.answer)
            if verdict in judged:
                continue  # one false (or true) statement per sentence
            judged.add(verdict)
        by_lesson[candidate.lesson].append(candidate)
    kept: list[Candidate] = []
    for lesson, lesson_candidates in by_lesson.items():
        chosen = _lesson_selection(lesson_candidates, minimum)
        kept.extend(chosen + spare[lesson][: max(0, minimum - len(chosen))])
    return sorted(kept, key=lambda candidate: order[id(candidate)])


def _lesson_selection(candidates: list[Candidate], minimum: int) -> list[Candidate]:
    others = [c for c in candidates if c.kind != "cloze" and not _true(c)]
    lies = sum(1 for c in others if c.kind == "true_false")
    # a true statement for each false one: the bank keeps true and false answers in equal
    # number (content/balance.py), so a true statement with no false one beside it would be
    # dropped there, and the blank it displaced from its sentence lost with it (the Berlin
    # Wall's lessons were left with no question)
    chosen = _with_truths(candidates, others, lies, minimum)
    if len(chosen) < minimum and lies:  # a short lesson: its sentences are better as blanks
        fewer = _with_truths(candidates, others, 0, minimum)
        chosen = fewer if len(fewer) > len(chosen) else chosen
    return chosen


def _with_truths(
    candidates: list[Candidate], others: list[Candidate], wanted: int, minimum: int
) -> list[Candidate]:
    truths = _truths(others, [c for c in candidates if _true(c)], wanted)
    stated = {fold_key(c.source) for c in truths}
    clozes = _spread(
        [
            c
            for c in candidates
            if c.kind == "cloze" and fold_key(_sentences(c.source)[-1]) not in stated
        ]
    )
    chosen = others + truths
    return chosen + clozes[: cloze_allowance(len(chosen), minimum)]


def _true(candidate: Candidate) -> bool:
    return candidate.kind == "true_false" and candidate.answer == "True"


def _truths(others: list[Candidate], truths: list[Candidate], wanted: int) -> list[Candidate]:
    """Up to `wanted` true statements, never from a sentence another question asks about.

    A verbatim true statement shows every word of its sentence, so it would give away a
    subject, a year or an order asked from the same sentence (clozes on it are dropped
    instead).
    """
    asked = {fold_key(part) for c in others for part in _sentences(c.source)}
    chosen: list[Candidate] = []
    for candidate in truths:
        key = fold_key(candidate.source)
        if len(chosen) >= wanted:
            break
        if key not in asked:
            asked.add(key)
            chosen.append(candidate)
    return chosen


def _sentences(source: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", source) if part]


def _spread(clozes: list[Candidate]) -> list[Candidate]:
    """Best-first, but a sentence's second blank only after every sentence had one."""
    first: list[Candidate] = []
    second: list[Candidate] = []
    used: set[str] = set()
    for candidate in clozes:
        sentence = fold_key(candidate.source.split(". ")[-1])
        (second if sentence in used else first).append(candidate)
        used.add(sentence)
    return first + second
