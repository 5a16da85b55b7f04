"""What a document dates: "the Congress of Vienna" in 1815, who died when, what was founded
when. Corpus building (content/corpus.py) calls these once per document."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from content.terms import Lexicon, Term, TermType
from content.text import fold_key, opens_vaguely

if TYPE_CHECKING:
    from content.corpus import Sentence

# "1948: The establishment of …", a timeline entry
DATE_LABEL = re.compile(r"^\s*(?:1[0-9]{3}|20[0-9]{2})s?\s*:\s*")

_NOMINAL = re.compile(
    r"(?:the\s+)?(?:establishment|formation|creation|founding|signing|deployment|launch|"
    r"implementation|adoption)\s+of\s+(?:the\s+)?$",
    re.I,
)
@dataclass(frozen=True, slots=True)
class DatedItem:
    """Something the document dates: "the Congress of Vienna" in 1815."""

    label: str
    key: str
    date: Term
    sentence: Sentence


_DIED = re.compile(r"^[^.;]{0,40}?\b(?:died|was\s+killed|was\s+executed|was\s+murdered)\b")


_FOUNDED = re.compile(r"^[^.;]{0,40}?\b(?:was\s+|were\s+)?(?:founded|established|created|formed|"
                      r"set\s+up|launched)\b")


def foundings(sentences: list[Sentence]) -> dict[str, int]:
    """ "The African Union, established in 2001, …": no year before 2001 for what it did."""
    return _dated_by(sentences, frozenset({TermType.ORG, TermType.MISSION}), _FOUNDED)


def deaths(sentences: list[Sentence]) -> dict[str, int]:
    """ "On 19 April 1906 Pierre Curie was killed …": nobody offered for 1921 who died in 1906."""
    return _dated_by(sentences, frozenset({TermType.PERSON}), _DIED)


def _dated_by(sentences: list[Sentence], kinds: frozenset[TermType],
              after_name: re.Pattern[str]) -> dict[str, int]:
    """Key -> year, for the first name of `kinds` in a one-year sentence whose words just
    after it match `after_name` (its founding, its death)."""
    found: dict[str, int] = {}
    for sentence in sentences:
        years = [term for term in sentence.terms if term.type is TermType.YEAR]
        names = [term for term in sentence.terms if term.type in kinds]
        if len(years) == 1 and names and after_name.match(sentence.text[names[0].end:]):
            found.setdefault(names[0].key, int(years[0].text))
    return found


def dated_items(sentences: list[Sentence], lexicon: Lexicon) -> list[DatedItem]:
    """Entities the document dates exactly once (an entity with two dates is ambiguous)."""
    found: list[DatedItem] = []
    for sentence in sentences:
        dates = sentence.dates()
        if len(dates) != 1:
            continue
        anchor = _anchor(sentence, dates[0])
        if anchor is None:
            continue
        found.append(
            DatedItem(_label(sentence.text, anchor, lexicon), anchor.key, dates[0], sentence)
        )
    dated_keys: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        for date in sentence.dates():
            for term in sentence.named():
                dated_keys[term.key].add(date.key)
    kept: list[DatedItem] = []
    for item in found:
        if len(dated_keys[item.key]) == 1:
            kept.append(item)
        elif (label := _timeline_label(item.sentence.text)) is not None:
            # "1992: NATO's involvement in the Balkans ...": NATO has other dates, but the
            # event this timeline entry names has only this one
            kept.append(DatedItem(label, "timeline:" + fold_key(label), item.date, item.sentence))
    return kept


_FINITE = re.compile(r"\s(?:[a-z]+ed|is|was|were|are|has|have|had|began|led|took)\b")
_TRAILING = re.compile(r"\s(?:through|with|by|like|during|under|via|after|before|from)\s.*$")


def _timeline_label(text: str) -> str | None:
    """The subject of a "YEAR: subject verb ..." entry, as a short noun phrase."""
    rest = DATE_LABEL.sub("", text)
    verb = _FINITE.search(rest)
    if verb is None or rest == text:
        return None
    label = _TRAILING.sub("", rest[: verb.start()]).strip()
    if not 2 <= len(label.split()) <= 10 or len(label) > 80 or opens_vaguely(label):
        return None
    return label[:1].lower() + label[1:] if label.startswith("The ") else label


_REFERENCE_POINT = re.compile(
    r"\b(?:[Aa]fter|[Bb]efore|[Ff]ollowing|[Ss]ince|[Uu]ntil|[Ss]ucceed(?:ed|ing)?)\s+(?:the\s+)?$")
MAX_DATE_GAP_WORDS = 5


def _near(text: str, term: Term, date: Term) -> bool:
    """The date stands within a few words of the name it would date, and no verb comes
    between a date and a name after it ("A naval war … from 1469 to 1474 ended with the
    Treaty of Utrecht": the years are the war's, not the treaty's)."""
    if term.end <= date.start:
        return len(text[term.end : date.start].split()) <= MAX_DATE_GAP_WORDS
    gap = text[date.end : term.start]
    return len(gap.split()) <= MAX_DATE_GAP_WORDS and _FINITE.search(gap) is None


def _anchor(sentence: Sentence, date: Term) -> Term | None:
    candidates = [
        term
        for term in sentence.named()
        if term.type in (TermType.ORG, TermType.MISSION, TermType.EVENT)
    ]
    if not candidates:
        return None
    if DATE_LABEL.match(sentence.text):  # "1948: The establishment of ..."
        return candidates[0]
    # "After the Second World War, diplomats … adopted four new conventions on 12 August
    # 1949": a time reference for something else, far from the date, dates nothing
    candidates = [term for term in candidates
                  if not _REFERENCE_POINT.search(sentence.text[: term.start])
                  and _near(sentence.text, term, date)]
    if not candidates:
        return None
    if len({term.key for term in candidates}) == 1:
        return candidates[0]
    before = [term for term in candidates if term.end <= date.start]
    if not before:
        return None
    nearest = before[-1]
    gap = sentence.text[nearest.end : date.start]
    if len(gap.split()) > 5:
        return None
    return next(term for term in candidates if term.key == nearest.key)  # the long form first


def _label(text: str, anchor: Term, lexicon: Lexicon) -> str:
    name = anchor.text
    if anchor.acronym and anchor.text in lexicon.acronyms:
        name = lexicon.acronyms[anchor.text]
    prefix = _NOMINAL.search(text[: anchor.start])
    if prefix:
        nominal = prefix.group(0).strip()
        nominal = nominal[:1].lower() + nominal[1:]
        if not nominal.startswith("the "):
            nominal = f"the {nominal}"
        return f"{nominal} {name}"
    first = name.split()[0]
    if first in {"The", "the"}:
        return "the " + name.split(" ", 1)[1]
    if anchor.acronym or len(name.split()) == 1 or first[:1].islower():
        return name
    return f"the {name}"  # "the Second World War", not "Second World War"


HEADLINE_SHARE = 0.35  # of the sentences a document dates
MIN_HEADLINE_SENTENCES = 5


def headline_years(sentences: list[Sentence]) -> frozenset[str]:
    """The year a document is about, when one dates over a third of its dated sentences
    (the Suez Crisis in 1956, the Titanic in 1912, the Korean War's 1950): asked for, it is
    known to anyone who knows the subject, and read on every page (review r29)."""
    counts: dict[int, int] = defaultdict(int)
    dated = 0
    for sentence in sentences:
        years = {term.span[0] for term in sentence.dates() if term.span[0] == term.span[1] > 0}
        dated += bool(years)
        for year in years:
            counts[year] += 1
    return frozenset(str(year) for year, count in counts.items()
                     if count >= MIN_HEADLINE_SENTENCES and count >= HEADLINE_SHARE * dated)


def name_eras(sentences: list[Sentence], cooccur: dict[str, set[int]], people: set[str], *,
              own_years: dict[int, list[int]],
              sentence_years: dict[int, list[int]]) -> dict[str, int]:
    """Key -> the middle year of the sentences naming it. A person is dated by the
    sentences that name them with a year of their own, not by the year of the sentence
    before ("The Russian physiologist Ivan Pavlov studied …" after Beaumont's 1833: Pavlov
    was offered for 1824 in review r25), and in each by the year nearest the name; "Ivan
    Pavlov" by "Pavlov received … in 1904" when his full name has no year."""
    eras: dict[str, int] = {}
    near = nearest_years(sentences, people)
    for key, where in cooccur.items():
        dating = own_years if key in people else sentence_years
        found = sorted(near.get(key) or [year for index in where
                                         for year in dating.get(index, [])])
        if found:
            eras[key] = found[len(found) // 2]
    for key in people - eras.keys():
        surname = key.split()[-1]
        if surname != key and surname in eras and surname in people:
            eras[key] = eras[surname]
    return eras


def nearest_years(sentences: list[Sentence], keys: set[str]) -> dict[str, list[int]]:
    """Key -> for each sentence naming it with a date, the year written nearest the name:
    "Isaac Newton in 1668 built a reflecting telescope" dates Newton 1668, and "… first
    observed by Jan Evangelista Purkyně in 1839" Purkyně 1839, though each sentence goes on
    to a later year (review r35 offered both for deeds of a century later)."""
    found: dict[str, list[int]] = {}
    for sentence in sentences:
        dates = [term for term in sentence.dates() if term.span]
        if not dates:
            continue
        for term in sentence.terms:
            if term.key in keys:
                nearest = min(dates, key=lambda date: _apart(sentence.text, term, date))
                found.setdefault(term.key, []).append(nearest.span[0])
    return found


_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s|;")


def _apart(text: str, one: Term, other: Term) -> int:
    """Characters between two terms, and far more when a new clause lies between them."""
    first, second = sorted((one, other), key=lambda term: term.start)
    between = text[first.end:second.start]
    return len(between) + (1000 if _CLAUSE_BREAK.search(between) else 0)


MIN_DATED_MENTIONS = 10


def core_span(sentences: list[Sentence]) -> tuple[int, int] | None:
    """The tenth and ninetieth percentile of the first year each dated sentence gives: the
    time a document is about (1948-1953 for a text on the Korean War), None when fewer than
    ten sentences give a year."""
    mentioned = sorted(dates[0].span[0] for sentence in sentences
                       if (dates := [term for term in sentence.dates() if term.span]))
    if len(mentioned) < MIN_DATED_MENTIONS:
        return None
    return mentioned[len(mentioned) // 10], mentioned[9 * len(mentioned) // 10]
