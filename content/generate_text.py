"""Questions made from single sentences: cloze, true/false and "which organisation ...?"."""

from __future__ import annotations

import random
import re

from content.candidate import Candidate
from content.corpus import Corpus, Sentence, follows_the
from content.distractors import contains_words, pick_terms
from content.terms import DATES, NAMED, Term, TermType
from content.text import fold, opens_vaguely, short_hash

BLANK = "_____"
MAX_STATEMENT = 260
_NOUNS = {
    TermType.ORG: "organisation",
    TermType.MISSION: "mission",
    TermType.EVENT: "event",
    TermType.PLACE: "place",
}
# Organisations are not swapped: "the UN's involvement in the Balkans" is false in the
# lesson but true in the world, the classic false-statement failure.
_SWAPPABLE = DATES | {TermType.PLACE, TermType.MISSION, TermType.EVENT}


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
        if context == "-" or not _full_sentence(sentence.text, min_words=9):
            continue
        families: set[str] = set()
        for term in _blank_order(sentence):
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
    blanked = f"{text[: term.start]}{BLANK}{text[term.end :]}"
    stem = f"{context} {blanked}".strip()
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
    )
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
        if sentence.vague or not _full_sentence(sentence.text, min_words=6):
            continue
        swappable = [term for term in sentence.terms if _can_swap(sentence, term)]
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


def _can_swap(sentence: Sentence, term: Term) -> bool:
    if term.type not in _SWAPPABLE:
        return False
    if sentence.text[term.end :].startswith(" (") or sentence.text[: term.start].endswith("("):
        return False  # "Long Form (ACR)": swapping one half leaves the other
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


def subject_questions(corpus: Corpus) -> list[Candidate]:
    """ "NATO has been involved ..." -> "Which organisation has been involved ...?"."""
    found: list[Candidate] = []
    for sentence in corpus.sentences:
        candidate = _subject_question(corpus, sentence)
        if candidate is not None:
            found.append(candidate)
    return found


def _subject_question(corpus: Corpus, sentence: Sentence) -> Candidate | None:
    named = sentence.named()
    if not named or sentence.bullet:
        return None
    subject = named[0]
    opening = sentence.text[: subject.start]
    if opening not in ("", "The ") or subject.type not in _NOUNS:
        return None
    rest = sentence.text[subject.end :]
    rest = re.sub(r"^\s*\([^)]*\)", "", rest)
    if not re.match(r"\s+[a-z]", rest) or re.match(r"\s+(?:and|or|of|in)\b", rest):
        return None
    predicate = rest.strip().rstrip(".!")
    prompt = f"Which {_NOUNS[subject.type]} {predicate}?"
    aliases = aliases_of(corpus, subject)
    if any(contains_words(prompt, alias) for alias in aliases) or len(prompt) > 300:
        return None
    rng = _rng(corpus.title, "mcq", sentence.text, subject.text)
    answer = subject.text
    if subject.acronym and subject.text in corpus.lexicon.acronyms:
        answer = corpus.lexicon.acronyms[subject.text]
    long_subject = Term(
        answer,
        subject.type,
        subject.start,
        subject.end,
        subject.key,
        acronym=subject.acronym and answer == subject.text,
    )
    distractors = pick_terms(
        corpus, long_subject, stem=prompt, lesson=sentence.lesson, count=3, rng=rng
    )
    if len(distractors) < 2:
        return None
    return Candidate(
        lesson=sentence.lesson,
        kind="mcq",
        prompt=prompt,
        answer=answer,
        distractors=tuple(distractors),
        explanation=f"The lesson says this of {answer}.",
        source=sentence.text,
        aliases=aliases,
        statement=prompt,
        tags=(subject.type.value,),
    )
