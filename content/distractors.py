"""Wrong options: same type as the answer, plausible, distinct, never the answer in disguise.

Named terms come from the whole course (same lesson first, for plausibility); phrases come
from other lessons only, because a phrase from the same lesson is often also true there.
Years come from content/date_options.py. A phrase blank gets no
wrong option that would fill it as well (relations.same_slot, relations.fits_anywhere), and
no blank at all after a word that lets nearly any phrase in ("emerging _____").
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from rapidfuzz import fuzz

from content.corpus import Corpus, PoolEntry
from content.date_options import TODAY_YEAR, pick_dates
from content.gazetteer import body_existed, distance_km, existed, periods_named, place_kind
from content.people import given_names, name_culture
from content.relations import GENERIC_GOVERNORS, fits_anywhere, governor_stem, same_slot
from content.terms import NAMED, Term, TermType
from content.text import contains_words, fold_key

SIMILARITY_LIMIT = 90
_REGNAL = re.compile(r"\s[IVXL]+\b")  # "Henry VIII", "William II of Normandy"
PATIENT = "patient"  # the line of work (content/data/roles.txt) of people things were done to
PHRASES = frozenset({TermType.CONCEPT, TermType.ITEM})
_COUNTED = frozenset({TermType.EVENT, TermType.MISSION})  # "the United Nations has": singular
# Acronym distractors must fit the same letters, so they differ by one word by design.
ACRONYM_SIMILARITY_LIMIT = 98


def _plural(text: str) -> bool:
    last = text.split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us"))


def clashes(option: str, others: list[str], *, limit: int = SIMILARITY_LIMIT) -> bool:
    """True when the option is near, inside or around any of the others."""
    for other in others:
        if fold_key(option) == fold_key(other):
            return True
        if contains_words(option, other) or contains_words(other, option):
            return True
        if fuzz.ratio(fold_key(option), fold_key(other)) >= limit:
            return True
    return False


_CLASSES = {
    "agreement": "Treaty Treaties Protocol Protocols Convention Conventions Agreement Accord "
                 "Accords Charter Pact Declaration Act",
    "body": "Council Committee Commission Assembly Secretariat Bureau Meeting Parliament "
            "Conference Congress",
    "court": "Court Tribunal Justice",  # what "found that … infringed": not a committee
    "conflict": "War Wars Crisis Battle Revolution Uprising Genocide Siege Invasion Conquest",
    "award": "Prize Award Medal",
    # "Monetary policy … is set by the _____": a bank, never a treaty community (review r22)
    "bank": "Bank Banks",
    # "The main exchange of prisoners, _____": an operation, never "Task Force Smith" (r27)
    "operation": "Operation Operations",
}
_CLASS_OF = {word: noun for noun, words in _CLASSES.items() for word in words.split()}


def name_class(name: str) -> str | None:
    """ "Protocol on Environmental Protection" -> "agreement": the last word that tells."""
    return next((_CLASS_OF[w] for w in reversed(name.split()) if w in _CLASS_OF), None)


def other_classes(corpus: Corpus, answer: Term) -> frozenset[str]:
    """Keys of the pool's names of another class than the answer's (a war is not offered
    beside a prize); with an unclassed answer, every classed name."""
    kind = name_class(answer.text)
    return frozenset(entry.key for entry in corpus.pools.get(answer.type, [])
                     if name_class(entry.text) != kind)


def pick_terms(
    corpus: Corpus,
    answer: Term,
    *,
    stem: str,
    lesson: int,
    count: int,
    rng: random.Random,
    exclude_keys: frozenset[str] = frozenset(),
    article: bool | None = None,
    source: str = "",
    context: frozenset[str] = frozenset(),
    refused: Callable[[str], bool] = lambda option: False,
) -> list[str]:
    """Up to `count` same-type distractors for a term answer, none of them `refused`.

    `source` is the sentence the answer stands in (term offsets index it): nothing named
    there is offered, nor anything the document lists together with the answer, nor a
    phrase the document writes after the same governing word. `context` holds the keys of
    the other names in the sentence: a name that shares a sentence with one of them
    elsewhere may be true here too ("the UN" beside "the Cold War").
    """
    if answer.type in {TermType.YEAR, TermType.RANGE, TermType.DECADE}:
        return pick_dates(corpus, answer, stem=stem, count=count, rng=rng, source=source)
    family = PHRASES if answer.type in PHRASES else {answer.type}
    pool = [
        entry
        for kind in sorted(family, key=str)  # a set's order changes with PYTHONHASHSEED
        for entry in corpus.pools.get(kind, [])
        if entry.key != answer.key
        and entry.key not in exclude_keys
        and not corpus.coordinated_with(answer.key, entry.key)
        and not (source and _named_in(corpus, entry, source))
        and not (context and corpus.cooccurring(entry.key, context))
        # the course's own subject: in a course on the WHO, "the WHO" is half right for
        # whatever its assembly did, and the default guess besides
        and not (entry.type in NAMED and contains_words(corpus.title, entry.text))
    ]
    if answer.type in PHRASES and source:
        governor = governor_stem(source, answer.start)
        if governor in GENERIC_GOVERNORS and answer.text[:1].islower():
            return []  # "emerging ___": too many phrases fit for one to be the answer
        pool = [
            entry
            for entry in pool
            if governor not in corpus.governors.get(entry.key, set())
            and not same_slot(entry.text, answer.text)
            and not fits_anywhere(entry.text, answer.text)
        ]
    if answer.type in NAMED:
        pool = [entry for entry in pool if entry.acronym == answer.acronym]
        if answer.type is TermType.PLACE:
            known = corpus.lexicon.place_kinds
            kind = place_kind(answer.text, known)
            when = _source_years(source)
            if _TODAY.search(stem):  # "in present-day _____": Uzbekistan, not Persia
                when = [*when, TODAY_YEAR]
            pool = [entry for entry in pool if place_kind(entry.text, known) == kind
                    and all(existed(entry.text, year) for year in when)]
            pool = _same_era(corpus, answer, pool, source)  # Crimean War allies: not Somalia
        if article is not None:
            pool = [entry for entry in pool if entry.articled == article]
        if answer.type is TermType.PERSON:
            pool = _same_era(corpus, answer, pool, source)
            # "Leo X" and "Clement VII" beside a French theologian: a numbered name is a
            # pope's or a monarch's, and tells itself apart from the others (review r27)
            pool = [entry for entry in pool
                    if bool(_REGNAL.search(entry.text)) == bool(_REGNAL.search(answer.text))]
            pool = _same_work(corpus, answer.text, pool)
            pool = _same_office(corpus, answer.text, pool)
            pool = _same_origin(corpus, answer.text, pool)
            pool = _same_culture(answer.text, pool)
            if " " in answer.text:  # "Wu", cut from "Emperor Wu of Han", is not a name
                pool = [entry for entry in pool if " " in entry.text]
            # "Jean" for Jean de Bethencourt: a first name alone is a fragment, not an option
            pool = [entry for entry in pool if entry.text not in given_names()]
        if answer.type in {TermType.EVENT, TermType.ORG}:
            pool = _fits_dates(corpus, pool, source)
        if answer.type is TermType.ORG:
            pool = _existed_then(corpus, pool, f"{stem} {source}")
        if answer.type in _COUNTED and not answer.acronym:  # "is the Napoleonic Wars"
            pool = [entry for entry in pool if _plural(entry.text) == _plural(answer.text)]
    else:
        pool = [entry for entry in pool if _fits_phrase(corpus, entry, answer, lesson)]
    pool.sort(key=lambda entry: _rank(entry, answer, lesson))
    if answer.type is TermType.PLACE:
        pool = _nearby(answer.text, pool, place_kind(answer.text, corpus.lexicon.place_kinds))
    pool = [entry for entry in pool if not refused(entry.text)]
    if answer.type is TermType.PERSON:
        # people the lesson itself names, when it names two: English kings are no
        # temptation for who led the Normans of Edessa, nor German friars for who dissolved
        # England's monasteries, though the same document names them elsewhere (review r34)
        here = _choose(_of_the_lesson(corpus, pool, lesson), answer.text, stem, count, rng,
                       corpus)
        if len(here) >= MIN_PEOPLE_ALIKE:
            return here
    return _choose(pool, answer.text, stem, count, rng, corpus)


_TODAY = re.compile(r"\b(?:present-day|modern-day|modern|what\s+is\s+now|today['’]s)\s+_{3,}", re.I)

MAX_PLACE_KM = 2000  # Italy and Britain: both Norman lands; Macedonia and Norway: absurd


def _nearby(answer: str, pool: list[PoolEntry], kind: str) -> list[PoolEntry]:
    """The nearest places first, none far beyond the answer's part of the world
    ("southwestern _____ and Thessaly": Albania, not Scotland). Places the gazetteer cannot
    locate come after those it can; continents and oceans are not capped."""
    if distance_km(answer, answer) is None:
        # the gazetteer cannot place the answer ("Chang'an, the capital"): other places the
        # document alone names are of its world; Baghdad may be half a continent away
        local = [entry for entry in pool if distance_km(entry.text, entry.text) is None]
        return local if len(local) >= 2 else pool
    unknown = float("inf")
    away = {entry.key: unknown if (km := distance_km(answer, entry.text)) is None else km
            for entry in pool}
    capped = kind not in {"continent", "water"}
    kept = [entry for entry in pool
            if not (capped and away[entry.key] != unknown and away[entry.key] > MAX_PLACE_KM)]
    return sorted(kept, key=lambda entry: away[entry.key])


def _same_work(corpus: Corpus, answer: str, pool: list[PoolEntry]) -> list[PoolEntry]:
    """People of the answer's line of work, when the document says what it is: not a
    physicist for what a prime minister did, nor people the document says nothing about
    (a transplant patient offered for a surgeon, barons for a pope: blind review r19)."""
    roles = corpus.lexicon.roles
    work = roles.get(answer)
    if work is None:  # not whom it was done to: "his patient, Louis Washkansky" (r27)
        return [entry for entry in pool if roles.get(entry.text) != PATIENT]
    return [entry for entry in pool if roles.get(entry.text) == work]


def _same_office(corpus: Corpus, answer: str, pool: list[PoolEntry]) -> list[PoolEntry]:
    """Popes beside a pope when the document names two others (a Dominican friar is of the
    same line, clergy, and no pope: review r22); with fewer, the line of work is enough."""
    offices = corpus.lexicon.offices
    office = offices.get(answer)
    same = [entry for entry in pool if office and offices.get(entry.text) == office]
    return same if len(same) >= MIN_SAME_OFFICE else pool


MIN_SAME_OFFICE = 2


def _same_culture(answer: str, pool: list[PoolEntry]) -> list[PoolEntry]:
    """Names of the answer's language when the document has two: no Western consuls beside
    the one Japanese name for who led a Japanese mission (review r35)."""
    culture = name_culture(answer)
    same = [entry for entry in pool if name_culture(entry.text) == culture]
    return same if len(same) >= MIN_PEOPLE_ALIKE else pool


def _of_the_lesson(corpus: Corpus, pool: list[PoolEntry], lesson: int) -> list[PoolEntry]:
    return [entry for entry in pool
            if any(corpus.sentences[index].lesson == lesson
                   for index in corpus.cooccur.get(entry.key, ()))]


MIN_PEOPLE_ALIKE = 2  # people of the lesson, or of the answer's language, enough to ask
_NATIONAL_LINES = frozenset({"ruler", "politician", "soldier"})


def _same_origin(corpus: Corpus, answer: str, pool: list[PoolEntry]) -> list[PoolEntry]:
    """Not a Soviet premier for what the British prime minister did (blind review r18 and
    r19): in statecraft and war, where the document says both people are from, it is the
    same place (a Canadian geophysicist may well be offered beside a British geologist)."""
    origins = corpus.lexicon.origins
    origin = origins.get(answer)
    if origin is None or corpus.lexicon.roles.get(answer) not in _NATIONAL_LINES:
        return pool
    return [entry for entry in pool if origins.get(entry.text, origin) == origin]


LONG_HISTORY_YEARS = 150
MIN_ERA_GAP_YEARS = 40  # people this far apart may still be of one era; more, if the
ERA_SHARE_OF_SPAN = 0.1  # document spans centuries (a tenth of its years)


def _same_era(corpus: Corpus, answer: Term, pool: list[PoolEntry],
              source: str) -> list[PoolEntry]:
    """People (and places) of the answer's time: a chemist of 1978 is not offered for a
    name coined in 1817 (the era of a name is the middle year of the sentences naming it,
    or the year the source sentence gives; how near is near grows with the document's
    span)."""
    years = _source_years(source)
    era = years[0] if years else corpus.eras.get(answer.key)
    if era is None:
        return pool
    span = corpus.years[-1] - corpus.years[0] if corpus.years else 0
    gap = max(MIN_ERA_GAP_YEARS, span * ERA_SHARE_OF_SPAN)
    # in a history of centuries a name the text never dates may be of any of them
    unknown = era if span <= LONG_HISTORY_YEARS else era + 10 * gap
    return [entry for entry in pool if abs(corpus.eras.get(entry.key, unknown) - era) <= gap
            and not (years and corpus.deaths.get(entry.key, 9999) < min(years))]


MAX_EVENT_GAP_YEARS = 10
_FOUNDING = re.compile(r"\b(?:founded|established|created|formed|set up|launched)\b")


def _fits_dates(corpus: Corpus, pool: list[PoolEntry], source: str) -> list[PoolEntry]:
    """ "During the _____ of 1876–1878": no war of another time; "… was founded in Paris
    in 1919": no body the document shows at work before then. Names with no year in the
    document stay."""
    years = _source_years(source)
    if not years:
        return pool
    founded = _FOUNDING.search(source) is not None
    kept: list[PoolEntry] = []
    for entry in pool:
        era = corpus.eras.get(entry.key)
        if era is None:
            kept.append(entry)
        elif (entry.type is TermType.EVENT
              and min(abs(era - year) for year in years) > MAX_EVENT_GAP_YEARS):
            continue
        elif entry.type is TermType.ORG and founded and era < min(years) - MAX_EVENT_GAP_YEARS:
            continue
        else:
            kept.append(entry)
    return kept


_PRESENT = re.compile(r"_{3,}[^.]*?\b(?:is|are|has|have|remains|serves|partners|works|operates|"
                      r"leads|sets|coordinates)\b")
_PAST = re.compile(r"\b(?:was|were|had|did)\b")


def _existed_then(corpus: Corpus, pool: list[PoolEntry], text: str) -> list[PoolEntry]:
    """No body that did not exist in the time the stem gives (a year, or a named period:
    "Throughout the Cold War")."""
    spans = [(year, year) for year in _source_years(text)] + periods_named(text)
    if not spans and _PRESENT.search(text) and not _PAST.search(text):
        spans = [(TODAY_YEAR, TODAY_YEAR)]  # "The _____ … partners closely": one at work now
    if not spans:
        return pool
    start, end = min(s for s, _ in spans), max(e for _, e in spans)

    def names(entry: PoolEntry) -> list[str]:
        long_form = corpus.lexicon.acronyms.get(entry.text, "") if entry.acronym else ""
        return [entry.text, *([long_form] if long_form else [])]

    return [entry for entry in pool
            if all(body_existed(name, start, end) for name in names(entry))]


def _source_years(source: str) -> list[int]:
    return [int(year) for year in re.findall(r"\b(1[0-9]{3}|20[0-9]{2})\b", source)]


def _named_in(corpus: Corpus, entry: PoolEntry, source: str) -> bool:
    aliases = corpus.surfaces.get(entry.key, {entry.text})
    return any(contains_words(source, alias) for alias in aliases)


def _fits_phrase(corpus: Corpus, entry: PoolEntry, answer: Term, lesson: int) -> bool:
    if corpus.lesson_mentions(lesson, entry.text):
        return False
    plural_answer = answer.text.endswith("s") and not answer.text.endswith("ss")
    plural_entry = entry.text.endswith("s") and not entry.text.endswith("ss")
    if plural_answer != plural_entry or entry.text[:1].isupper() != answer.text[:1].isupper():
        return False
    if abs(len(entry.text.split()) - len(answer.text.split())) > 1:
        return False
    return entry.text.split()[-1].lower() != answer.text.split()[-1].lower()


def _rank(entry: PoolEntry, answer: Term, lesson: int) -> tuple[int, int]:
    same_lesson = 0 if entry.lesson == lesson and entry.type in NAMED else 1
    return same_lesson, abs(len(entry.text) - len(answer.text))


def _choose(
    pool: list[PoolEntry],
    answer: str,
    stem: str,
    count: int,
    rng: random.Random,
    corpus: Corpus,
) -> list[str]:
    chosen: list[str] = []
    shortlist: list[str] = []
    for entry in pool:
        aliases = set(corpus.surfaces.get(entry.key, {entry.text}))
        if entry.type is TermType.PERSON and " " in entry.text:
            aliases.add(entry.text.split()[-1])  # "surrendered to Sherman": not Sherman
        if any(contains_words(stem, alias) for alias in aliases):
            continue
        if clashes(entry.text, [answer, *shortlist]):
            continue
        if entry.type in PHRASES and any(same_slot(entry.text, other) for other in shortlist):
            continue  # "international stability" beside "international solidarity"
        shortlist.append(entry.text)
        if len(shortlist) >= count * 2:
            break
    # keep the best-ranked half likely, but let the seeded generator vary the mix
    head, tail = shortlist[:count], shortlist[count:]
    chosen = head[:]
    if tail and len(head) == count:
        swap = rng.randrange(count)
        chosen[swap] = rng.choice(tail)
    return chosen
