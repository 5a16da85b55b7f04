"""Types for names no list knows, from what the document says around them.

The gazetteer and the given-name list type "Geneva" and "Marie Curie"; most names of a
real document are in neither ("Zhang Qian", "Samarkand", "Aldus Manutius"), and an untyped
name is never a question, an answer or a wrong option. A name is a person when a role noun
stands right before it ("the envoy Zhang Qian", "a monk named Wang Yuanlu") or describes it
("Aldus Manutius, a humanist scholar"), and a place when a place noun does ("the city of
Mainz", "Dunhuang, an oasis town"). A name with evidence for both is left untyped. The role
noun also gives the person's line of work (content/data/roles.txt), so that a physicist is
not offered for what a prime minister did.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from content.people import DEMONYM, name_culture

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
# "the British prime minister", "the Soviet premier", "the French physicist": where a
# person is from, so that a Soviet premier is not offered for a British one's deed
# (people.DEMONYM's endings, and "Israeli", "Soviet", "Greek" … that they miss)
_ORIGIN = re.compile(rf"{DEMONYM.pattern}|(?:i|^Soviet|^Greek|^Swiss|^Arab|^Thai|^Czech|"
                     r"^Welsh|^Norse)$")
# "made the king Supreme Head of the Church of England": an office, not the king's name
_TITLE_AFTER = re.compile(r"^\s+of\s+the\s+[A-Z]")
# "Atahualpa's generals", "Huayna Capac's sons": only a person has them (names no list
# knows: "Atahualpa", "Huáscar", "Möngke")
_KIN_AFTER = re.compile(r"^['’]s\s+(?:sons?|daughters?|wife|wives|husband|heirs?|"
                        r"half-brothers?|brothers?|sisters?|generals|attendants|widow|"
                        r"successors?|nephews?|reign|murder|assassination)\b")
_NO_LINE = "other"  # a role that says "a person" but no line of work that matters here

# A sentence with the capitalised runs found in it: (text, start, end) each
Runs = Sequence[tuple[str, Sequence[tuple[str, int, int]]]]


@cache
def _roles() -> dict[str, str]:
    """Role noun -> line of work, from content/data/roles.txt ("line: noun noun …")."""
    text = (Path(__file__).parent / "data" / "roles.txt").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    line_of_work = ""
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line[:1].isspace():
            line_of_work, line = line.split(":", 1)
        found.update(dict.fromkeys(line.split(), line_of_work))
    return found


def role_class(role: str) -> str | None:
    """The line of work a role noun belongs to ("physicist": "scientist"), or None."""
    found = _roles().get(role)
    return None if found in (None, _NO_LINE) else found


@cache
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    roles = "|".join(sorted(_roles(), key=len, reverse=True))
    # "the German geographer", "the envoy", "a Daoist monk named", "geologist"
    # (a title in capitals counts too: "President Dwight D. Eisenhower", "Prime Minister
    # Anthony Eden"; and "the British prime minister, Anthony Eden")
    # ("the German monk and professor Martin Luther": the first role, the second one too)
    before = re.compile(rf"(?:^|\b(?:the|a|an|[Tt]he|[Aa]n?)\s+|\s)(?:(?P<origin>[A-Z][\w-]*)\s+)?"
                        rf"(?:[a-z][\w-]*\s+)?(?P<role>(?i:{roles}))"
                        rf"(?:\s+and\s+(?P<second>(?i:{roles})))?,?\s+"
                        r"(?:named\s+|called\s+)?$")
    # "Aldus Manutius, a humanist scholar", "Pierre Curie, the French physicist who",
    # "John Calvin (1509–1564) was a French theologian"
    after = re.compile(rf"^(?:,|\s*(?:\([^)]*\)\s*)?\s(?:was|is)\b)\s+(?:a|an|the)\s+"
                       rf"(?:(?P<origin>[A-Z][\w-]*)\s+)?"
                       rf"(?:[\w-]+\s+){{0,3}}?(?P<role>{roles})\b(?P<second>)")
    return before, after


@dataclass(slots=True)
class NameContext:
    """What the words around the document's names say of them."""

    people: set[str] = field(default_factory=set)
    places: dict[str, str] = field(default_factory=dict)  # name -> sort of place
    roles: dict[str, str] = field(default_factory=dict)  # name -> line of work
    origins: dict[str, str] = field(default_factory=dict)  # name -> "British", "Soviet"
    offices: dict[str, str] = field(default_factory=dict)  # name -> its role noun: "pope"


_COMMANDED = re.compile(r"\b(?:forces|troops|army|armies|fleet|batteries|cavalry|infantry)\s+"
                        r"(?:under|led\s+by|commanded\s+by)\s+$")


def read_context(runs: Runs, known: Callable[[str], bool]) -> NameContext:
    """People and places among the names `known` does not type, and every name's line of
    work when the document gives it one only, in one pass over the runs."""
    before_role, after_role = _role_patterns()
    votes: dict[str, set[str]] = defaultdict(set)
    works: dict[str, set[str]] = defaultdict(set)
    origins: dict[str, set[str]] = defaultdict(set)
    offices: dict[str, set[str]] = defaultdict(set)
    for sentence, found in runs:
        last_end, last_work = -1, ""
        for text, start, end in found:
            before, after = sentence[:start], sentence[end:]
            said = before_role.search(before) or after_role.match(after)
            role = said["role"].lower() if said is not None else ""
            if said is not None and said["second"] and role_class(role) is None:
                role = said["second"].lower()  # "the monk and professor": the monk
            if (work := role_class(role)) is not None:
                works[text].add(work)
                offices[text].add(role)
            elif _COMMANDED.search(before) or (
                    last_work and re.fullmatch(r"\s+and\s+", sentence[last_end:start])):
                # "forces under Beauregard and Joseph E. Johnston": both commanded, and
                # the second of two shares the first's line ("Generals X and Y")
                work = last_work or "soldier"
                works[text].add(work)
            last_end, last_work = end, work or ""
            if said is not None and said["origin"] and _ORIGIN.search(said["origin"]):
                origins[text].add(said["origin"])
            if known(text) or not _NAME.match(text):
                continue
            if ((said is not None and not _TITLE_AFTER.match(after)) or _KIN_AFTER.match(after)
                    or name_culture(text) == "japanese"):  # "Itō Hirobumi", "Ōkubo Toshimichi"
                votes[text].add("person")
            if place := _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
                votes[text].add(_PLACE_KINDS[place.group(1)])
    context = NameContext()
    for name, kinds in votes.items():
        if len(kinds) == 1 and (kind := next(iter(kinds))) == "person":
            context.people.add(name)
        elif len(kinds) == 1:
            context.places[name] = kind
    context.roles = {name: next(iter(lines)) for name, lines in works.items() if len(lines) == 1}
    context.origins = {name: next(iter(found)) for name, found in origins.items()
                       if len(found) == 1}
    context.offices = {name: next(iter(found)) for name, found in offices.items()
                       if len(found) == 1}
    return context


def surnames(people: Iterable[str]) -> set[str]:
    """ "Lesseps" for "Ferdinand de Lesseps": a later mention by surname is the same kind of
    name (which of two Curies it is, the question generators decide)."""
    return {words[-1] for person in people
            if len(words := person.split()) > 1 and "the" not in words
            and len(words[-1]) > 2 and words[-1].istitle()}
