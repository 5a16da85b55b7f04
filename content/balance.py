"""The bank as a whole: one question per sentence, true/false answers balanced.

Ranking (content/rank.py) settles each lesson; these rules need the whole bank. A sentence
asked twice (a blank on its year and a true/false of the same year) lets one question
answer the other; a bank of mostly "True" answers is guessed. Each rule drops the
lowest-scored question it must, never adds one. No share per kind is enforced: capping the
most common kind (issue 14 asks for 40 %) dropped good questions by the dozen and left
lessons without a quiz; ranking and one-question-per-sentence keep the mix varied instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from content.candidate import Candidate
from content.text import fold_key

# True and false answers in equal number: with one allowed spare, every bank of few
# statements was keyed True, and a learner answering "True" always won (blind review).
TRUE_FALSE_SLACK = 0


def balanced(chosen: list[Candidate], score: Callable[[Candidate], float]) -> list[Candidate]:
    """`chosen` minus what the bank-wide rules drop, in the original order."""
    ranked = sorted(chosen, key=lambda c: -score(c))
    ranked = _one_per_sentence(ranked)
    ranked = _true_false_balanced(ranked)
    kept = {id(candidate) for candidate in ranked}
    return [candidate for candidate in chosen if id(candidate) in kept]


def _sentences(candidate: Candidate) -> set[str]:
    """Every sentence the question shows or asks about (a context sentence shows its fact)."""
    return {fold_key(part) for part in re.split(r"(?<=[.!?])\s+", candidate.source) if part}


def _one_per_sentence(ranked: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    kept: list[Candidate] = []
    for candidate in ranked:
        keys = _sentences(candidate)
        if not keys & seen:
            seen |= keys
            kept.append(candidate)
    return kept


def _true_false_balanced(ranked: list[Candidate]) -> list[Candidate]:
    verdicts = Counter(c.answer for c in ranked if c.kind == "true_false")
    surplus = abs(verdicts["True"] - verdicts["False"]) - TRUE_FALSE_SLACK
    if surplus <= 0:
        return ranked
    heavy = "True" if verdicts["True"] > verdicts["False"] else "False"
    return _drop_worst(ranked, lambda c: c.kind == "true_false" and c.answer == heavy, surplus)


def _drop_worst(
    ranked: list[Candidate], matches: Callable[[Candidate], bool], count: int
) -> list[Candidate]:
    doomed: set[int] = set()
    for candidate in reversed(ranked):
        if len(doomed) == count:
            break
        if matches(candidate):
            doomed.add(id(candidate))
    return [candidate for candidate in ranked if id(candidate) not in doomed]
