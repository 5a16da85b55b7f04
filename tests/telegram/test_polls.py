"""The sent-poll cache: a poll answered before it is saved still finds it."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.telegram.polls import SentPolls
from bot.tutor import Person, PollRecord, Tutor, actions
from tests.telegram.conftest import START

GROUP_POLL = PollRecord("p1", 5, -100, (actions.group_answer("q1"),) * 3)


async def test_a_lookup_during_a_send_waits_for_the_save(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    polls = SentPolls(Tutor(courses=(), sessions=sqlite_session_factory))
    saved = asyncio.Event()

    async def send_then_save() -> None:
        async with polls.sending():
            await saved.wait()  # Telegram answered; the answer update races the save
            await polls.save_group(GROUP_POLL, owner=Person(user_id=5, first_name="Ann"),
                                   now=START)

    sender = asyncio.create_task(send_then_save())
    await asyncio.sleep(0)
    lookup = asyncio.create_task(polls.get("p1"))
    await asyncio.sleep(0.05)
    assert not lookup.done()  # waiting for the in-flight send, not giving up
    saved.set()
    found = await lookup
    await sender
    assert found is not None
    assert found.group_question_id == "q1"
    assert found.action_for(3) is None


async def test_unknown_polls_are_none_without_waiting(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    assert await SentPolls(Tutor(courses=(), sessions=sqlite_session_factory)).get("nope") is None
