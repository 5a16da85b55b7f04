"""Settings screens, driven by choices: timezone, reminder time, quiet hours, pause, quiz size.

Every value a button can set comes from the fixed lists below, addressed by index or value and
checked on the way back in, so a forged `s:...` action can only pick an allowed value. A
timezone can also be typed (free text while `pending_input` is "tz"), validated with zoneinfo.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.tutor import actions
from bot.tutor.replies import Choice, Reply, ReplyKind
from bot.tutor.texts import percent
from bot.tutor.turn import Turn, notice

COMMON_ZONES = (
    "UTC", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "Europe/Moscow", "Asia/Dubai",
    "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "America/New_York",
    "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Africa/Lagos",
    "Africa/Nairobi",
)
REMINDER_HOURS = (7, 8, 9, 12, 17, 18, 19, 20, 21)
QUIET_PRESETS = ((22 * 60, 8 * 60), (23 * 60, 7 * 60), (21 * 60, 9 * 60), (0, 0))
QUIZ_SIZES = (3, 5, 10, 15, 20)
RETENTIONS = (80, 85, 90, 95)  # percent
PENDING_TIMEZONE = "tz"
_ZONES_LOWER: dict[str, str] = {}


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _quiet(start: int, end: int) -> str:
    return "off" if start == end else f"{_clock(start)}-{_clock(end)}"


def menu(turn: Turn) -> Reply:
    """The settings overview with one button per setting."""
    learner = turn.learner
    retention = learner.desired_retention or 0.9
    study = [f"Questions per quiz: {turn.quiz_size}", f"Target recall: {percent(retention)}"]
    study_buttons = (Choice("Quiz length", actions.setting("qs")),
                     Choice("Target recall", actions.setting("dr")))
    timezone = Choice("Timezone", actions.setting("tz"))
    if not turn.reminders:  # a front end that never sends them (the terminal)
        lines = [f"Timezone: {learner.timezone} (your study days)", *study,
                 "Reminders come only in Telegram; here you study when you choose."]
        return Reply(title="Settings", text="\n".join(lines),
                     choices=((timezone,), study_buttons), kind=ReplyKind.PAGE)
    lines = [
        f"Timezone: {learner.timezone}",
        f"Reminder time: {_clock(learner.reminder_time)}",
        f"Quiet hours: {_quiet(learner.quiet_start, learner.quiet_end)}",
        f"Reminders: {'paused' if learner.reminders_paused else 'on'}",
        *study,
    ]
    pause = (Choice("Resume reminders", actions.setting("p", 0)) if learner.reminders_paused
             else Choice("Pause reminders", actions.setting("p", 1)))
    choices = (
        (timezone, Choice("Reminder time", actions.setting("rt"))),
        (Choice("Quiet hours", actions.setting("qh")), pause),
        study_buttons,
    )
    return Reply(title="Settings", text="\n".join(lines), choices=choices, kind=ReplyKind.PAGE)


def _options(title: str, text: str, field: str, labels: list[tuple[str, int]],
             per_row: int = 3) -> Reply:
    buttons = [Choice(label, actions.setting(field, value)) for label, value in labels]
    rows = [tuple(buttons[i:i + per_row]) for i in range(0, len(buttons), per_row)]
    rows.append((Choice("Back", actions.setting()),))
    return Reply(title=title, text=text, choices=tuple(rows), kind=ReplyKind.PAGE)


def field_choices(turn: Turn, field: str) -> list[Reply]:
    """The choices for one setting (`s:<field>`)."""
    if field == "tz":
        labels = [(name, index) for index, name in enumerate(COMMON_ZONES)]
        reply = _options("Timezone", "Pick your timezone, or type its name after choosing "
                         "\"Type it\" (for example Europe/Paris).", "tz", labels, per_row=2)
        rows = (*reply.choices[:-1], (Choice("Type it", actions.setting("tzt")),),
                reply.choices[-1])
        return [Reply(title=reply.title, text=reply.text, choices=rows, kind=ReplyKind.PAGE)]
    if field == "tzt":
        turn.learner.pending_input = PENDING_TIMEZONE
        return [Reply(text="Type your timezone, for example Europe/Paris or America/Denver.")]
    if field == "rt":
        return [_options("Reminder time", "When should I remind you (your local time)?", "rt",
                         [(_clock(hour * 60), hour) for hour in REMINDER_HOURS])]
    if field == "qh":
        return [_options("Quiet hours", "No reminders during these hours.", "qh",
                         [(_quiet(*preset), index) for index, preset in enumerate(QUIET_PRESETS)],
                         per_row=2)]
    if field == "qs":
        return [_options("Quiz length", "How many questions per quiz?", "qs",
                         [(str(size), size) for size in QUIZ_SIZES])]
    if field == "dr":
        return [_options("Target recall", "Higher means more frequent reviews.", "dr",
                         [(f"{value}%", value) for value in RETENTIONS], per_row=4)]
    return [notice()]


def choose(turn: Turn, field: str, value: int) -> list[Reply]:
    """Apply `s:<field>:<value>` if the value is one the screen offered; else a notice."""
    learner = turn.learner
    if field == "tz" and value < len(COMMON_ZONES):
        learner.timezone = COMMON_ZONES[value]
        saved = f"Timezone set to {learner.timezone}."
    elif field == "rt" and value in REMINDER_HOURS:
        learner.reminder_time = value * 60
        saved = f"Reminders at {_clock(learner.reminder_time)}."
    elif field == "qh" and value < len(QUIET_PRESETS):
        learner.quiet_start, learner.quiet_end = QUIET_PRESETS[value]
        saved = f"Quiet hours: {_quiet(learner.quiet_start, learner.quiet_end)}."
    elif field == "p" and value in (0, 1):
        learner.reminders_paused = bool(value)
        saved = "Reminders paused." if value else "Reminders are on."
    elif field == "qs" and value in QUIZ_SIZES:
        learner.quiz_size = value
        saved = f"Quizzes now have {value} questions."
    elif field == "dr" and value in RETENTIONS:
        learner.desired_retention = value / 100
        saved = f"Target recall set to {value}%."
    else:
        return [notice()]
    turn.reminder_changed = True
    return [notice(saved), menu(turn)]


def find_zone(text: str) -> str | None:
    """The IANA name the learner typed (case-insensitive), or None if there is no such zone."""
    name = text.strip().replace(" ", "_")
    if not name or len(name) > 64:
        return None
    if not _ZONES_LOWER:
        _ZONES_LOWER.update({zone.lower(): zone for zone in available_timezones()})
    found = _ZONES_LOWER.get(name.lower())
    if found is None:
        return None
    try:
        ZoneInfo(found)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return found


def typed_timezone(turn: Turn, text: str) -> list[Reply]:
    """Free text while a timezone is awaited."""
    found = find_zone(text)
    if found is None:
        return [Reply(text=f"I don't know the timezone {text.strip()[:64]!r}. Type a name like "
                           "Europe/Paris, or pick one in /settings.")]
    turn.learner.timezone = found
    turn.learner.pending_input = None
    turn.reminder_changed = True
    return [notice(f"Timezone set to {found}."), menu(turn)]
