"""Typed terms in sentences: organisations, missions, events, places, people, acronyms, dates.

Rule-based on purpose (no model downloads): capitalised runs are typed by their head word
("... Council" is an organisation, "... Force" a mission, "... War" an event), by the
gazetteer for places, and by titles ("President X") for people. Acronyms are found with the
Schwartz & Hearst (2003) algorithm, "Long Form (ACR)", and bare acronyms borrow the type of
the name whose initials they match ("UN" -> "United Nations").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from content.acronyms import find_acronym_definitions, is_acronym, singular_acronym
from content.aliases import find_aliases
from content.capital_runs import (
    AGREEMENT_FIRST,
    CONNECTORS,
    MISSION_WORDS,
    ORG_HEADS,
    WORD,
    capital_runs,
)
from content.gazetteer import PLACE_HEADS, PLACES
from content.name_types import Runs, read_context, role_class, surnames
from content.people import HUMAN_AFTER, NOT_A_PERSON, given_name_first, one_person_spellings
from content.text import fold_key


class TermType(StrEnum):
    ORG = "organisation"
    MISSION = "mission"
    EVENT = "event"
    PLACE = "place"
    PERSON = "person"
    YEAR = "year"
    RANGE = "year range"
    DECADE = "decade"
    CONCEPT = "concept"
    ITEM = "list item"


NAMED = frozenset({TermType.ORG, TermType.MISSION, TermType.EVENT, TermType.PLACE, TermType.PERSON})
DATES = frozenset({TermType.YEAR, TermType.RANGE, TermType.DECADE})

_EVENT_WORDS = frozenset(
    "War Wars Congress Conference Treaty Accord Accords Agreement Revolution Crisis Summit "
    "Convention Declaration Protocol Genocide Battle Peace Uprising Intervention Campaign "
    "Settlement Charter Act".split()
)
_CALENDAR = frozenset({"Year", "Day", "Month", "Week", "Age", "Era"})
_TITLES = frozenset(
    "President General Secretary-General Secretary Dr Dr. Prime Minister King Queen Emperor "
    "Ambassador Chancellor Sir Mr Mr. Mrs Mrs. Ms Ms. Professor Admiral Colonel Lord Pope "
    "Marshal Field Commander Lieutenant Envoy Senator Governor Foreign Special Duke Duchess "
    "Count Countess Prince Princess Bishop Archbishop Abbot Baron Earl Tsar "
    "Sultan Caliph Pharaoh Chief Justice".split()
)
# A bare acronym nobody spells out is an organisation only when the text shows it acting
# and never as a thing: "ITV announced" and "NTL had" are actors, "a Sky+ PVR", "their EPG"
# and "in UHD" are products and formats (asked about as "which organisation" they fail).
_VERBISH = (
    r"has|have|had|was|were|is|are|will|would|could|can|did|does|also|then|later|still|"
    r"became|began|bought|sold|made|took|won|lost|paid|said|says|announced|launched|agreed|"
    r"offered|owns|owned|runs|ran|joined|[a-z]{3,}ed"
)
_ACTING = re.compile(rf"\b([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)\s+(?:{_VERBISH})\b")
_USED_AS_THING = re.compile(
    r"\b(?:a|an|its|their|his|her|our|per)\s+(?:[A-Z][\w+]*\s+)?"
    r"([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)\b(?![’']|\s+(?:of|for)\b)"
)
_MISSION_CONTEXT = re.compile(
    r"\b(?:operations?|missions?)\s+(?:like|such as|including|named|called)\s+"
    r"(?:[A-Z]{2,}\s*(?:,|and)\s*)*$"
)


@dataclass(frozen=True, slots=True)
class Term:
    """A typed span of one sentence; `key` is the entity's identity (aliases share it)."""

    text: str
    type: TermType
    start: int
    end: int
    key: str
    acronym: bool = False
    span: tuple[int, int] = (0, 0)  # for dates: the first and last year covered


