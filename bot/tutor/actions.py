"""Action ids: the compact strings a button carries back to the tutor, and their strict parser.

Every id is ASCII, colon-separated, at most 64 bytes (Telegram's callback_data limit). The
parser accepts exactly the grammar below and nothing else; anything that does not match is
"malformed" and the tutor answers with a notice, changing nothing. A well-formed id can still be
stale or forged: the handlers check it against the learner's state in the database.

    c:<command>                 run a command (menu buttons: lessons, learn, quiz, review, ...)
    k:<course>                  study another course (a course key, see `catalog.lesson_key`)
    r:<lesson>:<page>           show page <page> (0-based) of a lesson
    d:<lesson>                  finish a lesson (the last page's "Done" button)
    dq:<lesson>                 finish a lesson and start its quiz (the last page's quiz button)
    z:<lesson>|z:all            start a quiz on one lesson or across the course
    zr:<quiz>                   resume the active quiz
    zn:<lesson>|zn:all|zn:rv    abandon the active quiz and start a new quiz / review
    a:<quiz>:<position>:<n>     answer option n of question <position> in quiz <quiz>
    rv                          start a review
    rs                          snooze the reminder for an hour (a reminder's button)
    rp                          pause reminders (a reminder's button)
    s | s:<field> | s:<field>:<n>  settings menu, one setting's choices, choose value n
    p:<question>                report a problem with a question: choose a reason
    p:<question>:<n>            report it with reason n (bot/tutor/reports.py)
    x:<minute>                  confirm deleting everything; valid for a few minutes after <minute>
    xn                          cancel deletion

A group quiz poll stores `group:<question id>` for every option (`group_answer`): never a
button, it is read back from the poll's row, and the vote counts for whoever gave it.

`<lesson>` is a lesson key (see `catalog.lesson_key`), not the raw lesson id, so the id stays
short whatever the content pipeline names lessons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALL = "all"
REVIEW = "rv"

_KEY = r"[a-z0-9]{1,16}"
_QUESTION = r"[A-Za-z0-9_-]{1,40}"
_NUM = r"(?:0|[1-9][0-9]{0,8})"
_COMMANDS = frozenset({"start", "help", "courses", "lessons", "learn", "quiz", "review",
                       "progress", "settings", "export", "delete"})
_SETTING_FIELDS = frozenset({"tz", "tzt", "rt", "qh", "p", "qs", "dr"})


@dataclass(frozen=True, slots=True)
class RunCommand:
    name: str


@dataclass(frozen=True, slots=True)
class ChooseCourse:
    course: str  # a course key; checked against the catalog


@dataclass(frozen=True, slots=True)
class ReadPage:
    lesson: str
    page: int


@dataclass(frozen=True, slots=True)
class FinishLesson:
    lesson: str
    quiz: bool = False  # and start the lesson's quiz


@dataclass(frozen=True, slots=True)
class StartQuiz:
    """`lesson` is a lesson key, `ALL`, or `REVIEW`; `replace` abandons the active session."""

    lesson: str
    replace: bool = False


@dataclass(frozen=True, slots=True)
class ResumeQuiz:
    quiz_id: int


@dataclass(frozen=True, slots=True)
class Answer:
    quiz_id: int
    position: int
    option: int


@dataclass(frozen=True, slots=True)
class SnoozeReminder:
    pass


@dataclass(frozen=True, slots=True)
class PauseReminders:
    pass


@dataclass(frozen=True, slots=True)
class Setting:
    """`field` None is the settings menu; `value` None shows that field's choices."""

    field: str | None = None
    value: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """`reason` None asks for a reason; the question id is checked against the catalog."""

    question_id: str
    reason: int | None = None


@dataclass(frozen=True, slots=True)
class ConfirmDelete:
    minute: int


@dataclass(frozen=True, slots=True)
class CancelDelete:
    pass


