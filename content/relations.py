"""What the document says about how its terms relate: lists they share, words that govern them.

A wrong option is only wrong if the document never puts it where the answer stands. Two
relations catch the usual failures of same-type distractors:

- coordination: terms the document lists together ("the African Union (AU) and the
  European Union (EU)", "governments, armed groups, and civilian populations") are
  interchangeable in a reader's mind, so one is never a wrong option for the other;
- governors: the content word right before a phrase ("fostering global stability",
  "contributing to sustainable peace"). When the document writes a phrase after the same
  governing word as the blank, that phrase also fits the blank.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from content.terms import NAMED, Term
from content.text import STOPWORDS, fold

# what may stand between two coordinated names: ", ", " and the ", "), " ...
_COORDINATION_GAP = re.compile(r"^\)?\s*(?:,\s*)?(?:(?:and|or|as well as)\s+)?(?:the\s+)?\(?$")
_TOKEN = re.compile(r"[a-z][a-z\-’']*")
_GOVERNOR_REACH = 3  # words looked back from a phrase to find its governing word


def coordination(
    sentences: Iterable[tuple[str, Sequence[Term], Sequence[Sequence[Term]]]],
) -> dict[str, set[str]]:
    """Key -> keys the document coordinates it with, in any sentence.

    Each input is (sentence text, its terms, its inline enumerations' items).
    """
    related: dict[str, set[str]] = defaultdict(set)
    for text, terms, enumerations in sentences:
        for group in [*_name_groups(text, terms), *enumerations]:
            keys = {term.key for term in group}
            for key in keys:
                related[key].update(keys - {key})
    return dict(related)


def _name_groups(text: str, terms: Sequence[Term]) -> list[list[Term]]:
    """Runs of same-type names separated only by commas, "and", "or", "the" or parentheses.

    An acronym in parentheses right after its long form joins the run ("African Union (AU)").
    """
    named = [term for term in terms if term.type in NAMED]
    groups: list[list[Term]] = []
    current: list[Term] = []
    for term in named:
        if current:
            last = current[-1]
            gap = text[last.end : term.start]
            same_entity = term.key == last.key and gap.strip() in ("(", "")
            if same_entity or (term.type is last.type and _COORDINATION_GAP.match(gap)):
                current.append(term)
                continue
            if len({t.key for t in current}) >= 2:
                groups.append(current)
        current = [term]
    if len({t.key for t in current}) >= 2:
        groups.append(current)
    return groups


def governor_stem(text: str, start: int) -> str:
    """The stem of the last content word within a few words before `start`, or ""."""
    words = _TOKEN.findall(fold(text[:start]).lower())[-_GOVERNOR_REACH:]
    for word in reversed(words):
        if word not in STOPWORDS and len(word) > 2:
            return stem(word)
    return ""


def stem(word: str) -> str:
    """A crude stem, enough to match "fostering"/"fosters"/"foster" and "promotes"/"promoting"."""
    word = word.lower().strip("’'")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def governors(sentences: Iterable[tuple[str, Sequence[Term]]]) -> dict[str, set[str]]:
    """Key -> stems of the words that govern the phrase anywhere in the document."""
    found: dict[str, set[str]] = defaultdict(set)
    for text, terms in sentences:
        for term in terms:
            if term.type in NAMED:
                continue
            word = governor_stem(text, term.start)
            if word:
                found[term.key].add(word)
    return dict(found)


# Head nouns that mean nearly the same thing: a phrase with one of them is too close to a
# phrase with another to be a fair wrong option ("sustainable peace" / "global stability").
_NEAR_SYNONYMS = (
    "peace stability security order calm",
    "cooperation collaboration coordination partnership partnerships solidarity alliance",
    "conflict conflicts crisis crises violence war wars tensions disputes hostilities",
    "effectiveness efficiency capacity capability capabilities performance",
    "assistance aid support help relief",
    "dialogue negotiation negotiations diplomacy reconciliation talks",
    "challenges difficulties obstacles constraints problems risks",
    "strategies approaches methods tactics",
    "goals objectives aims purposes",
    "resources means assets",
    "communities populations people civilians",
    "regions areas zones territories",
)
_FAMILY = {word: index for index, line in enumerate(_NEAR_SYNONYMS) for word in line.split()}


def near_synonyms(first: str, second: str) -> bool:
    """True when the two phrases' head nouns (last words) mean nearly the same thing."""
    one, two = first.split()[-1].lower(), second.split()[-1].lower()
    return one in _FAMILY and _FAMILY[one] == _FAMILY.get(two)
