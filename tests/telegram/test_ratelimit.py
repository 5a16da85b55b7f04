"""The one rate limiter: even spacing, replies before reminders, a 429 pauses everyone."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.telegram.ratelimit import BACKGROUND, RATE_MARGIN, RateLimiter


class Recorder:
    """A Bot API stand-in for the limiter's callback: records (what, loop time) per call."""

    def __init__(self, failures: dict[str, list[Exception]] | None = None) -> None:
        self.calls: list[tuple[str, float]] = []
        self.failures = failures or {}

    async def __call__(self, name: str) -> bool:
        self.calls.append((name, asyncio.get_running_loop().time()))
        pending = self.failures.get(name)
        if pending:
            raise pending.pop(0)
        return True


async def send(limiter: RateLimiter, recorder: Recorder, name: str, *,
               background: bool = False, chat_id: int | None = 1) -> Any:
    data = {} if chat_id is None else {"chat_id": chat_id}
    return await limiter.process_request(recorder, (name,), {}, "sendMessage", data,
                                         BACKGROUND if background else None)


async def test_messages_leave_evenly_spaced_under_the_rate() -> None:
    limiter, recorder = RateLimiter(rate=20), Recorder()
    await asyncio.gather(*(send(limiter, recorder, f"m{n}") for n in range(6)))
    times = [at for _, at in recorder.calls]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= (1 + RATE_MARGIN) / 20 - 0.002  # no burst, not even at the start


async def test_calls_without_a_chat_and_no_rate_are_not_paced() -> None:
    recorder = Recorder()
    unpaced = RateLimiter(rate=0)
    paced = RateLimiter(rate=2)
    await asyncio.gather(*(send(unpaced, recorder, f"u{n}") for n in range(5)),
                         *(send(paced, recorder, f"c{n}", chat_id=None) for n in range(5)))
    times = [at for _, at in recorder.calls]
    assert max(times) - min(times) < 0.4  # a paced chat at 2/s would take 2 s


async def test_replies_go_before_waiting_reminders() -> None:
    limiter, recorder = RateLimiter(rate=20), Recorder()
    reminders = [asyncio.create_task(send(limiter, recorder, f"reminder {n}", background=True))
                 for n in range(6)]
    while not recorder.calls:  # the first reminder is out; the others wait for the budget
        await asyncio.sleep(0.005)
    await send(limiter, recorder, "reply")
    await asyncio.gather(*reminders)
    order = [name for name, _ in recorder.calls]
    assert order.index("reply") <= 2  # at most one reminder was already queued ahead of it


async def test_a_429_pauses_every_sender_then_retries() -> None:
    recorder = Recorder({"first": [RetryAfter(1)]})
    limiter = RateLimiter(rate=0)
    first = asyncio.create_task(send(limiter, recorder, "first"))
    while not recorder.calls:
        await asyncio.sleep(0.005)
    flood_at = recorder.calls[0][1]
    await send(limiter, recorder, "other chat", chat_id=2)
    await first
    sent = dict(recorder.calls)
    assert sent["other chat"] >= flood_at + 1.0  # held back by someone else's 429
    assert [name for name, _ in recorder.calls].count("first") == 2


async def test_a_lasting_429_gives_up_after_max_retries() -> None:
    recorder = Recorder({"stuck": [RetryAfter(0) for _ in range(10)]})
    with pytest.raises(RetryAfter):
        await send(RateLimiter(rate=0, max_retries=2), recorder, "stuck")
    assert len(recorder.calls) == 3


async def test_network_failures_are_retried_bad_requests_are_not() -> None:
    recorder = Recorder({"flaky": [NetworkError("Bad Gateway")],
                         "bad": [BadRequest("chat not found")]})
    limiter = RateLimiter(rate=0, network_delay=0.01)
    assert await send(limiter, recorder, "flaky") is True
    with pytest.raises(BadRequest):
        await send(limiter, recorder, "bad")
    assert [name for name, _ in recorder.calls] == ["flaky", "flaky", "bad"]
