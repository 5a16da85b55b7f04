"""Turning the tutor's plain text into Telegram HTML and keyboards, within Telegram's limits.

Everything the tutor says is plain text, and every text the bot sends is HTML (the
application's `Defaults`); it is escaped here, once, so a lesson about "<NATO & UN>" can
never break a message or inject markup. Telegram's limits come from `telegram.constants`.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit, PollLimit

from bot.tutor.replies import Choice, Feedback, QuestionCard, Reply
from bot.tutor.texts import shorten

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH
# Telegram accepts longer button texts but clients cut them off; beyond this we shorten
# ourselves so the learner sees an ellipsis rather than a silently clipped option.
BUTTON_TEXT_LIMIT = 64
QUIZ_MIN_OPTIONS = 2  # a quiz poll needs a wrong option besides the right one


def poll_explanation(explanation: str, source: str) -> tuple[str, bool]:
    """What a quiz poll shows once answered: the explanation and the quoted source, shortened
    to the poll's limit; and whether all of it fit (else the full text is worth a message)."""
    parts = [part for part in (explanation, f"\u201c{source}\u201d" if source else "") if part]
    full = "\n".join(parts)
    limit = PollLimit.MAX_EXPLANATION_LENGTH
    if len(full) <= limit:
        return full, True
    return shorten(full, limit), False


def shown_by_poll(feedback: Feedback) -> bool:
    """Whether the answered poll already told the learner all of `feedback`: a quiz poll
    marks the vote right or wrong and shows the right option and its explanation."""
    return poll_explanation(feedback.explanation, feedback.source)[1] or feedback.correct


def message_html(reply: Reply) -> str:
    """The reply's title (bold) and text, escaped."""
    parts = []
    if reply.title:
        parts.append(f"<b>{html.escape(reply.title)}</b>")
    if reply.text:
        parts.append(html.escape(reply.text))
    return "\n\n".join(parts)


def split_html(reply: Reply, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The reply as one or more HTML messages of at most `limit` characters each.

    Plain text is split at paragraph, line or word boundaries before escaping, so no chunk
    ever ends inside an entity or a tag.
    """
    whole = message_html(reply)
    if len(whole) <= limit:
        return [whole]
    head = f"<b>{html.escape(reply.title)}</b>\n\n" if reply.title else ""
    chunks: list[str] = []
    rest = reply.text
    while rest:
        budget = limit - len(head)
        piece = _fitting_prefix(rest, budget)
        chunks.append(head + html.escape(piece.strip()))
        rest = rest[len(piece) :].lstrip()
        head = ""
    return chunks or [whole[:limit]]


def _fitting_prefix(text: str, budget: int) -> str:
    """The longest prefix whose escaped form fits `budget`, cut at a natural boundary."""
    low, high = 1, len(text)
    while low < high:  # binary search on the escaped length
        middle = (low + high + 1) // 2
        if len(html.escape(text[:middle])) <= budget:
            low = middle
        else:
            high = middle - 1
    if low >= len(text):
        return text
    cut = text[:low]
    for separator in ("\n\n", "\n", " "):
        position = cut.rfind(separator)
        if position > low // 2:
            return cut[: position + len(separator)]
    return cut


def keyboard(rows: tuple[tuple[Choice, ...], ...]) -> InlineKeyboardMarkup | None:
    """Inline keyboard with the tutor's rows as given; the action id is the callback data."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    shorten(choice.label, BUTTON_TEXT_LIMIT), callback_data=choice.action
                )
                for choice in row
            ]
            for row in rows
            if row
        ]
    )


def question_heading(card: QuestionCard) -> str:
    """ "Question 2/5" when the card is part of a numbered quiz."""
    if card.total > 0 and card.number > 0:
        return f"Question {card.number}/{card.total}"
    return ""


def poll_question(card: QuestionCard) -> str:
    """The poll's question (plain text): the prompt, numbered when that still fits."""
    prefixed = f"({card.number}/{card.total}) {card.prompt}" if card.total > 0 else card.prompt
    return prefixed if len(prefixed) <= PollLimit.MAX_QUESTION_LENGTH else card.prompt


def fits_poll(card: QuestionCard) -> bool:
    """Whether Telegram's quiz-poll limits let this card be sent as a poll (the explanation
    is shortened to fit, see `poll_explanation`)."""
    return (
        0 < len(card.prompt) <= PollLimit.MAX_QUESTION_LENGTH
        and QUIZ_MIN_OPTIONS <= len(card.options) <= PollLimit.MAX_OPTION_NUMBER
        and all(0 < len(option) <= PollLimit.MAX_OPTION_LENGTH for option in card.options)
        and card.explanation.count("\n") + 1 <= PollLimit.MAX_EXPLANATION_LINE_FEEDS
        and 0 <= card.correct < len(card.options)
        and len(card.answer_actions) == len(card.options)
    )


def question_html(reply: Reply, card: QuestionCard) -> tuple[str, bool]:
    """Text of a question sent with buttons, and whether the options had to be listed.

    Buttons carry the option text; only when an option is too long for its button are the
    options also written out in full above, so nothing is lost by the ellipsis.
    """
    parts = [message_html(reply)] if (reply.title or reply.text) else []
    heading = question_heading(card)
    if heading:
        parts.append(f"<b>{html.escape(heading)}</b>")
    parts.append(html.escape(card.prompt))
    listed = any(len(option) > BUTTON_TEXT_LIMIT for option in card.options)
    if listed:
        parts.append(
            "\n".join(
                f"{index}. {html.escape(option)}"
                for index, option in enumerate(card.options, start=1)
            )
        )
    return "\n\n".join(part for part in parts if part), listed


def question_keyboard(reply: Reply, card: QuestionCard) -> InlineKeyboardMarkup:
    """One button per option (its text, shortened only when needed), then the reply's rows."""
    rows = [
        [InlineKeyboardButton(shorten(option, BUTTON_TEXT_LIMIT), callback_data=action)]
        for option, action in zip(card.options, card.answer_actions, strict=False)
    ]
    extra = keyboard(reply.choices)
    if extra is not None:
        rows.extend(list(row) for row in extra.inline_keyboard)
    return InlineKeyboardMarkup(rows)
