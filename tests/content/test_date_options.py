"""Wrong years (content/date_options.py): near the answer, on both sides of it."""

from __future__ import annotations

import random

from content.corpus import build_corpus
from content.date_options import pick_dates
from content.parse import parse_document


def _offered(text: str, found: str, year: str, seeds: int) -> list[list[str]]:
    """The wrong years offered for `year` in the sentence holding `found`, one draw a seed."""
    document = parse_document(text, name="dates")
    corpus = build_corpus(document.title, list(document.sections))
    sentence = next(s for s in corpus.sentences if found in s.text)
    term = next(term for term in sentence.terms if term.text == year)
    stem = sentence.text.replace(year, "_____")
    return [pick_dates(corpus, term, stem=stem, count=3, rng=random.Random(seed),
                       source=sentence.text) for seed in range(seeds)]

KOREA = """# Korea

## Talks

Armistice negotiations opened at Kaesong on 10 July 1951 and later moved to Panmunjom.

## Before and after

Japan annexed Korea in 1910. South Korea hosted the Olympic Games in 1988. North and South \
Korea held a summit in 2000.
"""


def test_wrong_years_lie_within_a_few_years_of_the_answer() -> None:
    # review r34: 1954, 1956 and 1958 offered for talks of 1951 in a war of 1950-1953
    for offered in _offered(KOREA, "Kaesong", "1951", 20):
        assert len(offered) == 3
        assert all(abs(int(year) - 1951) <= 8 for year in offered)


WAR = """# War

## Before

Korea was annexed in 1910. The peninsula was divided in 1945. The republic was founded in \
1948.

## The talks

Truce talks opened at Kaesong in 1951.

## Campaigns

Seoul fell in 1950. The landing at Incheon came in 1950. China entered the war in 1950. The \
war began in June 1950. Seoul was retaken in 1951. The front stalled in 1952. An armistice \
was signed in July 1953. Prisoners were exchanged in 1953.

## After

A treaty was signed in 1953. The last troops left in 1958.
"""


def test_wrong_years_stay_in_the_time_the_document_is_about() -> None:
    # review r36: 1954 and 1959 offered for truce talks in a war of 1950-1953
    for offered in _offered(WAR, "Kaesong", "1951", 10):
        assert offered and all(1945 <= int(year) <= 1953 for year in offered)


def test_a_span_s_other_end_leaves_room_for_a_span() -> None:
    # review r36: "between about _____ and 1353" offered 1352
    text = """# Plague

## Spread

Paris was struck in 1348. Norway was struck in 1349. Moscow was struck in 1352. The \
pandemic swept across Europe between about 1346 and 1353.
"""
    for offered in _offered(text, "between about", "1346", 10):
        assert all(int(year) <= 1350 for year in offered)


CRUSADE = """# The First Crusade

## The march

In 1071 the Seljuks defeated the Byzantines at Manzikert. In 1081 Alexios I became emperor. \
Pope Urban II preached the crusade at Clermont. Many knights took the cross. The crusaders \
set out for Constantinople in 1096. They reached Antioch in October 1097 and took it in 1098.
"""


def test_wrong_years_all_on_one_side_do_not_leave_the_answer_standing_apart() -> None:
    # whole-bank review of 09123af: 1088, 1090 and 1092 offered for 1096, a run two years
    # apart and then a step of four: the answer is the odd one out
    asked = 0
    for drawn in _offered(CRUSADE, "set out", "1096", 30):
        offered = sorted(int(year) for year in drawn)
        if len(offered) < 3:
            continue
        asked += 1
        if max(offered) < 1096:  # all earlier: the last step no longer than the others
            steps = [later - earlier for earlier, later in zip(offered, offered[1:], strict=False)]
            assert 1096 - max(offered) <= max(steps), offered
    assert asked >= 20
