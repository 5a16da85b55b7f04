"""Dates in a sentence, typed: single years, decades and year ranges ("1853-1856")."""

from __future__ import annotations

import re

from lemminflect import getAllLemmas

from content.terms import Term, TermType
from content.text import MONTHS, STOPWORDS

_YEAR = r"(1[0-9]{3}|20[0-9]{2})"
YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b")  # a year anywhere in a text
# a month's name, for date phrases ("on 29 October 1956", "in May 1998")
MONTH = "(?:" + "|".join(MONTHS) + ")"
_RANGE_RE = re.compile(rf"\b{_YEAR}\s*(?:-|–|—|to|until)\s*{_YEAR}\b")
_DECADE_RE = re.compile(rf"\b{_YEAR}s\b")
_YEAR_RE = re.compile(rf"\b{_YEAR}\b(?![\w’'%-])")


def extract_dates(sentence: str) -> list[Term]:
    """Year ranges, decades and single years, never overlapping."""
    terms: list[Term] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE_RE.finditer(sentence):
        first, last = int(match.group(1)), int(match.group(2))
        if first < last:
            terms.append(_date(match, TermType.RANGE, (first, last)))
            taken.append(match.span())
    for match in _DECADE_RE.finditer(sentence):
        year = int(match.group(1))
        if year % 10 == 0 and not _inside(match.span(), taken):
            terms.append(_date(match, TermType.DECADE, (year, year + 9)))
            taken.append(match.span())
    for match in _YEAR_RE.finditer(sentence):
        if _inside(match.span(), taken) or _counts_something(sentence, match.end()):
            continue
        year = int(match.group(1))
        terms.append(_date(match, TermType.YEAR, (year, year)))
    return sorted(terms, key=lambda term: term.start)


def _date(match: re.Match[str], kind: TermType, span: tuple[int, int]) -> Term:
    text = match.group(0)
    return Term(text, kind, match.start(), match.end(), f"{kind}:{span[0]}-{span[1]}", span=span)


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in taken)


def _counts_something(sentence: str, end: int) -> bool:
    """ "1500 troops" is a count, not a year; "Isaac Newton in 1668 built …" is a year (a
    verb follows, not a noun)."""
    following = re.match(r"\s+([a-z]+)", sentence[end:])
    if following is None or following.group(1) in STOPWORDS:
        return False
    lemmas = getAllLemmas(following.group(1))
    return not ("VERB" in lemmas and "NOUN" not in lemmas)
