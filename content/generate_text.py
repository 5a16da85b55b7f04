"""Questions made from single sentences: cloze and true/false."""

from __future__ import annotations

import random
import re

from content.candidate import Candidate
from content.corpus import Corpus, Sentence, follows_the
from content.distractors import other_classes, pick_terms
from content.gate import in_aside
from content.terms import DATES, NAMED, Term, TermType
from content.text import contains_words, fold, opens_vaguely, short_hash, without_discourse

BLANK = "_____"
MAX_STATEMENT = 260
# Organisations are not swapped: "the UN's involvement in the Balkans" is false in the
# lesson but true in the world, the classic false-statement failure.
_SWAPPABLE = DATES | {TermType.PLACE, TermType.MISSION, TermType.EVENT}


# A blank on a generic phrase tests wording, not a fact (the gate says so of any that
# arrive; not making them saves most of a long document's build)
_NOT_A_BLANK = frozenset({TermType.CONCEPT, TermType.ITEM})


def _rng(*parts: str) -> random.Random:
    return random.Random(short_hash(*parts, size=8))


def aliases_of(corpus: Corpus, term: Term) -> tuple[str, ...]:
    return tuple(sorted(corpus.surfaces.get(term.key, {term.text}) | {term.text}))


def _context(sentence: Sentence) -> str:
    """The sentence, preceded by the one before it when it opens with "This", "They", ..."""
    if not sentence.vague:
        return ""
    previous = sentence.previous
    if previous and len(previous) + len(sentence.text) < 278 and not opens_vaguely(previous):
        return previous
    return "-"  # cannot stand alone


def _blank_order(sentence: Sentence) -> list[Term]:
    """Which term to blank first: names, then dates, then list items, then concepts."""
    rank = {TermType.ITEM: 2, TermType.CONCEPT: 3}

    def key(term: Term) -> tuple[int, int]:
        if term.type in NAMED:
            return (0, -len(term.text))
        if term.type in DATES:
            return (1, 0)
        return (rank.get(term.type, 4), -len(term.text))

    return sorted(sentence.terms, key=key)


def cloze_questions(corpus: Corpus) -> list[Candidate]:
    """Up to two clozes per sentence, blanking terms of different families (name, date, phrase)."""
    found: list[Candidate] = []
    for sentence in corpus.sentences:
        context = _context(sentence)
        if context == "-" or sentence.bullet or not _full_sentence(sentence.text, min_words=9):
            continue
        families: set[str] = set()
        for term in _blank_order(sentence):
            if term.type in _NOT_A_BLANK:
                continue
            family = _family(term)
            if family in families or (families and family == "phrase"):
                continue
            candidate = _cloze(corpus, sentence, term, context)
            if candidate is not None:
                found.append(candidate)
                families.add(family)
            if len(families) == 2:
                break
    return found


def _family(term: Term) -> str:
    if term.type in NAMED:
        return "name"
    return "date" if term.type in DATES else "phrase"


def _cloze(corpus: Corpus, sentence: Sentence, term: Term, context: str) -> Candidate | None:
    text = sentence.text
    if re.search(r"\b(?:a|an)\s+$", text[: term.start], re.I):
        return None
    if re.match(r"\s*\([A-Z][A-Za-z]*[A-Z]s?\)", text[term.end :]):
        return None  # "___ (NGOs)": the acronym spells out the answer's initials
    blanked = corpus.resolved(f"{text[: term.start]}{BLANK}{text[term.end :]}")
    stem = f"{context} {blanked}".strip() if context else without_discourse(blanked)
    aliases = aliases_of(corpus, term)
    if any(contains_words(stem, alias) for alias in aliases):
        return None
    rng = _rng(corpus.title, "cloze", text, term.text)
    distractors = pick_terms(
        corpus,
        term,
        stem=stem,
        lesson=sentence.lesson,
        count=3,
        rng=rng,
        article=_article(text, term),
        source=text,
        context=context_keys(sentence, term),
        exclude_keys=(other_classes(corpus, term)
                      if term.type in {TermType.EVENT, TermType.ORG, TermType.MISSION}
                      else frozenset()),
    )
    if term.type in NAMED:
        rest = f"{text[: term.start]} {text[term.end :]}"
        distractors = [d for d in distractors if not _described_alike(corpus, d, rest)]
    if len(distractors) < 2:
        return None
    source = f"{context} {text}".strip()
    return Candidate(
        lesson=sentence.lesson,
        kind="cloze",
        prompt=f"Fill in the blank: {stem}",
        answer=term.text,
        distractors=tuple(distractors),
        explanation=f"The lesson reads “{term.text}” here.",
        source=source,
        aliases=aliases,
        statement=stem,
        tags=(term.type.value,),
    )


