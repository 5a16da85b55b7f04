"""The review queue: due first (most overdue first), then new questions, within daily caps."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Tutor, TutorConfig
from bot.tutor.replies import ReplyKind
from content.model import Course
from db.queries.learners import get_learner
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, question, right, wrong

Factory = async_sessionmaker[AsyncSession]


async def _finish_lesson(tutor: Tutor, number: int) -> None:
    replies = await tutor.command(ALICE, "start", f"lesson-{number}", T0)
    while True:
        labels = {choice.label: choice.action for row in replies[0].choices for choice in row}
        if "Done" in labels:
            await tutor.press(ALICE, labels["Done"], T0)
            return
        replies = await tutor.press(ALICE, labels["Next"], T0)


async def test_new_questions_capped_per_day(course: Course,
                                            sqlite_session_factory: Factory) -> None:
    tutor = Tutor(courses=[course], sessions=sqlite_session_factory,
                  config=TutorConfig(quiz_size=5, new_questions_per_day=2))
    nothing = await tutor.command(ALICE, "review", "", T0)
    assert nothing[0].title == "All caught up"  # no lesson finished: nothing new to learn
    await _finish_lesson(tutor, 1)
    replies = await tutor.command(ALICE, "review", "", T0)
    assert question(replies).total == 2
    while replies[-1].question is not None:
        replies = await tutor.press(ALICE, right(question(replies)), T0)
    assert replies[-1].title == "Review done"
    again = await tutor.command(ALICE, "review", "", T0 + timedelta(hours=1))
    assert again[0].title == "All caught up"
    tomorrow = await tutor.command(ALICE, "review", "", T0 + timedelta(days=1))
    assert question(tomorrow).total == 2


async def test_most_overdue_first(tutor: Tutor) -> None:
    replies = await tutor.command(ALICE, "quiz", "1", T0)
    first = question(replies).prompt
    replies = await tutor.press(ALICE, wrong(question(replies)), T0)
    second = question(replies).prompt
    replies = await tutor.press(ALICE, wrong(question(replies)), T0 + timedelta(minutes=5))
    replies = await tutor.press(ALICE, right(question(replies)), T0 + timedelta(minutes=5))
    review = await tutor.command(ALICE, "review", "", T0 + timedelta(hours=1))
    assert question(review).prompt == first
    review = await tutor.press(ALICE, wrong(question(review)), T0 + timedelta(hours=1))
    assert question(review).prompt == second


async def test_answers_schedule_the_next_reminder(tutor: Tutor,
                                                  sqlite_session_factory: Factory) -> None:
    replies = await tutor.command(ALICE, "quiz", "1", T0)
    await tutor.press(ALICE, wrong(question(replies)), T0)
    async with sqlite_session_factory() as session:
        row = await get_learner(session, learner_id=ALICE.user_id)
    assert row is not None and row.next_reminder_at is not None
    assert row.next_reminder_at > T0


async def test_reminder_buttons_are_routed(tutor: Tutor, sqlite_session_factory: Factory) -> None:
    await tutor.command(ALICE, "start", "", T0)
    paused = await tutor.press(ALICE, "rp", T0)
    assert paused[0].kind is ReplyKind.NOTICE and "paused" in paused[0].text.lower()
    async with sqlite_session_factory() as session:
        row = await get_learner(session, learner_id=ALICE.user_id)
    assert row is not None and row.reminders_paused
    menu = await tutor.press(ALICE, button(paused, "Settings"), T0)
    assert "Reminders: paused" in menu[0].text