@dataclass(slots=True)
class Lexicon:
    """What the whole document tells about its names: acronyms, people, common words."""

    lower_words: set[str] = field(default_factory=set)
    acronyms: dict[str, str] = field(default_factory=dict)  # short form -> long form
    people: set[str] = field(default_factory=set)
    names: dict[str, TermType] = field(default_factory=dict)  # name -> type
    initials: dict[str, str] = field(default_factory=dict)  # initials -> name
    # bare acronyms seen doing something ("ITV announced") and seen as things ("a PVR")
    actors: set[str] = field(default_factory=set)
    things: set[str] = field(default_factory=set)
    # places typed by what the text calls them ("Dunhuang, an oasis town": "city")
    place_kinds: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # second name -> first (aliases.py)
    roles: dict[str, str] = field(default_factory=dict)  # person -> line of work (name_types)
    origins: dict[str, str] = field(default_factory=dict)  # person -> "British" (name_types)
    offices: dict[str, str] = field(default_factory=dict)  # person -> "pope" (name_types)

    def key(self, name: str) -> str:
        """Identity of a name: an acronym shares its long form's key, a second name the
        first's."""
        name = self.aliases.get(name, name)
        short = singular_acronym(name)
        if short in self.acronyms:
            return fold_key(self.acronyms[short])
        if short in self.initials:
            return fold_key(self.initials[short])
        return fold_key(name)


def classify_name(name: str) -> TermType | None:
    """Type a capitalised name by its words; None when nothing says what it is."""
    words = name.split()
    if name in PLACES:
        return TermType.PLACE
    if words[0] in AGREEMENT_FIRST and len(words) > 2:
        return TermType.EVENT  # "Treaty on European Union": an agreement, not a union
    head = next((words[i - 1] for i, word in enumerate(words)
                 if i and word in {"of", "for", "on"}), "")
    if (words[-1] in ORG_HEADS or head in ORG_HEADS) and len(words) > 1 or words[0] == "League":
        return TermType.ORG  # "Department of Defense" as much as "Defense Department"
    if words[-1] == "Congress" and len(words) > 1:
        return TermType.ORG  # "the United States Congress" sits; "the Congress of Vienna" met
    if any(word in MISSION_WORDS for word in words) and len(words) > 1:
        return TermType.MISSION
    if any(word in _EVENT_WORDS for word in words) and len(words) > 1:
        return TermType.EVENT
    if len(words) > 1 and words[-1] in PLACE_HEADS and words[0] not in _TITLES | _CALENDAR:
        # "King of the Canary Islands" is a title, "Year I of the French Republic" a date
        return TermType.PLACE
    lowered = name.lower()
    if lowered.endswith(("organizations", "organisations", "organization", "organisation")):
        return TermType.ORG
    return None


def build_lexicon(sentences: list[str]) -> Lexicon:
    """First pass over the document: common words, acronym definitions, people, names."""
    lexicon = Lexicon()
    for sentence in sentences:
        for word in WORD.findall(sentence):
            if word.islower():
                lexicon.lower_words.add(word)
        lexicon.acronyms.update(find_acronym_definitions(sentence))
        lexicon.aliases.update(find_aliases(sentence))
        lexicon.actors.update(_ACTING.findall(sentence))
        lexicon.things.update(_USED_AS_THING.findall(sentence))
    # the runs depend on the common words just gathered, and are read four ways below
    runs = [(sentence, _capital_runs(sentence, lexicon)) for sentence in sentences]
    for sentence, found in runs:
        for text, start, end in found:
            person = _person_name(text)
            if person:
                lexicon.people.add(person)
            elif (kind := classify_name(text)) is not None:
                lexicon.names.setdefault(text, kind)
            elif (_acts_human(text, sentence, end)
                  # "honoured as Pater Patriae, father of his country": an epithet
                  and not re.search(r"(?<!such)\s+as\s+$", sentence[:start])) or (
                    given_name_first(text)
                    # "lowered by one step at Pedro Miguel": a place named like a person;
                    # "Institutes of the Christian Religion": a title, "the" before a name
                    and not re.search(r"\b(?:at|near|[Tt]he)\s+$", sentence[:start])):
                lexicon.people.add(text)
    context = read_context(
        runs,
        lambda name: (name in lexicon.people or name in lexicon.names or name in PLACES
                      or is_acronym(name)),
    )
    lexicon.people |= context.people
    lexicon.names.update(dict.fromkeys(context.places, TermType.PLACE))
    lexicon.place_kinds.update(context.places)
    lexicon.roles, lexicon.offices = _roles(runs, context.roles, context.offices)
    lexicon.origins = {(_person_name(name) or name): origin
                       for name, origin in context.origins.items()}
    leading = _leading_words(runs, lexicon.people)
    lexicon.people |= {name for name in surnames(lexicon.people)
                       if name not in lexicon.names and name not in PLACES
                       and name not in leading}
    for spelling, person in one_person_spellings(lexicon.people).items():
        lexicon.aliases.setdefault(spelling, person)  # "John A. Roebling": one key
    for long_form in lexicon.acronyms.values():
        if long_form[:1].isupper() and (kind := classify_name(long_form)) is not None:
            lexicon.names.setdefault(long_form, kind)
    for name in lexicon.names:
        letters = "".join(word[0] for word in name.split() if word.lower() not in CONNECTORS)
        if len(letters) >= 2:
            lexicon.initials.setdefault(letters.upper(), name)
    return lexicon


