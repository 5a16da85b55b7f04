"""Escaping, splitting, keyboards and the poll-or-buttons decision."""

from __future__ import annotations

from telegram.constants import PollLimit

from bot.telegram.formatting import (
    BUTTON_TEXT_LIMIT,
    MESSAGE_LIMIT,
    fits_poll,
    keyboard,
    message_html,
    poll_explanation,
    poll_question,
    question_html,
    question_keyboard,
    shown_by_poll,
    split_html,
)
from bot.tutor.replies import Choice, Feedback, QuestionCard, Reply
from bot.tutor.texts import shorten


def card(**changes: object) -> QuestionCard:
    fields: dict[str, object] = {
        "prompt": "Which body authorised UNPROFOR?",
        "options": ("The Security Council", "NATO", "The OSCE"),
        "correct": 0,
        "explanation": "Resolution 743 (1992).",
        "source": "The Security Council authorised UNPROFOR in Resolution 743.",
        "answer_actions": ("a:1:0:0", "a:1:0:1", "a:1:0:2"),
        "number": 2,
        "total": 5,
    }
    fields.update(changes)
    return QuestionCard(**fields)  # type: ignore[arg-type]


def test_every_piece_of_content_is_escaped() -> None:
    reply = Reply(text="<b>NATO & UN</b>", title="A < B")
    assert message_html(reply) == "<b>A &lt; B</b>\n\n&lt;b&gt;NATO &amp; UN&lt;/b&gt;"


def test_long_text_splits_outside_entities_and_within_the_limit() -> None:
    text = " ".join(["AT&T <tag>"] * 1200)
    chunks = split_html(Reply(text=text, title="Title"))
    assert len(chunks) > 1
    assert all(len(chunk) <= MESSAGE_LIMIT for chunk in chunks)
    assert chunks[0].startswith("<b>Title</b>")
    assert all(
        chunk.count("&") == chunk.count("&amp;") + chunk.count("&lt;") + chunk.count("&gt;")
        for chunk in chunks
    )


def test_shorten_only_when_needed() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("x" * 20, 10) == "x" * 9 + "…"


def test_keyboard_keeps_rows_and_actions() -> None:
    rows_in = ((Choice("Next", "r:ab:1"), Choice("Back", "r:ab:0")), (Choice("Menu", "c:help"),))
    markup = keyboard(rows_in)
    assert markup is not None
    rows = markup.inline_keyboard
    assert [[button.text for button in row] for row in rows] == [["Next", "Back"], ["Menu"]]
    assert rows[0][0].callback_data == "r:ab:1"
    assert keyboard(()) is None


def test_a_card_within_limits_is_a_poll() -> None:
    assert fits_poll(card())
    assert poll_question(card()) == "(2/5) Which body authorised UNPROFOR?"


def test_cards_beyond_poll_limits_are_buttons() -> None:
    assert not fits_poll(card(prompt="x" * 301))
    assert not fits_poll(card(options=("only one",), answer_actions=("a",)))
    assert not fits_poll(card(options=("x" * 101, "b", "c")))
    assert not fits_poll(card(options=tuple(f"option {n}" for n in range(13)),
                              answer_actions=tuple(f"a:{n}" for n in range(13))))


def test_a_poll_explains_with_the_source_and_says_when_it_had_to_shorten() -> None:
    short, complete = poll_explanation("Resolution 743 (1992).", "The Council decided.")
    assert (short, complete) == ("Resolution 743 (1992).\n\u201cThe Council decided.\u201d", True)
    cut, complete = poll_explanation("y" * 150, "z" * 150)
    assert len(cut) == PollLimit.MAX_EXPLANATION_LENGTH and cut.endswith("…") and not complete
    assert fits_poll(card(explanation="y" * 201))  # shortened in the poll, not refused


def test_the_poll_shows_all_a_right_answer_or_a_short_wrong_one_needs() -> None:
    def told(correct: bool, source: str) -> Feedback:
        return Feedback(correct=correct, explanation="Because.", source=source)

    assert shown_by_poll(told(True, "s" * 400))
    assert shown_by_poll(told(False, "short source"))
    assert not shown_by_poll(told(False, "s" * 400))  # the full source is worth a message
    assert not fits_poll(card(explanation="a\nb\nc\nd"))


def test_button_card_lists_options_only_when_a_button_shortens_one() -> None:
    plain = card()
    text, listed = question_html(Reply(text=""), plain)
    assert not listed and "Question 2/5" in text
    long_option = "a very long option " * 5
    long_card = card(options=(long_option, "NATO", "The OSCE"))
    text, listed = question_html(Reply(text="Right!"), long_card)
    assert listed and "1. " + long_option.strip()[:20] in text and text.startswith("Right!")
    markup = question_keyboard(Reply(text="", choices=((Choice("Stop", "c:help"),),)), long_card)
    labels = [row[0].text for row in markup.inline_keyboard]
    assert len(labels[0]) == BUTTON_TEXT_LIMIT and labels[0].endswith("…")
    assert labels[1:] == ["NATO", "The OSCE", "Stop"]
    assert markup.inline_keyboard[1][0].callback_data == "a:1:0:1"
