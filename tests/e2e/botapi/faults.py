"""Injected faults (429, 5xx, blocked users, slow answers) and Telegram's sending limits.

Everything is configurable while the server runs, and random faults draw from a seeded
``random.Random`` so a failing run can be replayed.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tests.e2e.botapi.errors import ApiError, blocked, too_many_requests

# Methods that deliver a new message to a chat: what Telegram's limits count.
SEND_METHODS = frozenset(
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendPoll", "sendAudio", "sendVideo",
        "sendAnimation", "sendVoice", "sendSticker", "sendMediaGroup", "sendLocation",
        "sendContact", "sendDice", "copyMessage", "forwardMessage",
    }
)

# Calls never faulted unless asked for by name: they are not "the bot talking to users".
_UNFAULTED_BY_DEFAULT = frozenset({"getUpdates", "getMe", "deleteWebhook", "setWebhook"})


def _bad_gateway() -> ApiError:
    return ApiError(502, "Bad Gateway")


@dataclass
class _Scheduled:
    code: int
    retry_after: float
    methods: frozenset[str] | None


@dataclass
class Faults:
    """What should go wrong, and how often; read by the server on every call.

    ``methods=None`` (the default everywhere) means every method except getUpdates,
    getMe, setWebhook and deleteWebhook; pass names to fault those too.
    """

    seed: int = 0
    rate_429: float = 0.0
    rate_5xx: float = 0.0
    retry_after: float = 1
    rate_methods: frozenset[str] | None = None
    delay: float = 0.0
    delay_methods: frozenset[str] | None = None
    blocked_chats: set[int] = field(default_factory=set)
    injected: Counter[int] = field(default_factory=Counter)
    _queue: deque[_Scheduled] = field(default_factory=deque)
    _random: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def fail_next(
        self,
        count: int = 1,
        *,
        code: int = 429,
        retry_after: float = 1,
        methods: Iterable[str] | None = None,
    ) -> None:
        """Answer the next ``count`` matching calls with ``code`` (429, 5xx, 403, ...)."""
        names = frozenset(methods) if methods is not None else None
        for _ in range(count):
            self._queue.append(_Scheduled(code, retry_after, names))

    def set_rates(
        self,
        *,
        rate_429: float = 0.0,
        rate_5xx: float = 0.0,
        retry_after: float = 1,
        methods: Iterable[str] | None = None,
        seed: int | None = None,
    ) -> None:
        """Fail a random share of matching calls: ``rate_429`` with 429, ``rate_5xx`` with 502."""
        self.rate_429 = rate_429
        self.rate_5xx = rate_5xx
        self.retry_after = retry_after
        self.rate_methods = frozenset(methods) if methods is not None else None
        if seed is not None:
            self._random = random.Random(seed)

    def slow(self, seconds: float, methods: Iterable[str] | None = None) -> None:
        """Delay every matching answer by ``seconds`` (0 turns it off)."""
        self.delay = seconds
        self.delay_methods = frozenset(methods) if methods is not None else None

    def block(self, chat_id: int) -> None:
        """From now on, calls to this chat get 403 "bot was blocked by the user"."""
        self.blocked_chats.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """The user unblocked the bot."""
        self.blocked_chats.discard(chat_id)

    def clear(self) -> None:
        """No faults at all (blocked chats included)."""
        self._queue.clear()
        self.rate_429 = self.rate_5xx = self.delay = 0.0
        self.blocked_chats.clear()

    def delay_for(self, method: str) -> float:
        """Seconds to wait before answering this call."""
        if self.delay and _matches(method, self.delay_methods):
            return self.delay
        return 0.0

    def pick(self, method: str, chat_id: int | None) -> ApiError | None:
        """The fault for this call, if any; counts it in ``injected``."""
        error = self._pick(method, chat_id)
        if error is not None:
            self.injected[error.code] += 1
        return error

    def _pick(self, method: str, chat_id: int | None) -> ApiError | None:
        for entry in self._queue:
            if _matches(method, entry.methods):
                self._queue.remove(entry)
                return _error_for(entry.code, entry.retry_after)
        if (self.rate_429 or self.rate_5xx) and _matches(method, self.rate_methods):
            draw = self._random.random()
            if draw < self.rate_429:
                return too_many_requests(self.retry_after)
            if draw < self.rate_429 + self.rate_5xx:
                return _bad_gateway()
        if chat_id is not None and chat_id in self.blocked_chats:
            return blocked()
        return None


def _matches(method: str, methods: frozenset[str] | None) -> bool:
    if methods is None:
        return method not in _UNFAULTED_BY_DEFAULT
    return method in methods


def _error_for(code: int, retry_after: float) -> ApiError:
    if code == 429:
        return too_many_requests(retry_after)
    if code == 403:
        return blocked()
    if code == 502:
        return _bad_gateway()
    if code == 409:  # what Telegram says to a second long-polling consumer of one token
        return ApiError(409, "Conflict: terminated by other getUpdates request; make sure "
                             "that only one bot instance is running")
    if code >= 500:
        return ApiError(code, "Internal Server Error")
    return ApiError(code, "Bad Request: injected fault")


@dataclass(frozen=True)
class LimitPolicy:
    """Telegram's published limits: 30 messages/s overall, 1/s per private chat, 20/min per group.

    A message sent at time t violates a limit when the messages accepted in the window
    (t - period, t], itself included, number more than the limit.
    """

    overall_per_second: int = 30
    private_chat_per_second: int = 1
    group_per_minute: int = 20


@dataclass(frozen=True)
class LimitViolation:
    """One message over a limit: ``kind`` is "overall", "private_chat" or "group"."""

    kind: str
    chat_id: int
    at: float
    count: int


class LimitChecker:
    """Sliding-window counters of sent messages; records (and optionally refuses) excess."""

    def __init__(
        self,
        policy: LimitPolicy | None = None,
        *,
        enforce: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or LimitPolicy()
        self.enforce = enforce
        self.violations: list[LimitViolation] = []
        self._clock = clock
        self._overall: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}

    def reset(self) -> None:
        """Forget the windows and the recorded violations."""
        self.violations.clear()
        self._overall.clear()
        self._chats.clear()

    def admit(self, chat_id: int, chat_type: str) -> None:
        """Count one message to ``chat_id``; raise 429 if over a limit and enforcing."""
        now = self._clock()
        checks: list[tuple[str, deque[float], float, int]] = [
            ("overall", self._overall, 1.0, self.policy.overall_per_second)
        ]
        window = self._chats.setdefault(chat_id, deque())
        if chat_type == "private":
            checks.append(("private_chat", window, 1.0, self.policy.private_chat_per_second))
        elif chat_type in ("group", "supergroup"):
            checks.append(("group", window, 60.0, self.policy.group_per_minute))
        wait = 0.0
        for kind, stamps, period, limit in checks:
            while stamps and stamps[0] <= now - period:
                stamps.popleft()
            if len(stamps) + 1 > limit:
                self.violations.append(LimitViolation(kind, chat_id, now, len(stamps) + 1))
                wait = max(wait, stamps[len(stamps) - limit] + period - now)
        if wait and self.enforce:
            raise too_many_requests(max(1, math.ceil(wait)))
        self._overall.append(now)
        window.append(now)
