"""The bar a valid candidate must clear to be asked at all: precision before count.

Validation (content/validate.py) rejects what is broken; this gate rejects what a strict
reviewer would not sign although nothing in it is broken. Each rule names a failure the
blind reviews kept finding (docs/question-engine.md): blanks in filler phrases, order
questions that lean on knowledge outside the lessons, lists of generic phrases, true/false
statements whose false version refutes itself, and praise nobody can answer "which" about.
"""

from __future__ import annotations

import re

from content.candidate import Candidate
from content.gazetteer import REGIONS

MAX_TRUE_FALSE_WORDS = 32
MAX_STEM = 220
# "plays a vital role": a predicate every organisation in the lesson could claim
_PRAISE = re.compile(
    r"\b(?:vital|crucial|pivotal|key|significant|important|essential|central|major)\s+"
    r"(?:role|part|player|contributor|actor)\b|\bcontinues? to\b|\bstrides\b",
    re.I,
)
# a pronoun with no name before it to point to: "... while they were on the Moon"
_PRONOUN = re.compile(r"\b(?:he|she|they|them|it|his|her|their|its)\b")
_NAME_BEFORE = re.compile(r"\s[A-Z][a-z]")
_NAME_GOES_ON = re.compile(
    r"\b(?:Saint|St\.?|San|Santa|Fort|Mount|Lake|Port|Cape)\s+_{3,}|_{3,}\s+(?:of|de|von)\s+[A-Z]"
)
_DATE = re.compile(r"^(?:1[0-9]{3}|20[0-9]{2})(?:s|\s*(?:-|–|—|to)\s*(?:1[0-9]{3}|20[0-9]{2}))?$")
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w’'.&+-]*|of|and|the|for|de|in|on)$")


def unfit(candidate: Candidate) -> str | None:
    """Why a valid candidate is still not worth a learner's time, or None."""
    kind = candidate.kind
    if _dangling_pronoun(candidate.statement or candidate.prompt):
        return "the stem leans on a pronoun it does not name"
    if kind == "chronology":
        return "an order question leans on dates outside the lessons read"
    if kind == "cloze":
        return _cloze(candidate)
    if kind == "list":
        return _list(candidate)
    if kind == "true_false":
        return _true_false(candidate)
    if kind == "mcq" and (len(candidate.prompt) > MAX_STEM or _PRAISE.search(candidate.prompt)):
        return "the stem is long or praise that several options could claim"
    return None


def _names(stem: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", stem) is not None


def _dangling_pronoun(stem: str) -> bool:
    found = _PRONOUN.search(stem)
    return found is not None and _NAME_BEFORE.search(stem[: found.start()]) is None


def _cloze(candidate: Candidate) -> str | None:
    tag = candidate.tags[0] if candidate.tags else ""
    if tag in {"concept", "list item"}:
        return "a blank on a generic phrase tests wording, not a fact"
    if _NAME_GOES_ON.search(candidate.prompt):
        return "the blank is part of a longer name (“the _____ of Justice”)"
    if tag == "place" and any(_names(candidate.prompt, region) for region in REGIONS):
        return "the stem names a region, which rules out places elsewhere at once"
    if len(candidate.prompt) > MAX_STEM:
        return "the stem is too long to read as one question"
    return None


def _list(candidate: Candidate) -> str | None:
    options = [candidate.answer, *candidate.distractors]
    if all(_looks_like_name(option) for option in options):
        return None
    return "list options are phrases, not names: the odd one out shows by its form"


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0][:1].isupper() and all(_NAME_WORD.match(w) for w in words)


def _true_false(candidate: Candidate) -> str | None:
    statement = candidate.statement or candidate.source
    if len(statement.split()) > MAX_TRUE_FALSE_WORDS:
        return "a statement this long tests reading, not a fact"
    if candidate.answer == "False":
        swapped = candidate.tags[0] if candidate.tags else ""
        if not _DATE.match(swapped.strip()):
            return "a swapped name often refutes itself; only dates are swapped"
        return None
    if not re.search(r"\d|\s[A-Z]", statement):
        return "a true statement without a name or date cannot be false"
    return None
