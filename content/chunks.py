"""Where a long run of text is cut into lessons: locally, so an edit moves only nearby cuts.

Greedy packing ("fill a lesson to 500 words, start the next") moves the cuts after an
edit that changes a paragraph's length; with paragraphs of similar length, every later cut
and so every later lesson's text. Here a cut is decided by the text near it alone:

- The text is a run of units (a paragraph with the list it introduces, a sub-heading with
  what follows it, or a sentence of a paragraph too long for one lesson).
- Each gap between two units gets a strength: how much the vocabulary changes across it
  (1 - Jaccard similarity of their content words), highest before a sub-heading, with a
  hash of the two units' text breaking ties.
- A gap is a cut when it is stronger than every other gap within WINDOW_WORDS words of it.
  So two cuts are always more than WINDOW_WORDS apart, and whether a gap is a cut depends
  only on the units within that distance.
- Then, per piece: one longer than MAX_WORDS is split again at its own strongest gap; one
  shorter than MIN_WORDS joins the neighbour across the weaker of its two cuts, if the
  two fit in MAX_WORDS together.

Editing one unit changes the strengths of its two gaps and the distances across it, so only
cuts within WINDOW_WORDS of the edit can move; every other piece keeps its exact text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from content.text import STOPWORDS, short_hash

MIN_WORDS = 150
MAX_WORDS = 500
WINDOW_WORDS = 120

_WORD = re.compile(r"[a-z][a-z'\-]+")
SUBHEADING_STRENGTH = 2.0


@dataclass(frozen=True, slots=True)
class Unit:
    """Text that stays in one lesson; `opens_topic` for a unit led by a sub-heading."""

    text: str
    words: int
    opens_topic: bool = False


def content_words(text: str) -> frozenset[str]:
    return frozenset(
        word for word in _WORD.findall(text.lower()) if len(word) > 2 and word not in STOPWORDS
    )


def strengths(units: Sequence[Unit]) -> list[float]:
    """Strength of the gap after each unit but the last."""
    vocabulary = [content_words(unit.text) for unit in units]
    result: list[float] = []
    for index in range(len(units) - 1):
        after = units[index + 1]
        tie = int(short_hash(units[index].text, after.text, size=4), 16) / 2**32 / 1000
        if after.opens_topic:
            result.append(SUBHEADING_STRENGTH + tie)
            continue
        first, second = vocabulary[index], vocabulary[index + 1]
        union = len(first | second)
        similarity = len(first & second) / union if union else 1.0
        result.append(1.0 - similarity + tie)
    return result


def cut(units: Sequence[Unit]) -> list[range]:
    """The units of each lesson-sized piece, as index ranges covering `units` in order."""
    if not units:
        return []
    gap_strength = strengths(units)
    offsets = _gap_offsets(units)
    cuts = _local_maxima(gap_strength, offsets)
    pieces = _pieces(len(units), cuts)
    sized: list[range] = []
    for piece in pieces:
        sized.extend(_split_long(piece, units, gap_strength))
    return _merge_short(sized, units, gap_strength)


def _gap_offsets(units: Sequence[Unit]) -> list[int]:
    """Word offset of the gap after each unit but the last."""
    offsets: list[int] = []
    total = 0
    for unit in units[:-1]:
        total += unit.words
        offsets.append(total)
    return offsets


def _local_maxima(gap_strength: Sequence[float], offsets: Sequence[int]) -> list[int]:
    """Gaps stronger than every other gap within WINDOW_WORDS words (a two-pointer sweep)."""
    cuts: list[int] = []
    low = 0
    for gap, offset in enumerate(offsets):
        while offsets[low] < offset - WINDOW_WORDS:
            low += 1
        strongest = True
        neighbour = low
        while neighbour < len(offsets) and offsets[neighbour] <= offset + WINDOW_WORDS:
            if neighbour != gap and gap_strength[neighbour] >= gap_strength[gap]:
                strongest = False
                break
            neighbour += 1
        if strongest:
            cuts.append(gap)
    return cuts


def _pieces(count: int, cuts: Sequence[int]) -> list[range]:
    starts = [0, *(gap + 1 for gap in cuts)]
    ends = [*(gap + 1 for gap in cuts), count]
    return [range(start, end) for start, end in zip(starts, ends, strict=True)]


def _words(piece: range, units: Sequence[Unit]) -> int:
    return sum(units[index].words for index in piece)


def _split_long(piece: range, units: Sequence[Unit], gap_strength: Sequence[float]) -> list[range]:
    """Split at the strongest inner gap that leaves both sides MIN_WORDS, until all fit."""
    if _words(piece, units) <= MAX_WORDS or len(piece) < 2:
        return [piece]
    inner = range(piece.start, piece.stop - 1)
    before = 0
    fitting: list[int] = []
    total = _words(piece, units)
    for gap in inner:
        before += units[gap].words
        if before >= MIN_WORDS and total - before >= MIN_WORDS:
            fitting.append(gap)
    choices = fitting or list(inner)
    best = max(choices, key=lambda gap: gap_strength[gap])
    left, right = range(piece.start, best + 1), range(best + 1, piece.stop)
    return _split_long(left, units, gap_strength) + _split_long(right, units, gap_strength)


def _merge_short(
    pieces: list[range], units: Sequence[Unit], gap_strength: Sequence[float]
) -> list[range]:
    """Join a piece under MIN_WORDS to the neighbour across its weaker cut, when both fit."""
    merged = list(pieces)
    index = 0
    while index < len(merged):
        piece = merged[index]
        if _words(piece, units) >= MIN_WORDS or len(merged) == 1:
            index += 1
            continue
        options: list[tuple[float, int]] = []
        if index > 0:
            options.append((gap_strength[piece.start - 1], index - 1))
        if index + 1 < len(merged):
            options.append((gap_strength[piece.stop - 1], index + 1))
        joined = False
        for _strength, other in sorted(options):
            first, second = sorted((index, other))
            span = range(merged[first].start, merged[second].stop)
            if _words(span, units) <= MAX_WORDS:
                merged[first : second + 1] = [span]
                index = first
                joined = True
                break
        if not joined:
            index += 1
    return merged
