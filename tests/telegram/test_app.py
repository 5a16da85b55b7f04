"""The Application from our factory against the stand-in: commands, pages, polls, buttons."""

from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update

from bot.telegram.app import ALLOWED_UPDATES, build_application, private_commands
from bot.telegram.handlers import LOST_POLL
from bot.telegram.routes import LEARNER_COMMANDS
from bot.tutor import Tutor
from bot.tutor.polls import PollStore
from db import queries
from tests.e2e.botapi import BotApiServer, Call, polling
from tests.telegram.conftest import (
    ADMIN_ID,
    COURSE,
    Clock,
    Harness,
    eventually,
    is_blocked,
    make_settings,
)


async def test_post_init_registers_commands_and_description(harness: Harness) -> None:
    server = harness.server
    await server.wait_for(lambda call: call.method == "setMyShortDescription")
    names = [command["command"] for command in server.my_commands()]
    # one course: nothing to choose, so /courses is handled but not listed
    assert tuple(names) == tuple(name for name in LEARNER_COMMANDS if name != "courses")
    assert any(call.method == "setMyDescription" for call in server.calls())


def test_courses_joins_the_menu_when_there_is_a_choice() -> None:
    names = [command.command for command in private_commands(2)]
    assert names == list(LEARNER_COMMANDS)


async def test_start_is_html_with_escaped_content_and_a_menu(harness: Harness) -> None:
    server = harness.server
    alice = server.user("Alice <3")
    server.send_text(alice, "/start")
    [reply] = await server.wait_sent(alice.id)
    assert reply.params["parse_mode"] == "HTML"
    assert reply.text is not None and reply.text.startswith("<b>Hello, Alice &lt;3!</b>")
    assert any(button["callback_data"] == "c:learn" for button in reply.buttons())


async def test_lesson_pages_are_edited_in_place(harness: Harness) -> None:
    server = harness.server
    bob = server.user("Bob")
    server.send_text(bob, "/learn")
    [page] = await server.wait_sent(bob.id)
    assert "Page one about &lt;UN&gt; &amp; NATO." in (page.text or "")
    mark = server.mark()
    server.press_button(bob, page, server.find_button(page, "Next"))
    edit = await server.wait_for(lambda c: c.method == "editMessageText", since=mark)
    assert edit.params["message_id"] == page.message["message_id"]  # type: ignore[index]
    assert "Page two." in (edit.text or "")
    await server.wait_for(lambda c: c.method == "answerCallbackQuery", since=mark)
    assert server.sent(bob.id) == [page]  # nothing new in the chat: the page changed


async def test_deep_link_opens_the_lesson(harness: Harness) -> None:
    server = harness.server
    carol = server.user("Carol")
    server.send_text(carol, "/start intro")
    [page] = await server.wait_sent(carol.id)
    assert "Lesson 1" in (page.text or "")


async def finish_lesson_and_start_quiz(harness: Harness, user: object) -> Call:
    """Read lesson 1 to the end, take its quiz; returns the first question's call."""
    server = harness.server
    server.send_text(user, "/learn")  # type: ignore[arg-type]
    [page] = await server.wait_sent(user.id)  # type: ignore[attr-defined]
    mark = server.mark()
    server.press_button(user, page, server.find_button(page, "Next"))  # type: ignore[arg-type]
    edit = await server.wait_for(lambda c: c.method == "editMessageText", since=mark)
    mark = server.mark()
    server.press_button(user, edit.result, server.find_button(edit.result, "Done"))  # type: ignore[arg-type]
    [done] = await server.wait_sent(user.id, since=mark)  # type: ignore[attr-defined]
    mark = server.mark()
    server.press_button(user, done, server.find_button(done, "Take the quiz"))  # type: ignore[arg-type]
    [question] = await server.wait_sent(user.id, since=mark)  # type: ignore[attr-defined]
    return question


