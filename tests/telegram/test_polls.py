"""The poll store: a poll answered before its row is saved still finds it."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.telegram.polls import PollStore, group_actions
from bot.tutor import Learner
from tests.telegram.conftest import START


async def test_a_lookup_during_a_send_waits_for_the_save(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    store = PollStore(sqlite_session_factory)
    saved = asyncio.Event()

    async def send_then_save() -> None:
        async with store.sending():
            await saved.wait()  # Telegram answered; the answer update races the save
            await store.save_group(
                poll_id="p1",
                owner=Learner(user_id=5, first_name="Ann"),
                chat_id=-100,
                question_id="q1",
                option_count=3,
                now=START,
            )

    sender = asyncio.create_task(send_then_save())
    await asyncio.sleep(0)
    lookup = asyncio.create_task(store.get("p1"))
    await asyncio.sleep(0.05)
    assert not lookup.done()  # waiting for the in-flight send, not giving up
    saved.set()
    found = await lookup
    await sender
    assert found is not None
    assert found.group_question_id == "q1"
    assert found.answer_actions == group_actions("q1", 3)
    assert found.action_for(3) is None


async def test_unknown_polls_are_none_without_waiting(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    assert await PollStore(sqlite_session_factory).get("nope") is None
