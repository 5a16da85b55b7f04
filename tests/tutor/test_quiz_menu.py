"""What `/quiz` offers, and the quiz at the end of a lesson: no menu of one, no duplicates."""

from __future__ import annotations

from bot.tutor import Person, Tutor, actions
from bot.tutor.catalog import Catalog
from bot.tutor.lessons import page_reply
from bot.tutor.replies import Choice
from bot.tutor.texts import with_menu
from content.model import Course, Lesson
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import all_choices, button, question, right


async def test_quiz_before_any_lesson_starts_the_whole_course_quiz(tutor: Tutor) -> None:
    replies = await tutor.command(ALICE, "quiz", "", T0)
    card = question(replies)  # no "What should the quiz cover?" with one button
    assert card.number == 1
    assert not any(reply.title == "Quiz" for reply in replies)


async def test_quiz_after_reading_offers_the_lessons_started(tutor: Tutor) -> None:
    await tutor.command(ALICE, "learn", "", T0)  # lesson 1 opened
    replies = await tutor.command(ALICE, "quiz", "", T0)
    assert list(all_choices(replies)) == ["Lesson 1: Introduction", "Whole course"]


async def test_quiz_with_one_in_progress_offers_to_resume(tutor: Tutor) -> None:
    bob = Person(user_id=7)
    await tutor.command(bob, "quiz", "", T0)  # starts the course quiz at once
    replies = await tutor.command(bob, "quiz", "", T0)
    assert list(all_choices(replies)) == ["Resume (0 of 3 answered)", "Whole course"]


async def test_the_last_page_offers_the_lessons_quiz(tutor: Tutor) -> None:
    page = await tutor.command(ALICE, "start", "lesson-2", T0)  # History: one page
    labels = list(all_choices(page))
    assert labels == ["Take the quiz", "Done"]
    replies = await tutor.press(ALICE, button(page, "Take the quiz"), T0)
    card = question(replies)
    assert card.prompt.endswith("about history?")
    listing = await tutor.command(ALICE, "lessons", "", T0)
    assert "History (done, mastery 0%)" in all_choices(listing)  # taking the quiz finished it
    await tutor.press(ALICE, right(card), T0)


def test_a_lesson_without_questions_ends_with_done_only() -> None:
    lesson = Lesson(id="bare", course_id="c", index=0, title="Bare", text="Text.",
                    pages=("Text.",))
    [entry] = Catalog([Course(id="c", title="C", lessons=(lesson,), questions=())]).lessons
    assert [choice.label for row in page_reply(entry, 0).choices for choice in row] == ["Done"]


def test_the_menu_row_leaves_out_what_a_screen_offers() -> None:
    assert [choice.label for choice in with_menu()[-1]] == ["Lessons", "Review", "Progress"]
    review_now = (Choice("Review now (3 due)", actions.quiz(actions.REVIEW)),)
    labels = [choice.label for row in with_menu(review_now) for choice in row]
    assert labels == ["Review now (3 due)", "Lessons", "Progress"]
