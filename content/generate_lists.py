"""Questions about lists: bullet lists ("Which of these is listed among ...?") and inline ones.

Wrong options for a bullet list must look like its items (Haladyna et al. 2002): items of
the document's other bullet lists first, then noun phrases of the same shape from other
lessons ("Deployment of multinational peacekeeping troops"), never a bare one- or
two-word phrase beside four-word items ("Armed groups" among "key elements").
"""

from __future__ import annotations

import random
import re

from content.candidate import Candidate
from content.corpus import Corpus, Sentence
from content.distractors import clashes, contains_words, pick_terms
from content.generate_text import context_keys
from content.terms import Term, TermType
from content.text import STOPWORDS, short_hash

_LEAD_TAIL = re.compile(r"\s*(?:include|includes|including|are|is|such as|as follows)?\s*:?\s*$")
_LIST_GAP = re.compile(r"^,?\s*(?:(?:and|or)\s+)?(?:the\s+)?$")
# "deployment of multinational peacekeeping troops": an action noun and what it governs
_NOUN_PHRASE = re.compile(
    r"\b([a-z]+(?:tion|sion|ment|ance|ence|ity|ship|ure|age|ing)s?)\s+(of|with|for|on|in|to)\s+"
    r"((?:[a-z][a-z\-’']*\s+){0,3}[a-z][a-z\-]*)"
)


def _rng(*parts: str) -> random.Random:
    return random.Random(short_hash(*parts, size=8))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def list_questions(corpus: Corpus) -> list[Candidate]:
    """ "Which of these is listed among ...?" and its NOT twin, from bullet lists."""
    found: list[Candidate] = []
    for index, block in enumerate(corpus.lists):
        items = [item.rstrip(".") for item in block.items]
        if len(items) < 2 or any(len(item) > 100 or len(item.split()) > 12 for item in items):
            continue
        lead = _LEAD_TAIL.sub("", block.lead.split(". ")[-1]) if block.lead else ""
        if not lead or len(lead) > 150:
            continue
        topic = lead[:1].lower() + lead[1:]
        pool = _list_shaped(corpus, index, items)
        if len(pool) < 2:
            continue
        rng = _rng(corpus.title, "list", block.lead)
        answer = items[rng.randrange(len(items))]
        listed = f"Which of these is listed among the {topic}?"
        found.append(_list_candidate(block.lesson, listed, answer, pool[:3], block.lead, answer))
        outsider = pool[rng.randrange(min(3, len(pool)))]
        not_listed = f"Which of these is NOT listed among the {topic}?"
        wrong = [item for item in items if item != answer][:2] + [answer]
        whole = " ".join([block.lead, *block.items])
        found.append(_list_candidate(block.lesson, not_listed, outsider, wrong[:3], whole, None))
    return found


