"""Verb forms for turning a statement into a question: "concluded" -> "conclude", so "Lübeck
and Hamburg concluded an agreement in 1241" can be asked "In which year did Lübeck and
Hamburg conclude an agreement?". lemminflect carries its own tables (no downloads) and
knows the irregular verbs ("took" -> "take", "fled" -> "flee").
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllLemmas, getInflection

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
