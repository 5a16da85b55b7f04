"""Group quizzes in the tutor: the questions it picks, and the owner it stores with each poll."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.tutor import Person, PollRecord, Tutor, actions
from db import queries
from tests.tutor.conftest import T0

OWNER = Person(user_id=77, first_name="Gabi")


def test_group_quiz_picks_fitting_questions_by_seed(tutor: Tutor) -> None:
    cards = tutor.group_quiz("chat:1", lambda card: card.prompt != "Question 0 about intro?")
    assert len(cards) == tutor.config.quiz_size == 3
    assert [card.number for card in cards] == [1, 2, 3] and {card.total for card in cards} == {3}
    assert all(card.prompt != "Question 0 about intro?" for card in cards)
    assert [card.prompt for card in tutor.group_quiz("chat:1", lambda _card: True)] == [
        card.prompt for card in tutor.group_quiz("chat:1", lambda _card: True)]
    first = cards[0]
    assert set(first.answer_actions) == {actions.group_answer(_question_id(tutor, first.prompt))}


def _question_id(tutor: Tutor, prompt: str) -> str:
    return next(question.id for entry in tutor.catalog.lessons for question in entry.questions
                if question.prompt == prompt)


async def test_a_group_quiz_owner_is_created_with_the_quiz_size_setting(
    tutor: Tutor, sqlite_session_factory: async_sessionmaker[AsyncSession]
) -> None:
    poll = PollRecord("g1", OWNER.user_id, -100, (actions.group_answer("intro-q1"),) * 3)
    await tutor.remember_group_poll(OWNER, poll, T0)
    async with sqlite_session_factory() as session:
        learner = await queries.get_learner(session, learner_id=OWNER.user_id)
        stored = await queries.get_poll(session, poll_id="g1")
    assert learner is not None and learner.quiz_size == tutor.config.quiz_size == 3
    assert stored is not None and stored.chat_id == -100


async def test_a_vote_on_a_group_poll_counts_for_the_voter(
    tutor: Tutor, sqlite_session_factory: async_sessionmaker[AsyncSession]
) -> None:
    poll = PollRecord("g2", OWNER.user_id, -100, (actions.group_answer("intro-q1"),) * 3)
    await tutor.remember_group_poll(OWNER, poll, T0)
    voter = Person(user_id=88, first_name="Vera")
    assert await tutor.answer_poll(voter, poll, 1, T0) == []  # nothing said in the group
    assert await tutor.answer_poll(voter, poll, 1, T0) == []  # delivered twice: counted once
    async with sqlite_session_factory() as session:
        answers = await queries.list_answers(session, learner_id=voter.user_id)
    assert [(answer.question_id, answer.answer_key) for answer in answers] == [
        ("intro-q1", "gg2")]