def _list_shaped(corpus: Corpus, index: int, items: list[str]) -> list[str]:
    """Options shaped like the list's items, from other lists and other lessons."""
    lesson = corpus.lists[index].lesson
    sizes = [len(item.split()) for item in items]
    low, high = max(3, min(sizes) // 2), max(sizes) + 2
    pool: list[str] = []
    others = [
        item.rstrip(".")
        for other, block in enumerate(corpus.lists)
        if other != index and block.lesson != lesson
        for item in block.items
    ]
    phrases = [
        _trim(match.group(0))
        for sentence in corpus.sentences
        if sentence.lesson != lesson
        for match in _NOUN_PHRASE.finditer(sentence.text)
    ]
    if min(sizes) >= 6:  # clause-like items ("Antarctica shall be used ..."): short sentences
        phrases += [
            sentence.text.rstrip(".")
            for sentence in corpus.sentences
            if sentence.lesson != lesson
            and not sentence.vague
            and not sentence.bullet
            and 5 <= len(sentence.text.split()) <= high
            and sentence.text.endswith(".")
        ]
    for text in [*others, *phrases]:
        if not low <= len(text.split()) <= high or len(text) > 100 or ":" in text:
            continue
        option = _capital(text)
        if corpus.lesson_mentions(lesson, text) or clashes(option, items + pool):
            continue
        pool.append(option)
    rng = _rng(corpus.title, "list-pool", *items)
    head = pool[:8]
    rng.shuffle(head)
    return head


def _trim(text: str) -> str:
    """Cut the phrase before a verb or function word ("... of collective efforts in addressing").

    The first three words (noun, preposition, first word governed) always stay.
    """
    words = text.split()
    for index in range(3, len(words)):
        word = words[index].lower()
        if (word in STOPWORDS and word != "and") or word.endswith(("ed", "ly")):
            words = words[:index]
            break
    while words and words[-1].lower() in STOPWORDS:
        words.pop()
    return " ".join(words)


def enumeration_questions(corpus: Corpus) -> list[Candidate]:
    """ "Which of these does the lesson list together with x and y?" from inline lists,
    and for lists of phrases the twin "Which of these does the lesson NOT list with x?"."""
    found: list[Candidate] = []
    for sentence in corpus.sentences:
        items = [list(enum.items) for enum in sentence.enumerations if not enum.verbal]
        groups = items + _name_groups(sentence.named(), sentence.text)
        for group in groups:
            if len(group) < 3:
                continue
            candidate = _enumeration(corpus, sentence, group)
            if candidate is not None:
                found.append(candidate)
        for group in items:
            candidate = _not_listed(corpus, sentence, group) if len(group) >= 3 else None
            if candidate is not None:
                found.append(candidate)
    return found


def _name_groups(named: list[Term], text: str) -> list[list[Term]]:
    groups: list[list[Term]] = []
    current: list[Term] = []
    for term in named:
        gap = text[current[-1].end : term.start] if current else ""
        if current and term.type is current[-1].type and _LIST_GAP.match(gap):
            current.append(term)
        else:
            if len(current) >= 3:
                groups.append(current)
            current = [term]
    if len(current) >= 3:
        groups.append(current)
    return groups


def _enumeration(corpus: Corpus, sentence: Sentence, group: list[Term]) -> Candidate | None:
    if group[0].type is TermType.ITEM:
        answers = [min(group, key=_length)]
    else:  # the first name, else the first written out in full
        answers = [group[0], *(term for term in group[1:] if not term.acronym)]
    for answer in answers:
        candidate = _enumeration_for(corpus, sentence, group, answer)
        if candidate is not None:
            return candidate
    return None


def _enumeration_for(
    corpus: Corpus, sentence: Sentence, group: list[Term], answer: Term
) -> Candidate | None:
    others = [term.text for term in group if term is not answer]
    quoted = ", ".join(f"“{text}”" for text in others[:-1]) + f" and “{others[-1]}”"
    prompt = f"Which of these does the lesson list together with {quoted}?"
    rng = _rng(corpus.title, "enumeration", sentence.text, answer.text)
    if answer.type is TermType.ITEM:
        pool = [
            text
            for text in _outside_phrases(corpus, sentence.lesson, [t.text for t in group], 1)
            if text[:1].lower() + text[1:] not in sentence.text
        ]
        distractors = [text[:1].lower() + text[1:] for text in pool[:3]]
    else:
        distractors = pick_terms(
            corpus,
            answer,
            stem=sentence.text,
            lesson=sentence.lesson,
            count=3,
            rng=rng,
            source=sentence.text,
            context=context_keys(sentence, answer) - {term.key for term in group},
            exclude_keys=frozenset(
                key for term in group for key in corpus.coordinated.get(term.key, set())
            ),
        )
    if len(distractors) < 2 or len(prompt) > 300:
        return None
    return Candidate(
        lesson=sentence.lesson,
        kind="list",
        prompt=prompt,
        answer=answer.text,
        distractors=tuple(distractors),
        explanation=f"The lesson names “{answer.text}” in the same list.",
        source=sentence.text,
        aliases=tuple(corpus.surfaces.get(answer.key, set())),
        tags=("inline",),
    )


def _not_listed(corpus: Corpus, sentence: Sentence, group: list[Term]) -> Candidate | None:
    """Quote one item; offer the others and one phrase from another lesson (the answer)."""
    shown, *rest = group
    pool = [
        text[:1].lower() + text[1:]
        for text in _outside_phrases(corpus, sentence.lesson, [t.text for t in group], 1)
        if not contains_words(sentence.text, text)
    ]
    if not pool or len(rest) < 2:
        return None
    outsider = pool[_rng(corpus.title, "not-listed", sentence.text).randrange(min(3, len(pool)))]
    prompt = f"Which of these does the lesson NOT list together with “{shown.text}”?"
    return Candidate(
        lesson=sentence.lesson,
        kind="list",
        prompt=prompt,
        answer=outsider,
        distractors=tuple(term.text for term in rest[:3]),
        explanation=f"The lesson lists “{shown.text}” with {', '.join(t.text for t in rest)}."[
            :200
        ],
        source=sentence.text,
        tags=("inline not",),
        identity=f"not with {shown.text}",
    )


def _length(term: Term) -> int:
    return len(term.text)


def _outside_phrases(
    corpus: Corpus, lesson: int, items: list[str], min_words: int = 2, limit: int = 6
) -> list[str]:
    """A few phrases from other lessons, capitalised like list items."""
    result: list[str] = []
    for kind in (TermType.ITEM, TermType.CONCEPT):
        for entry in corpus.pools.get(kind, []):
            text = _capital(entry.text)
            if corpus.lesson_mentions(lesson, entry.text) or clashes(text, items + result):
                continue
            if len(entry.text.split()) >= min_words:
                result.append(text)
            if len(result) >= limit:
                return result
    return result


def _list_candidate(
    lesson: int, prompt: str, answer: str, distractors: list[str], lead: str, item: str | None
) -> Candidate:
    listed = ", ".join(f"“{line}”" for line in [item] if line)
    explanation = f"The lesson lists {listed}." if item else f"The lesson does not list “{answer}”."
    source = f"{lead} {item}" if item else lead
    return Candidate(
        lesson=lesson,
        kind="list",
        prompt=prompt,
        answer=answer,
        distractors=tuple(distractors),
        explanation=explanation[:200],
        source=source.strip(),
        tags=("listed" if item else "not listed",),
        identity="" if item else "not listed",
    )
