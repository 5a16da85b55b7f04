"""Learners report bad questions: one tap (or number) after any question, a reason, thanks.

A report is stored once per learner and question and never touches progress; a teacher
reads them at the review desk (`peacebot content review --flagged`) and in `/stats`.
"""

from __future__ import annotations

from bot.tutor import actions
from bot.tutor.replies import Choice, Reply
from bot.tutor.turn import Turn, notice
from db.queries.reports import add_report

# The stored reason names, in the order the choices show them.
REASONS: tuple[tuple[str, str], ...] = (
    ("wrong_answer", "The marked answer is wrong"),
    ("two_right", "Two options are right"),
    ("unclear", "The question is unclear"),
    ("typo", "A typo"),
    ("other", "Something else"),
)
REPORT_LABEL = "Report a problem"
THANKS = "Thank you: a teacher will look at this question. Your progress is unchanged."
ALREADY = "You reported this question already. Thank you!"


def report_choice(question_id: str) -> Choice:
    """The button (or numbered option) that starts a report on this question."""
    return Choice(REPORT_LABEL, actions.report(question_id))


def ask_reason(turn: Turn, question_id: str) -> list[Reply]:
    question = turn.catalog.question(question_id)
    if question is None:
        return [notice()]
    rows = tuple((Choice(label, actions.report(question_id, index)),)
                 for index, (_name, label) in enumerate(REASONS))
    prompt = question.prompt if len(question.prompt) <= 120 else question.prompt[:119] + "…"
    return [Reply(title="What is wrong with this question?", text=prompt, choices=rows)]


async def store(turn: Turn, question_id: str, reason: int) -> list[Reply]:
    if turn.catalog.question(question_id) is None or not 0 <= reason < len(REASONS):
        return [notice()]
    stored = await add_report(turn.session, learner_id=turn.learner_id, question_id=question_id,
                              reason=REASONS[reason][0], now=turn.now)
    return [notice(THANKS if stored else ALREADY)]
