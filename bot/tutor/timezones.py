"""The learner's timezone, by name: the one place that turns a stored name into a zone."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1024)
def zone(name: str | None) -> tzinfo:
    """The zone called `name`; an unknown or empty name means UTC rather than a failure.

    Cached, so a sweep over thousands of learners logs a bad name once, not per learner."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning("unknown timezone %r, using UTC", name)
        return UTC


def local_day(moment: datetime, timezone_name: str | None) -> date:
    """The calendar day `moment` falls on for a learner in `timezone_name`."""
    return moment.astimezone(zone(timezone_name)).date()
