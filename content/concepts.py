"""Key phrases that are not names: "adjective + noun" concepts and items of inline lists.

Good blanks are not only named entities (Becker et al. 2012); without a tagger, an
adjective is recognised by its suffix and a list by its commas and final "and"/"or".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.terms import Term, TermType
from content.text import STOPWORDS, fold_key

_ADJECTIVE = re.compile(
    r"^(?:[a-z]+-[a-z]+(?:-[a-z]+)?|[a-z]{3,}(?:al|ive|ic|ary|ous|ian|ent|ant|ful|less|ible|able))$"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*")
_VAGUE = frozenset(
    """role roles effort efforts approach approaches way ways nature importance significance
    impact aspect aspects part parts kind kinds range variety number area areas manner instance
    instances example examples element elements thing things issue issues level levels term
    terms situation situations goal goals context contexts factor factors means step steps
    one ones time times need world manner sense form forms type types step further""".split()
)
_VAGUE_MODIFIERS = frozenset(
    "significant specific actual various different particular several primary recent successful "
    "important major notable crucial main".split()
)
_VERBISH = re.compile(r"(?:ly|ed|ing)$")
_ENUM_CUES = frozenset(
    "as include includes including like of in on to with from and by among such between at for "
    "into about through toward towards over".split()
)
MAX_ITEM_WORDS = 4


@dataclass(frozen=True, slots=True)
class Enumeration:
    """An inline list "x, y, and z"; `verbal` when its items are verb phrases ("to x, y")."""

    items: tuple[Term, ...]
    verbal: bool


def extract_concepts(sentence: str, topic_words: frozenset[str]) -> list[Term]:
    """Adjective + noun phrases ("operational efficiency"), at most three words."""
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(sentence)]
    terms: list[Term] = []
    index = 0
    while index < len(words) - 1:
        word = words[index][0]
        if not _is_modifier(word) or sentence[words[index][2] : words[index + 1][1]] != " ":
            index += 1
            continue
        end = index + 1
        if (
            end + 1 < len(words)
            and _is_modifier(words[end][0])
            and sentence[words[end][2] : words[end + 1][1]] == " "
        ):
            end += 1
        head = words[end][0]
        counted = re.search(r"\b(?:a|an|one|each|every)\s+$", sentence[: words[index][1]], re.I)
        if (
            _is_head(head)
            and not counted  # "a military alliance" fits no slot without its article
            and not head.endswith(("’", "'"))
            and not _compound_goes_on(sentence, words, end)
        ):
            text = sentence[words[index][1] : words[end][2]]
            lowered = {part.lower() for part in text.split()}
            if not lowered <= topic_words:
                terms.append(
                    Term(text, TermType.CONCEPT, words[index][1], words[end][2], fold_key(text))
                )
            index = end + 1
        else:
            index += 1
    return terms


def _compound_goes_on(sentence: str, words: list[tuple[str, int, int]], end: int) -> bool:
    """ "local security" in "local security forces" is only part of the phrase."""
    if end + 1 >= len(words) or sentence[words[end][2] : words[end + 1][1]] != " ":
        return False
    following = words[end + 1][0]
    if not following.islower() or following in STOPWORDS:
        return False
    nounish = following.endswith("s") and not following.endswith(("ss", "ous"))
    return nounish or bool(re.search(r"(?:tion|sion|ment|ity|ance|ence|ism|ship)$", following))


def _is_modifier(word: str) -> bool:
    return (
        word.islower()
        and bool(_ADJECTIVE.match(word))
        and word not in STOPWORDS
        and word not in _VAGUE_MODIFIERS
    )


def _is_head(word: str) -> bool:
    return (
        word.islower()
        and len(word) > 3
        and word not in STOPWORDS
        and word not in _VAGUE
        and not _VERBISH.search(word)
        and "-" not in word
        and not _ADJECTIVE.match(word)
    )


def extract_enumerations(sentence: str) -> list[Enumeration]:
    """Inline lists: comma-separated segments whose last one opens with "and"/"or"."""
    segments = [(m.group(), m.start()) for m in re.finditer(r"[^,;:()]+", sentence)]
    found: list[Enumeration] = []
    index = 0
    while index < len(segments):
        run_end = index + 1
        while run_end < len(segments) and _plain_item(segments[run_end][0]):
            run_end += 1
        if run_end < len(segments) and run_end - index >= 2:
            last_text, last_start = segments[run_end]
            closing = re.match(r"\s*(?:and|or)\s+", last_text)
            if closing:
                enumeration = _build(sentence, segments[index:run_end], last_text, last_start)
                if enumeration:
                    found.append(enumeration)
                index = run_end + 1
                continue
        index += 1
    return found


def _plain_item(segment: str) -> bool:
    words = segment.split()
    return 1 <= len(words) <= MAX_ITEM_WORDS and not re.match(r"\s*(?:and|or)\s", segment)


def _build(
    sentence: str, segments: list[tuple[str, int]], last_text: str, last_start: int
) -> Enumeration | None:
    """Turn the segments of "... such as x, y, and z ..." into item terms."""
    for position in range(len(segments) - 1, 0, -1):
        if re.match(r"\s*(?:including|such as|like|namely|especially)\s", segments[position][0]):
            segments = segments[position:]
            break
    first_text, first_start = segments[0]
    words = first_text.split()
    cut = max((i for i, word in enumerate(words) if word.lower() in _ENUM_CUES), default=-1)
    longest_other = max(len(text.split()) for text, _start in segments[1:]) if segments[1:] else 2
    first_words = words[cut + 1 :][-(longest_other + 1) :]
    if not first_words or len(first_words) > MAX_ITEM_WORDS:
        return None
    if len(first_words) == 1 and _ADJECTIVE.match(first_words[0].lower()):
        return None  # "political, social, and logistical challenges": adjectives, not items
    verbal = (cut >= 0 and words[cut].lower() == "to") or first_words[0].endswith("ing")
    items: list[Term] = []
    first = " ".join(first_words)
    items.append(_item(sentence, first, first_start + first_text.rindex(first)))
    for text, start in segments[1:]:
        stripped = text.strip()
        if len(stripped.split()) > MAX_ITEM_WORDS:
            return None
        items.append(_item(sentence, stripped, start + text.index(stripped)))
    closing = re.match(r"\s*(?:and|or)\s+", last_text)
    assert closing is not None
    tail = last_text[closing.end() :].rstrip(" .!?")
    tail_words = tail.split()
    stop = next(
        (i for i, word in enumerate(tail_words) if i > 0 and word.lower() in STOPWORDS - {"of"}),
        len(tail_words),
    )
    last = " ".join(tail_words[:stop])
    if not last or stop > MAX_ITEM_WORDS + 1:
        return None
    items.append(_item(sentence, last, last_start + closing.end()))
    if any(item.text[:1].isupper() for item in items):
        return None  # lists of names are typed terms already
    return Enumeration(items=tuple(items), verbal=verbal)


def _item(sentence: str, text: str, start: int) -> Term:
    text = re.sub(r"^(?:the|a|an)\s+", "", text) if not sentence[start:].startswith(text) else text
    return Term(text, TermType.ITEM, start, start + len(text), fold_key(text))
