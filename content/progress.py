"""Progress of a long build, shown only when the build is long.

The pipeline reports steps through a plain callable (`Progress`); front ends decide where
they go. `DelayedProgress` writes them to a stream (stderr in the CLI) once a build has run
for more than `delay` seconds, so a quick start stays silent and a slow one explains itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[str], None]


def silent(_message: str) -> None:
    """The default: report nothing."""


class DelayedProgress:
    """Writes each step as a line once `delay` seconds have passed since it was created."""

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = 2.0,
        interval: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._delay = delay
        self._interval = interval
        self._last = float("-inf")

    def __call__(self, message: str) -> None:
        now = self._clock()
        if now - self._start < self._delay or now - self._last < self._interval:
            return
        self._last = now
        self._stream.write(f"peacebot: {message} ({now - self._start:.0f} s)\n")
        self._stream.flush()
