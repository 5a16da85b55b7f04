"""The transport-free tutor: lessons, quizzes, FSRS reviews, progress; front ends call `Tutor`."""

from bot.tutor.polls import PollRecord
from bot.tutor.replies import DayActivity, LessonMastery, ProgressReport
from bot.tutor.service import Tutor
from bot.tutor.turn import Person, TutorConfig

__all__ = [
    "DayActivity", "LessonMastery", "Person", "PollRecord", "ProgressReport", "Tutor",
    "TutorConfig",
]
