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


# Broad classes of head nouns. Two phrases whose heads share a class fill the same slots
# ("complex situations requiring international intervention / external military support",
# "various military alliances / non-governmental organizations"), so one is no fair wrong
# option for the other, whatever the context.
_BROAD_CLASSES = (
    "alliances alliance organizations organisations institutions entities groups forces "
    "communities populations civilians personnel states nations governments partners actors "
    "stakeholders authorities members troops peacekeepers militaries coalitions bodies",
    "conflicts conflict crises crisis violence war wars tensions disputes hostilities threats "
    "challenges difficulties obstacles risks problems instability insurgencies terrorism",
    # good outcomes a mission "promotes", "encourages" or "contributes to"
    "peace stability security defense defence protection order calm cohesion unity harmony "
    "resilience legitimacy "
    "cooperation collaboration coordination partnership partnerships solidarity dialogue "
    "negotiation negotiations diplomacy reconciliation talks relations integration action",
    "intervention interventions support assistance aid help relief "
    "deployment deployments engagement involvement operations missions",
    "effectiveness efficiency capacity capability capabilities performance interoperability",
    "strategies approaches methods tactics responses solutions frameworks mechanisms "
    "initiatives measures policies",
    "regions areas zones territories environments landscape landscapes settings contexts",
    "dynamics developments trends changes factors circumstances conditions climates",
    "goals objectives aims purposes interests priorities principles values",
)
_CLASS = {word: index for index, line in enumerate(_BROAD_CLASSES) for word in line.split()}
# Words too general to make two phrases alike ("new", "more").
_LIGHT_WORDS = frozenset({"new", "more", "other", "many", "such", "key", "main"})


def fits_anywhere(distractor: str, answer: str) -> bool:
    """True when the distractor names actors ("militant groups", "regional alliances") and
    the answer does not: actors read true after almost any word ("emerging militant groups",
    "inefficiency in regional military alliances"), so they only stand in for actors."""
    actors = _CLASS["alliances"]
    head, answer_head = distractor.split()[-1].lower(), answer.split()[-1].lower()
    return _CLASS.get(head) == actors and _CLASS.get(answer_head) != actors


def same_slot(first: str, second: str) -> bool:
    """True when one phrase would fill the other's blank about as well: they share a
    content word ("collective defense" / "collective security"), or their head nouns are
    near synonyms or of the same broad class ("international intervention" / "external
    military support")."""
    one = {word.lower() for word in first.split()} - _LIGHT_WORDS - STOPWORDS
    two = {word.lower() for word in second.split()} - _LIGHT_WORDS - STOPWORDS
    if one & two or near_synonyms(first, second):
        return True
    head_one, head_two = first.split()[-1].lower(), second.split()[-1].lower()
    return head_one in _CLASS and _CLASS[head_one] == _CLASS.get(head_two)


# Words that govern a blank without narrowing what fits it: after "emerging", "specific" or
# "requiring", nearly any plural noun phrase reads true ("emerging militant groups").
GENERIC_GOVERNORS = frozenset(
    stem(word)
    for word in (
        "emerging specific various unique changing requiring enabling diverse different "
        "new particular certain several numerous impact understanding emphasize compromised"
    ).split()
)
