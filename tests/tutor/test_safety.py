"""Presses are never trusted: duplicates, stale, forged and malformed actions change nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Person, Tutor
from bot.tutor.replies import Reply, ReplyKind
from content.model import Course
from db.queries.export import export_learner
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, question, right, wrong

BOB = Person(user_id=7, first_name="Bob")
Factory = async_sessionmaker[AsyncSession]


async def _snapshot(factory: Factory, learner: Person) -> dict[str, Any]:
    """Everything stored about the learner, minus last_seen (every call refreshes it)."""
    async with factory() as session:
        data = await export_learner(session, learner_id=learner.user_id) or {}
    data.get("learner", {}).pop("last_seen_at", None)
    return data


def _is_notice(replies: list[Reply]) -> bool:
    return len(replies) == 1 and replies[0].kind is ReplyKind.NOTICE


async def _quiz_started(tutor: Tutor) -> list[Reply]:
    done = await tutor.press(ALICE, button(await tutor.command(ALICE, "start", "lesson-1", T0),
                                           "Next"), T0)
    done = await tutor.press(ALICE, button(done, "Done"), T0)
    return await tutor.press(ALICE, button(done, "Take the quiz"), T0)


async def test_double_press_is_recorded_once(tutor: Tutor, sqlite_session_factory: Factory) -> None:
    asked = await _quiz_started(tutor)
    action = right(question(asked))
    first = await tutor.press(ALICE, action, T0 + timedelta(seconds=10))
    assert first[0].title.startswith("Right")
    before = await _snapshot(sqlite_session_factory, ALICE)
    second = await tutor.press(ALICE, action, T0 + timedelta(seconds=11))
    assert _is_notice(second) and "already answered" in second[0].text
    # a different option for the same (already answered) question: also refused
    other = await tutor.press(ALICE, wrong(question(asked)), T0 + timedelta(seconds=12))
    assert _is_notice(other)
    assert await _snapshot(sqlite_session_factory, ALICE) == before
    assert len(before["answers"]) == 1 and before["learner"]["xp"] == 10


async def test_answer_to_a_question_that_is_not_current(tutor: Tutor,
                                                       sqlite_session_factory: Factory) -> None:
    asked = await _quiz_started(tutor)
    card = question(asked)
    session_id = card.answer_actions[0].split(":")[1]
    before = await _snapshot(sqlite_session_factory, ALICE)
    ahead = await tutor.press(ALICE, f"a:{session_id}:2:0", T0)
    assert _is_notice(ahead) and "not the current question" in ahead[0].text
    assert await _snapshot(sqlite_session_factory, ALICE) == before


@pytest.mark.parametrize(
    "action",
    ["a:999:0:0", "a:1:0:9", "r:0000000000:0", "r:{key}:99", "d:0000000000", "z:0000000000",
     "zr:999", "s:tz:999", "s:qs:7", "s:p:2", "x:0", "garbage", "", "a:1:0", "c:rm",
     "s:dr:50", "\u00e9\u00e9", "x" * 200],
)
async def test_forged_stale_or_malformed(tutor: Tutor, course: Course,
                                         sqlite_session_factory: Factory, action: str) -> None:
    await _quiz_started(tutor)
    key = tutor.catalog.lessons[0].key
    before = await _snapshot(sqlite_session_factory, ALICE)
    replies = await tutor.press(ALICE, action.format(key=key), T0 + timedelta(seconds=5))
    assert _is_notice(replies), replies
    assert await _snapshot(sqlite_session_factory, ALICE) == before


async def test_someone_elses_session_is_refused(tutor: Tutor,
                                               sqlite_session_factory: Factory) -> None:
    asked = await _quiz_started(tutor)
    before = await _snapshot(sqlite_session_factory, ALICE)
    assert _is_notice(await tutor.press(BOB, right(question(asked)), T0))  # a stranger
    assert await _snapshot(sqlite_session_factory, BOB) == {}  # who stays one
    await tutor.command(BOB, "start", "", T0)
    replies = await tutor.press(BOB, right(question(asked)), T0)  # a learner, not its owner
    assert _is_notice(replies)
    assert await _snapshot(sqlite_session_factory, ALICE) == before
    bob = await _snapshot(sqlite_session_factory, BOB)
    assert bob["answers"] == [] and bob["review_cards"] == []


async def test_finished_quiz_buttons_are_stale(tutor: Tutor) -> None:
    replies = await _quiz_started(tutor)
    first_action = right(question(replies))
    while replies[-1].question is not None:
        replies = await tutor.press(ALICE, right(question(replies)), T0)
    assert replies[-1].title == "Quiz done"
    assert _is_notice(await tutor.press(ALICE, first_action, T0))
    resume = button(await _offer_resume_after_new_quiz(tutor), "Resume")
    assert resume.startswith("zr:")


async def _offer_resume_after_new_quiz(tutor: Tutor) -> list[Reply]:
    await tutor.command(ALICE, "quiz", "all", T0)
    return await tutor.command(ALICE, "quiz", "1", T0)


async def test_restart_resumes_half_done_quiz(course: Course,
                                             sqlite_session_factory: Factory) -> None:
    first = Tutor(courses=[course], sessions=sqlite_session_factory)
    await first.command(ALICE, "start", "", T0)
    replies = await first.command(ALICE, "quiz", "1", T0)
    replies = await first.press(ALICE, right(question(replies)), T0)
    pending = question(replies)
    assert pending.number == 2
    # "restart": a new Tutor over the same database
    second = Tutor(courses=[course], sessions=sqlite_session_factory)
    offer = await second.command(ALICE, "quiz", "1", T0 + timedelta(hours=1))
    assert offer[0].title == "You have a quiz in progress"
    resumed = await second.press(ALICE, button(offer, "Resume"), T0 + timedelta(hours=1))
    card = question(resumed)
    assert (card.number, card.prompt, card.answer_actions) == (
        2, pending.prompt, pending.answer_actions)
    # the old message's button still works after the restart: it is the current question
    ok = await second.press(ALICE, right(pending), T0 + timedelta(hours=1))
    assert ok[0].title.startswith("Right")
    # "Start new" abandons it and the old buttons go stale
    offer = await second.command(ALICE, "quiz", "all", T0 + timedelta(hours=2))
    fresh = await second.press(ALICE, button(offer, "Start new"), T0 + timedelta(hours=2))
    assert question(fresh).number == 1
    assert _is_notice(await second.press(ALICE, right(question(ok)), T0 + timedelta(hours=2)))


async def test_group_poll_answers_are_idempotent(tutor: Tutor, course: Course,
                                                sqlite_session_factory: Factory) -> None:
    target = course.questions[0]
    replies = await tutor.answer_question(BOB, target.id, target.answer, T0, answer_key="poll:1")
    assert replies[0].title.startswith("Right")
    again = await tutor.answer_question(BOB, target.id, 1, T0, answer_key="poll:1")
    assert _is_notice(again)
    assert _is_notice(await tutor.answer_question(BOB, "nope", 0, T0, answer_key="poll:2"))
    assert _is_notice(await tutor.answer_question(BOB, target.id, 9, T0, answer_key="poll:3"))
    bob = await _snapshot(sqlite_session_factory, BOB)
    assert len(bob["answers"]) == 1 and bob["learner"]["xp"] == 10
