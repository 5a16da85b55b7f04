"""The queries the tutor needs: keyword-only async functions that never commit.

The caller owns the unit of work: `async with factory() as session, session.begin(): ...`.
Everything is re-exported here, so `from db import queries` then `queries.record_answer(...)`.
"""

from db.queries.export import export_learner
from db.queries.learners import (
    delete_learner,
    get_learner,
    get_or_create_learner,
    lock_learner,
    mark_blocked,
)
from db.queries.polls import NewPoll, delete_polls_before, get_poll, store_polls
from db.queries.progress import (
    completed_lesson_ids,
    get_lesson_progress,
    list_lesson_progress,
    upsert_lesson_progress,
)
from db.queries.quizzes import (
    abandon_active_quiz,
    advance_loaded_quiz,
    get_active_quiz,
    get_learner_and_quiz,
    list_quizzes,
    start_quiz,
)
from db.queries.reminders import (
    DueStats,
    claim_due_reminders,
    due_stats,
    record_reminders_sent,
)
from db.queries.reports import ReportCount, add_report, report_counts
from db.queries.reviews import (
    CardSummary,
    CardUpdate,
    answers_since,
    card_due_times,
    card_question_ids,
    card_summaries,
    count_due,
    due_cards,
    get_card_state,
    list_answers,
    list_cards,
    new_cards_since,
    next_due_at,
    record_answer,
)
from db.queries.stats import (
    AdminStats,
    QuestionDifficulty,
    admin_stats,
    answer_times,
    answer_totals,
    hardest_questions,
)

__all__ = [
    "AdminStats",
    "CardSummary",
    "CardUpdate",
    "DueStats",
    "NewPoll",
    "QuestionDifficulty",
    "ReportCount",
    "abandon_active_quiz",
    "add_report",
    "admin_stats",
    "answer_times",
    "answer_totals",
    "advance_loaded_quiz",
    "answers_since",
    "card_due_times",
    "card_summaries",
    "card_question_ids",
    "claim_due_reminders",
    "completed_lesson_ids",
    "count_due",
    "delete_learner",
    "delete_polls_before",
    "due_cards",
    "due_stats",
    "export_learner",
    "get_active_quiz",
    "get_learner_and_quiz",
    "get_card_state",
    "get_learner",
    "get_lesson_progress",
    "get_or_create_learner",
    "get_poll",
    "hardest_questions",
    "list_answers",
    "list_cards",
    "list_lesson_progress",
    "list_quizzes",
    "lock_learner",
    "mark_blocked",
    "new_cards_since",
    "next_due_at",
    "record_answer",
    "record_reminders_sent",
    "report_counts",
    "store_polls",
    "start_quiz",
    "upsert_lesson_progress",
]
