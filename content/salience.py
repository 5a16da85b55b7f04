"""Whether a question's sentence carries one of its lesson's main facts: years and figures
are asked only of those.

Every sentence with a date or a number can be blanked, and most of them date a side detail:
a renaming, an honour, a sale, the second section of a railway. A blind review of the whole
bank (497 questions, engine 09123af) refused 188 of 252 questions as "not worth asking", the
year or figure of a minor clause nearly every time. What the text says about a sentence's
weight is little, but five signals counted together separated the year questions reviewers
accepted from those they refused (the rule as built drops 95 of the reviewed questions, 31
of them accepted, 33 %; the 378 it keeps were accepted 56 % of the time):

- its date gives a day or month ("On 3 December 1967 …"): an event, not a period (2 points);
- it uses a word of the lesson's title: it is about what the lesson is about;
- it opens its paragraph, where writers put the fact the paragraph develops;
- it names two people, places or bodies or more;
- it uses two of the words the lesson repeats and its neighbours do not (tf-idf).

No single signal did (a milestone verb such as "founded" did not separate at all: 51 % with
one, 49 % without), which is why they are counted together.

Figures follow another rule: the points did not separate them, names did. A figure in a
sentence that names nobody and nothing measures the subject itself ("The small intestine
is about 6 metres long"); one beside names is a story's side statistic ("Britain eventually
sent about 450,000 troops", "by 1850 Britain had about 6,000 miles of railway"). Over four
reviews (r40-r43) figure blanks naming nothing were accepted 40 times in 76, those naming
something 4 times in 20.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from content.text import MONTHS, STOPWORDS

MIN_SALIENCE = 2  # points a sentence needs before its year is asked
LESSON_KEYWORDS = 8  # words a lesson is most about, by tf-idf across the document's lessons
MIN_KEYWORDS = 2  # of those, how many make a sentence one of the lesson's core sentences
MIN_NAMES = 2

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b")
_DATE_TAGS = frozenset({"year", "year range", "decade", "date"})


def asks_figure(kind: str, tags: Sequence[str]) -> bool:
    return kind != "true_false" and bool(tags) and tags[0] == "number"


def figure_points(names: int) -> int:
    """A figure's sentence is central when it names nothing (see above)."""
    return MIN_SALIENCE if names == 0 else 0


def asks_detail(kind: str, tags: Sequence[str]) -> bool:
    """A question whose answer is a year, a span or a decade, or a true/false statement
    (whose false version is the sentence with another year, figure or name)."""
    return kind == "true_false" or (bool(tags) and tags[0] in _DATE_TAGS)


def content_words(text: str) -> set[str]:
    return set(_words(text))


def lesson_keywords(lesson_texts: Sequence[str]) -> list[frozenset[str]]:
    """Each lesson's words that it repeats and few other lessons use (tf-idf, the best
    `LESSON_KEYWORDS`)."""
    counts = [Counter(_words(text)) for text in lesson_texts]
    spread: Counter[str] = Counter()
    for counted in counts:
        spread.update(counted.keys())
    lessons = len(lesson_texts)
    keywords = []
    for counted in counts:
        weights = {word: count * math.log((lessons + 1) / (spread[word] + 0.5))
                   for word, count in counted.items() if count >= 2}
        ranked = sorted(weights, key=lambda word: (-weights[word], word))
        keywords.append(frozenset(ranked[:LESSON_KEYWORDS]))
    return keywords


def salience(
    sentence: str,
    *,
    answer: str,
    lesson_title: str,
    keywords: frozenset[str],
    opens_paragraph: bool,
    names: int,
) -> int:
    """Points for the signals above; the answer's own words do not count."""
    words = content_words(sentence) - content_words(answer)
    return (
        2 * bool(_MONTH.search(sentence))
        + bool(words & content_words(lesson_title))
        + opens_paragraph
        + (names >= MIN_NAMES)
        + (len(words & keywords) >= MIN_KEYWORDS)
    )


def _words(text: str) -> list[str]:
    return [_stem(word) for word in _WORD.findall(text.lower())
            if len(word) > 3 and word not in STOPWORDS]


def _stem(word: str) -> str:
    """ "Plates" and "plate" are one word here; nothing finer is needed."""
    word = word.replace("’", "'").removesuffix("'s")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else word
