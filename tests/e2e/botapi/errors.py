"""Telegram's error envelope, raised anywhere while handling a call."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API error: becomes ``{"ok": false, "error_code": ..., "description": ...}``.

    The HTTP status equals ``error_code``, as with Telegram; PTB maps the status to its
    exception classes (400 BadRequest, 403 Forbidden, 409 Conflict, 429 RetryAfter, ...).
    """

    def __init__(self, code: int, description: str, *, retry_after: float | None = None):
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def envelope(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def not_found() -> ApiError:
    """Unknown method (or malformed token), as Telegram answers it."""
    return ApiError(404, "Not Found")


def too_many_requests(retry_after: float) -> ApiError:
    """Flood control answer with the seconds to wait."""
    shown = int(retry_after) if float(retry_after).is_integer() else retry_after
    return ApiError(
        429, f"Too Many Requests: retry after {shown}", retry_after=shown
    )


def blocked() -> ApiError:
    """What Telegram answers when the user blocked the bot."""
    return ApiError(403, "Forbidden: bot was blocked by the user")


def bad_request(detail: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: ..." prefix."""
    return ApiError(400, f"Bad Request: {detail}")
