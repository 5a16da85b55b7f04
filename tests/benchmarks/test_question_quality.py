"""The matching rule behind human-answer recall and agreement (benchmarks/question_quality.py)."""

import importlib.util
from pathlib import Path

_PATH = Path(__file__).parents[2] / "benchmarks" / "question_quality.py"
_SPEC = importlib.util.spec_from_file_location("question_quality", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
question_quality = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(question_quality)
coverage, matches, normalise = (
    question_quality.coverage,
    question_quality.matches,
    question_quality.normalise,
)


def test_normalise_drops_case_punctuation_and_a_leading_article() -> None:
    assert normalise("The Duke of Normandy!") == "duke of normandy"
    assert normalise("  An   apple, ") == "apple"


def test_an_answer_matches_an_equal_or_containing_key_as_whole_words() -> None:
    assert matches("William the Conqueror", "william the conqueror")
    assert matches("1066", "in 1066")
    assert matches("in the year 1066", "1066")
    assert not matches("1066", "10661")
    assert not matches("Norman", "Normandy")


def test_short_keys_match_only_exactly() -> None:
    assert matches("UK", "uk")
    assert not matches("UK", "the UK parliament")
    assert not matches("", "anything")


def test_coverage_counts_questions_recalled_and_keys_agreed() -> None:
    human: list[dict[str, object]] = [{"a": ["Rollo"]}, {"a": ["911", "in 911"]}, {"a": ["Danes"]}]
    recall, agreement = coverage(["Rollo", "in 911", "Paris", "Normandy"], human)
    assert recall == 2 / 3
    assert agreement == 2 / 4
