"""Pacing outgoing messages so that no one-second window ever holds more than Telegram allows.

Telegram (and the stand-in server the tests use) count messages in any sliding one-second
window: 31 accepted within one second is a violation, however the 31 came about. Two rules
together keep every window legal:

* An even grid just under the limit (29.2/s by default): no bursts, and after a stall the grid
  restarts from the present instead of catching up.
* A window guard, which makes the grid's promise hold at the server too: message n is not sent
  before message n-30 has *completed* plus one second. The server accepted n-30 no later than
  its answer arrived and cannot accept n before it is sent, so any 31 messages in a row reach
  it more than a second apart, whatever the network or the server did in between (a stalled
  server answering three queued requests at once, PTB's rate limiter releasing requests it
  held during a 429). Normally the guard never binds: at 29.2/s message n leaves 1.027 s after
  n-30, and n-30 completed within a few milliseconds. Its cost is latency: with round trips
  of L seconds the rate is at most 30 / (1 + L).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable

DEFAULT_RATE = 29.2
WINDOW_LIMIT = 30  # messages per window
WINDOW = 1.0  # seconds
WINDOW_MARGIN = 0.002  # seconds beyond the window, for rounding in the server's clock
# How late a send may start and still keep the grid for the ones after it: sleep overshoots,
# by a millisecond when idle and by ten or more on a busy machine, and re-basing on the actual
# time would lose that every time. Sends stay on the grid's slots, within this much; the window
# guard keeps them legal in any case (31 in a row span at least 1.027 s - 15 ms).
LATE_TOLERANCE = 0.015

Ticket = asyncio.Future[float]


class Pacer:
    """Hands out sending slots. `ticket = await pacer.wait()` before each request and
    `pacer.done(ticket)` when it has completed, delivered or not (the guard waits for it)."""

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        limit: int = WINDOW_LIMIT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if not 0 < rate <= limit / WINDOW:
            raise ValueError(f"rate must be above 0 and at most {limit}/s, got {rate}")
        self.interval = 1.0 / rate
        self.limit = limit
        self._clock = clock
        self._sleep = sleep
        self._next = -math.inf  # when the next message may start, on the grid
        self._hold_until = -math.inf
        self._recent: deque[Ticket] = deque()
        self._lock = asyncio.Lock()
        self.stalls = 0  # times the grid restarted because a send started late
        self.guarded = 0  # times the window guard delayed a send

    async def wait(self) -> Ticket:
        """Wait for the next slot; the returned ticket must be passed to `done()`."""
        async with self._lock:
            floor = self._hold_until
            if len(self._recent) >= self.limit:
                completed = await self._recent.popleft()
                floor = max(floor, completed + WINDOW + WINDOW_MARGIN)
                if floor > self._next:
                    self.guarded += 1
            while (delay := max(self._next, floor, self._hold_until) - self._clock()) > 0:
                await self._sleep(delay)  # again if hold() moved the floor meanwhile
            now = self._clock()
            if now - self._next > LATE_TOLERANCE:
                if self._next != -math.inf:
                    self.stalls += 1
                self._next = now
            self._next += self.interval
            ticket: Ticket = asyncio.get_running_loop().create_future()
            self._recent.append(ticket)
            return ticket

    @classmethod
    def unlimited(cls) -> Pacer:
        """No pacing at all: for tests against a stand-in that is not counting."""
        return cls(1e9, limit=10**12)

    def done(self, ticket: Ticket) -> None:
        """The request sent with `ticket` has completed (or failed); safe to call twice."""
        if not ticket.done():
            ticket.set_result(self._clock())

    def hold(self, seconds: float) -> None:
        """Start nothing for `seconds` (flood control: Telegram said retry_after)."""
        self._hold_until = max(self._hold_until, self._clock() + seconds)
