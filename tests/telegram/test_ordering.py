"""Per-learner ordering: one learner's updates in order, different learners in parallel."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.telegram.ordering import PerLearnerUpdateProcessor, ordering_key

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
