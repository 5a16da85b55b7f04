"""Verb forms for turning a statement into a question: "concluded" -> "conclude", so "Lübeck
and Hamburg concluded an agreement in 1241" can be asked "In which year did Lübeck and
Hamburg conclude an agreement?". lemminflect carries its own tables (no downloads) and
knows the irregular verbs ("took" -> "take", "fled" -> "flee").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas, getInflection

from content.corpus import Sentence
from content.date_terms import MONTH
from content.text import without_discourse

# words that are past tenses but not a main verb to ask with "did": auxiliaries and the
# copula ("was the first" is no "did"), and "had"/"could" that open a longer verb
_NOT_ASKED = frozenset("was were had did could would should might must".split())
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def base_of_past(word: str) -> str | None:
    """The base form of a simple past tense ("defeated" -> "defeat", "took" -> "take"),
    or None when `word` is no past tense."""
    if not _WORD.fullmatch(word) or word in _NOT_ASKED:
        return None
    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        if word in getInflection(lemma, tag="VBD"):
            return str(lemma)
    return None


def split_past_tense(text: str) -> tuple[str, str, str] | None:
    """(subject, base verb, rest) at the first simple past tense in `text` ("Lübeck and
    Hamburg", "conclude", "an agreement …"), or None. The subject holds no comma: "Marie
    Curie, the physicist, isolated …" is not split."""
    words = text.split()
    for index, word in enumerate(words):
        if "," in word or "(" in word:
            return None
        if index and (base := base_of_past(word)) is not None:
            return " ".join(words[:index]), base, " ".join(words[index + 1:])
    return None


# "In 1241 ", "On 29 October 1956, ", "In early 2005 ": a date that opens the sentence
OPENING_DATE = re.compile(
    rf"^(?:In|On|By|During)\s+(?:(?:early|mid|late)[\s-]+)?(?:\d{{1,2}}\s+)?(?:{MONTH}\s+)?"
    r"(?:1[0-9]{3}|20[0-9]{2})\s*,?\s+")
MAX_SUBJECT_WORDS = 6


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence read as [date] subject verb rest: "In 1241 | Lübeck and Hamburg |
    conclude | an agreement …"."""

    opening: str  # the date that opens the sentence, or ""
    subject: str  # names only, as a question shows it ("the United States Congress")
    verb: str  # the base form
    rest: str


def named_statement(sentence: Sentence) -> Statement | None:
    """The sentence as a statement about names it opens with (after its date, if the date
    comes first) and the first simple past tense after them; None for any other shape."""
    if sentence.vague or sentence.bullet:
        return None
    text = without_discourse(sentence.text).rstrip(".")
    opening = OPENING_DATE.match(text)
    body = text[opening.end():] if opening else text
    found = split_past_tense(body)
    if found is None:
        return None
    subject, verb, rest = found
    if (not _names_only(sentence, subject) or len(subject.split()) > MAX_SUBJECT_WORDS
            or ";" in rest):
        return None  # "…; in 1990 the University of Oxford awarded him …": another clause
    if subject.split()[0] in {"The", "A", "An"}:
        subject = subject[:1].lower() + subject[1:]  # "did the United States Congress …"
    return Statement(opening.group(0).strip() if opening else "", subject, verb, rest)


def _names_only(sentence: Sentence, subject: str) -> bool:
    """The subject is names only ("Lübeck and Hamburg", "Marie Curie", "the Ottomans"), not
    "a Daoist monk named Wang Yuanlu" or "she"."""
    rest = re.sub(r"^the\s+", "", subject, flags=re.I)
    for term in sentence.named():
        rest = rest.replace(term.text, " ")
    return subject[:1].isupper() and not re.sub(r"\b(?:and|the)\b", "", rest).strip()
