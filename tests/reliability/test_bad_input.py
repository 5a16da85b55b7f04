"""Hypothesis-generated updates through the real handlers (our Application, in process).

Criteria, checked after every single update has been handled to its end:
- nothing reaches the error handlers and our packages log no ERROR (no unhandled exception);
- forged data (malformed or someone else's callback data, votes on unknown or other
  people's polls) changes no stored row (learners compared without last-seen time);
- a reply where one is due: private texts, stickers and commands get a message, every
  button press gets its answerCallbackQuery; channel posts and plain group chatter get
  nothing (a bot that answers every group message is a nuisance).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.tutor import actions
from bot.tutor.settings import PENDING_TIMEZONE
from db import queries
from tests.db import fill
from tests.e2e.botapi import Call, FakeChat, FakeUser
from tests.reliability.rig import Rig, running_rig

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
ODD = (
    "\u202eevil\u202c",
    "\u200d\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "e\u0301\u0301\u0301",
    "\x00",
    "\ufeff",
    "\U0001f1fa\U0001f1f3",
    "\U0001d4d7\U0001d4ee\U0001d4f5",
    "\u0000/start",
    "<b>bold</b>&amp;",
    "\n\n\n",
    " ",
    "Europe/Berlin\u200b",
    "\U000e0041",
    "\u061c\u05d0",
)


@dataclass
class World:
    """The rig plus the people and things the generated updates refer to."""

    rig: Rig
    victim: FakeUser
    attacker: FakeUser
    talker: FakeUser
    typist: FakeUser  # a learner asked to type a timezone
    group: FakeChat
    channel: FakeChat
    victim_quiz: int
    victim_poll: str
    victim_message: dict[str, Any]
    attacker_message: dict[str, Any]
    lesson_keys: frozenset[str]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with running_rig(tmp_path_factory.mktemp("rig"), NOW) as rig:
        yield rig.run(_populate(rig))
        assert rig.server.unanswered_callbacks() == []


async def _populate(rig: Rig) -> World:
    """A victim in the middle of a quiz (with a stored poll), an attacker, a talker."""
    server = rig.server
    victim, attacker = server.user("Victim"), server.user("Mallory")
    talker, typist = server.user("Talker"), server.user("Typist")
    mark = server.mark()
    server.send_text(victim, "/quiz all")
    poll = await _first_poll(rig, victim, mark)
    for user in (attacker, talker, typist):
        server.send_text(user, "/start")
        await server.wait_sent(user.id)
    async with rig.sessions() as session, session.begin():
        quiz = await queries.get_active_quiz(session, learner_id=victim.id)
        await fill.set_learner(session, typist.id, pending_input=PENDING_TIMEZONE)
    assert quiz is not None and quiz.id is not None and poll.message is not None
    welcome = server.sent(attacker.id)[0].message
    assert welcome is not None
    return World(
        rig,
        victim,
        attacker,
        talker,
        typist,
        server.group(),
        server.channel(),
        quiz.id,
        str(poll.result["poll"]["id"]),
        poll.message,
        welcome,
        frozenset(entry.key for entry in rig.tutor.catalog.lessons),
    )


async def _first_poll(rig: Rig, user: FakeUser, since: int) -> Call:
    """The victim's quiz poll; a first question shown with buttons is answered to get there."""
    server = rig.server
    while True:
        call = (await server.wait_sent(user.id, since=since))[0]
        since = call.seq + 1
        if call.method == "sendPoll":
            return call
        answers = [
            b["callback_data"]
            for b in call.buttons()
            if b.get("callback_data", "").startswith("a:")
        ]
        if answers:
            server.press_button(user, call, answers[0])


# ----- strategies ----------------------------------------------------------------------------

SMALL = st.integers(min_value=0, max_value=10**9)
text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(ODD),
    st.builds(
        lambda c, n: c * n, st.sampled_from("a\u00e9\u4e2d\U0001f600 "), st.integers(3000, 4096)
    ),
)
junk_data = st.text(max_size=64).filter(
    lambda d: len(d.encode()) <= 64 and actions.parse(d) is None
)