async def test_quiz_by_poll_then_by_buttons(harness: Harness) -> None:
    server = harness.server
    dana = server.user("Dana")
    poll_call = await finish_lesson_and_start_quiz(harness, dana)
    assert poll_call.method == "sendPoll"
    assert poll_call.params["type"] == "quiz"
    assert poll_call.params["is_anonymous"] is False
    sent = poll_call.params["options"]
    options = json.loads(sent) if isinstance(sent, str) else sent
    shown = [_option_text(option) for option in options]
    assert sorted(shown) == ["NATO", "The OSCE", "The Security Council"]  # in a shuffled order
    right_index = shown.index("The Security Council")
    assert poll_call.params["correct_option_ids"] == [right_index]
    assert poll_call.params["question"] == "(1/2) Who authorised UNPROFOR?"
    # The poll itself explains, with the source: after a vote it shows it with the verdict.
    assert poll_call.params["explanation"] == (
        "Resolution 743 (1992).\n\u201cThe Security Council authorised UNPROFOR.\u201d")
    poll_id = poll_call.result["poll"]["id"]

    mark = server.mark()
    server.answer_poll(dana, poll_id, [(right_index + 1) % 3])  # wrong on purpose
    [card] = await server.wait_sent(dana.id, since=mark)
    assert card.method == "sendMessage"  # an option longer than a poll allows: buttons
    labels = [button["text"] for button in card.buttons()][:3]
    shortened = [label for label in labels if label.endswith("…")]
    assert len(shortened) == 1 and sorted(set(labels) - set(shortened)) == [
        "B is short", "C is short"]
    number = labels.index(shortened[0]) + 1
    assert f"{number}. A A A" in (card.text or "")  # the shortened option written out in full

    mark = server.mark()
    server.press_button(dana, card, server.find_button(card, "B is short"))
    [summary] = await server.wait_sent(dana.id, since=mark)  # feedback rides in the summary
    assert (summary.text or "").startswith("<b>Right!")
    assert "B is short and right." in (summary.text or "")
    assert "Score: 1 of 2" in (summary.text or "")
    spent = await server.wait_for(lambda c: c.method == "editMessageReplyMarkup", since=mark)
    assert spent.params["message_id"] == card.message["message_id"]  # type: ignore[index]

    async with harness.sessions() as session:
        answers = await queries.list_answers(session, learner_id=dana.id)
    assert [(a.question_id, a.correct) for a in answers] == [("q-poll", False), ("q-buttons", True)]


def _option_text(option: object) -> str:
    return str(option["text"]) if isinstance(option, dict) else str(option)


async def answered_presses(harness: Harness, count: int, since: int) -> list[Call]:
    """Wait until `count` answerCallbackQuery calls happened after `since`."""
    server = harness.server

    def found() -> list[Call] | None:
        hits = [c for c in server.calls("answerCallbackQuery") if c.seq >= since and c.ok]
        return hits if len(hits) >= count else None

    return await server.log.wait_until(found, timeout=5.0)


async def test_forged_and_foreign_presses_change_nothing(harness: Harness) -> None:
    server = harness.server
    eve, frank = server.user("Eve"), server.user("Frank")
    card = await finish_lesson_and_start_quiz(harness, eve)
    server.send_text(frank, "/start")
    await server.wait_sent(frank.id)
    mark = server.mark()
    server.press_button(frank, card, "a:1:0:0")  # someone else's session
    server.press_button(eve, card, "a:999:0:0")  # no such session
    server.press_button(eve, card, "x" * 64)  # not an action at all
    answers = await answered_presses(harness, 3, mark)
    assert all(call.params.get("text") for call in answers)  # a polite notice each time
    assert server.sent(eve.id, methods={"sendMessage", "sendPoll"})[-1] is card
    assert server.sent(frank.id)[-1].seq < mark
    async with harness.sessions() as session:
        assert await queries.list_answers(session, learner_id=eve.id) == []
        assert await queries.list_answers(session, learner_id=frank.id) == []


