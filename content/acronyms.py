"""Acronyms and their long forms: Schwartz & Hearst (2003), "long form (SF)" in one sentence."""

from __future__ import annotations

import re

_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]*[A-Z0-9]s?$")


def singular_acronym(name: str) -> str:
    return name[:-1] if name.endswith("s") and name[:-1].isupper() and len(name) > 2 else name


def is_acronym(word: str) -> bool:
    return (
        bool(_ACRONYM.match(word))
        and sum(ch.isupper() for ch in word) >= 2
        and not bool(_ROMAN.match(word))
    )


def find_acronym_definitions(sentence: str) -> dict[str, str]:
    """Schwartz & Hearst: "long form (SF)" pairs in one sentence."""
    found: dict[str, str] = {}
    for match in re.finditer(r"\(([^()]{1,12})\)", sentence):
        short = match.group(1).strip()
        if not is_acronym(short):
            continue
        letters = singular_acronym(short)
        words = sentence[: match.start()].rstrip().split()
        window = words[-min(len(letters) + 5, 2 * len(letters)) :]
        long_form = _best_long_form(letters, " ".join(window))
        if long_form and len(long_form) > len(short) and " " in long_form:
            found[letters] = re.sub(r"^(?:the|The)\s+", "", long_form)
    return found


def _best_long_form(short: str, long: str) -> str | None:
    s_index, l_index = len(short) - 1, len(long) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            long[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = long.rfind(" ", 0, l_index + 1) + 1
    return long[start:]
