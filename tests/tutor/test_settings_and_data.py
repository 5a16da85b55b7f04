"""Settings by choices and typed timezone; export and delete of a learner's data."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Tutor, actions
from bot.tutor.replies import ReplyKind
from bot.tutor.texts import UNKNOWN_LEARNER
from db.queries.learners import get_learner
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, question, right

Factory = async_sessionmaker[AsyncSession]


async def test_settings_choices(tutor: Tutor, sqlite_session_factory: Factory) -> None:
    menu = await tutor.command(ALICE, "settings", "", T0)
    assert "Timezone: UTC" in menu[0].text and "Questions per quiz: 3" in menu[0].text
    sizes = await tutor.press(ALICE, button(menu, "Quiz length"), T0)
    saved = await tutor.press(ALICE, button(sizes, "10"), T0)
    assert saved[0].kind is ReplyKind.NOTICE and "10 questions" in saved[0].text
    assert "Questions per quiz: 10" in saved[1].text
    hours = await tutor.press(ALICE, button(saved, "Reminder time"), T0)
    await tutor.press(ALICE, button(hours, "07:00"), T0)
    quiet = await tutor.press(ALICE, button(menu, "Quiet hours"), T0)
    await tutor.press(ALICE, button(quiet, "off"), T0)
    paused = await tutor.press(ALICE, button(menu, "Pause reminders"), T0)
    assert "Resume reminders" in {c.label for row in paused[1].choices for c in row}
    recall = await tutor.press(ALICE, button(menu, "Target recall"), T0)
    await tutor.press(ALICE, button(recall, "85%"), T0)
    async with sqlite_session_factory() as session:
        row = await get_learner(session, learner_id=ALICE.user_id)
    assert row is not None
    assert (row.quiz_size, row.reminder_time, row.quiet_start, row.quiet_end) == (10, 420, 0, 0)
    assert row.reminders_paused and row.desired_retention == 0.85
    assert row.next_reminder_at is None  # paused: the reminder hook cleared it


async def test_typed_timezone(tutor: Tutor, sqlite_session_factory: Factory) -> None:
    await tutor.command(ALICE, "settings", "", T0)
    zones = await tutor.press(ALICE, "s:tz", T0)
    ask = await tutor.press(ALICE, button(zones, "Type it"), T0)
    assert "Type your timezone" in ask[0].text
    wrong = await tutor.say(ALICE, "Mars/Olympus", T0)
    assert "don't know the timezone" in wrong[0].text
    done = await tutor.say(ALICE, "asia/kathmandu", T0)
    assert done[0].text == "Timezone set to Asia/Kathmandu."
    # no longer waiting: free text is free text again
    assert "/learn" in (await tutor.say(ALICE, "Europe/Paris", T0))[0].text
    async with sqlite_session_factory() as session:
        row = await get_learner(session, learner_id=ALICE.user_id)
    assert row is not None and row.timezone == "Asia/Kathmandu"


async def test_a_command_cancels_the_timezone_prompt(tutor: Tutor) -> None:
    await tutor.press(ALICE, "s:tzt", T0)
    await tutor.command(ALICE, "lessons", "", T0)
    assert "/learn" in (await tutor.say(ALICE, "Europe/Paris", T0))[0].text


async def test_export_contains_every_answer(tutor: Tutor) -> None:
    replies = await tutor.command(ALICE, "quiz", "1", T0)
    while replies[-1].question is not None:
        replies = await tutor.press(ALICE, right(question(replies)), T0)
    exported = await tutor.command(ALICE, "export", "", T0)
    attachment = exported[0].attachment
    assert attachment is not None
    assert attachment.filename == "peacebot-export-42.json"
    assert attachment.mime_type == "application/json"
    data = json.loads(attachment.data)
    assert data["learner"]["id"] == 42
    assert [answer["question_id"] for answer in data["answers"]] == [
        item["question_id"] for item in data["quiz_sessions"][0]["answers"]]
    assert len(data["answers"]) == 3


async def test_delete_after_confirmation(tutor: Tutor, sqlite_session_factory: Factory) -> None:
    quiz = await tutor.command(ALICE, "quiz", "1", T0)
    ask = await tutor.command(ALICE, "delete", "", T0)
    cancelled = await tutor.press(ALICE, button(ask, "Cancel"), T0)
    assert cancelled[0].kind is ReplyKind.NOTICE
    # an old confirmation button expires
    expired = await tutor.press(ALICE, button(ask, "Yes"), T0 + timedelta(minutes=30))
    assert expired[0].kind is ReplyKind.NOTICE and "expired" in expired[0].text
    async with sqlite_session_factory() as session:
        assert await get_learner(session, learner_id=ALICE.user_id) is not None
    ask = await tutor.command(ALICE, "delete", "", T0 + timedelta(hours=1))
    gone = await tutor.press(ALICE, button(ask, "Yes"), T0 + timedelta(hours=1, minutes=2))
    assert "deleted" in gone[0].text
    async with sqlite_session_factory() as session:
        assert await get_learner(session, learner_id=ALICE.user_id) is None
    # buttons left in the chat do not bring them back
    later = T0 + timedelta(hours=1, minutes=5)
    for old in (right(question(quiz)), button(ask, "Cancel"), actions.command("progress"),
                actions.setting("tz")):
        reply = await tutor.press(ALICE, old, later)
        assert [(r.kind, r.text) for r in reply] == [(ReplyKind.NOTICE, UNKNOWN_LEARNER)]
    async with sqlite_session_factory() as session:
        assert await get_learner(session, learner_id=ALICE.user_id) is None
    # they can start again from scratch
    again = await tutor.command(ALICE, "progress", "", T0 + timedelta(hours=2))
    assert "XP: 0" in again[0].text


async def test_blocked_flag_and_admin_stats(tutor: Tutor,
                                           sqlite_session_factory: Factory) -> None:
    await tutor.command(ALICE, "start", "", T0)
    await tutor.mark_blocked(ALICE.user_id, True, T0)
    stats = await tutor.admin_stats(T0)
    assert "Learners: 1 (1 blocked)" in stats.text
    await tutor.command(ALICE, "help", "", T0)  # writing again means unblocked
    async with sqlite_session_factory() as session:
        row = await get_learner(session, learner_id=ALICE.user_id)
    assert row is not None and not row.blocked