async def test_unknown_poll_answers_record_nothing_and_point_to_quiz(harness: Harness) -> None:
    server = harness.server
    gina = server.user("Gina")
    server.answer_poll(gina, "123456789", [0])
    server.send_text(gina, "/help")
    pointer, reply = await server.wait_sent(gina.id, count=2)
    assert pointer.text == LOST_POLL  # nothing recorded, only a pointer to /quiz
    assert "/quiz" in (reply.text or "")
    async with harness.sessions() as session:
        assert await queries.list_answers(session, learner_id=gina.id) == []


async def test_progress_sends_text_and_a_chart(harness: Harness) -> None:
    server = harness.server
    hal = server.user("Hal")
    server.send_text(hal, "/progress")
    text, photo = await server.wait_sent(hal.id, count=2)
    assert "XP" in (text.text or "")
    assert photo.method == "sendPhoto"
    assert photo.files and photo.files[0].data.startswith(b"\x89PNG")


async def test_export_is_a_json_document(harness: Harness) -> None:
    server = harness.server
    ivy = server.user("Ivy")
    server.send_text(ivy, "/export")
    [document] = await server.wait_sent(ivy.id)
    assert document.method == "sendDocument"
    exported = json.loads(document.files[0].data)
    assert isinstance(exported, dict)


async def test_admin_stats_only_for_admins(harness: Harness) -> None:
    server = harness.server
    admin = server.user("Admin", user_id=ADMIN_ID)
    other = server.user("Jack")
    server.send_text(admin, "/stats")
    server.send_text(other, "/stats")
    [stats] = await server.wait_sent(admin.id)
    [refused] = await server.wait_sent(other.id)
    assert "Learners:" in (stats.text or "")
    assert "Learners" not in (refused.text or "") and "/stats" in (refused.text or "")


async def test_free_text_and_stickers_get_a_helpful_reply(harness: Harness) -> None:
    server = harness.server
    kim = server.user("Kim")
    server.send_text(kim, "hello there")
    server.send_sticker(kim)
    first, second = await server.wait_sent(kim.id, count=2)
    assert "/learn" in (first.text or "") and "/learn" in (second.text or "")


async def test_blocking_marks_the_learner_and_unblocking_clears_it(harness: Harness) -> None:
    server = harness.server
    lea = server.user("Lea")
    server.send_text(lea, "/start")
    await server.wait_sent(lea.id)
    server.my_chat_member(lea, "kicked")
    await eventually(lambda: is_blocked(harness, lea.id))
    server.my_chat_member(lea, "member", old_status="kicked")

    async def unblocked() -> bool:
        return not await is_blocked(harness, lea.id)

    await eventually(unblocked)


def test_allowed_updates_cover_every_handler() -> None:
    from bot.telegram.app import ALLOWED_UPDATES

    assert set(ALLOWED_UPDATES) == {
        Update.MESSAGE,
        Update.CALLBACK_QUERY,
        Update.POLL_ANSWER,
        Update.MY_CHAT_MEMBER,
    }


async def test_a_double_tap_is_handled_once_in_order(harness: Harness) -> None:
    server = harness.server
    quinn = server.user("Quinn")
    poll_call = await finish_lesson_and_start_quiz(harness, quinn)
    mark = server.mark()
    server.answer_poll(quinn, poll_call.result["poll"]["id"], [0])
    [card] = await server.wait_sent(quinn.id, since=mark)  # right: the poll said it all
    mark = server.mark()
    data = server.find_button(card, "B is short")
    server.press_button(quinn, card, data)
    server.press_button(quinn, card, data)  # the same learner's updates never race
    first, second = await answered_presses(harness, 2, mark)
    assert not first.params.get("text")  # the real answer: feedback comes as messages
    assert "already" in second.params.get("text", "")
    async with harness.sessions() as session:
        answers = await queries.list_answers(session, learner_id=quinn.id)
    assert [answer.question_id for answer in answers] == ["q-poll", "q-buttons"]


