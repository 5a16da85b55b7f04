"""The tutor end to end in-process: start, read, finish, quiz with feedback, summary, progress."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Tutor
from bot.tutor.reminders import refresh_next_reminder
from bot.tutor.replies import ReplyKind
from db.queries.learners import get_learner
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, progress, question, right, wrong


async def test_start_read_finish_quiz_progress(tutor: Tutor) -> None:
    replies = await tutor.command(ALICE, "start", "", T0)
    assert "Hello, Alice" in replies[0].title

    page = await tutor.press(ALICE, button(replies, "Start learning"), T0)
    assert page[0].kind is ReplyKind.PAGE
    assert page[0].text == "Page one text."
    page = await tutor.press(ALICE, button(page, "Next"), T0)
    assert page[0].text == "Page two text."
    back = await tutor.press(ALICE, button(page, "Back"), T0)
    assert back[0].text == "Page one text."
    # /learn continues where the learner left off (page one, after Back)
    again = await tutor.command(ALICE, "learn", "", T0)
    assert again[0].text == "Page one text."
    page = await tutor.press(ALICE, button(again, "Next"), T0)
    done = await tutor.press(ALICE, button(page, "Done"), T0)
    assert "finished lesson 1" in done[0].text

    listing = await tutor.command(ALICE, "lessons", "", T0)
    labels = [choice.label for row in listing[0].choices for choice in row]
    assert labels == ["Introduction (done, mastery 0%)", "History"]  # one list: the buttons

    asked = await tutor.press(ALICE, button(done, "Take the quiz"), T0)
    card = question(asked)
    assert (card.number, card.total) == (1, 3)
    seen = {card.prompt}
    first = await tutor.press(ALICE, right(card), T0 + timedelta(seconds=20))
    assert first[0].title == "Right! +10 XP"
    assert "Answer: right intro" in first[0].text and "Source:" in first[0].text
    card = question(first)
    seen.add(card.prompt)
    second = await tutor.press(ALICE, wrong(card), T0 + timedelta(seconds=40))
    assert second[0].title == "Not quite"
    card = question(second)
    seen.add(card.prompt)
    assert len(seen) == 3  # no repeats within a session
    last = await tutor.press(ALICE, right(card), T0 + timedelta(seconds=60))
    summary = last[-1]
    assert summary.title == "Quiz done"
    assert "Score: 2 of 3." in summary.text and "XP earned: 20." in summary.text
    assert "To review:" in summary.text

    report = await progress(tutor, ALICE, T0 + timedelta(minutes=2))
    assert report.xp == 20 and report.streak == 1 and report.answers == 3
    assert report.accuracy is not None and abs(report.accuracy - 2 / 3) < 1e-9
    assert report.mastery[0].title == "Introduction" and report.mastery[0].mastery > 0
    assert report.days[-1].right == 2 and report.days[-1].wrong == 1
    assert len(report.days) == 14
    shown = await tutor.command(ALICE, "progress", "", T0 + timedelta(minutes=2))
    assert "XP: 20" in shown[0].text


async def test_review_serves_due_wrong_answer_then_new_questions(tutor: Tutor) -> None:
    await tutor.command(ALICE, "start", "lesson-2", T0)
    done = await tutor.press(ALICE, button(await tutor.command(ALICE, "learn", "", T0), "Done"), T0)
    card = question(await tutor.press(ALICE, button(done, "Take the quiz"), T0))
    missed = card.prompt
    replies = await tutor.press(ALICE, wrong(card), T0)
    while replies[-1].question is not None:
        replies = await tutor.press(ALICE, right(question(replies)), T0)
    # the wrong one is due again 10 minutes later, first in the review
    later = T0 + timedelta(minutes=11)
    review = await tutor.command(ALICE, "review", "", later)
    assert question(review).prompt == missed


async def test_unknown_command_free_text_and_help(tutor: Tutor) -> None:
    unknown = await tutor.command(ALICE, "frobnicate", "", T0)
    assert "/frobnicate" in unknown[0].text and "/help" in unknown[0].text
    text = await tutor.say(ALICE, "hello?", T0)
    assert "/learn" in text[0].text
    helped = await tutor.command(ALICE, "HELP", "", T0)
    assert "/review" in helped[0].text


async def test_a_quiz_ends_with_the_reminder_the_policy_would_set_from_scratch(
    tutor: Tutor, sqlite_session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """The summary's due count is reused for the reminder: it must be the same number."""
    done = await tutor.command(ALICE, "start", "", T0)
    page = await tutor.press(ALICE, button(done, "Start learning"), T0)
    page = await tutor.press(ALICE, button(page, "Next"), T0)
    replies = await tutor.press(ALICE, button(page, "Done"), T0)
    replies = await tutor.press(ALICE, button(replies, "Take the quiz"), T0)
    answered = T0
    while replies[-1].question is not None:  # all right: nothing due for days
        answered += timedelta(minutes=1)
        replies = await tutor.press(ALICE, right(question(replies)), answered)
    assert replies[-1].title == "Quiz done"
    async with sqlite_session_factory() as session:
        stored = await get_learner(session, learner_id=ALICE.user_id)
        assert stored is not None and stored.next_reminder_at is not None
        kept = stored.next_reminder_at
        await refresh_next_reminder(session, learner=stored, now=answered)
        assert stored.next_reminder_at == kept