def true_false_questions(corpus: Corpus) -> list[Candidate]:
    """A source sentence as-is (true) or with one term swapped for a same-type one (false)."""
    found: list[Candidate] = []
    for sentence in corpus.sentences:
        if sentence.vague or sentence.bullet or not _full_sentence(sentence.text, min_words=6):
            continue
        title = corpus.lesson_titles[sentence.lesson]
        swappable = [term for term in sentence.terms if _can_swap(sentence, term, title)]
        if not swappable:
            continue
        truthful = int(short_hash(corpus.title, "tf", sentence.text), 16) % 2 == 0
        if truthful:
            found.append(_statement(sentence, sentence.text, True, "", ""))
            continue
        for term in swappable:
            candidate = _false_statement(corpus, sentence, term)
            if candidate is not None:
                found.append(candidate)
                break
    return found


def context_keys(sentence: Sentence, term: Term) -> frozenset[str]:
    """Keys of the other names in the sentence, for actor answers (organisations, people).

    A wrong organisation that shares a sentence with one of them elsewhere may be right here.
    """
    if term.type not in (TermType.ORG, TermType.PERSON, TermType.MISSION):
        return frozenset()
    return frozenset(other.key for other in sentence.named() if other.key != term.key)


def _described_alike(corpus: Corpus, option: str, rest: str) -> bool:
    keys = [key for key, surfaces in corpus.surfaces.items() if option in surfaces]
    return any(corpus.says_alike(key, rest) for key in keys)


def _article(text: str, term: Term) -> bool | None:
    """Whether distractors must be names written with "the"; None after a possessive."""
    if re.search(r"[’']s\s+$", text[: term.start]):
        return None
    return follows_the(text, term)


def _full_sentence(text: str, *, min_words: int) -> bool:
    """A complete statement (not a list fragment or a lead-in ending in ":")."""
    return (
        len(text) <= MAX_STATEMENT
        and len(text.split()) >= min_words
        and re.search(r"[.!?][\"”’)]*$", text) is not None
    )


def _can_swap(sentence: Sentence, term: Term, lesson_title: str) -> bool:
    if term.type not in _SWAPPABLE:
        return False
    if term.type in DATES and (len(sentence.dates()) > 1 or re.search(
            r"\b(?:[Ww]ar|[Cc]risis|[Ss]ummit|[Cc]onference|[Gg]ames)\s+of\s+$",
            sentence.text[: term.start])):
        # "died in May 2000 … acting until January 2007" refutes itself; "the Arab–Israeli
        # war of 1969" names a war that never was
        return False
    if sentence.text[term.end :].startswith(" (") or sentence.text[: term.start].endswith("("):
        return False  # "Long Form (ACR)": swapping one half leaves the other
    if term.type in DATES and re.match(r"[–-][0-9]{2}\b", sentence.text[term.end :]):
        return False  # "the Discovery Expedition of 1901–04": half of a span
    if term.type in DATES and term.text in lesson_title:
        return False  # "the Estates-General … in 1783" under "The Estates-General of 1789"
    if term.type in DATES and in_aside(f"{sentence.text[: term.start]}{BLANK}"
                                       f"{sentence.text[term.end :]}"):
        # "… and the element curium, discovered in 1944, were named …": the falsehood hidden
        # in a side clause of a true claim is a trick, not a test (review r27)
        return False
    return True


def _false_statement(corpus: Corpus, sentence: Sentence, term: Term) -> Candidate | None:
    rng = _rng(corpus.title, "tf", sentence.text, term.text)
    others = {other.key for other in sentence.terms if other.key != term.key}
    options = pick_terms(
        corpus,
        term,
        stem=sentence.text,
        lesson=sentence.lesson,
        count=4,
        rng=rng,
        article=_article(sentence.text, term),
        source=sentence.text,
    )
    for swap in options:
        if term.type not in DATES and _cooccurs(corpus, swap, others):
            continue  # the swapped-in name appears beside these terms elsewhere: maybe true
        changed = f"{sentence.text[: term.start]}{swap}{sentence.text[term.end :]}"
        if fold(changed).lower() in corpus.known_sentences:
            continue
        return _statement(sentence, changed, False, term.text, swap)
    return None


def _cooccurs(corpus: Corpus, swap: str, others: set[str]) -> bool:
    keys = [key for key, surfaces in corpus.surfaces.items() if swap in surfaces]
    indices = {index for key in keys for index in corpus.cooccur.get(key, set())}
    return any(indices & corpus.cooccur.get(other, set()) for other in others)


def _statement(sentence: Sentence, text: str, truth: bool, original: str, swap: str) -> Candidate:
    if truth:
        explanation = "True: the lesson says exactly this."
    else:
        explanation = f"False: the lesson says “{original}”, not “{swap}”."
    return Candidate(
        lesson=sentence.lesson,
        kind="true_false",
        prompt=f"True or false? {text}",
        answer="True" if truth else "False",
        distractors=("False",) if truth else ("True",),
        explanation=explanation,
        source=sentence.text,
        fixed_order=True,
        statement=text,
        tags=(original,),  # the id names what was swapped out, so a new pool keeps the id
    )
