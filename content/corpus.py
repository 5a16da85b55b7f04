"""One document's extracted knowledge: sentences with typed terms, pools, aliases, dated items.

Built once per course; generators read it and never re-scan the text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from content.concepts import Enumeration, extract_concepts, extract_enumerations
from content.date_terms import extract_dates
from content.dated import (
    DATE_LABEL,
    DatedItem,
    core_span,
    dated_items,
    deaths,
    foundings,
    headline_years,
    name_eras,
)
from content.document import Block, Section, section_text
from content.relations import coordination, governors, stem
from content.terms import (
    DATES,
    NAMED,
    Lexicon,
    Term,
    TermType,
    build_lexicon,
    extract_named,
)
from content.text import STOPWORDS, fold, fold_key, leans_back, split_sentences


@dataclass(slots=True)
class Sentence:
    """A sentence of a lesson with what extraction found in it."""

    text: str
    lesson: int
    index: int  # position in the document
    previous: str  # the sentence before it in the same block, "" if none
    terms: list[Term] = field(default_factory=list)
    enumerations: list[Enumeration] = field(default_factory=list)
    bullet: bool = False

    leans: bool = False  # needs the sentence before it (set by build_corpus)

    @property
    def vague(self) -> bool:
        return self.leans

    def named(self) -> list[Term]:
        return [term for term in self.terms if term.type in NAMED]

    def dates(self) -> list[Term]:
        return [term for term in self.terms if term.type in DATES]


@dataclass(frozen=True, slots=True)
class PoolEntry:
    text: str
    key: str
    type: TermType
    lesson: int
    acronym: bool
    articled: bool  # written "the X" somewhere ("the Balkans", not "the Britain")


NEAR_SENTENCES = 2  # sentences between two things a text names or describes one after another
T = TypeVar("T")


def close_runs(items: Iterable[T], sentence_of: Callable[[T], Sentence]) -> list[list[T]]:
    """Items in runs whose sentences follow within NEAR_SENTENCES of each other in one
    lesson: a text that tells kinds apart or names terms in turn does so in one passage."""
    runs: list[list[T]] = []
    last: Sentence | None = None
    for item in sorted(items, key=lambda item: sentence_of(item).index):
        sentence = sentence_of(item)
        if (runs and last is not None and sentence.lesson == last.lesson
                and sentence.index - last.index <= NEAR_SENTENCES):
            runs[-1].append(item)
        else:
            runs.append([item])
        last = sentence
    return runs


@dataclass(slots=True)
class Corpus:
    title: str
    lesson_titles: list[str]
    lesson_texts: list[str]  # folded, lower-cased, for "appears in this lesson" checks
    sentences: list[Sentence]
    lexicon: Lexicon
    pools: dict[TermType, list[PoolEntry]]
    surfaces: dict[str, set[str]]  # entity key -> every surface seen (aliases)
    cooccur: dict[str, set[int]]  # entity key -> sentence indices that mention it
    known_sentences: set[str]  # folded sentences, to prove a false statement is new
    dated: list[DatedItem]
    years: list[int]
    coordinated: dict[str, set[str]] = field(default_factory=dict)  # key -> keys listed with it
    # entity key -> the middle year of the sentences naming it ("Peter Mitchell": 1978)
    eras: dict[str, int] = field(default_factory=dict)
    # person key -> the year the text says they died ("Pierre Curie": 1906)
    deaths: dict[str, int] = field(default_factory=dict)
    # body key -> the year the text says it was founded ("African Union": 2001)
    foundings: dict[str, int] = field(default_factory=dict)
    # the year the whole document is about, if one dates over a third of it (Suez: 1956)
    headline: frozenset[str] = frozenset()
    # the years the document is about: the tenth to the ninetieth percentile of its dates
    core_span: tuple[int, int] | None = None
    positions: dict[str, int] = field(default_factory=dict)  # sentence text -> its index
    # "treaty" -> "Harbour Treaty": the one name of the document with that head word
    definite: dict[str, str] = field(default_factory=dict)
    # the head word of the course's own subject, when "the Wall" means it ("wall")
    subject_head: str = ""
    text: str = ""  # every sentence, one per line, as written

    def written_inside_sentences(self, phrase: str) -> bool:
        """Whether the document writes `phrase` after a lower-case word or a comma, so
        capitalised where no sentence begins: "Greenland", "Git" are names; "Enzymes" only
        opens sentences."""
        return re.search(rf"[a-z,;] {re.escape(phrase)}\b", self.text) is not None

    def resolved(self, text: str) -> str:
        """ "Finland ratified the treaty in …" -> "… the Harbour Treaty …" when the document
        names exactly one treaty, and "the Wall" -> "the Berlin Wall" in a course on it that
        names no other wall: the stem then says which, without its paragraph."""
        if not self.definite:
            return text

        def name(match: re.Match[str]) -> str:
            head = match.group(2).lower()
            if match.group(2)[0].isupper() and head != self.subject_head:
                return match.group(0)  # "the Wall" is the course's own subject; "the Council"?
            found = self.definite.get(head)
            return f"{match.group(1)} {found}" if found else match.group(0)

        return _DEFINITE.sub(name, text)
    stems: list[frozenset[str]] = field(default_factory=list)  # per sentence: telling words

    def says_alike(self, key: str, text: str, *, least: int = 2) -> bool:
        """Whether a sentence naming `key` shares `least` telling words with `text`.

        Catches a wrong option that the document describes in the same words as the
        answer ("the UN ... peacekeeping ... Cold War" beside "NATO ... since the Cold War").
        """
        words = telling_words(text, self.common)
        if len(words) < least:
            return False
        return any(
            len(words & self.stems[index]) >= least for index in self.cooccur.get(key, set())
        )

    common: frozenset[str] = frozenset()  # stems too frequent in this document to tell
    governors: dict[str, set[str]] = field(default_factory=dict)  # phrase key -> governing stems

    def coordinated_with(self, first: str, second: str) -> bool:
        """Whether the document lists the two keys together anywhere."""
        return second in self.coordinated.get(first, set())

    def cooccurring(self, key: str, others: frozenset[str] | set[str]) -> bool:
        """Whether `key` shares a sentence with any of `others`."""
        mine = self.cooccur.get(key, set())
        return any(mine & self.cooccur.get(other, set()) for other in others)

    def lesson_mentions(self, lesson: int, text: str) -> bool:
        needle = fold(text).lower()
        haystack = self.lesson_texts[lesson]
        if needle not in haystack:
            return False
        return re.search(rf"\b{re.escape(needle)}\b", haystack) is not None


def build_corpus(title: str, sections: list[Section]) -> Corpus:
    """Split sentences, extract terms, and gather the course-wide pools."""
    raw: list[tuple[str, int, str, bool]] = []
    for lesson, section in enumerate(sections):
        for block in section.blocks:
            raw.extend(_block_sentences(block, lesson))
    lexicon = build_lexicon([text for text, _lesson, _previous, _bullet in raw])
    topic = frozenset(word.lower() for word in re.findall(r"[A-Za-z]+", title))
    sentences: list[Sentence] = []
    for index, (text, lesson, previous, bullet) in enumerate(raw):
        sentence = Sentence(text, lesson, index, previous, bullet=bullet)
        sentence.leans = leans_back(DATE_LABEL.sub("", text), topic)
        named = extract_named(text, lexicon)
        dates = extract_dates(text)
        concepts = [
            term
            for term in extract_concepts(text, topic)
            if not any(_overlaps(term, other) for other in named + dates)
        ]
        sentence.enumerations = extract_enumerations(text)
        items = [item for enum in sentence.enumerations if not enum.verbal for item in enum.items]
        concepts = [term for term in concepts if not any(_overlaps(term, i) for i in items)]
        sentence.terms = sorted(named + dates + items + concepts, key=lambda term: term.start)
        sentences.append(sentence)
    return _gather(title, sections, sentences, lexicon)


def follows_the(text: str, term: Term) -> bool:
    return re.search(r"\bthe\s+$", text[: term.start], re.I) is not None


def _block_sentences(block: Block, lesson: int) -> list[tuple[str, int, str, bool]]:
    texts = [block.text] if block.kind == "paragraph" else list(block.items)
    result: list[tuple[str, int, str, bool]] = []
    for text in texts if block.kind != "subheading" else []:
        previous = ""
        for sentence in split_sentences(text):
            result.append((sentence, lesson, previous, block.kind == "bullets"))
            previous = sentence
    return result


def _overlaps(first: Term, second: Term) -> bool:
    return first.start < second.end and second.start < first.end


def _gather(
    title: str,
    sections: list[Section],
    sentences: list[Sentence],
    lexicon: Lexicon,
) -> Corpus:
    pools: dict[TermType, list[PoolEntry]] = defaultdict(list)
    seen: set[tuple[TermType, str, bool]] = set()
    surfaces: dict[str, set[str]] = defaultdict(set)
    cooccur: dict[str, set[int]] = defaultdict(set)
    years: set[int] = set()
    articled = {
        (term.key, term.acronym)
        for sentence in sentences
        for term in sentence.terms
        if follows_the(sentence.text, term)
    }
    for sentence in sentences:
        for term in sentence.terms:
            surfaces[term.key].add(term.text)
            cooccur[term.key].add(sentence.index)
            if term.type is TermType.YEAR:
                years.add(term.span[0])
            marker = (term.type, term.key, term.acronym)
            if marker not in seen:
                seen.add(marker)
                pools[term.type].append(
                    PoolEntry(
                        term.text,
                        term.key,
                        term.type,
                        sentence.lesson,
                        term.acronym,
                        (term.key, term.acronym) in articled,
                    )
                )
    for short, long_form in lexicon.acronyms.items():
        surfaces[fold_key(long_form)].update({short, long_form})
    stems, common = _sentence_stems(sentences)
    # a sentence without a year is dated by the one before it in its paragraph
    # ("The 19th-century Crimean War (1853-1856) … An alliance of Britain, … and Sardinia")
    sentence_years = {
        sentence.index: [term.span[0] for term in sentence.dates() if term.span]
        or [int(year) for year in _YEARS.findall(sentence.previous)]
        or _centuries(sentence.text)
        for sentence in sentences
    }
    heads: dict[str, set[str]] = defaultdict(set)
    for kind in (TermType.ORG, TermType.EVENT, TermType.MISSION):
        for entry in pools.get(kind, []):
            words = entry.text.split()
            head = _head_word(entry.text)
            if not entry.acronym and len(words) > 1 and head[:1].isupper():
                heads[head.lower()].add(entry.text.removeprefix("the ").removeprefix("The "))
    definite = {head: names.pop() for head, names in heads.items() if len(names) == 1}
    subject_head = ""
    if (subject := _course_subject(title, sentences)) is not None:
        subject_head = _head_word(subject).lower()
        definite[subject_head] = subject
    people = {entry.key for entry in pools.get(TermType.PERSON, [])}
    own_years = {sentence.index: [term.span[0] for term in sentence.dates() if term.span]
                 or _centuries(sentence.text) for sentence in sentences}
    eras = name_eras(sentences, cooccur, people, own_years=own_years,
                     sentence_years=sentence_years)
    return Corpus(
        title=title,
        lesson_titles=[section.title for section in sections],
        lesson_texts=[fold(section_text(section)).lower() for section in sections],
        sentences=sentences,
        lexicon=lexicon,
        text="\n".join(sentence.text for sentence in sentences),
        pools=dict(pools),
        surfaces=dict(surfaces),
        cooccur=dict(cooccur),
        known_sentences={fold(sentence.text).lower() for sentence in sentences},
        dated=dated_items(sentences, lexicon),
        years=sorted(years),
        coordinated=coordination(
            (s.text, s.terms, [list(e.items) for e in s.enumerations]) for s in sentences
        ),
        governors=governors((s.text, s.terms) for s in sentences),
        stems=stems,
        common=common,
        eras=eras,
        deaths=deaths(sentences),
        foundings=foundings(sentences),
        headline=headline_years(sentences),
        core_span=core_span(sentences),
        positions={sentence.text: index for index, sentence in enumerate(sentences)},
        definite=definite,
        subject_head=subject_head,
    )


MAX_SUBJECT_WORDS = 4


_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
             "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
             "nineteenth twentieth twenty-first").split()
_CENTURY = re.compile(rf"\b(?:in|during|by|from)\s+the\s+(?:(early|late|mid)[\s-]+)?"
                      rf"({'|'.join(_ORDINALS)})\s+century\b", re.I)


def _centuries(text: str) -> list[int]:
    """ "In the eighteenth century the French scientist René Réaumur …": 1750, so he is not
    offered for a Nobel Prize of 1904 (review r21); "early" and "late" move it 35 years."""
    years = []
    for found in _CENTURY.finditer(text):
        middle = (_ORDINALS.index(found.group(2).lower()) + 1) * 100 - 50
        shift = {"early": -35, "late": 35}.get((found.group(1) or "").lower(), 0)
        years.append(middle + shift)
    return years


def _head_word(name: str) -> str:
    """ "Treaty of Paris" is a treaty as much as "Merger Treaty" is; "the League" is the
    League of Nations."""
    words = name.split()
    return next((words[i - 1] for i, word in enumerate(words)
                 if i and word in {"of", "on", "for", "in"}), words[-1])


def _course_subject(title: str, sentences: list[Sentence]) -> str | None:
    """The one thing a course is about, as its text writes it, when its title is a short
    name the text repeats and no other name shares its head word ("The Berlin Wall"; not
    "The Trans-Siberian Railway" beside the Chinese Eastern Railway: "the railway" may be
    either); None for a topic title ("Peacekeeping Operations by Alliances: …")."""
    name = re.sub(r"^(?:The|A|An)\s+", "", title.strip())
    words = name.split()
    if not 2 <= len(words) <= MAX_SUBJECT_WORDS or not all(
            w[:1].isupper() or w in {"of", "on", "for"} for w in words):
        return None
    found = Counter(match.group(0) for sentence in sentences
                    for match in re.finditer(rf"\b{re.escape(name)}\b", sentence.text, re.I))
    if sum(found.values()) < 2:
        return None
    written = found.most_common(1)[0][0]
    if not written[:1].isupper():
        return None  # "the water cycle": a topic, not a name
    head = _head_word(written)
    named = {re.sub(r"^(?:The|A|An)\s+", "", match.group(0))
             for sentence in sentences for match in re.finditer(
                 rf"\b(?:[A-Z][\w’'-]*\s+)+{re.escape(head)}\b", sentence.text)}
    return written if not named - {written, head} else None


def telling_words(text: str, common: frozenset[str]) -> frozenset[str]:
    """Stems of the content words of a text, minus names and the document's commonest words."""
    words = re.findall(r"[a-z][a-z\-]+", fold(text).lower())
    found = frozenset(stem(word) for word in words if word not in STOPWORDS and len(word) > 2)
    return found - common


def _sentence_stems(sentences: list[Sentence]) -> tuple[list[frozenset[str]], frozenset[str]]:
    plain = [telling_words(sentence.text, frozenset()) for sentence in sentences]
    frequency: Counter[str] = Counter(word for words in plain for word in words)
    cutoff = max(4, len(sentences) // 10)
    common = frozenset(word for word, count in frequency.items() if count > cutoff)
    return [words - common for words in plain], common


_YEARS = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_DEFINITE = re.compile(r"\b([Tt]he) ([A-Za-z][a-z]+)\b(?!\s+(?:of|for)\b|\s+[A-Z])")
