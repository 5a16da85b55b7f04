"""Properties of where text is cut (content/chunks.py), over generated runs of units."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from content.chunks import MAX_WORDS, WINDOW_WORDS, Unit, cut

_VOCABULARY = [f"term{number}" for number in range(60)]


def _unit(seed: int, words: int) -> Unit:
    rng = random.Random(seed)
    text = " ".join(rng.choice(_VOCABULARY) for _ in range(words))
    return Unit(text, words)


units_strategy = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(5, 260)), min_size=1, max_size=60
).map(lambda pairs: [_unit(seed, words) for seed, words in pairs])


@settings(max_examples=60, deadline=None)
@given(units_strategy)
def test_pieces_cover_every_unit_in_order_within_the_limit(units: list[Unit]) -> None:
    pieces = cut(units)
    assert [index for piece in pieces for index in piece] == list(range(len(units)))
    for piece in pieces:
        words = sum(units[index].words for index in piece)
        assert words <= MAX_WORDS or len(piece) == 1


@settings(max_examples=60, deadline=None)
@given(units_strategy, st.integers(0, 10**6), st.data())
def test_an_edit_moves_only_cuts_near_it(units: list[Unit], seed: int, data: st.DataObject) -> None:
    """Cuts further than two windows plus a lesson from the edited unit stay where they were."""
    index = data.draw(st.integers(0, len(units) - 1))
    length = data.draw(st.integers(5, 260))  # rewritten, possibly longer or shorter
    edited = [*units[:index], _unit(seed, length), *units[index + 1 :]]

    def cuts(run: list[Unit]) -> set[int]:
        return {piece.stop for piece in cut(run)}

    offsets = [sum(unit.words for unit in units[:stop]) for stop in range(len(units) + 1)]
    reach = 2 * WINDOW_WORDS + 2 * MAX_WORDS
    far = {
        stop
        for stop in range(1, len(units))
        if abs(offsets[stop] - offsets[index]) > reach
        and abs(offsets[stop] - offsets[index + 1]) > reach
    }
    assert cuts(units) & far == cuts(edited) & far


def test_paragraphs_of_one_size_keep_their_cuts_after_an_edit() -> None:
    """The case greedy packing gets wrong: with paragraphs of equal length, lengthening one
    moves every later "fill to the limit" cut; local cuts stay put away from the edit."""
    units = [_unit(seed, 100) for seed in range(40)]
    edited = [*units[:5], _unit(5, 160), *units[6:]]
    before = {piece.stop for piece in cut(units)}
    after = {piece.stop for piece in cut(edited)}
    far = set(range(15, 40))
    assert len(before & far) >= 5
    assert before & far == after & far
