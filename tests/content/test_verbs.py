"""Past tenses turned into the base form a "did" question needs."""

from __future__ import annotations

from content.corpus import build_corpus
from content.generate_when import when_questions
from content.parse import parse_document
from content.verbs import base_of_past, split_past_tense


def test_regular_and_irregular_past_tenses_give_their_base_form() -> None:
    assert base_of_past("concluded") == "conclude"
    assert base_of_past("took") == "take"
    assert base_of_past("fled") == "flee"
    assert base_of_past("was") is None  # the copula is not asked with "did"
    assert base_of_past("efforts") is None


def test_the_subject_ends_at_the_first_past_tense_and_holds_no_comma() -> None:
    assert split_past_tense("Lübeck and Hamburg concluded an agreement") == (
        "Lübeck and Hamburg", "conclude", "an agreement")
    assert split_past_tense("Marie Curie, the physicist, isolated radium") is None


def _asked(text: str) -> dict[str, str]:
    document = parse_document(text, name="x")
    corpus = build_corpus(document.title, list(document.sections))
    return {candidate.prompt: candidate.answer for candidate in when_questions(corpus)}


def test_a_dated_sentence_with_a_named_subject_is_asked_with_did() -> None:
    asked = _asked("# Hansa\n\n## Towns\n\nLübeck, a port town on the Trave, grew quickly. "
                   "Hamburg, a city on the Elbe, traded with it. In 1241 Lübeck and Hamburg "
                   "concluded an agreement to protect the road between them. The Black Death "
                   "reached Lübeck in 1350. The Ottoman sultan Murad ruled for decades. Murad "
                   "defeated the Serbian army at the Battle of Kosovo in 1389. Bremen joined "
                   "the league in 1358. Hamburg signed a treaty in 1370.\n")
    assert asked["In which year did Lübeck and Hamburg conclude an agreement to protect the "
                 "road between them?"] == "1241"
    assert asked["In which year did Murad defeat the Serbian army at the Battle of Kosovo?"] \
        == "1389"


def test_a_subject_that_is_not_a_name_or_a_date_in_another_clause_is_not_asked() -> None:
    asked = _asked("# Caves\n\n## Finds\n\nIn 1900 a Daoist monk named Wang Yuanlu discovered "
                   "a sealed chamber. Norman Heatley received little recognition; in 1990 "
                   "Oxford awarded him a doctorate. In 1907 Aurel Stein acquired a printed "
                   "copy. In 1914 Stein returned to Dunhuang.\n")
    assert not any("monk" in prompt or "Heatley" in prompt for prompt in asked)


def test_a_did_question_says_what_was_done() -> None:
    # review r22: "In which year did the United States Congress approve funding?" (for what?)
    asked = _asked("# Telescope\n\n## Funding\n\nThe United States Congress approved funding "
                   "in 1977. The United States Congress approved the Large Space Telescope "
                   "in 1978.\n")
    assert "In which year did the United States Congress approve funding?" not in asked
    assert asked["In which year did the United States Congress approve the Large Space "
                 "Telescope?"] == "1978"
