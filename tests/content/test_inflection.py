"""Regular English noun number, and None where the rules cannot be sure."""

from __future__ import annotations

import pytest

from content.inflection import is_plural, plural, singular


@pytest.mark.parametrize(
    ("one", "many"),
    [("cofactor", "cofactors"), ("enzyme", "enzymes"), ("branch", "branches"),
     ("colony", "colonies"), ("box", "boxes"), ("day", "days")],
)
def test_regular_nouns_go_both_ways(one: str, many: str) -> None:
    assert plural(one) == many
    assert singular(many) == one
    assert is_plural(many) and not is_plural(one)


@pytest.mark.parametrize("word", ["kinetics", "zooxanthellae", "data", "criteria", "nucleus"])
def test_unsure_words_give_none(word: str) -> None:
    assert plural(word) is None or singular(word) is None
    assert singular(word) is None
