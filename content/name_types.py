"""Types for names no list knows, from what the document says around them.

The gazetteer and the given-name list type "Geneva" and "Marie Curie"; most names of a
real document are in neither ("Zhang Qian", "Samarkand", "Aldus Manutius"), and an untyped
name is never a question, an answer or a wrong option. A name is a person when a role noun
stands right before it ("the envoy Zhang Qian", "a monk named Wang Yuanlu") or describes it
("Aldus Manutius, a humanist scholar"), and a place when a place noun does ("the city of
Mainz", "Dunhuang, an oasis town"). A name with evidence for both is left untyped, and a
bare surname is a person only when the document names one person with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

# the sort of place each noun says (content/gazetteer.py, place_kind)
_PLACE_KINDS = {
    **dict.fromkeys("city town port village capital oasis harbour seaport fortress settlement"
                    .split(), "city"),
    **dict.fromkeys("province region county valley".split(), "region"),
    "river": "water",
    **dict.fromkeys("island kingdom principality duchy emirate republic state".split(), "land"),
}
_PLACE_NOUNS = "|".join(_PLACE_KINDS)
# "the city of Mainz", "the port of Bruges" (never "the king of", which is a title)
_PLACE_BEFORE = re.compile(rf"\bthe\s+({_PLACE_NOUNS})\s+of\s+$")
# "Dunhuang, an oasis town", "Samarkand, the chief city of Sogdiana"
_PLACE_AFTER = re.compile(
    rf"^,\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){{0,3}}?({_PLACE_NOUNS})\b(?!\s+(?:of\s+)?"
    r"(?:official|ruler|leader|council|government|army))")
# what a capitalised run must look like to be a name typed here: one to four words
_NAME = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|von|van|da|di|du|le|la))"
                   r"{0,3}$")


@cache
def role_nouns() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "roles.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#")
                     for word in line.split())


@cache
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    roles = "|".join(sorted(role_nouns(), key=len, reverse=True))
    # "the German geographer", "the envoy", "a Daoist monk named", "geologist"
    # (a title in capitals counts too: "President Dwight D. Eisenhower", "Prime Minister
    # Anthony Eden"; and "the British prime minister, Anthony Eden")
    before = re.compile(rf"(?:^|\b(?:the|a|an|[Tt]he|[Aa]n?)\s+|\s)(?:[A-Z][\w-]*\s+)?"
                        rf"(?:[a-z][\w-]*\s+)?(?P<role>(?i:{roles})),?\s+"
                        r"(?:named\s+|called\s+)?$")
    # "Aldus Manutius, a humanist scholar", "Pierre Curie, the French physicist who"
    after = re.compile(rf"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?P<role>{roles})\b")
    return before, after


def roles_of(
    sentences: Iterable[str], runs: Callable[[str], list[tuple[str, int, int]]]
) -> dict[str, str]:
    """Name -> the line of work the document gives it ("the Soviet premier Nikolai
    Bulganin": politician), when it gives one only."""
    before_role, after_role = _role_patterns()
    found: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        for text, start, end in runs(sentence):
            said = before_role.search(sentence[:start]) or after_role.match(sentence[end:])
            if said is not None and (kind := role_class(said["role"].lower())) is not None:
                found[text].add(kind)
    return {name: next(iter(kinds)) for name, kinds in found.items() if len(kinds) == 1}


def context_types(
    sentences: Iterable[str],
    runs: Callable[[str], list[tuple[str, int, int]]],
    known: Callable[[str], bool],
) -> tuple[set[str], dict[str, str]]:
    """People, and places with their sort ("city", "region", "water", "land"), among the
    capitalised runs `runs` finds that `known` does not type."""
    before_role, after_role = _role_patterns()
    votes: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        for text, start, end in runs(sentence):
            if known(text) or not _NAME.match(text):
                continue
            before, after = sentence[:start], sentence[end:]
            if before_role.search(before) or after_role.match(after):
                votes[text].add("person")
            if found := _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
                votes[text].add(_PLACE_KINDS[found.group(1)])
    people = {name for name, kinds in votes.items() if kinds == {"person"}}
    places = {name: kind for name, kinds in votes.items() if len(kinds) == 1
              and (kind := next(iter(kinds))) != "person"}
    return people, places


# What people are, in broad lines of work: a physicist is not offered for a prime
# minister's deed (reviews: "Isaac Newton" for a Prime Minister of Italy, "Warren G.
# Harding" beside physicists)
ROLE_CLASSES: dict[str, frozenset[str]] = {
    "ruler": frozenset("king queen emperor empress sultan tsar prince princess duke ruler "
                       "sovereign conqueror warlord".split()),
    "politician": frozenset("president minister premier chancellor secretary senator governor "
                            "statesman politician diplomat ambassador envoy consul mayor "
                            "leader".split()),
    "scientist": frozenset("physicist chemist biologist biochemist bacteriologist scientist "
                           "researcher mathematician astronomer geologist geophysicist "
                           "oceanographer physiologist pathologist pharmacologist "
                           "microbiologist virologist immunologist epidemiologist anatomist "
                           "botanist zoologist crystallographer engineer inventor "
                           "physician doctor surgeon neurologist palaeontologist "
                           "meteorologist alchemist".split()),
    "soldier": frozenset("general admiral commander soldier officer mercenary knight marshal "
                         "colonel captain lieutenant sergeant".split()),
    "writer": frozenset("writer poet author novelist playwright essayist journalist editor "
                        "publisher printer scholar humanist historian philosopher "
                        "biographer".split()),
    "clergy": frozenset("bishop archbishop monk abbot priest pope cardinal friar nun rabbi "
                        "preacher missionary theologian".split()),
}


def role_class(role: str) -> str | None:
    """The line of work a role noun belongs to, or None."""
    return next((name for name, roles in ROLE_CLASSES.items() if role in roles), None)


def surnames(people: Iterable[str]) -> set[str]:
    """ "Lesseps" for "Ferdinand de Lesseps": a later mention by surname is the same kind of
    name (which of two Curies it is, the question generators decide)."""
    return {words[-1] for person in people
            if len(words := person.split()) > 1 and "the" not in words
            and len(words[-1]) > 2 and words[-1].istitle()}
