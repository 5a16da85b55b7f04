"""The transport-free tutor: lessons, quizzes, FSRS reviews, progress; front ends call `Tutor`."""

from bot.tutor.progress import DayActivity, LessonMastery, ProgressReport
from bot.tutor.service import Tutor
from bot.tutor.turn import Learner, TutorConfig

__all__ = ["DayActivity", "Learner", "LessonMastery", "ProgressReport", "Tutor", "TutorConfig"]
