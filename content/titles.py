"""A lesson's title from its text: the subject it is mostly about, not "Part 3".

No model and no downloads: candidate subjects are names (runs of capitalised words, with
"of", "the", "de" ... inside: "Battle of Hastings") and repeated lower-case word pairs
("digital television"). Each is scored on the lesson's own text, tf-idf style:

    occurrences x (1 + 0.5 per extra word) x rarity of its words across the course's lessons
    x 1.5 when in the first sentence, x 0.5 for a word pair that is not a name,
    x 0.3 when it only repeats the course title,
    x 0.3 for a lone title, month or nationality word ("King", "March", "English")

(A term the lesson defines is not preferred: titled "Condensation", a lesson gives away its
own question "What is the change of water vapour into liquid water called?", which the gate
then drops.)

Spellings that differ by a plural or possessive count together. The best candidate is the
title; a name nearly as strong joins it ("Microsoft and SkyDrive"). Regular expressions over
one lesson: a 5 MB document titles its lessons in seconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lemminflect import getAllLemmas

from content.people import given_name_first
from content.text import STOPWORDS

MAX_TITLE_CHARS = 60
MIN_SUBJECT_COUNT = 3  # a lower-case word is a subject when the lesson uses it this often
MIN_SUBJECT_LETTERS = 5
MAX_COMBINED_CHARS = 40
_CONNECTORS = "of|the|de|du|des|la|le|von|van|der|al|el"
_NAME = re.compile(
    rf"\b[A-Z][\w'’\-]*(?:[ ]+(?:(?:{_CONNECTORS})[ ]+)*[A-Z][\w'’\-]*)*",
)
_LOWER_WORD = re.compile(r"\b[a-z][a-z\-]{3,}\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")  # a list item opens like a sentence
_TOKEN = re.compile(r"[\w'’\-]+")
_ANY_WORD = re.compile(r"[a-z][a-z'\-]+")
_DEMONYM = re.compile(r"(?:ish|ese|ian)$")
# "cultural", "linear", "quickly": words that describe a subject, not name it
_DESCRIBING = re.compile(r"(?:al|ar|ic|ive|ous|ful|less|able|ible|ly|ing|ed)$")
_GENERIC_NAMES = frozenset(
    """king queen duke duchess count emperor empress pope saint sir lord lady prince princess
    bishop archbishop church empire kingdom republic government company university act court
    council parliament army navy january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday""".split()
)
_GENERIC = frozenset(
    """however although when while after before during since because there their this these
    those then thus also such many most some other first second third later today following
    according including although despite""".split()
)


@dataclass(frozen=True, slots=True)
class Rarity:
    """How many of a course's lessons use each word: subjects are words few lessons share."""

    lessons: int = 1
    counts: Mapping[str, int] = field(default_factory=dict)

    def weight(self, words: Iterable[str]) -> float:
        """Mean inverse document frequency of the words (1.0 with nothing to compare)."""
        keys = [_stem(word.lower()) for word in words if word.lower() not in STOPWORDS]
        if not keys or self.lessons < 2:
            return 1.0
        total = sum(math.log((self.lessons + 1) / (self.counts.get(key, 0) + 0.5)) for key in keys)
        return max(total / len(keys), 0.05)


def rarity_of(texts: Sequence[str]) -> Rarity:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({_stem(word) for word in set(_ANY_WORD.findall(text.lower()))})
    return Rarity(len(texts), counts)


def candidates(text: str, *, title: str = "", rarity: Rarity = Rarity()) -> list[str]:
    """Subjects of `text`, best first."""
    return [phrase for phrase, _score in _scored(text, title=title, rarity=rarity)]


def _scored(text: str, *, title: str, rarity: Rarity) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    first_end = _SENTENCE_END.search(text)
    opening = text[: first_end.end()] if first_end else text
    counter = _Words(text)
    title_words = {_stem(word.lower()) for word in re.findall(r"\w+", title)}
    for phrase in sorted(_phrases(text, counter)):  # a set's order changes with the hash seed
        words = phrase.split()
        count = counter.count(phrase)
        if count == 0:
            continue
        score = count * (1 + 0.5 * (len(words) - 1)) * rarity.weight(words)
        if phrase in opening:
            score *= 1.5
        if phrase[:1].islower():
            score *= 0.5  # a repeated word or pair is a weaker guess than a name
        stems = {_stem(word.lower()) for word in words if word.lower() not in STOPWORDS}
        if stems and stems <= title_words:
            score *= 0.3
        if len(words) == 1 and (_DEMONYM.search(phrase) or phrase.lower() in _GENERIC_NAMES):
            score *= 0.3
        scores[phrase] = max(scores.get(phrase, 0.0), score)
    merged: dict[str, tuple[str, float]] = {}
    for phrase, score in scores.items():
        key = _stem(phrase.lower())
        best = merged.get(key)
        total = score + (best[1] if best else 0.0)
        # the shorter spelling, and of two as long the lower-case one: "conquest", written
        # so too, is no name to join "Wales" in a title
        shown = phrase if best is None or _spelling(phrase) < _spelling(best[0]) else best[0]
        merged[key] = (shown, total)
    return sorted(merged.values(), key=lambda item: (-item[1], item[0]))


