"""Reporting a question: one press under any question, a reason, stored once, progress untouched."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Tutor
from bot.tutor.reports import ALREADY, REASONS, REPORT_LABEL, THANKS
from db.queries.reports import report_counts
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, progress, question, right


async def _first_question(tutor: Tutor) -> list:  # type: ignore[type-arg]
    replies = await tutor.command(ALICE, "start", "", T0)
    page = await tutor.press(ALICE, button(replies, "Start learning"), T0)
    page = await tutor.press(ALICE, button(page, "Next"), T0)
    done = await tutor.press(ALICE, button(page, "Done"), T0)
    return await tutor.press(ALICE, button(done, "Take the quiz"), T0)


async def test_a_report_is_stored_once_thanked_and_changes_no_progress(
    tutor: Tutor, sqlite_session_factory: async_sessionmaker[AsyncSession]
) -> None:
    asked = await _first_question(tutor)
    card = question(asked)
    answered = await tutor.press(ALICE, right(card), T0 + timedelta(seconds=5))
    before = await progress(tutor, ALICE, T0 + timedelta(seconds=6))

    reasons = await tutor.press(ALICE, button(asked, REPORT_LABEL), T0 + timedelta(seconds=7))
    assert reasons[0].title == "What is wrong with this question?"
    assert [row[0].label for row in reasons[0].choices] == [label for _, label in REASONS]
    thanked = await tutor.press(ALICE, button(reasons, "Two options are right"),
                                T0 + timedelta(seconds=8))
    assert thanked[0].text == THANKS
    again = await tutor.press(ALICE, button(reasons, "A typo"), T0 + timedelta(seconds=9))
    assert again[0].text == ALREADY

    async with sqlite_session_factory() as session:
        counts = await report_counts(session)
    assert [(c.reports, c.reasons) for c in counts] == [(1, (("two_right", 1),))]
    after = await progress(tutor, ALICE, T0 + timedelta(seconds=10))
    assert (after.xp, after.answers) == (before.xp, before.answers)
    assert question(answered).prompt != card.prompt  # the quiz went on, untouched


async def test_forged_reports_change_nothing(
    tutor: Tutor, sqlite_session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await _first_question(tutor)
    for forged in ("p:no-such-question", "p:no-such-question:0", "p:intro-q0:99", "p::1"):
        replies = await tutor.press(ALICE, forged, T0)
        assert replies[0].title != "What is wrong with this question?"
        assert replies[0].text not in (THANKS, ALREADY)
    async with sqlite_session_factory() as session:
        assert await report_counts(session) == []


async def test_admins_see_the_most_reported_questions_with_their_ids(tutor: Tutor) -> None:
    asked = await _first_question(tutor)
    card = question(asked)
    reasons = await tutor.press(ALICE, button(asked, REPORT_LABEL), T0)
    await tutor.press(ALICE, button(reasons, "The marked answer is wrong"), T0)
    stats = await tutor.admin_stats(T0 + timedelta(minutes=1))
    reported = stats.text.split("Most reported questions")[1]
    assert card.prompt[:40] in reported and "(1: wrong_answer 1)" in reported
    question_id = reported.split("- ", 1)[1].split(":", 1)[0]
    assert question_id.startswith("intro-q")  # the id a teacher curates by
