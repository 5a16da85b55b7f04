"""Lesson text split into pages that fit one Telegram message each.

Telegram allows 4096 characters per message; a page stays under PAGE_BUDGET so a front end
has room for a header ("Lesson 3/16 · page 2/3") and for HTML escaping of & < >.
"""

from __future__ import annotations

from collections.abc import Iterable

from content.text import split_sentences

PAGE_BUDGET = 3500


def split_pages(text: str, budget: int = PAGE_BUDGET) -> tuple[str, ...]:
    """Pack paragraphs into pages; split an oversized paragraph at sentences, then words."""
    pieces: list[str] = []
    for paragraph in text.split("\n\n"):
        pieces.extend(_fit(paragraph.strip(), budget))
    return tuple(_pack((piece for piece in pieces if piece), "\n\n", budget)) or ("",)


def _fit(paragraph: str, budget: int) -> list[str]:
    if len(paragraph) <= budget:
        return [paragraph]
    if "\n" in paragraph:  # a bullet list: keep whole items together
        units = paragraph.split("\n")
        joiner = "\n"
    else:
        units = split_sentences(paragraph)
        joiner = " "
    if len(units) <= 1:
        return _by_words(paragraph, budget)
    parts = (part for unit in units for part in _fit(unit, budget))
    return _pack(parts, joiner, budget)


def _pack(parts: Iterable[str], joiner: str, budget: int) -> list[str]:
    """Greedily join `parts` with `joiner` into chunks of at most `budget` characters."""
    chunks: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{joiner}{part}" if current else part
        if len(candidate) <= budget:
            current = candidate
        else:
            chunks.append(current)
            current = part
    if current:
        chunks.append(current)
    return chunks


def _by_words(text: str, budget: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > budget:  # a pathological unbroken run of characters
            if current:
                chunks.append(current)
                current = ""
            chunks.append(word[:budget])
            word = word[budget:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= budget:
            current = candidate
        else:
            chunks.append(current)
            current = word
    if current:
        chunks.append(current)
    return chunks
