"""Wrong years: near the answer, on both sides of it, inside what the lesson and the
world allow.

Years are drawn 2-8 years from the answer: further out (2016 offered for 1994, 1958 for a
truce talk of 1951) a reviewer calls them implausible. They stay inside the document's
span, never in the future, after a year the sentences just before give and before one the
sentences just after give, inside the life of a well-known body, a state of a set age or
the term of an office holder the stem names; a year that would stand alone at one end is
not asked.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from content.corpus import Corpus, Sentence
from content.date_terms import YEAR
from content.gazetteer import spans_named
from content.terms import DATES, Term, TermType
from content.text import contains_words

# "Now", for "present-day _____" and for no year in the future; a constant, not the clock,
# so that a build does not change with the day it runs on (move it on when a year ends)
TODAY_YEAR = 2026

# Nearer than QUESTION-QUALITY.md's 60: a UN body "founded in 1939" refutes itself, and
# 2016 beside 1994 in a document about the 1990s is not a temptation.
# (12 until review r34 refused 1954-1958 beside 1951 in a war of 1950-1953, and 1971
# beside 1962 in a programme that ended in 1972; close years were the ones it accepted)
MAX_YEAR_SHIFT = 8


def pick_dates(
    corpus: Corpus, answer: Term, *, stem: str, count: int, rng: random.Random,
    source: str = "",
) -> list[str]:
    """Years, ranges or decades near the answer, none of them written in the stem, none
    the lesson rules out (see `_bounds`)."""
    first, last = answer.span
    stem_years = {int(year) for year in YEAR.findall(stem)}
    # within a few years of the document's own span when it has one (no year long before
    # spaceflight for Apollo; but the earliest date of a text must not be the one option
    # with nothing before it), and never in the future
    ceiling = min(max([last, *corpus.years]) + SPAN_MARGIN_YEARS, max(TODAY_YEAR, last))
    floor = min(corpus.years) - SPAN_MARGIN_YEARS if len(set(corpus.years)) >= 3 else 0
    lesson = _lesson_years(corpus, source)
    if (answer.type is TermType.YEAR and len(set(lesson)) >= MIN_LESSON_YEARS
            and min(lesson) <= first <= max(lesson)):
        # the time the lesson tells of: not 1782 for the Convention in a lesson on 1792–1795,
        # nor 1343 in one on the plague's aftermath from 1348 (review r29)
        floor = max(floor, min(lesson) - LESSON_MARGIN_YEARS)
        ceiling = min(ceiling, max(lesson) + LESSON_MARGIN_YEARS)
    core = corpus.core_span
    if core is not None and core[0] <= first and last <= core[1]:
        # the time the document is about (the tenth to the ninetieth percentile of its
        # dates): no 1954 or 1959 for truce talks in a text on the war of 1950-1953, no 1867
        # for a promotion in one on the war of 1861-1865 (review r36)
        floor, ceiling = max(floor, core[0]), min(ceiling, core[1])
    # "The main exchange of prisoners … in 1953" in a text on the war of 1950: not 1948
    floor = max([floor, *(int(year) for year in corpus.headline if int(year) <= first)])
    # "between about _____ and 1353": no year after 1353 (review r31)
    if (pair := _PAIRED_YEAR.search(stem)) is not None:
        # (nor 1352: a pandemic of one year; review r36)
        ceiling = min(ceiling, int(pair["year"]) - MIN_SPAN_YEARS)
    known = _known_spans(stem, first, last)
    after, before = _bounds(corpus, answer, stem, source, known)
    if any(start >= first - 1 for start, _end in known):
        # "the United Nations Conference … in 1945": no year can come before it, so the
        # right one would be the earliest option
        return []
    rounded = answer.type is TermType.YEAR and first % 10 == 0 and bool(_ROUND.search(stem))
    if rounded:
        # "born around _____": 1400 beside 1350 and 1450, not the one round century
        # beside 1390 and 1410
        grain = 50 if first % 50 == 0 else 10
        offsets = [grain * step for step in (-3, -2, -1, 1, 2, 3)]
    elif answer.type is TermType.DECADE:
        # not the next decade: "spread in the 1340s" was still spreading in the 1350s
        # and no century's first decade: "the 1300s" may mean the whole century
        offsets = [o for o in (-40, -30, -20, 20, 30) if (first + o) % 100]
    else:
        nearby = [year - first for year in corpus.years if 2 <= abs(year - first) <= MAX_YEAR_SHIFT]
        offsets = sorted(set(nearby + [-8, -6, -5, -4, -3, 3, 4, 5, 6, 8]))
    # a near year either side is allowed when nothing further fits (not beside "around
    # 1400": 1399 and 1401 would be as right)
    near_offsets = [-2, -1, 1, 2] if answer.type is TermType.YEAR and not rounded else []
    window = _Window(first, last, floor, ceiling, after, before, frozenset(stem_years))
    for _attempt in range(ATTEMPTS):
        rng.shuffle(offsets)
        chosen, others = window.fill(answer.text, offsets, near_offsets, count)
        if not _stands_apart(first, others, decade=answer.type is TermType.DECADE):
            break
    else:
        return []
    if others and _LAST.search(stem) and max(others) < first:
        return []  # "the last person killed … in _____": the latest option answers itself
    return chosen


# draws of the wrong years (each in another order) before a question whose answer would
# stand apart is given up
ATTEMPTS = 4


@dataclass(frozen=True, slots=True)
class _Window:
    """Where wrong years may lie: inside [floor, ceiling], strictly between the years the
    lesson sets before and after, off the years the stem writes."""

    first: int
    last: int
    floor: int
    ceiling: int
    after: int
    before: int
    stem_years: frozenset[int]

    def fill(self, text: str, offsets: list[int], near_offsets: list[int],
             count: int) -> tuple[list[str], list[int]]:
        """Up to `count` shifted copies of `text`, and (sorted) the first years they start in.

        One earlier and one later first, when both fit, the next years if nothing further
        does: "2003" after 1992, 1994 and 1997 is the odd one out, and so is 1990 after
        1982, 1984 and 1986 when the next sentence's 1993 bounds the later side (review
        r37); a narrow window the lesson sets (signed after 1958, in force by 1961) may
        take the next year and the bounds themselves; otherwise years two apart at least.
        """
        taken: list[int] = []  # offsets, in the order they were taken

        def take(offset: int, gap: int, inside: int) -> bool:
            start, end = self.first + offset, self.last + offset
            if (end > self.ceiling or start < self.floor or start in self.stem_years
                    or end in self.stem_years or start < self.after + inside
                    or end > self.before - inside
                    or any(abs(offset - other) < gap for other in (0, *taken))):
                return False
            taken.append(offset)
            return True

        for side in (-1, 1):
            next((o for o in offsets if o * side > 0 and take(o, 2, 1)), None) or next(
                (o for o in near_offsets if o * side > 0 and take(o, 1, 1)), None)
        for offset, gap, inside in [*((o, 2, 1) for o in offsets),
                                    *((o, 1, 0) for o in near_offsets)]:
            if len(taken) >= count:
                break
            take(offset, gap, inside)
        offered = taken[:count]  # the years judged are the years offered
        return ([shift_date(text, offset) for offset in offered],
                sorted(self.first + offset for offset in offered))


MIN_LESSON_YEARS = 3
# the time a lesson tells of, and two years either side (review r36: 1954 and 1959 for
# truce talks in a lesson on 1950-1953, 1867 for a promotion in one on the war's battles)
LESSON_MARGIN_YEARS = 2
MIN_SPAN_YEARS = 3  # "between _____ and 1916": not 1915 or 1914
_PAIRED_YEAR = re.compile(r"\b(?:between|from)\s+(?:about\s+|around\s+|c\.\s+)?_{3,}\s+"
                          r"(?:and|to|until)\s+(?:about\s+)?(?P<year>1[0-9]{3}|20[0-9]{2})\b")


def _lesson_years(corpus: Corpus, source: str) -> list[int]:
    position = corpus.positions.get(source)
    if position is None:
        return []
    lesson = corpus.sentences[position].lesson
    return [year for sentence in corpus.sentences if sentence.lesson == lesson
            for year in _term_years(sentence)]


def _stands_apart(answer: int, others: list[int], *, decade: bool = False) -> bool:
    """All wrong years on one side, and the answer further from the nearest than they are
    from each other: 1097 beside 1104, 1107 and 1109 is the odd one out (blind review r14),
    and so is 1096 after 1088, 1090 and 1092 (a run two years apart, then a step of four:
    whole-bank review of 09123af); a decade with all the others on one side always is (its
    neighbours are never offered: the 1990s after the 1950s, 1960s and 1970s)."""
    if len(others) < 2 or (min(others) < answer < max(others)):
        return False
    if decade:
        return True
    nearest = min(abs(other - answer) for other in others)
    steps = [later - earlier for earlier, later in zip(others, others[1:], strict=False)]
    return nearest > max(steps)


SPAN_MARGIN_YEARS = 5
_ROUND = re.compile(r"\b(?:around|about|circa|c\.|roughly|approximately)\s+_{3,}")
NEIGHBOURS = 2  # sentences each side whose years a reader has just read


def _bounds(corpus: Corpus, answer: Term, stem: str, source: str,
            known: list[tuple[int, int]]) -> tuple[int, int]:
    """The years a wrong option must lie between, as the lesson tells them: after a year
    the sentences just before give (Brexit in 2020 after the 2016 referendum: not 2011),
    before one the sentences just after give, and not before a body the stem names was
    founded (the African Union, established in 2001, did not deploy in the 1980s), and
    inside `known`: the life of a well-known body, the term of an office holder the stem
    names (`_known_spans`)."""
    first, last = answer.span
    after, before = -1, 10_000
    for key, year in corpus.foundings.items():
        if year <= first and any(contains_words(stem, surface)
                                 for surface in corpus.surfaces.get(key, ())):
            after = max(after, year - 1)
    for start, end in known:  # "US President Jimmy Carter": 1977 to 1981
        after, before = max(after, start - 1), min(before, end + 1)
    position = corpus.positions.get(source)
    if position is None:
        return after, before
    lesson = corpus.sentences[position].lesson
    # "Arrival in Europe, 1347": the lesson's title dates it, and no wrong year crosses it
    # (1337–1345 beside 1348 left one year possible: review r28)
    for year in (int(found) for found in YEAR.findall(corpus.lesson_titles[lesson])):
        if first > year:
            after = max(after, year - 1)
        elif last < year:
            before = min(before, year + 1)
    if _LAST.search(stem):
        # "Chris Gueffroy … is regarded as the last person killed …": nothing the lesson
        # dates comes after the last of it (review r23 refused 1992 beside 1989)
        before = min([before, *(year + 1 for sentence in corpus.sentences
                                if sentence.lesson == lesson
                                for year in _term_years(sentence) if year >= last)])
    for sentence in corpus.sentences[max(0, position - NEIGHBOURS):position]:
        if sentence.lesson == lesson:
            after = max([after, *(y for y in _term_years(sentence) if y < first)])
    for sentence in corpus.sentences[position + 1:position + 1 + NEIGHBOURS]:
        if sentence.lesson == lesson:
            before = min([before, *(y for y in _term_years(sentence) if y > last)])
    return after, before


# "the last person killed", "The last Hanseatic Diet" (not "the last steps of …")
_LAST = re.compile(r"\bthe\s+(?:last|final)\s+(?!years?\b|times?\b|decades?\b|centur)"
                   r"[a-z]+\b(?<!s)(?!\s+of\b)", re.I)


def _known_spans(stem: str, first: int, last: int) -> list[tuple[int, int]]:
    """The lives of well-known bodies and the terms of office holders the stem names, that
    the answer falls in (one it falls outside is the text's own business)."""
    return [(start, end) for start, end in spans_named(stem) if start <= first and last <= end]


def _term_years(sentence: Sentence) -> list[int]:
    return [year for term in sentence.terms if term.type in DATES for year in term.span]


def shift_date(text: str, offset: int) -> str:
    """ "1853-1856" shifted by 5 -> "1858-1861", keeping the original separators."""
    return re.sub(r"1[0-9]{3}|20[0-9]{2}", lambda match: str(int(match.group()) + offset), text)
