"""Wrong years (content/date_options.py): near the answer, on both sides of it."""

from __future__ import annotations

import random

from content.corpus import build_corpus
from content.date_options import pick_dates
from content.parse import parse_document

KOREA = """# Korea

## Talks

Armistice negotiations opened at Kaesong on 10 July 1951 and later moved to Panmunjom.

## Before and after

Japan annexed Korea in 1910. South Korea hosted the Olympic Games in 1988. North and South \
Korea held a summit in 2000.
"""


def test_wrong_years_lie_within_a_few_years_of_the_answer() -> None:
    # review r34: 1954, 1956 and 1958 offered for talks of 1951 in a war of 1950-1953
    document = parse_document(KOREA, name="korea")
    corpus = build_corpus(document.title, list(document.sections))
    sentence = corpus.sentences[0]
    term = next(term for term in sentence.terms if term.text == "1951")
    stem = sentence.text.replace("1951", "_____")
    for seed in range(20):
        offered = pick_dates(corpus, term, stem=stem, count=3, rng=random.Random(seed),
                             source=sentence.text)
        assert len(offered) == 3
        assert all(abs(int(year) - 1951) <= 8 for year in offered)
