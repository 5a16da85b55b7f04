"""More true/false statements: false ones the document disproves, true ones quoted verbatim.

False statements here are not sentence swaps but facts the document settles: an acronym
written out with one wrong word ("AMISOM stands for African Union Mission in Sudan") and
two dated events in the wrong order. True statements stay verbatim source sentences
(QUESTION-QUALITY.md), taken from sentences that name or date something, so that a learner
cannot do well by always answering one way: the module tops the true side up to the false.
"""

from __future__ import annotations

import random
import re

from content.candidate import Candidate
from content.corpus import Corpus, Sentence
from content.dated import DatedItem
from content.generate_facts import letter_fits, vocabulary
from content.text import fold, short_hash

MAX_STATEMENT = 260
MAX_ORDER_STATEMENTS = 4


def derived_statements(corpus: Corpus, existing: list[Candidate]) -> list[Candidate]:
    """Disproved statements, and every factual sentence as a true one.

    Ranking (content/rank.py) keeps only as many true statements as there are false ones,
    from sentences no other kept question is about.
    """
    used = {fold(c.source) for c in existing if c.kind == "true_false"}
    return _acronym_statements(corpus) + _order_statements(corpus) + _true_statements(corpus, used)


def _acronym_statements(corpus: Corpus) -> list[Candidate]:
    found: list[Candidate] = []
    words = vocabulary(corpus)
    for short, long_form in corpus.lexicon.acronyms.items():
        sentence = next((s for s in corpus.sentences if f"({short}" in s.text), None)
        wrong = letter_fits(long_form, words, corpus)
        if sentence is None or not wrong:
            continue
        swap = wrong[_rng(corpus.title, "tf-acronym", short).randrange(len(wrong))]
        found.append(
            _candidate(
                sentence.lesson,
                f"{short} stands for {swap}.",
                sentence.text,
                f"False: {short} stands for {long_form}.",
                ("acronym", short),
            )
        )
    return found


def _order_statements(corpus: Corpus) -> list[Candidate]:
    """ "X came before Y" with X later than Y, once both were met; one per later item."""
    found: list[Candidate] = []
    lessons: set[int] = set()
    for later in corpus.dated:
        if later.sentence.lesson in lessons:
            continue  # one per lesson: more would repeat one timeline
        earlier = [
            item
            for item in corpus.dated
            if item.key != later.key
            and item.sentence.lesson <= later.sentence.lesson
            and item.date.span[1] < later.date.span[0]
        ]
        if not earlier:
            continue
        other = earlier[_rng(corpus.title, "tf-order", later.key).randrange(len(earlier))]
        found.append(_order(later, other))
        lessons.add(later.sentence.lesson)
        if len(found) >= MAX_ORDER_STATEMENTS:
            break
    return found


def _order(later: DatedItem, earlier: DatedItem) -> Candidate:
    statement = f"According to the lessons, {later.label} came before {earlier.label}."
    source = " ".join(dict.fromkeys([earlier.sentence.text, later.sentence.text]))
    explanation = (
        f"False: the lesson dates {earlier.label} to {earlier.date.text} and "
        f"{later.label} to {later.date.text}."
    )
    if len(explanation) > 200:
        explanation = f"False: {earlier.label} came first ({earlier.date.text})."
    return _candidate(
        max(later.sentence.lesson, earlier.sentence.lesson),
        statement[:1].upper() + statement[1:],
        source,
        explanation[:200],
        ("order", later.key, earlier.key),
    )


def _true_statements(corpus: Corpus, used: set[str]) -> list[Candidate]:
    """Verbatim sentences that name, date or list something, or use a key phrase."""
    return [
        _candidate(s.lesson, s.text, s.text, "True: the lesson says exactly this.", ("",))
        for s in corpus.sentences
        if fold(s.text) not in used and _factual(s)
    ]


def _factual(sentence: Sentence) -> bool:
    return (
        not sentence.vague
        and not sentence.bullet
        and bool(sentence.terms)
        and len(sentence.text) <= MAX_STATEMENT
        and len(sentence.text.split()) >= 8
        and re.search(r"[.!?][\"”’)]*$", sentence.text) is not None
        and ":" not in sentence.text
    )


def _candidate(
    lesson: int, statement: str, source: str, explanation: str, tags: tuple[str, ...]
) -> Candidate:
    truth = explanation.startswith("True")
    return Candidate(
        lesson=lesson,
        kind="true_false",
        prompt=f"True or false? {statement}",
        answer="True" if truth else "False",
        distractors=("False",) if truth else ("True",),
        explanation=explanation,
        source=source,
        fixed_order=True,
        statement=statement,
        tags=tags,
    )


def _rng(*parts: str) -> random.Random:
    return random.Random(short_hash(*parts, size=8))
