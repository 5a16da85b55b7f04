"""Names in a sentence as runs of capitalised words, split where one name ends.

"Peace and Security Council" is one name, "Bosnia and Kosovo" two; "the United Nations
Convention to Combat Desertification" goes on past "to"; "Warren G. Harding" past its full
stop. content/terms.py types each run; how a run is split asks it whether a part is a name
(`classify`), so this module needs nothing of the typing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from content.acronyms import is_acronym
from content.gazetteer import PLACES
from content.people import given_name_first
from content.text import MONTHS, STOPWORDS

ORG_HEADS = frozenset(
    "Nations Union Organization Organisation Council Alliance League Assembly Agency Committee "
    "Commission Community Bank Fund Court Parliament Party Federation Association Institute "
    "Pact Office Secretariat Programme Bureau Ministry Department Coalition Cooperation "
    "Corps Movement Front Secretariat Society Foundation".split()
)
AGREEMENT_FIRST = frozenset(
    "Treaty Treaties Convention Protocol Charter Declaration Pact Accord Agreement".split())
MISSION_WORDS = frozenset("Mission Force Operation Contingent Brigade".split())
# "the United Nations Convention to Combat Desertification", "the Mission to Ceylon": "to"
# goes on inside a name after these (never "from Paris to London")
_TO_NAMES = AGREEMENT_FIRST | MISSION_WORDS | frozenset({"Convention", "Committee", "Campaign"})
CONNECTORS = frozenset({"of", "and", "for", "in", "the", "de", "on", "du", "von", "van"})
# a word may hold an en dash between letters: "Hoare–Laval", "Torrijos–Carter"
WORD = re.compile(r"[^\W\d_][\w’'\-.–]*[^\W_]|[^\W\d_]")
POSSESSIVE = re.compile(r"[’']s$")

Run = list[tuple[str, int, int]]
Classify = Callable[[str], object]

# possessives that open a body's name rather than say whose it is (review r29: "Social and
# Political Union" offered for the Women's Social and Political Union)
_NAMINGPOSSESSIVES = frozenset({"women", "children", "men", "workers"})


def _naming_possessive(word: str) -> bool:
    return word != POSSESSIVE.sub("", word) and POSSESSIVE.sub("", word).lower() in (
        _NAMINGPOSSESSIVES)


def capital_runs(sentence: str, lower_words: Container[str],
                 classify: Classify) -> list[tuple[str, int, int]]:
    """Maximal runs of capitalised words (with inner "of", "and", ...), split sensibly;
    `lower_words` are the words the document writes in lower case (one of them opening a
    sentence is no name), `classify` says whether a text is a name of a known kind."""
    tokens = [(m.group(), m.start(), m.end()) for m in WORD.finditer(sentence)]
    runs: list[Run] = []
    current: Run = []
    for position, (word, start, end) in enumerate(tokens):
        gap = sentence[current[-1][2] : start] if current else " "
        if current and gap.strip() and not _inner_gap(gap, current[-1][0], word):
            runs.append(current)
            current = []
        bare = POSSESSIVE.sub("", word)
        if bare[:1].isupper():
            if position == 0 and (bare.lower() in lower_words or bare.lower() in STOPWORDS):
                continue  # an ordinary word capitalised because it opens the sentence
            if _naming_possessive(word):
                current.append((word, start, end))  # "Women's Social and Political Union"
                continue
            current.append((bare, start, start + len(bare)))
            if bare != word:
                runs.append(current)
                current = []
        elif current and (word in CONNECTORS or (word == "to" and current[-1][0] in _TO_NAMES)):
            current.append((word, start, end))
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    result: list[tuple[str, int, int]] = []
    for run in runs:
        while run and run[-1][0] in CONNECTORS | {"to"}:
            run.pop()
        # "The" opening a sentence is the article; inside one it is part of the name
        # ("the Peace Palace at The Hague": "Hague" was offered bare, review r19)
        while run and (run[0][0] in CONNECTORS or (run[0][0] == "The" and (
                run[0][1] == 0 or len(run) > 2))):
            run.pop(0)
        # "in December Union general …", "Early Union strategy …": a month or a word in
        # -ly that opens the sentence is not part of the name (review r30)
        while len(run) > 1 and (run[0][0] in MONTHS or (
                run[0][1] == 0 and run[0][0].endswith("ly") and not given_name_first(
                    " ".join(word for word, _s, _e in run[:2])))):
            run.pop(0)
        for piece in _split_run(run, classify):
            result.append((sentence[piece[0][1] : piece[-1][2]], piece[0][1], piece[-1][2]))
    return result


def _inner_gap(gap: str, before: str, after: str) -> bool:
    """ "Warren G. Harding", "Bill & Melinda Gates Foundation": punctuation inside a name."""
    if not after[:1].isupper():
        return False
    mark = gap.strip()
    # "Richard I. His …": a sentence ends after a numeral; "G. Harding" goes on
    initial = len(before) == 1 and before.isupper() and after.lower() not in STOPWORDS
    return (mark == "." and initial) or mark == "&"


def _split_run(run: Run, classify: Classify) -> list[Run]:
    """Split "Bosnia and Kosovo" in two but keep "Peace and Security Council" whole."""
    if not run:
        return []
    text = " ".join(word for word, _s, _e in run)
    if text in PLACES:
        return [run]
    for index, (word, _start, _end) in enumerate(run):
        if word in ("and", "in", "of", "for", "on"):
            left, right = run[:index], run[index + 1 :]
            left_text = " ".join(w for w, _s, _e in left)
            # ("Abraham Lincoln of the Republican Party" is a man and his party)
            keep = (word != "and" and classify(text) is not None
                    and not given_name_first(left_text))
            if word == "in" and left and left[-1][0] not in MISSION_WORDS | ORG_HEADS:
                keep = False
            if word == "and":
                keep = (
                    # "Peace and Security Council", "Women's Social and Political Union"
                    len([w for w, _s, _e in left if not _naming_possessive(w)]) == 1
                    and right[:1] != []
                    and right[0][0] != "the"
                    and not is_acronym(left_text)
                    and left_text not in PLACES
                    # up to a place it is "in": "… Political Union in Manchester"
                    and classify(_before_in(run, index)) is not None
                    and classify(left_text) is None
                )
            if not keep:
                return _split_run(_trim(left), classify) + _split_run(_trim(right), classify)
    return [run]


def _before_in(run: Run, after: int) -> str:
    words = [word for word, _s, _e in run]
    end = words.index("in", after) if "in" in words[after:] else len(words)
    return " ".join(words[:end])


def _trim(run: Run) -> Run:
    while run and run[0][0] in CONNECTORS | {"The"}:
        run = run[1:]
    while run and run[-1][0] in CONNECTORS:
        run = run[:-1]
    return run
