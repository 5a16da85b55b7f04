"""Polls, export, progress summary and admin stats on both backends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import queries
from tests.db import fill
from tests.db.fill import fill_learner

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
Factory = async_sessionmaker[AsyncSession]


async def test_polls_round_trip_and_expire(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        await queries.get_or_create_learner(session, learner_id=1, now=NOW)
        await fill.store_poll(
            session,
            poll_id="5003",
            learner_id=1,
            chat_id=-100123,
            answer_actions=["a", "b"],
            now=NOW,
        )
        await fill.store_poll(
            session,
            poll_id="old",
            learner_id=1,
            chat_id=1,
            answer_actions=[],
            now=NOW - timedelta(2),
        )
    async with session_factory() as session, session.begin():
        poll = await queries.get_poll(session, poll_id="5003")
        assert poll is not None and poll.answer_actions == ["a", "b"] and poll.chat_id == -100123
        assert await queries.get_poll(session, poll_id="missing") is None
        assert await queries.delete_polls_before(session, before=NOW - timedelta(1)) == 1
        assert await queries.get_poll(session, poll_id="old") is None


async def test_export_is_json_with_every_answer(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        await fill_learner(session, learner_id=1, now=NOW)
    async with session_factory() as session:
        exported = await queries.export_learner(session, learner_id=1)
    assert exported is not None
    text = json.dumps(exported)
    document = json.loads(text)
    assert document["learner"]["id"] == 1
    assert document["learner"]["created_at"] == NOW.isoformat()
    assert [answer["question_id"] for answer in document["answers"]] == ["q1", "q2"]
    assert [answer["correct"] for answer in document["answers"]] == [True, False]
    assert len(document["review_cards"]) == 2 and document["review_cards"][0]["card"]["card_id"]
    assert document["lesson_progress"][0]["completed_at"] == NOW.isoformat()
    assert len(document["quiz_sessions"]) == 1 and len(document["reminders"]) == 1
    assert document["sent_polls"][0]["answer_actions"] == ["a:0", "a:1"]


async def test_answer_totals_and_times(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        await fill_learner(session, learner_id=1, now=NOW)
        await queries.record_answer(
            session, learner_id=1, question_id="q1", answer_key="old", chosen=0, correct=True,
            rating=3, answered_at=NOW - timedelta(days=3),
        )
    async with session_factory() as session:
        assert await queries.answer_totals(session, learner_id=1) == (3, 2)
        assert await queries.answer_totals(session, learner_id=9) == (0, 0)
        recent = await queries.answer_times(session, learner_id=1, since=NOW - timedelta(days=1))
    assert sorted(recent) == [(NOW, True), (NOW + timedelta(seconds=1), False)]


async def test_admin_stats_and_hardest_questions(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        for learner_id in (1, 2, 3):
            await fill_learner(session, learner_id=learner_id, now=NOW)
        await queries.get_or_create_learner(session, learner_id=4, now=NOW - timedelta(days=5))
        await queries.mark_blocked(session, learner_id=3)
    async with session_factory() as session:
        stats = await queries.admin_stats(session, since=NOW - timedelta(hours=1), min_answers=2)
    assert (stats.learners, stats.blocked, stats.active_since, stats.answers_since) == (4, 1, 3, 6)
    assert [q.question_id for q in stats.hardest] == ["q2", "q1"]
    assert stats.hardest[0].error_rate == 1.0 and stats.hardest[1].error_rate == 0.0
