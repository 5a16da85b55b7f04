"""Several documents are several courses: the learner picks one, and lessons, quizzes,
reviews and progress are that course's; progress elsewhere is kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Tutor, TutorConfig, actions
from content.model import Course, Lesson, Question
from tests.tutor.conftest import ALICE, T0, make_course
from tests.tutor.helpers import all_choices, button, progress, question, right


def second_course() -> Course:
    """A course of three one-page lessons, one true/false question each."""
    lessons = tuple(
        Lesson(id=f"reef-{n}", course_id="reef", index=n, title=f"Reef part {n + 1}",
               text=f"Reef page {n}.", pages=(f"Reef page {n}.",))
        for n in range(3))
    questions = tuple(
        Question(id=f"reef-{n}-q", lesson_id=f"reef-{n}", kind="true_false",
                 prompt=f"Reef statement {n}?", options=("True", "False"), answer=0,
                 explanation="", source=f"Reef page {n}.")
        for n in range(3))
    return Course(id="reef", title="Coral Reefs", lessons=lessons, questions=questions)


@pytest.fixture
def library(sqlite_session_factory: async_sessionmaker[AsyncSession]) -> Tutor:
    return Tutor(courses=[make_course(), second_course()], sessions=sqlite_session_factory,
                 config=TutorConfig(quiz_size=3))


async def test_start_offers_every_course_until_one_is_chosen(library: Tutor) -> None:
    [welcome] = await library.command(ALICE, "start", "", T0)
    labels = list(all_choices([welcome]))
    assert labels == ["Demo Course (2 lessons)", "Coral Reefs (3 lessons)"]
    chosen = await library.press(ALICE, button([welcome], "Coral Reefs"), T0)
    assert chosen[0].title == "Coral Reefs"
    assert "3 lessons and 3 questions" in chosen[0].text
    [again] = await library.command(ALICE, "start", "", T0)
    assert "I will teach you Coral Reefs: 3 short lessons" in again.text
    assert "/courses" in again.text


async def test_lessons_learn_and_deep_links_follow_the_chosen_course(library: Tutor) -> None:
    [listing] = await library.command(ALICE, "lessons", "", T0)
    assert list(all_choices([listing])) == ["Introduction", "History"]  # the first course
    await library.press(ALICE, button(await library.command(ALICE, "courses", "", T0),
                                      "Coral Reefs"), T0)
    [listing] = await library.command(ALICE, "lessons", "", T0)
    assert list(all_choices([listing])) == ["Reef part 1", "Reef part 2", "Reef part 3"]
    [page] = await library.command(ALICE, "learn", "", T0)
    assert page.title == "Lesson 1: Reef part 1"  # numbered within its course
    [page] = await library.command(ALICE, "start", "lesson-3", T0)
    assert page.title == "Lesson 3: Reef part 3"


async def test_quiz_and_progress_cover_the_current_course_only(library: Tutor) -> None:
    await library.command(ALICE, "start", "", T0)
    await library.press(ALICE, actions.course(library.catalog.views[1].key), T0)
    replies = await library.command(ALICE, "quiz", "all", T0)
    asked = {question(replies).prompt}
    for step in range(2):
        replies = await library.press(ALICE, right(question(replies)),
                                      T0 + timedelta(seconds=step))
        asked.add(question(replies).prompt)
    assert asked == {"Reef statement 0?", "Reef statement 1?", "Reef statement 2?"}
    report = await progress(library, ALICE, T0)
    assert [lesson.title for lesson in report.mastery] == [
        "Reef part 1", "Reef part 2", "Reef part 3"]


async def test_review_is_per_course_and_points_at_other_courses_due(library: Tutor) -> None:
    # finish Demo's lesson 2 and answer its quiz, so its cards fall due later
    await library.command(ALICE, "start", "lesson-2", T0)
    replies = await library.press(ALICE, actions.quiz(library.catalog.lessons[1].key), T0)
    for step in range(3):
        replies = await library.press(ALICE, right(question(replies)),
                                      T0 + timedelta(seconds=step + 1))
    later = T0 + timedelta(days=60)  # every Demo card is due by then
    await library.press(ALICE, actions.course(library.catalog.views[1].key), later)
    [nothing] = await library.command(ALICE, "review", "", later)
    assert nothing.title == "All caught up"
    assert "Nothing to review in Coral Reefs right now. 3 questions of other courses" \
        in nothing.text
    await library.press(ALICE, actions.course(library.catalog.views[0].key), later)
    review = await library.command(ALICE, "review", "", later)
    assert question(review).prompt.startswith("Question")


async def test_switching_keeps_progress_and_old_buttons_work(library: Tutor) -> None:
    first_page = await library.command(ALICE, "start", "lesson-1", T0)
    next_page = button(first_page, "Next")
    await library.press(ALICE, actions.course(library.catalog.views[1].key), T0)
    [page] = await library.press(ALICE, next_page, T0)  # a Demo button, pressed in Reefs
    assert page.title == "Lesson 1: Introduction (2/2)"
    [listing] = await library.command(ALICE, "courses", "", T0)
    assert "You are studying Coral Reefs" in listing.text
    assert list(all_choices([listing])) == ["Demo Course (2 lessons)",
                                            "\u2713 Coral Reefs (3 lessons)"]


async def test_forged_or_vanished_course_changes_nothing(library: Tutor) -> None:
    await library.command(ALICE, "start", "", T0)
    [forged] = await library.press(ALICE, actions.course("0123456789"), T0)
    assert forged.text == "That button is no longer active."
    assert await library.press(ALICE, "k:NOT-A-KEY", T0) == [forged]
    # a chosen course that is no longer loaded falls back to the first one
    await library.press(ALICE, actions.course(library.catalog.views[1].key), T0)
    library.replace_courses([make_course()])
    [listing] = await library.command(ALICE, "lessons", "", T0)
    assert list(all_choices([listing])) == ["Introduction", "History"]


async def test_one_course_needs_no_picker(tutor: Tutor) -> None:
    [welcome] = await tutor.command(ALICE, "start", "", T0)
    assert "I will teach you Demo Course" in welcome.text
    assert "/courses" not in welcome.text
    assert "Start learning" in all_choices([welcome])
    [helped] = await tutor.command(ALICE, "help", "", T0)
    assert "/courses" not in helped.text


async def test_help_names_courses_when_there_is_a_choice(library: Tutor) -> None:
    [helped] = await library.command(ALICE, "help", "", T0)
    assert "/courses - choose which course to study\n/lessons" in helped.text


def test_course_keys_are_short_and_stable() -> None:
    one = Tutor(courses=[make_course(), second_course()], sessions=None)  # type: ignore[arg-type]
    two = Tutor(courses=[replace(second_course(), title="Renamed")], sessions=None)  # type: ignore[arg-type]
    assert one.catalog.views[1].key == two.catalog.views[0].key
    assert len(actions.course(one.catalog.views[1].key)) <= 12
