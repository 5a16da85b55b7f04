"""Definitions turned into questions: "What are the molecules an enzyme acts on called?".

Two shapes of sentence define a term: "The molecules an enzyme acts on are called
substrates" and "Enzymes are proteins that act as biological catalysts". The question asks
for the term from its definition; the wrong options are the document's other defined terms
(the same kind of thing by construction: each is defined in the lesson, each as something
else), of the same grammatical number so that "are ... called?" fits them all.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache

import inflect

from content.candidate import Candidate
from content.corpus import Corpus, Sentence
from content.distractors import clashes, contains_words
from content.text import short_hash

MIN_DEFINITION_WORDS = 4
MAX_TERM_WORDS = 4
_CALLED = re.compile(
    r"^(?P<definition>(?:The|A|An)\s+[^,;:]{8,140}?)\s+(?P<verb>is|are|was|were)\s+"
    r"(?:called|known\s+as|termed|named)\s+(?P<term>[a-z][\w\- ]{1,40}?)\s*(?:[.;]|,|\(|$)"
)
_IS_A = re.compile(
    r"^(?:(?:An?|The)\s+)?(?P<term>[A-Za-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3})\s+"
    r"(?P<verb>is|are)\s+(?P<definition>(?:an?|the)?\s*[a-z][^;:]{12,160}?)\s*(?:[.;:]|$)"
)
_CLAUSES = re.compile(r",\s+(?:while|whereas)\s+")
# "proteins that act ...", "an inorganic ion ...": a definition opens with its class
_DEFINES = re.compile(r"^(?:(?:an?|the)\s+\w|[a-z]+\s+(?:that|which|who|whose|of|made)\b)")
_QUALIFIED = re.compile(r"\b(?:that|which|who|whose|in which|used|such as|of|from|for|made)\b")
# A field or a process is not the same kind of thing as a molecule or an organisation.
_ABSTRACT_HEADS = frozenset(
    "study science field branch process method practice theory technique art discipline "
    "act system principle approach".split()
)
_NOT_A_TERM = frozenset(
    "it this that these those they he she there here one each many most some all such "
    "which what who".split()
)


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    definition: str
    verb: str
    called: bool  # "... are called X" (the question keeps "called")
    sentence: Sentence


def definitions(corpus: Corpus) -> list[Definition]:
    """Every definition the document states, at most one per term (the first)."""
    found: dict[str, Definition] = {}
    for sentence in corpus.sentences:
        if sentence.vague or sentence.bullet:
            continue
        for clause in _CLAUSES.split(sentence.text):
            definition = _definition(clause, sentence)
            if definition is not None:
                found.setdefault(definition.term.lower(), definition)
    return list(found.values())


def _definition(clause: str, sentence: Sentence) -> Definition | None:
    called = _CALLED.match(clause)
    if called:
        return Definition(
            called["term"].strip(), called["definition"], called["verb"], True, sentence
        )
    plain = _IS_A.match(clause[:1].upper() + clause[1:])
    if plain is None:
        return None
    term, text = plain["term"].strip(), plain["definition"].strip()
    words = term.split()
    if (
        words[0].lower() in _NOT_A_TERM
        or len(words) > MAX_TERM_WORDS
        or not words[0][:1].islower() and words[0] != clause.split()[0]
        or len(text.split()) < MIN_DEFINITION_WORDS
        or not _DEFINES.match(text)
        or not _QUALIFIED.search(text)
        or term[:1].isupper() and len(words) > 1
    ):
        return None
    return Definition(term, text, plain["verb"], False, sentence)


def definition_questions(corpus: Corpus) -> list[Candidate]:
    """One question per defined term, with the other defined terms as wrong options."""
    found = definitions(corpus)
    questions: list[Candidate] = []
    for item in found:
        candidate = _question(corpus, item, found)
        if candidate is not None:
            questions.append(candidate)
    return questions


def _question(corpus: Corpus, item: Definition, found: list[Definition]) -> Candidate | None:
    definition = _lower_first(item.definition) if item.called else item.definition
    comma = "," if "," in definition else ""
    prompt = f"What {item.verb} {definition}{comma} called?"
    answer = _display(item.term)
    plural = item.verb in {"are", "were"}
    rng = random.Random(short_hash(corpus.title, "definition", item.term, size=8))
    abstract = _abstract(item)
    others = [other for other in found if other is not item and _abstract(other) == abstract]
    rng.shuffle(others)
    distractors: list[str] = []
    for other in others:
        option = _display(_in_number(other.term, plural, other.verb in {"are", "were"}))
        if contains_words(prompt, other.term) or clashes(option, [answer, *distractors]):
            continue
        distractors.append(option)
        if len(distractors) == 3:
            break
    if len(distractors) < 2 or contains_words(prompt, item.term):
        return None
    return Candidate(
        lesson=item.sentence.lesson,
        kind="definition",
        prompt=prompt,
        answer=answer,
        distractors=tuple(distractors),
        explanation=_explanation(item.sentence.text),
        source=item.sentence.text,
        statement=prompt,
        tags=("defined term",),
    )


def _abstract(item: Definition) -> bool:
    words = re.findall(r"[a-z]+", item.definition.lower())
    head = next((word for word in words if word not in {"a", "an", "the"}), "")
    return head in _ABSTRACT_HEADS


@cache
def _inflector() -> inflect.engine:
    return inflect.engine()


def _in_number(term: str, plural: bool, is_plural: bool) -> str:
    """ "cofactor" offered beside "Substrates" reads "cofactors" (the last word inflected)."""
    if plural == is_plural:
        return term
    *head, last = term.split()
    if last.endswith("ics"):
        return term  # "kinetics", "physics": no number to change
    engine = _inflector()
    changed = engine.plural_noun(last) if plural else engine.singular_noun(last)
    return " ".join([*head, changed or last])


def _display(term: str) -> str:
    return term[:1].upper() + term[1:]


def _lower_first(text: str) -> str:
    first = text.split()[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def _explanation(sentence: str) -> str:
    text = f"The lesson: “{sentence}”"
    return text if len(text) <= 200 else text[:198].rstrip() + "…”"