def _spelling(phrase: str) -> tuple[int, bool]:
    return len(phrase), phrase[:1].isupper()


def title_for(
    text: str, *, title: str = "", rarity: Rarity = Rarity(), taken: Container[str] = ()
) -> str:
    """The best subject not already used by another lesson (empty when none is found).

    `taken` holds the other lessons' titles, lower-cased. A second name nearly as strong as
    the first joins it: "Microsoft and SkyDrive".
    """
    used = taken
    ranked = [
        (phrase, score)
        for phrase, score in _scored(text, title=title, rarity=rarity)
        if _capital(phrase).lower() not in used
    ]
    if not ranked:
        return ""
    best, top = ranked[0]
    for second, score in ranked[1:3]:
        combined = f"{_capital(best)} and {second}"
        if _overlaps(best, second) or len(combined) > MAX_COMBINED_CHARS:
            continue
        names = best[:1].isupper() and second[:1].isupper()
        if names and score >= 0.85 * top and combined.lower() not in used:
            return combined
        break
    return _capital(best)[:MAX_TITLE_CHARS].rstrip()


class _Words:
    """One pass over a text: its words padded with spaces (so a phrase is counted with
    `str.count`, whole words only), and the capitalised words seen inside a sentence."""

    def __init__(self, text: str) -> None:
        tokens = [_possessive_off(token) for token in _TOKEN.findall(text)]
        self.padded = f" {' '.join(tokens)} "
        self.lowered = self.padded.lower()
        self.inside: set[str] = set()
        for sentence in _SENTENCE_END.split(text):
            self.inside.update(
                _possessive_off(word) for word in _TOKEN.findall(sentence)[1:] if word[:1].isupper()
            )

    def count(self, phrase: str) -> int:
        if phrase[:1].isupper():
            return self.padded.count(f" {phrase} ")
        return self.lowered.count(f" {phrase} ")


def _possessive_off(word: str) -> str:
    return word.removesuffix("’s").removesuffix("'s")


def _phrases(text: str, counted: _Words) -> set[str]:
    found: set[str] = set()
    for match in _NAME.finditer(text):
        phrase = _trim_name(match.group(0), counted)
        if len(phrase) < 3 or (" " not in phrase and phrase not in counted.inside):
            continue  # a lone capitalised word only ever opening sentences is not a name
        found.add(phrase)
    words = [(m.group(0), m.start()) for m in _LOWER_WORD.finditer(text)]
    pairs: Counter[str] = Counter()
    for (first, start), (second, _end) in zip(words, words[1:], strict=False):
        between = text[start + len(first) : _end]
        if between == " " and first not in STOPWORDS and second not in STOPWORDS:
            pairs[f"{first} {second}"] += 1
    found.update(pair for pair, count in pairs.items() if count >= 2)
    # a term the lesson keeps using ("chlorophyll", "photosystems"), in any case
    singles = Counter(_stem(word.lower()) for word in _TOKEN.findall(text)
                      if len(word) >= MIN_SUBJECT_LETTERS and word.isalpha())
    spelled = {_stem(word): word for word, _start in reversed(words)}
    found.update(spelled[key] for key, count in singles.items()
                 if count >= MIN_SUBJECT_COUNT and key in spelled
                 and key not in STOPWORDS and key not in _GENERIC
                 and not _DESCRIBING.search(key))
    # a subject is a thing: not "Fresh", "Steep" or "Contains" (a word the dictionary knows
    # only as another part of speech), nor a person together with the body they worked for
    return {_person_alone(phrase) for phrase in found
            if " " in phrase or not _not_a_noun(phrase.lower())}


def _not_a_noun(word: str) -> bool:
    lemmas = getAllLemmas(word)
    return bool(lemmas) and "NOUN" not in lemmas and "PROPN" not in lemmas


def _person_alone(phrase: str) -> str:
    """ "Vincent Schaefer of the General Electric" -> "Vincent Schaefer"."""
    person, _of, _rest = phrase.partition(" of ")
    return person if given_name_first(person) else phrase


def _trim_name(phrase: str, counted: _Words | None = None) -> str:
    """Drop connectors at the edges and a leading generic word ("The", "However", and a
    word the lesson also writes in lower case or an adverb: "Briefly Minister of …")."""
    words = phrase.replace("’s", "").replace("'s", "").split()
    while words and (words[0].lower() in STOPWORDS or words[0].lower() in _GENERIC
                     or (len(words) > 1 and words[0].endswith("ly"))
                     or (counted is not None and len(words) > 1
                         and f" {words[0].lower()} " in counted.padded)):
        words = words[1:]
    while words and words[-1].lower() in STOPWORDS:
        words = words[:-1]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """Plural and possessive endings off, for comparing ("Byzantines" ~ "Byzantine")."""
    for ending in ("'s", "’s", "ies", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


def _overlaps(first: str, second: str) -> bool:
    one = {word.lower() for word in first.split()} - STOPWORDS
    two = {word.lower() for word in second.split()} - STOPWORDS
    return bool(one & two)


def _capital(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
