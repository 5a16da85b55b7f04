"""Small text helpers shared by parsing, extraction and generation: normalising, sentences, ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import pysbd

# Typographic variants folded to ASCII so "verbatim up to quotes/dashes" comparisons work.
_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# Where the cheap splitter can be trusted: no "U.N.", "Dr.", "e.g." style abbreviations.
_ABBREVIATION = re.compile(r"[A-Za-z]\.[A-Za-z]|\b[A-Z][a-z]{0,3}\.\s|\b[a-z]{1,4}\.\s[a-z0-9]")
# after . ! ? or after one closing quote or bracket that follows them ("… guide star." The):
# the closing mark stays with its sentence
_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")

STOPWORDS = frozenset(
    """a about above across after against all along also although among an and any are as at
    be because been before being between both but by can could did do does during each either
    for from had has have having he her here hers him his how however if in into is it its
    itself may might more most much must my neither no nor not of off on once one only or
    other our out over own same she should since so some such than that the their them then
    there these they this those through thus to too under until up upon very via was we were
    what when where whether which while who whom whose why will with within without would yet
    you your throughout despite following beyond towards toward amid amidst around behind
    below beneath beside besides near unlike like per furthermore moreover additionally lastly
    finally overall similarly meanwhile nevertheless therefore indeed today later first second
    third notably together instead often many several various key""".split()
)
VAGUE_OPENERS = frozenset(
    "this that these those it its they their them such he she his her both".split()
)


@lru_cache(maxsize=1 << 16)
def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 lesson", "3 lessons": the one helper for counted nouns everywhere (`many` for an
    irregular plural, "2 quizzes")."""
    return f"{count} {word if count == 1 else many or word + 's'}"


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold typographic quotes/dashes and collapse whitespace, for comparisons only (cached:
    the wrong-option rules fold the same sentences and names hundreds of thousands of
    times in a long document)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_FOLD)).strip()


@lru_cache(maxsize=1 << 16)
def fold_key(text: str) -> str:
    """A case-insensitive comparison key (folded, lower-cased, no leading article)."""
    key = fold(text).lower()
    return re.sub(r"^(the|a|an) ", "", key)


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, verbatim (trimmed).

    pysbd survives abbreviations but is slow, so it only sees paragraphs that contain
    something abbreviation-like; plain prose takes a regex that splits after . ! ?.
    """
    paragraph = collapse(paragraph)
    if not paragraph:
        return []
    if _ABBREVIATION.search(paragraph):
        parts = [part.strip() for part in _segmenter().segment(paragraph)]
    else:
        parts = [part.strip() for part in _BOUNDARY.split(paragraph)]
    return [part for part in parts if part]


def slugify(text: str) -> str:
    """A lower-case ASCII slug: letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "document"


def short_hash(*parts: str, size: int = 5) -> str:
    """A short, stable hex digest of the parts (size bytes -> 2*size hex characters)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=size)
    return digest.hexdigest()


def opens_vaguely(sentence: str) -> bool:
    """True when the sentence leans on the previous one ("This ...", "They ...")."""
    first = re.match(r"[\"“‘']?([A-Za-z]+)", sentence)
    return bool(first) and first.group(1).lower() in VAGUE_OPENERS if first else False


_CONTRASTIVE = frozenset(
    "nevertheless nonetheless however still yet thus therefore hence consequently accordingly "
    "instead otherwise likewise similarly conversely but".split()  # "But Henry died …"
)
_EARLY_DEMONSTRATIVE = re.compile(
    r"^(?:\S+\s+){0,3}(?:these|those|this|such)\s+(?!as\b)([a-z]+)", re.I
)


def leans_back(sentence: str, topic: frozenset[str] = frozenset()) -> bool:
    """True when the sentence needs the one before it: a vague opener ("This ..."), a
    contrastive connective ("Nevertheless, ..."), or an early "these efforts".

    "These operations" stands alone when operations are what the course is about
    (`topic`: the title's lower-cased words).
    """
    first = re.match(r"[\"“‘']?([A-Za-z]+)", sentence)
    if first and first.group(1).lower() in _CONTRASTIVE:
        return True
    if opens_vaguely(sentence):
        return True
    early = _EARLY_DEMONSTRATIVE.match(sentence)
    return early is not None and early.group(1).lower() not in topic


_DISCOURSE = re.compile(
    r"^(?:Moreover|Additionally|Furthermore|Similarly|Likewise|Lastly|Finally|However|"
    r"Nevertheless|Meanwhile|Notably|Overall|Today|In addition|In particular|Also|Thus|"
    r"Later|Eventually|Subsequently|In response|As a result|In return|In turn|By contrast|"
    r"In contrast|Instead|Consequently|Therefore|Hence|Nonetheless|Still),\s+"
)


def without_discourse(sentence: str) -> str:
    """ "Additionally, NATO's involvement …" -> "NATO's involvement …": the linking word
    only makes sense after the sentence before it."""
    rest = _DISCOURSE.sub("", sentence)
    return rest if rest == sentence else rest[:1].upper() + rest[1:]


def contains_words(haystack: str, needle: str) -> bool:
    """Whole-word, case- and typography-insensitive containment."""
    needle_key = _lower_fold(needle)
    folded = _lower_fold(haystack)
    if not needle_key or needle_key not in folded:
        return False
    return _whole_word(needle_key).search(folded) is not None


@lru_cache(maxsize=1 << 16)
def _lower_fold(text: str) -> str:
    return fold(text).lower()


@lru_cache(maxsize=1 << 14)
def _whole_word(key: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
