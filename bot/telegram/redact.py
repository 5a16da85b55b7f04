"""Keeping the bot token out of logs.

Bot API URLs carry the token (`.../bot<token>/sendMessage`), and python-telegram-bot logs
them at DEBUG ("Set Bot API URL: ..."); network errors can quote them too. httpx is
already held at WARNING by the CLI; this filter catches everything else by replacing the
token in every record, message and traceback alike, before any handler writes it.
"""

from __future__ import annotations

import logging

REDACTED = "<redacted-token>"


class RedactToken(logging.Filter):
    """Replaces the token (and its secret half) in a record's message and traceback."""

    def __init__(self, token: str) -> None:
        super().__init__()
        secret = token.split(":", 1)[1] if ":" in token else token
        # The whole token first, then the secret half alone (it is the part that matters).
        self._needles = tuple(part for part in (token, secret) if len(part) >= 8)

    def _clean(self, text: str) -> str:
        for needle in self._needles:
            text = text.replace(needle, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True


def redact(text: str, token: str | None) -> str:
    """`text` with the token taken out, for messages printed outside logging."""
    return RedactToken(token)._clean(text) if token else text


def redact_token_in_logs(token: str) -> None:
    """Install `RedactToken` on every handler of the root logger (where all records end up).

    Filters on handlers, not loggers: a logger's filters do not see records propagated
    from its children, a handler's see them all.
    """
    redactor = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
