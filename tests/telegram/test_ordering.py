"""Per-learner ordering: one learner's updates in order, different learners in parallel,
and one learner's flood never holds up anyone else."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Chat, Message, Update, User

from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.ordering import PerLearnerUpdateProcessor, ordering_key
from bot.tutor import Tutor
from tests.e2e.botapi import BotApiServer, polling
from tests.telegram.conftest import COURSE, Clock, make_settings

FLOOD = 1_000

WHEN = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def text_update(update_id: int, user_id: int) -> Update:
    user = User(id=user_id, first_name=f"u{user_id}", is_bot=False)
    message = Message(
        message_id=update_id, date=WHEN, chat=Chat(user_id, Chat.PRIVATE), from_user=user, text="hi"
    )
    return Update(update_id=update_id, message=message)


async def test_same_learner_waits_other_learner_does_not() -> None:
    processor = PerLearnerUpdateProcessor(max_concurrent_updates=8)
    gate = asyncio.Event()
    log: list[str] = []

    async def slow_first() -> None:
        await gate.wait()
        log.append("A1")

    async def record(name: str) -> None:
        log.append(name)

    async with processor:
        tasks = [
            asyncio.create_task(processor.process_update(text_update(1, 10), slow_first())),
            asyncio.create_task(processor.process_update(text_update(2, 10), record("A2"))),
            asyncio.create_task(processor.process_update(text_update(3, 20), record("B1"))),
        ]
        await tasks[2]
        assert log == ["B1"]  # learner 20 was not held up by learner 10's slow update
        assert processor.learners_in_flight == 1
        gate.set()
        await asyncio.gather(*tasks)
    assert log == ["B1", "A1", "A2"]
    assert processor.learners_in_flight == 0


async def test_many_updates_of_one_learner_keep_arrival_order() -> None:
    processor = PerLearnerUpdateProcessor(max_concurrent_updates=4)
    log: list[int] = []

    async def record(number: int) -> None:
        await asyncio.sleep(0)
        log.append(number)

    async with processor:
        await asyncio.gather(
            *(processor.process_update(text_update(n, 7), record(n)) for n in range(40))
        )
    assert log == list(range(40))


def test_updates_without_a_user_are_not_serialised() -> None:
    assert ordering_key(Update(update_id=1)) is None
    assert ordering_key(object()) is None
    assert ordering_key(text_update(1, 42)) == 42


async def test_a_learner_queued_behind_their_own_lock_holds_no_slot() -> None:
    processor = PerLearnerUpdateProcessor(max_concurrent_updates=4)
    gate = asyncio.Event()

    async with processor:
        flood = [asyncio.create_task(processor.process_update(text_update(n, 10), gate.wait()))
                 for n in range(20)]
        other = asyncio.create_task(processor.process_update(text_update(99, 20), asyncio.sleep(0)))
        await asyncio.wait_for(other, timeout=5)  # served while learner 10 is stuck
        gate.set()
        await asyncio.gather(*flood)


async def test_another_learners_reply_does_not_wait_behind_a_flood(
    botapi: BotApiServer, sqlite_session_factory: async_sessionmaker[AsyncSession], clock: Clock,
) -> None:
    app = build_application(make_settings(botapi, telegram_max_rate=0),
                            Tutor(courses=[COURSE], sessions=sqlite_session_factory),
                            clock=clock, extensions=())
    flooder, other = botapi.user("Flood"), botapi.user("Other")
    async with polling(app, allowed_updates=list(ALLOWED_UPDATES)):
        await botapi.wait_polling()
        for number in range(FLOOD):
            botapi.send_text(flooder, f"hello {number}")
        await botapi.wait_consumed(timeout=60)  # every flood update is in the bot
        mark = botapi.mark()
        update = botapi.send_text(other, "/help")
        [reply] = await botapi.wait_sent(other.id, since=mark, timeout=30)
        waited = reply.at - botapi.state.updates.injected_at[update["update_id"]]
        still_queued = FLOOD - len(botapi.sent(flooder.id))
    print(f"\n/help behind a {FLOOD}-message flood: {waited * 1000:.0f} ms, "
          f"{still_queued} flood updates still queued")
    assert still_queued > 0  # the flood was really still going on
    assert waited < 0.1