Action = (RunCommand | ChooseCourse | ReadPage | FinishLesson | StartQuiz | ResumeQuiz | Answer
          | Setting | Report | ConfirmDelete | CancelDelete | SnoozeReminder | PauseReminders)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (  # answers first: they are most of the presses
        (rf"a:({_NUM}):({_NUM}):({_NUM})", "answer"),
        (r"c:([a-z]{1,16})", "command"),
        (rf"k:({_KEY})", "course"),
        (rf"r:({_KEY}):({_NUM})", "read"),
        (rf"d:({_KEY})", "finish"),
        (rf"dq:({_KEY})", "finish_quiz"),
        (rf"z:({_KEY})", "quiz"),
        (rf"zn:({_KEY})", "quiz_new"),
        (rf"zr:({_NUM})", "resume"),
        (r"rv", "review"),
        (r"rs", "snooze"),
        (r"rp", "pause"),
        (r"s", "settings"),
        (r"s:([a-z]{1,4})", "setting"),
        (rf"s:([a-z]{{1,4}}):({_NUM})", "setting_value"),
        (rf"p:({_QUESTION})", "report"),
        (rf"p:({_QUESTION}):({_NUM})", "report_reason"),
        (rf"x:({_NUM})", "delete"),
        (r"xn", "cancel_delete"),
    )
)


def parse(action: str) -> Action | None:
    """The action an id stands for, or None when it is not exactly one of the grammar's forms."""
    if not action.isascii() or len(action) > 64:
        return None
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(action)
        if match is not None:
            return _build(kind, match.groups())
    return None


def _build(kind: str, groups: tuple[str, ...]) -> Action | None:
    numbers = [int(group) if group.isdigit() else 0 for group in groups]
    match kind:
        case "command":
            return RunCommand(groups[0]) if groups[0] in _COMMANDS else None
        case "course":
            return ChooseCourse(groups[0])
        case "read":
            return ReadPage(groups[0], numbers[1])
        case "finish" | "finish_quiz":
            return FinishLesson(groups[0], quiz=kind == "finish_quiz")
        case "quiz" | "quiz_new":
            return StartQuiz(groups[0], replace=kind == "quiz_new")
        case "resume":
            return ResumeQuiz(numbers[0])
        case "answer":
            return Answer(numbers[0], numbers[1], numbers[2])
        case "review":
            return StartQuiz(REVIEW)
        case "snooze":
            return SnoozeReminder()
        case "pause":
            return PauseReminders()
        case "settings":
            return Setting()
        case "setting":
            return Setting(groups[0]) if groups[0] in _SETTING_FIELDS else None
        case "setting_value":
            return Setting(groups[0], numbers[1]) if groups[0] in _SETTING_FIELDS else None
        case "report":
            return Report(groups[0])
        case "report_reason":
            return Report(groups[0], numbers[1])
        case "delete":
            return ConfirmDelete(numbers[0])
        case "cancel_delete":
            return CancelDelete()
    return None


def command(name: str) -> str:
    return f"c:{name}"


def course(course_key: str) -> str:
    return f"k:{course_key}"


def read(lesson_key: str, page: int) -> str:
    return f"r:{lesson_key}:{page}"


def finish(lesson_key: str, *, then_quiz: bool = False) -> str:
    return f"{'dq' if then_quiz else 'd'}:{lesson_key}"


def quiz(target: str, *, replace: bool = False) -> str:
    """`target` is a lesson key, `ALL` or `REVIEW`."""
    if target == REVIEW and not replace:
        return REVIEW
    return f"{'zn' if replace else 'z'}:{target}"


def resume(quiz_id: int) -> str:
    return f"zr:{quiz_id}"


def answer(quiz_id: int, position: int, option: int) -> str:
    return f"a:{quiz_id}:{position}:{option}"


def setting(field: str | None = None, value: int | None = None) -> str:
    if field is None:
        return "s"
    return f"s:{field}" if value is None else f"s:{field}:{value}"


def report(question_id: str, reason: int | None = None) -> str:
    return f"p:{question_id}" if reason is None else f"p:{question_id}:{reason}"


def confirm_delete(minute: int) -> str:
    return f"x:{minute}"


CANCEL_DELETE = "xn"
SNOOZE_REMINDER = "rs"
PAUSE_REMINDERS = "rp"
_GROUP = "group:"


def group_answer(question_id: str) -> str:
    """What every option of a group quiz poll stands for (see the module docstring)."""
    return f"{_GROUP}{question_id}"


def group_question(action: str) -> str | None:
    """The question a group poll's action names, or None for any other action."""
    return action.removeprefix(_GROUP) if action.startswith(_GROUP) else None
