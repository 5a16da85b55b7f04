"""Years in a sentence (content/date_terms.py): a year, not a count, before a verb."""

from __future__ import annotations

from content.date_terms import extract_dates


def test_a_year_before_a_verb_is_a_year_and_before_a_noun_a_count() -> None:
    # review r35: "Isaac Newton in 1668 built …" had no year, so Newton was dated by the
    # next year in his sentence, 1758, and offered for a discovery of 1781
    assert [t.text for t in extract_dates("Isaac Newton in 1668 built a telescope.")] == ["1668"]
    assert [t.text for t in extract_dates("In April 1916 reached the island.")] == ["1916"]
    assert extract_dates("Some 1500 troops landed.") == []
    assert extract_dates("About 1200 ships sailed.") == []
