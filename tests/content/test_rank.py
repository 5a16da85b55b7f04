"""Which valid questions a lesson keeps (content/rank.py) and what the bank then balances."""

from __future__ import annotations

from content.balance import balanced
from content.candidate import Candidate
from content.rank import score, select

FECHTER = "Peter Fechter was shot in August 1962 at the Wall."


def _blank() -> Candidate:
    return Candidate(lesson=0, kind="cloze",
                     prompt=f"Fill in the blank: {FECHTER.replace('1962', '_____')}",
                     answer="1962", distractors=("1959", "1965", "1967"), explanation="e",
                     source=FECHTER, tags=("year",))


def _true_statement() -> Candidate:
    return Candidate(lesson=0, kind="true_false", prompt=f"True or false? {FECHTER}",
                     answer="True", distractors=("False",), explanation="e", source=FECHTER,
                     fixed_order=True, statement=FECHTER, tags=("",))


def test_a_true_statement_with_no_false_one_does_not_take_a_blank_s_place() -> None:
    """The bank keeps true and false answers in equal number: a lone true statement would
    be dropped there, and the blank on its sentence lost with it (the Berlin Wall's lessons
    were left with no question)."""
    kept = balanced(select([_blank(), _true_statement()], ["The Wall"], 3),
                    lambda candidate: score(candidate))
    assert [candidate.kind for candidate in kept] == ["cloze"]


def test_who_did_it_is_asked_before_when_on_the_same_sentence() -> None:
    """Reviews rated who-questions above years, and people ask names far more often: of
    "Who showed …?" and "In which year did Robert Hill show …?" on one sentence, the
    first stays, though it has three options and the other four."""
    source = "In 1937 Robert Hill showed that isolated chloroplasts release oxygen."
    who = Candidate(lesson=0, kind="mcq", prompt="In 1937, who showed that isolated "
                    "chloroplasts release oxygen?", answer="Robert Hill",
                    distractors=("Andrew Benson", "James Bassham"), explanation="e",
                    source=source, tags=("person",))
    when = Candidate(lesson=0, kind="mcq", prompt="In which year did Robert Hill show that "
                     "isolated chloroplasts release oxygen?", answer="1937",
                     distractors=("1931", "1934", "1940"), explanation="e", source=source,
                     tags=("date",))
    kept = balanced(select([when, who], ["Photosynthesis"], 3),
                    lambda candidate: score(candidate))
    assert [candidate.answer for candidate in kept] == ["Robert Hill"]