def test_file_url_follows_the_api_url() -> None:
    from bot.telegram.app import file_url_for, webhook_path

    assert file_url_for("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url_for("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"
    assert webhook_path("https://example.org/tg/hook") == "tg/hook"


async def test_polls_waiting_for_their_rows_are_written_at_shutdown(
    botapi: BotApiServer, sqlite_session_factory: async_sessionmaker[AsyncSession], clock: Clock,
) -> None:
    tutor = Tutor(courses=[COURSE], sessions=sqlite_session_factory)
    tutor.polls = PollStore(sqlite_session_factory, write_delay=600)  # nothing written by itself
    app = build_application(make_settings(botapi), tutor, clock=clock, extensions=())
    harness = Harness(botapi, app, tutor, sqlite_session_factory, clock)
    async with polling(app, allowed_updates=list(ALLOWED_UPDATES)):
        await botapi.wait_polling()
        poll_call = await finish_lesson_and_start_quiz(harness, botapi.user("Erin"))
        poll_id = poll_call.result["poll"]["id"]
    async with sqlite_session_factory() as session:
        assert await queries.get_poll(session, poll_id=poll_id) is None  # not written yet
    assert app.post_shutdown is not None
    await app.post_shutdown(app)  # what run_polling calls after a stop
    async with sqlite_session_factory() as session:
        assert await queries.get_poll(session, poll_id=poll_id) is not None


async def test_a_report_under_a_poll_reaches_the_admins_stats(harness: Harness) -> None:
    """Through the stand-in Bot API: the poll carries the report button; /stats lists it."""
    server = harness.server
    lena = server.user("Lena")
    poll_call = await finish_lesson_and_start_quiz(harness, lena)
    assert poll_call.method == "sendPoll"
    mark = server.mark()
    server.press_button(lena, poll_call.message, server.find_button(poll_call, "Report a problem"))
    [reasons] = await server.wait_sent(lena.id, since=mark)
    assert "What is wrong with this question?" in (reasons.text or "")
    mark = server.mark()
    server.press_button(lena, reasons, server.find_button(reasons, "Two options are right"))
    thanked = await server.wait_for(
        lambda c: c.method in {"answerCallbackQuery", "sendMessage"}
        and "Thank you" in str(c.params.get("text", "")),
        since=mark,
    )
    assert thanked.ok
    admin = server.user("Admin", user_id=ADMIN_ID)
    server.send_text(admin, "/stats")
    [stats] = await server.wait_sent(admin.id)
    text = stats.text or ""
    assert "Most reported questions" in text and "q-poll" in text and "two_right 1" in text


def _is_first_question(call: Call) -> bool:
    shown = str(call.params.get("question") or call.text or "")
    return "1/2" in shown and "What should the quiz cover?" not in shown


async def test_quiz_before_any_lesson_starts_at_once(harness: Harness) -> None:
    server = harness.server
    erin = server.user("Erin")
    server.send_text(erin, "/quiz")  # "Whole course" would be the only choice: no menu
    [first] = await server.wait_sent(erin.id)
    assert _is_first_question(first)


async def test_the_last_page_takes_the_lessons_quiz(harness: Harness) -> None:
    server = harness.server
    fay = server.user("Fay")
    server.send_text(fay, "/learn")
    [page] = await server.wait_sent(fay.id)
    mark = server.mark()
    server.press_button(fay, page, server.find_button(page, "Next"))
    edit = await server.wait_for(lambda c: c.method == "editMessageText", since=mark)
    mark = server.mark()
    server.press_button(fay, edit.result, server.find_button(edit.result, "Take the quiz"))
    [first] = await server.wait_sent(fay.id, since=mark)
    assert _is_first_question(first)