def _roles(runs: Runs, described: dict[str, str],
           offices: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Person -> line of work, and person -> role noun, from a role noun beside the name
    ("the physicist Henri Becquerel": `described`, `offices`) or a title in it ("President
    Warren G. Harding", "Pope Leo X")."""
    found = {(_person_name(name) or name): work for name, work in described.items()}
    nouns = {(_person_name(name) or name): noun for name, noun in offices.items()}
    for _sentence, named in runs:
        for text, _start, _end in named:
            person = _person_name(text)
            titles = text.removesuffix(person or "").split() if person else []
            kinds = {(kind, title.lower()) for title in titles
                     if (kind := role_class(title.lower()))}
            if person and len(kinds) == 1:
                kind, noun = kinds.pop()
                found.setdefault(person, kind)
                nouns.setdefault(person, noun)
    return found, nouns


def _leading_words(runs: Runs, people: set[str]) -> set[str]:
    """First words of longer names that are not people's: "Hubble" in a text about the
    "Hubble Space Telescope" means the telescope as often as the astronomer."""
    return {text.split()[0] for _sentence, named in runs
            for text, _start, _end in named if len(text.split()) > 1 and text not in people}


def _acts_human(name: str, sentence: str, end: int) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 3 or is_acronym(name) or name in PLACES:
        return False
    return HUMAN_AFTER.match(sentence[end:]) is not None


def _person_name(run: str) -> str | None:
    words = run.split()
    index = 0
    while index < len(words) and words[index] in _TITLES:
        index += 1
    rest = words[index:]
    # "Count de Niebla" is a title of a place, not a person called "de Niebla"
    if (index and 1 <= len(rest) <= 3 and rest[0][:1].isupper()
            and rest[-1] not in ORG_HEADS  # "General Assembly" is not General "Assembly"
            and rest[-1] not in NOT_A_PERSON  # "Sir William Dunn School" is a school
            and classify_name(" ".join(rest)) is None):
        return " ".join(rest)
    return None



def _capital_runs(sentence: str, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """The document's names in one sentence, before typing (content/capital_runs.py)."""
    return capital_runs(sentence, lexicon.lower_words, classify_name)


def extract_named(sentence: str, lexicon: Lexicon) -> list[Term]:
    """Typed names and acronyms in one sentence."""
    terms: list[Term] = []
    for text, start, end in _capital_runs(sentence, lexicon):
        words = text.split()
        if len(words) == 1 and is_acronym(text):
            long_form = lexicon.acronyms.get(singular_acronym(text), "")
            if long_form[:1].islower():
                continue  # "NGOs": a class of things, not one named organisation
            kind = _acronym_type(text, sentence[:start], lexicon)
            if kind is None:
                continue  # no clear type, no question
            terms.append(Term(text, kind, start, end, lexicon.key(text), acronym=True))
            continue
        person = _person_name(text)
        if person:
            offset = text.rindex(person)
            terms.append(Term(person, TermType.PERSON, start + offset, end, lexicon.key(person)))
        elif text in lexicon.people:
            terms.append(Term(text, TermType.PERSON, start, end, lexicon.key(text)))
        elif (named_kind := lexicon.names.get(text) or classify_name(text)) is not None:
            terms.append(Term(text, named_kind, start, end, lexicon.key(text)))
    return terms


def _acronym_type(acronym: str, before: str, lexicon: Lexicon) -> TermType | None:
    short = singular_acronym(acronym)
    long_form = lexicon.acronyms.get(short) or lexicon.initials.get(short)
    if long_form:
        kind = lexicon.names.get(long_form) or classify_name(long_form)
        if kind is not None:
            return kind
        if long_form.split()[-1] in NOT_A_PERSON:
            return None  # "JWST has found …": the James Webb Space Telescope acts, a thing
    if _MISSION_CONTEXT.search(before[-40:]):
        return TermType.MISSION
    if short in lexicon.things or acronym in lexicon.things:
        return None
    return TermType.ORG if acronym in lexicon.actors or short in lexicon.actors else None
