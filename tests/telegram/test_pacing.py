"""The pacer on a fake clock: even spacing, no catch-up bursts, holds, and the window guard."""

from __future__ import annotations

import pytest

from bot.telegram.pacing import WINDOW, WINDOW_MARGIN, Pacer


class FakeClock:
    """A monotonic clock that only moves when told to; sleeping advances it."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


async def send(pacer: Pacer) -> None:
    """One request that completes the moment it starts."""
    pacer.done(await pacer.wait())


async def test_even_spacing_and_no_burst_after_a_stall() -> None:
    clock = FakeClock()
    pacer = Pacer(20.0, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        await send(pacer)
    assert clock.slept == [0.05, 0.05]
    clock.now += 10.0  # a stall: the next send goes now, the one after a full interval later
    await send(pacer)
    await send(pacer)
    assert clock.slept == [0.05, 0.05, 0.05]
    assert pacer.stalls == 1


async def test_hold_pauses_everyone() -> None:
    clock = FakeClock()
    pacer = Pacer(20.0, clock=clock, sleep=clock.sleep)
    await send(pacer)
    pacer.hold(3.0)
    await send(pacer)
    assert clock.now == pytest.approx(103.0)


async def test_window_guard_waits_a_second_after_a_slow_request_completed() -> None:
    clock = FakeClock()
    pacer = Pacer(30.0, clock=clock, sleep=clock.sleep)
    slow = await pacer.wait()  # its answer takes 0.5 s: the server may have counted it late
    for _ in range(29):
        await send(pacer)
    clock.now += 0.5
    pacer.done(slow)
    completed = clock.now
    await send(pacer)  # the 31st: not before the slow one's answer plus the window
    assert clock.now == pytest.approx(completed + WINDOW + WINDOW_MARGIN)
    assert pacer.guarded == 1


async def test_rate_above_the_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="at most 30/s"):
        Pacer(31.0)
