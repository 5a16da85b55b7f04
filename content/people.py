"""Whether a name is a person's: a given name first ("Neil Armstrong"), or what only
people do in a text ("Rollo's son", "X was born"). The given names are a list in
content/data/given_names.txt, so no model is needed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from lemminflect import getAllLemmas

from content.gazetteer import PLACE_HEADS, PLACES, WATER_WORDS

# What only people do in a text: kin and office ("Rollo's son", "his wife Emma"), and life
# events. A name seen doing one of these and typed as nothing else is a person.
HUMAN_AFTER = re.compile(
    r"^(?:[’']s\s+(?:son|daughter|wife|husband|brother|sister|father|mother|nephew|niece|"
    r"uncle|heir|widow|fiancée|successor|death|birth|reign|marriage)\b|"
    r",\s+(?:the\s+)?(?:son|daughter|wife|brother|father|widow|heir)\s+of\b|"
    r"\s+(?:was\s+born|died|married|was\s+crowned|was\s+knighted|was\s+elected|"
    r"abdicated|was\s+baptised|was\s+baptized|wrote|invented|discovered)\b)"
)


# Titles that say "she" or "he", and those that only say "a person"
FEMALE_TITLES = frozenset(
    "Queen Empress Duchess Countess Princess Lady Madame Mrs Mrs. Ms Ms. Miss Sister Tsarina "
    "Baroness".split())
MALE_TITLES = frozenset(
    "King Emperor Duke Count Prince Pope Sultan Tsar Czar Lord Sir Mr Mr. Bishop Archbishop "
    "Abbot Baron Earl Caliph Pharaoh Brother".split())
PERSON_TITLES = FEMALE_TITLES | MALE_TITLES | frozenset(
    "President General Admiral Saint Dr Dr. Professor".split())


# the last word of a place's or a structure's name: "Pedro Miguel Locks", "William Dunn
# School", "Ada Lovelace Day" (place heads from the gazetteer, and waters)
NOT_A_PERSON = PLACE_HEADS | WATER_WORDS | frozenset(
    "Locks Lock Dam Cut Bridge School College University Street Square Station Hospital "
    "Institute Museum Library Prize Medal Award Day Foundation Company Canal Railway Line "
    "Observatory Telescope Trust Fund Centre Center".split())
# "Norman Italy", "Norman French": a given name followed by a place or a people is not a person
DEMONYM = re.compile(r"(?:ish|ese|ian|ean|ic|ch|an)$")


@cache
def given_names() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "given_names.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def given_name_first(name: str) -> bool:
    """ "Neil Armstrong", "Wernher von Braun": a given name, then one to three more words."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and words[0] in given_names()
        and words[-1][:1].isupper()
        and len(words[-1]) > 1  # "James B" is "James B. Sumner" cut at the initial
        and words[-1] not in NOT_A_PERSON  # "Pedro Miguel Locks", "William Dunn School"
        and not any(word in PLACES or DEMONYM.search(word) for word in words[1:])
    )


# Name shapes of a few languages, so that a Japanese statesman is not offered beside two
# Western consuls (review r35: "the only Japanese name") nor a Russian soil scientist for
# an American agency
_JAPANESE_WORD = re.compile(r"(?:(?:[kgsztdnhbpmyrwfj]|sh|ch|ts)?y?[aeiouāēīōū]n?)+", re.I)
_SLAVIC_WORD = re.compile(r"\w+(?:ov|ova|ev|eva|sky|ski|skaya|skii|vich|ovna|evna|enko)$")
_SLAVIC_GIVEN = frozenset(
    "Sergei Sergey Konstantin Dmitri Dmitry Ivan Nikolai Nikolay Pyotr Vladimir Alexei Aleksei "
    "Mikhail Yuri Boris Andrei Anatoly Fyodor Lev Vasily Grigory Yevgeny Leonid Igor Oleg "
    "Wojciech Bolesław Stanisław Tadeusz".split())
# "al-Haytham", "Abd al-Rahman", "ibn Battuta" (a particle whole: not "Bingham", "Abuja")
_ARABIC_WORD = re.compile(r"^(?:al-|el-|abd|(?:ibn|bin|abu)$)", re.I)


@cache
def name_culture(name: str) -> str:
    """ "japanese", "slavic", "arabic" or "other", from the shape of a person's name."""
    words = [word for word in re.findall(r"[^\s.]+", name) if len(word) > 1]
    if len(words) >= 2 and all(_JAPANESE_WORD.fullmatch(word) and not getAllLemmas(word.lower())
                               for word in words):  # not "Sakurada Gate"
        return "japanese"
    if words and (words[0] in _SLAVIC_GIVEN or any(_SLAVIC_WORD.match(w) for w in words)):
        return "slavic"
    if any(_ARABIC_WORD.match(word) for word in words):
        return "arabic"
    return "other"


def one_person_spellings(people: Iterable[str]) -> dict[str, str]:
    """Shorter spelling -> the fullest one, for a person the text writes two ways ("John A.
    Roebling", "John Augustus Roebling"), when the shorter can be only that one: the
    lexicon gives both one key, so the two are never offered side by side (both were right:
    whole-bank review of 09123af)."""
    by_surname: dict[str, list[str]] = {}
    for name in sorted(people):
        by_surname.setdefault(name.split()[-1], []).append(name)
    spellings: dict[str, str] = {}
    for names in by_surname.values():
        for name in names:
            fuller = [other for other in names if len(other) > len(name)
                      and may_be_one_person(name, other)]
            if len(fuller) == 1:
                spellings[name] = fuller[0]
    return spellings


def may_be_one_person(first: str, second: str) -> bool:
    """Whether two names can be one person written two ways: "John A. Roebling" and "John
    Augustus Roebling" (offered side by side, both were right; whole-bank review of
    09123af). One surname, and each given name of the shorter spelling an initial or a
    word of the longer."""
    one, two = first.replace(".", " ").split(), second.replace(".", " ").split()
    if one == two or len(one) < 2 or len(two) < 2 or one[-1] != two[-1]:
        return False
    shorter, longer = sorted((one[:-1], two[:-1]), key=len)
    return all(any(_same_given(given, other) for other in longer) for given in shorter)


def _same_given(one: str, two: str) -> bool:
    short, long = sorted((one, two), key=len)
    return short == long or (len(short) == 1 and long.startswith(short))
