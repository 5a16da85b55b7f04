"""Group chats: a shared quiz counted per member, and no private data in the group."""

from __future__ import annotations

from db import queries
from tests.telegram.conftest import Harness, eventually


async def test_group_quiz_counts_each_members_answer_for_them(harness: Harness) -> None:
    server = harness.server
    group = server.group("Peace studies")
    ann, ben = server.user("Ann"), server.user("Ben")
    server.send_text(ann, "/quiz", chat=group)
    intro, poll = await server.wait_sent(group.id, count=2)
    assert "Group quiz: 1 question." in (intro.text or "")  # only one question fits a poll
    assert poll.method == "sendPoll" and poll.params["is_anonymous"] is False
    poll_id = poll.result["poll"]["id"]

    server.answer_poll(ann, poll_id, [0])
    server.answer_poll(ben, poll_id, [2])
    server.answer_poll(ann, poll_id, [0])  # delivered twice: counted once

    async def both_recorded() -> bool:
        async with harness.sessions() as session:
            mine = await queries.list_answers(session, learner_id=ann.id)
            theirs = await queries.list_answers(session, learner_id=ben.id)
        return len(mine) == 1 and len(theirs) == 1

    await eventually(both_recorded)
    await server.wait_consumed()
    async with harness.sessions() as session:
        [mine] = await queries.list_answers(session, learner_id=ann.id)
        [theirs] = await queries.list_answers(session, learner_id=ben.id)
    assert (mine.question_id, mine.correct) == ("q-poll", True)
    assert (theirs.question_id, theirs.correct) == ("q-poll", False)
    assert mine.answer_key == f"g{poll_id}"
    assert len(server.sent(group.id)) == 2  # nothing posted back per answer


async def test_personal_commands_in_a_group_point_to_the_private_chat(harness: Harness) -> None:
    server = harness.server
    group = server.group()
    cleo = server.user("Cleo")
    server.send_text(cleo, "/start")
    await server.wait_sent(cleo.id)
    mark = server.mark()
    server.send_text(cleo, "/progress@peacebot_test_bot", chat=group)
    server.send_text(cleo, "/help", chat=group)
    pointer, help_text = await server.wait_sent(group.id, count=2, since=mark)
    assert "private" in (pointer.text or "") and "XP" not in (pointer.text or "")
    assert pointer.buttons()[0]["url"] == "https://t.me/peacebot_test_bot"
    assert "/quiz" in (help_text.text or "")
    assert server.sent(cleo.id, methods={"sendPhoto"}) == []
