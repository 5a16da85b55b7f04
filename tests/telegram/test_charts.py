"""The /progress chart is a real PNG for empty and full reports."""

from __future__ import annotations

from datetime import date, timedelta

from bot.telegram.charts import render_progress_chart

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_chart_with_data_is_a_png() -> None:
    start = date(2026, 11, 12)
    days = [(start + timedelta(days=i), i % 4, i % 2) for i in range(14)]
    mastery = [(f"Lesson {i}: a rather long title about peacekeeping", i / 10) for i in range(8)]
    png = render_progress_chart(mastery, days, title="Progress")
    assert png.startswith(PNG_MAGIC)
    assert len(png) > 5_000


def test_chart_for_a_new_learner_still_renders() -> None:
    assert render_progress_chart([], []).startswith(PNG_MAGIC)
