"""Options are shuffled per showing, and the answer recorded is the option pressed."""

from __future__ import annotations

from datetime import timedelta

from bot.tutor import Tutor
from bot.tutor.quiz import display_order, question_card
from content.model import Course
from tests.tutor.conftest import ALICE, T0
from tests.tutor.helpers import button, question, right


def test_display_order_is_a_seeded_permutation_and_true_false_stays_put(course: Course) -> None:
    mcq = next(q for q in course.questions if q.kind == "mcq")
    statement = next(q for q in course.questions if q.kind == "true_false")
    orders = {display_order(mcq, f"quiz-{n}:0:{mcq.id}") for n in range(12)}
    assert all(sorted(order) == [0, 1, 2] for order in orders)
    assert len(orders) > 1  # different quizzes show different orders
    assert display_order(mcq, "same") == display_order(mcq, "same")
    assert display_order(statement, "any") == (0, 1, 2)[: len(statement.options)]


def test_a_card_in_any_order_keeps_the_right_option_and_its_action(course: Course) -> None:
    item = course.questions[0]
    actions = tuple(f"pick-{index}" for index in range(len(item.options)))
    card = question_card(item, actions, number=1, total=1, order=(2, 0, 1))
    assert card.options == (item.options[2], item.options[0], item.options[1])
    assert card.options[card.correct] == item.correct_option
    assert card.answer_actions[card.correct] == f"pick-{item.answer}"


async def test_pressing_the_shown_right_option_is_recorded_right(
    tutor: Tutor, course: Course
) -> None:
    replies = await tutor.command(ALICE, "start", "", T0)
    page = await tutor.press(ALICE, button(replies, "Start learning"), T0)
    page = await tutor.press(ALICE, button(page, "Next"), T0)
    done = await tutor.press(ALICE, button(page, "Done"), T0)
    asked = await tutor.press(ALICE, button(done, "Take the quiz"), T0)
    moved = 0
    for step in range(3):
        card = question(asked)
        stored = next(q for q in course.questions if q.prompt == card.prompt)
        moved += card.options != stored.options
        asked = await tutor.press(ALICE, right(card), T0 + timedelta(seconds=10 * (step + 1)))
        assert asked[0].title.startswith("Right!")
    assert "Score: 3 of 3." in asked[-1].text
    assert moved >= 1  # at least one question was shown in another order than stored
