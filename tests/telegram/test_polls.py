"""The poll store: a poll answered before its row is saved still finds it; rows are written
behind, several polls to a transaction, and none is dropped while the database is away."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel

from bot.telegram.polls import PollStore, group_actions
from bot.tutor import Learner
from db import queries
from db.engine import create_engine, create_session_factory
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


async def _add_learners(factory: async_sessionmaker[AsyncSession], *ids: int) -> None:
    async with factory() as session, session.begin():
        for learner_id in ids:
            await queries.get_or_create_learner(session, learner_id=learner_id, now=START)


async def _save(store: PollStore, poll_id: str, learner_id: int) -> None:
    await store.save(poll_id=poll_id, learner_id=learner_id, chat_id=learner_id,
                     answer_actions=("a", "b"), now=START)


async def test_polls_sent_together_are_stored_in_one_transaction(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _add_learners(session_factory, 1, 2, 3)
    commits = 0

    @event.listens_for(session_factory.kw["bind"].sync_engine, "commit")
    def count(_connection: object) -> None:
        nonlocal commits
        commits += 1

    store = PollStore(session_factory, write_delay=0.05)
    for number in (1, 2, 3):
        await _save(store, f"p{number}", number)
    assert (await store.get("p2")) is not None  # in memory at once, before any row exists
    assert commits == 0
    await asyncio.sleep(0.2)
    assert commits == 1
    restarted = PollStore(session_factory)  # a new process reads the rows
    found = [await restarted.get(f"p{number}") for number in (1, 2, 3)]
    assert [poll.learner_id if poll else None for poll in found] == [1, 2, 3]


async def test_a_bad_row_does_not_sink_the_others(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _add_learners(sqlite_session_factory, 1)
    store = PollStore(sqlite_session_factory, write_delay=60)
    await _save(store, "kept", 1)
    await _save(store, "orphan", 999)  # no such learner (deleted meanwhile): FK refuses it
    await store.close()
    restarted = PollStore(sqlite_session_factory)
    assert await restarted.get("kept") is not None
    assert await restarted.get("orphan") is None


async def test_polls_wait_for_a_database_that_is_away(tmp_path: Path) -> None:
    folder = tmp_path / "not-yet"  # SQLite cannot open a file in a folder that is not there
    url = f"sqlite+aiosqlite:///{folder}/bot.db"
    engine = create_async_engine(url)  # (our create_engine would make the folder)
    store = PollStore(create_session_factory(engine), write_delay=60)
    await _save(store, "p1", 1)
    assert await store.flush() is False  # kept for later, not dropped
    folder.mkdir()  # the database is back
    schema = create_engine(url, foreign_keys=False)
    async with schema.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    await schema.dispose()
    assert await store.flush() is True
    assert await PollStore(create_session_factory(engine)).get("p1") is not None
    await engine.dispose()
