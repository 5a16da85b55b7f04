"""The checks of QUESTION-QUALITY.md: a candidate passes all of them or is dropped with a reason."""

from __future__ import annotations

import re

from content.candidate import Candidate
from content.distractors import (
    ACRONYM_SIMILARITY_LIMIT,
    SIMILARITY_LIMIT,
    clashes,
)
from content.text import contains_words, fold, fold_key, opens_vaguely

MAX_PROMPT = 300
MAX_OPTION = 100
MAX_EXPLANATION = 200
MIN_OPTIONS = 2
MAX_OPTIONS = 10


def problems(candidate: Candidate, prepared: str) -> list[str]:
    """Why this candidate may not be asked (empty when it may); `prepared` from prepare_document."""
    reasons: list[str] = []
    options = [candidate.answer, *candidate.distractors]
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        reasons.append(f"{len(options)} options (needs {MIN_OPTIONS}-{MAX_OPTIONS})")
    if len(candidate.prompt) > MAX_PROMPT:
        reasons.append(f"prompt has {len(candidate.prompt)} characters (max {MAX_PROMPT})")
    if any(len(option) > MAX_OPTION for option in options):
        reasons.append(f"an option is longer than {MAX_OPTION} characters")
    if any(not option.strip() for option in options):
        reasons.append("an empty option")
    if not candidate.explanation or len(candidate.explanation) > MAX_EXPLANATION:
        reasons.append(f"explanation empty or over {MAX_EXPLANATION} characters")
    if not candidate.fixed_order:
        reasons.extend(_option_problems(candidate, options))
    if candidate.statement and opens_vaguely(candidate.statement):
        reasons.append("the statement does not stand alone (opens with this/it/they ...)")
    if re.search(r"\b(?:a|an)\s+_{3,}", candidate.prompt, re.I):
        reasons.append("“a/an” right before the blank gives the answer away")
    if not source_in_document(candidate.source, prepared):
        reasons.append("source is not verbatim document text")
    return reasons


def _option_problems(candidate: Candidate, options: list[str]) -> list[str]:
    reasons: list[str] = []
    for spelling in (candidate.answer, *candidate.aliases):
        if contains_words(candidate.prompt, spelling):
            reasons.append(f"the answer “{spelling}” appears in the prompt")
            break
    limit = ACRONYM_SIMILARITY_LIMIT if candidate.kind == "acronym" else SIMILARITY_LIMIT
    for index, option in enumerate(options):
        if clashes(option, options[:index], limit=limit):
            reasons.append(f"option “{option}” is too close to another option")
            break
    return reasons


def prepare_document(document: str) -> str:
    """The document as sources are compared with it: no markup, folded typography."""
    from content.parse import clean_inline

    bare = re.sub(r"(?m)^\s*(?:[-*+•‣◦▪]|\d{1,3}[.)]|#{1,6})\s+", "", document)
    return fold(clean_inline(bare))


def source_in_document(source: str, prepared: str) -> bool:
    """Every sentence of the source is in the document, up to whitespace/quotes/dashes.

    `prepared` comes from `prepare_document`.
    """
    return all(part in prepared for part in _parts(source))


def _parts(source: str) -> list[str]:
    pieces = re.split(r"(?<=[.!?:])\s+", fold(source))
    return [piece for piece in pieces if piece]


def duplicate_key(candidate: Candidate) -> tuple[str, str]:
    """One question per (sentence, answer) pair and form.

    Ranking (content/rank.py) already keeps one form per pair, except in a lesson too short
    to reach its minimum otherwise.
    """
    answer = candidate.answer + "|" + "|".join(candidate.tags)
    return fold_key(candidate.source), candidate.kind + ":" + fold_key(answer)
