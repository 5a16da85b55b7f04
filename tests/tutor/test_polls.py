"""The tutor's poll store: rows written behind, several polls to a transaction, none dropped
while the database is away, old ones forgotten."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel

from bot.tutor.polls import KEEP_POLLS, PollRecord, PollStore
from db import queries
from db.engine import create_engine, create_session_factory
from tests.tutor.conftest import T0 as START


async def _add_learners(factory: async_sessionmaker[AsyncSession], *ids: int) -> None:
    async with factory() as session, session.begin():
        for learner_id in ids:
            await queries.get_or_create_learner(session, learner_id=learner_id, now=START)


def _save(store: PollStore, poll_id: str, learner_id: int) -> None:
    store.save(PollRecord(poll_id, learner_id, learner_id, ("a", "b")), START)


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
        _save(store, f"p{number}", number)
    assert commits == 0
    await asyncio.sleep(0.2)
    assert commits == 1
    restarted = PollStore(session_factory)  # a new process reads the rows
    found = [await restarted.find(f"p{number}") for number in (1, 2, 3)]
    assert [poll.learner_id if poll else None for poll in found] == [1, 2, 3]


async def test_a_bad_row_does_not_sink_the_others(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _add_learners(sqlite_session_factory, 1)
    store = PollStore(sqlite_session_factory, write_delay=60)
    _save(store, "kept", 1)
    _save(store, "orphan", 999)  # no such learner (deleted meanwhile): FK refuses it
    await store.close()
    restarted = PollStore(sqlite_session_factory)
    assert await restarted.find("kept") is not None
    assert await restarted.find("orphan") is None


async def test_polls_wait_for_a_database_that_is_away(tmp_path: Path) -> None:
    folder = tmp_path / "not-yet"  # SQLite cannot open a file in a folder that is not there
    url = f"sqlite+aiosqlite:///{folder}/bot.db"
    engine = create_async_engine(url)  # (our create_engine would make the folder)
    store = PollStore(create_session_factory(engine), write_delay=60)
    _save(store, "p1", 1)
    assert await store.flush() is False  # kept for later, not dropped
    folder.mkdir()  # the database is back
    schema = create_engine(url, foreign_keys=False)
    async with schema.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    await schema.dispose()
    assert await store.flush() is True
    assert await PollStore(create_session_factory(engine)).find("p1") is not None
    await engine.dispose()


async def test_old_polls_are_forgotten(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _add_learners(sqlite_session_factory, 1)
    store = PollStore(sqlite_session_factory, write_delay=60)
    store.save(PollRecord("old", 1, 1, ("a", "b")), START - KEEP_POLLS - timedelta(minutes=1))
    store.save(PollRecord("recent", 1, 1, ("a", "b")), START - KEEP_POLLS + timedelta(minutes=1))
    await store.flush()
    assert await store.forget_old(START) == 1
    assert await store.find("old") is None
    assert await store.find("recent") is not None
