"""The /progress chart: mastery per lesson and answers per day, drawn as one PNG.

Uses matplotlib's object API with the Agg canvas directly (no pyplot), so there is no
global figure state and rendering can run in a worker thread without a display.
matplotlib is imported on the first chart, not with the bot: it is about 55 MB of memory
and a quarter of a second of start-up that most runs of the bot never use (benchmarks/
bot_memory.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from bot.tutor.texts import shorten

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LABEL_LIMIT = 28
RIGHT_COLOUR = "#2e7d32"
WRONG_COLOUR = "#c62828"
MASTERY_COLOUR = "#1565c0"


# (day in the learner's timezone, right answers, wrong answers): the tutor's DayActivity.
DayCount = tuple[date, int, int]


def render_progress_chart(
    mastery: Sequence[tuple[str, float]], days: Sequence[DayCount], *, title: str = ""
) -> bytes:
    """PNG bytes: horizontal mastery bars (0–100 %) above stacked right/wrong bars per day."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lesson_rows = max(len(mastery), 1)
    figure = Figure(figsize=(8, 3 + 0.32 * lesson_rows), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, height_ratios=[max(lesson_rows, 3), 3])
    _draw_mastery(top, mastery)
    _draw_days(bottom, days)
    if title:
        figure.suptitle(title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _draw_mastery(axes: Axes, mastery: Sequence[tuple[str, float]]) -> None:
    axes.set_title("Mastery per lesson")
    axes.set_xlim(0, 100)
    axes.set_xlabel("%")
    if not mastery:
        axes.text(50, 0.5, "No lessons yet", ha="center", va="center")
        axes.set_yticks([])
        return
    labels = [shorten(title, LABEL_LIMIT) for title, _ in mastery]
    values = [max(0.0, min(1.0, share)) * 100 for _, share in mastery]
    positions = list(range(len(labels)))
    axes.barh(positions, values, color=MASTERY_COLOUR)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()  # first lesson on top, in reading order


def _draw_days(axes: Axes, days: Sequence[DayCount]) -> None:
    axes.set_title("Answers per day")
    if not days:
        axes.text(0.5, 0.5, "No answers yet", ha="center", va="center")
        axes.set_xticks([])
        return
    labels = [day.strftime("%d %b") for day, _, _ in days]
    positions = list(range(len(days)))
    right = [count for _, count, _ in days]
    wrong = [count for _, _, count in days]
    axes.bar(positions, right, color=RIGHT_COLOUR, label="right")
    axes.bar(positions, wrong, bottom=right, color=WRONG_COLOUR, label="wrong")
    axes.set_xticks(positions, labels, rotation=45, ha="right", fontsize=8)
    axes.legend(loc="upper left", fontsize=8)
