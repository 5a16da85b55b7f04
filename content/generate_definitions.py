"""Definitions turned into questions.

- "What are the molecules an enzyme acts on called?" asks for the term from what it names;
- "Each chloroplast … contains a fluid called _____." blanks the term where the lesson
  names it (a cloze on a key term, never on a stock phrase).

The wrong options are the document's other defined terms of the same sort (a process beside
processes, a structure beside structures; `content/definitions.py`) and the same grammatical
number, the same lesson's first: each is something the learner met, defined as something
else.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from content.candidate import Candidate
from content.corpus import Corpus, close_runs
from content.definitions import Definition, definitions
from content.distractors import clashes
from content.inflection import plural, singular
from content.text import contains_words, short_hash

__all__ = ["definition_questions", "definitions"]
_BLANK = "_____"


def definition_questions(corpus: Corpus) -> list[Candidate]:
    """For each defined term: the question that asks for it, and the cloze that blanks it."""
    found = definitions(corpus)
    questions: list[Candidate] = []
    for item in found:
        if not item.usable:
            continue  # a wrong option for the others, never a question itself
        for make in (_asked, _blanked):
            candidate = make(corpus, item, found)
            if candidate is not None:
                questions.append(candidate)
    return questions


def _asked(corpus: Corpus, item: Definition, found: list[Definition]) -> Candidate | None:
    if not item.definition:
        return None
    definition = _lower_first(item.definition) if item.called else item.definition
    comma = "," if "," in definition and not definition.endswith(",") else ""
    prompt = f"What {item.verb} {definition}{comma} called?"
    answer = _display(item.bare)
    distractors = _others(corpus, item, found, prompt, answer,
                          lambda other: _in_number(other.bare, item.plural, other.plural),
                          _display)
    if len(distractors) < 2 or contains_words(prompt, item.bare):
        return None
    return _candidate(item, "definition", prompt, answer, distractors, prompt)


def _blanked(corpus: Corpus, item: Definition, found: list[Definition]) -> Candidate | None:
    text = item.sentence.text
    naming = re.search(rf"\b(?:called|known as|termed|named|referred to as)\s+"
                       rf"({re.escape(item.term)})\b", text)
    if naming is None:
        return None
    stem = text[: naming.start(1)] + _BLANK + text[naming.end(1):]
    distractors = _others(corpus, item, found, stem, item.term,
                          lambda other: other.term if other.plural == item.plural else None,
                          lambda term: _in_sentence(corpus, term))
    if len(distractors) < 2 or contains_words(stem, item.bare):
        return None
    return _candidate(item, "cloze", f"Fill in the blank: {stem}", item.term, distractors, stem)


def _others(corpus: Corpus, item: Definition, found: list[Definition], stem: str,
            answer: str, fitted: Callable[[Definition], str | None],
            shown: Callable[[str], str]) -> list[str]:
    """Up to three other defined terms of the item's sort, fitted to the stem's number."""
    rng = random.Random(short_hash(corpus.title, "definition", item.term, size=8))
    proper = _proper(corpus, item.bare)
    # the course's own subject, under any name its defining sentence gives ("the water
    # cycle, also known as the hydrological cycle")
    subject = {id(other.sentence) for other in found if contains_words(corpus.title, other.bare)}
    eligible = [other for other in found
                if other is not item
                and not contains_words(corpus.title, other.bare)
                and id(other.sentence) not in subject
                and not _second_name(other)
                and _proper(corpus, other.bare) == proper]  # "Git" is not beside "branch"
    others = [other for other in eligible if other.sort == item.sort]
    rng.shuffle(others)
    # the same lesson's terms first: a document's lessons may define unrelated things
    others.sort(key=lambda other: other.sentence.lesson != item.sentence.lesson)
    head = _head(item.bare)
    kin = [other for other in others if _head(other.bare) == head]
    if len(kin) >= 2 or _named_in(stem.replace(_BLANK, " "), head) or item.sort == "thing":
        # boundaries beside a boundary; "earthquakes, called _____": earthquakes; and a
        # "thing" is too wide a sort to trust (a dew point, hail and an aquifer are things),
        # unless the text names things one after another: "Large sand seas are called
        # ergs. Stony plains are called regs. Bare rocky plateaus are called hamadas."
        neighbours = _neighbours(item, [other for other in eligible if other.called])
        others = kin if len(kin) >= 2 or not item.called or len(neighbours) < 2 \
            else neighbours
    options: list[str] = []
    heads: set[str] = set()
    for other in others:
        inflected = fitted(other)
        if inflected is None:
            continue
        option = shown(inflected)
        if (_named_in(stem, other.bare) or clashes(option, [answer, *options])
                or _nested(option, [answer, *options])):
            continue
        if _head(other.bare) != head and _head(other.bare) in heads:
            continue  # two boundaries beside one earthquake: the odd one out is the answer
        heads.add(_head(other.bare))
        options.append(option)
        if len(options) == 3:
            break
    return options


def _neighbours(item: Definition, others: list[Definition]) -> list[Definition]:
    """The terms named in the run of naming sentences around the item's (content/corpus.py,
    `close_runs`): a text naming things in turn sets them beside each other."""
    run = next(run for run in close_runs([item, *others], lambda other: other.sentence)
               if item in run)
    return [other for other in run if other is not item]


def _nested(option: str, others: list[str]) -> bool:
    """ "Evapotranspiration" beside "Transpiration": one is the other and more, so both
    can be right."""
    word = option.lower().split()[0]
    for other in others:
        first = other.lower().split()[0]
        if first == word:
            continue  # "active immunity" beside "active transport": the head tells them apart
        if (len(first) >= 8 and first in word) or (len(word) >= 8 and word in first):
            return True
    return False


def _second_name(item: Definition) -> bool:
    """ "adaptive immunity, also known as acquired immunity": the second name is the first
    thing again, and beside one of its kinds (active immunity) it is also right."""
    return re.search(rf"\b(?:also\s+(?:known\s+as|called)|or)\s+(?:the\s+)?"
                     rf"{re.escape(item.bare)}\b", item.sentence.text, re.I) is not None


def _head(term: str) -> str:
    """ "Transform boundaries" -> "boundary": the kind of thing a term names."""
    last = term.split()[-1].lower()
    return singular(last) or last


def _named_in(stem: str, term: str) -> bool:
    """ "Each chloroplast … sacs called _____": "chloroplasts" is named there too."""
    *head, last = term.split()
    forms = {term} | {" ".join([*head, other]) for other in (plural(last), singular(last))
                      if other}
    return any(contains_words(stem, form) for form in forms)


def _candidate(item: Definition, kind: str, prompt: str, answer: str,
               distractors: list[str], statement: str) -> Candidate:
    return Candidate(
        lesson=item.sentence.lesson,
        kind=kind,
        prompt=prompt,
        answer=answer,
        distractors=tuple(distractors),
        explanation=_explanation(item.sentence.text),
        source=item.sentence.text,
        statement=statement,
        tags=("defined term",),
    )


def _proper(corpus: Corpus, term: str) -> bool:
    """A name ("Git", written so mid-sentence), not a common noun ("enzymes")."""
    return corpus.written_inside_sentences(_display(term))


def _in_number(term: str, wanted_plural: bool, is_plural_now: bool) -> str | None:
    """ "cofactor" offered beside "Substrates" reads "cofactors" (the last word inflected);
    None when the word has no other number ("kinetics", "zooxanthellae")."""
    if wanted_plural == is_plural_now:
        return term
    *head, last = term.split()
    changed = plural(last) if wanted_plural else singular(last)
    return " ".join([*head, changed]) if changed else None


def _in_sentence(corpus: Corpus, term: str) -> str:
    """A term as it reads mid-sentence: "Photosynthesis" opened its sentence, so
    "photosynthesis"; a name ("Git") or an acronym ("RuBisCO") keeps its capital."""
    if term[1:2].isupper() or _proper(corpus, term):
        return term
    return term[:1].lower() + term[1:]


def _display(term: str) -> str:
    return term[:1].upper() + term[1:]


def _lower_first(text: str) -> str:
    first = text.split()[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def _explanation(sentence: str) -> str:
    text = f"The lesson: “{sentence}”"
    return text if len(text) <= 200 else text[:198].rstrip() + "…”"