@st.composite
def forged_press(draw: st.DrawFn, world: World) -> tuple[FakeUser, str]:
    """(presser, data): data that must change nothing when this presser sends it."""
    presser = draw(st.sampled_from([world.victim, world.attacker]))
    unknown_key = draw(
        st.from_regex(r"[a-z0-9]{1,16}", fullmatch=True).filter(
            lambda k: k not in world.lesson_keys and k not in (actions.ALL, actions.REVIEW)
        )
    )
    other_quiz = draw(SMALL.filter(lambda n: n != world.victim_quiz))
    quiz = world.victim_quiz if presser is world.attacker else other_quiz
    minute = int(NOW.timestamp() // 60)
    stale = draw(st.one_of(st.integers(0, minute - 11), st.integers(minute + 1, 10**9)))
    data = draw(
        st.one_of(
            junk_data,
            st.builds(lambda p, o: f"a:{quiz}:{p}:{o}", SMALL, SMALL),
            st.builds(lambda p, o: f"a:{other_quiz}:{p}:{o}", SMALL, SMALL),
            st.just(f"zr:{quiz}"),
            st.builds(lambda n: f"r:{unknown_key}:{n}", SMALL),
            st.sampled_from([f"d:{unknown_key}", f"z:{unknown_key}", f"zn:{unknown_key}"]),
            st.just(f"x:{stale}"),
            st.builds(
                lambda f, v: f"s:{f}:{v}",
                st.sampled_from(["tz", "rt", "qh", "p", "qs", "dr"]),
                st.integers(1000, 10**9),
            ),
        )
    )
    return presser, data


# ----- checks --------------------------------------------------------------------------------


def assert_no_failure(rig: Rig) -> None:
    errors, logged = list(rig.errors), list(rig.log.records)
    rig.errors.clear()
    rig.log.records.clear()
    assert errors == [], errors
    assert logged == [], [record.getMessage() for record in logged]


async def _forged_press(world: World, presser: FakeUser, data: str) -> None:
    rig, server = world.rig, world.rig.server
    message = world.victim_message if presser is world.victim else world.attacker_message
    before, count = await rig.snapshot(), rig.processed
    update = server.press_button(presser, message, data)
    await rig.settle(count)
    assert update["callback_query"]["id"] not in server.unanswered_callbacks()
    assert await rig.snapshot() == before


def test_forged_button_presses_change_nothing(world: World) -> None:
    @PROPERTY
    @given(pressed=forged_press(world))
    def check(pressed: tuple[FakeUser, str]) -> None:
        world.rig.run(_forged_press(world, *pressed))
        assert_no_failure(world.rig)

    check()


async def _vote(world: World, voter: FakeUser, poll_id: str, options: list[int]) -> None:
    rig, server = world.rig, world.rig.server
    before, count, mark = await rig.snapshot(), rig.processed, server.mark()
    server.answer_poll(voter, poll_id, options)
    await rig.settle(count)
    assert await rig.snapshot() == before
    for call in server.sent():  # at most a pointer to /quiz, to the voter alone
        if call.seq >= mark:
            assert call.method == "sendMessage" and call.chat_id == voter.id, call


def test_votes_on_unknown_or_other_peoples_polls_change_nothing(world: World) -> None:
    options = st.lists(st.integers(-3, 2**31 - 1), max_size=4)

    @PROPERTY
    @given(
        voter=st.sampled_from(["victim", "attacker"]),
        poll=st.one_of(st.text(max_size=80), st.just("victim")),
        options=options,
    )
    def check(voter: str, poll: str, options: list[int]) -> None:
        who = world.victim if voter == "victim" else world.attacker
        poll_id = world.victim_poll if poll == "victim" else poll
        if who is world.victim and poll_id == world.victim_poll and options:
            options = [len(options) + 10**6]  # the victim's own poll: only a bad option
        world.rig.run(_vote(world, who, poll_id, options))
        assert_no_failure(world.rig)

    check()


async def _message(world: World, kind: str, body: str, user: FakeUser) -> None:
    rig, server = world.rig, world.rig.server
    count, mark = rig.processed, server.mark()
    if kind == "text":
        server.send_text(user, body)
    elif kind == "command":
        server.send_text(user, "/" + body)
    elif kind == "sticker":
        server.send_sticker(user)
    elif kind == "edited":
        original = server.send_text(user, "first draft")["message"]
        await rig.settle(count)
        count = rig.processed
        server.edit_text(user, original, body)
    elif kind == "channel":
        server.channel_post(world.channel, body)
    else:
        server.send_text(user, body, chat=world.group)
    await rig.settle(count)
    if kind in ("text", "command", "sticker"):
        assert server.sent(user.id) and server.sent(user.id)[-1].seq >= mark, "no reply"
    if kind == "channel":
        assert server.sent(world.channel.id) == []
    if kind == "group" and not body.startswith("/"):
        assert [c for c in server.sent(world.group.id) if c.seq >= mark] == []


def test_odd_messages_get_a_reply_where_due_and_never_crash(world: World) -> None:
    command = st.builds(
        lambda name, args: f"{name} {args}".rstrip(),
        st.from_regex(r"[A-Za-z0-9_]{1,40}(@peacebot_test_bot)?", fullmatch=True),
        st.one_of(st.just(""), text),
    )

    @settings(PROPERTY, max_examples=80)
    @given(
        kind=st.sampled_from(["text", "command", "sticker", "edited", "channel", "group"]),
        body=text,
        name=command,
        who=st.sampled_from(["talker", "typist"]),
    )
    def check(kind: str, body: str, name: str, who: str) -> None:
        user = world.talker if who == "talker" else world.typist
        if kind == "command":
            body = name
        elif kind == "group" and not body.strip():
            body = "/" + name
        world.rig.run(_message(world, kind, body, user))
        assert_no_failure(world.rig)

    check()


def test_a_brand_new_user_with_odd_text_is_answered(world: World) -> None:
    @settings(PROPERTY, max_examples=15)
    @given(body=text, first_name=st.text(min_size=1, max_size=64))
    def check(body: str, first_name: str) -> None:
        stranger = world.rig.server.user(first_name)
        world.rig.run(_message(world, "text", body, stranger))
        assert_no_failure(world.rig)

    check()
