"""Sentence helpers (content/text.py): which sentences need the one before them."""

from __future__ import annotations

from content.text import leans_back


def test_a_sentence_opening_with_but_needs_the_one_before() -> None:
    # review r36: "But Henry died of dysentery in August _____" (which Henry, but what?)
    assert leans_back("But Henry died of dysentery in August 1422.")
    assert not leans_back("Henry V died of dysentery in August 1422.")
