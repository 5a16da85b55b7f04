"""End to end: the real `peacebot run` process against the stand-in Bot API server.

One bot process serves the whole module (its startup is the slow part); each test uses
its own learners. Quiz-by-buttons needs a question beyond poll limits, which validated
content never has, so it is covered in-process in tests/telegram/test_app.py.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from tests.e2e.bot_process import (
    REPLY_TIMEOUT,
    BotProcess,
    next_sent,
    press,
    start_bot,
    wait_listening,
)
from tests.e2e.botapi import BotApiServer, Call, FakeUser, post_webhook

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[BotProcess]:
    """`peacebot run` (long polling) for the module; stopped with SIGTERM at the end."""
    workdir = tmp_path_factory.mktemp("bot")
    sources = workdir / "sources"
    sources.mkdir()
    # a course whose first lessons all have quizzes (the seed opens with an overview that has none)
    shutil.copy(Path(__file__).parents[1] / "data" / "harbour-treaty.md", sources)
    async with BotApiServer() as server:
        running = await start_bot(server, workdir, CONTENT_DIR=str(sources))
        try:
            yield running
        finally:
            code = await running.stop()
        log = running.log()
        assert code == 0, log
        assert "Traceback" not in log, log
        assert server.unanswered_callbacks() == []


async def take_quiz(server: BotApiServer, user: FakeUser, after: int) -> list[int]:
    """Answer every poll of the quiz that starts after call `after`: the first one wrong.

    Returns the options chosen; stops at the summary.
    """
    chosen: list[int] = []
    while True:
        call = await next_sent(server, user.id, after)
        after = call.seq
        if call.method == "sendPoll":
            correct = call.params["correct_option_ids"][0]
            option = (correct + 1) % len(call.params["options"]) if not chosen else correct
            chosen.append(option)
            server.answer_poll(user, call.result["poll"]["id"], [option])
        elif "Quiz done" in (call.text or ""):
            return chosen


async def finish_first_lesson(server: BotApiServer, user: FakeUser, start: str) -> Call:
    """Open a lesson via /start, read it in place, finish it; returns "Lesson complete"."""
    server.send_text(user, start)
    [first] = await server.wait_sent(user.id, timeout=REPLY_TIMEOUT)
    mark = (
        await press(server, user, first, "Start learning")
        if "Hello" in (first.text or "")
        else None
    )
    page: Any = first.message
    if mark is not None:  # the lesson replaces the welcome message, not a new message
        edit = await server.wait_for(
            lambda c: c.method == "editMessageText" and c.chat_id == user.id,
            since=mark,
            timeout=REPLY_TIMEOUT,
        )
        assert edit.params["message_id"] == first.message["message_id"]  # type: ignore[index]
        assert "Lesson 1" in (edit.text or "")
        page = edit.result
    mark = await press(server, user, page, "Done")
    return await next_sent(server, user.id, mark - 1)


async def test_a_learners_whole_journey(bot: BotProcess) -> None:
    server = bot.server
    alice = server.user("Alice")
    complete = await finish_first_lesson(server, alice, "/start")
    assert "Lesson complete" in (complete.text or "")

    mark = await press(server, alice, complete, "Take the quiz")
    chosen = await take_quiz(server, alice, mark - 1)
    answers = await bot.answers(alice.id)
    assert len(answers) == len(chosen) >= 2
    assert [answer.correct for answer in answers] == [False] + [True] * (len(chosen) - 1)
    # Every quiz poll explains its answer with the quoted source; a right vote costs no
    # message of its own, a wrong one gets the full source when the poll had to shorten it.
    polls = server.sent(alice.id, methods={"sendPoll"})
    explanations = [str(poll.params.get("explanation", "")) for poll in polls]
    assert all("\u201c" in text for text in explanations)
    texts = [c.text or "" for c in server.sent(alice.id, methods={"sendMessage"})]
    assert not any(text.startswith("<b>Right!") for text in texts)
    wrong = [text for text in texts if text.startswith("<b>Not quite")]
    if explanations[0].endswith("\u2026"):
        assert len(wrong) == 1 and "Answer:" in wrong[0] and "Source:" in wrong[0]
    else:
        assert wrong == []

    mark = server.mark()
    server.send_text(alice, "/review")
    review = await next_sent(server, alice.id, mark - 1)
    assert review.ok

    mark = server.mark()
    server.send_text(alice, "/progress")
    [text, chart] = await server.wait_sent(alice.id, count=2, since=mark, timeout=REPLY_TIMEOUT)
    assert "XP" in (text.text or "") and chart.method == "sendPhoto"
    assert chart.files[0].data.startswith(b"\x89PNG")

    await change_timezone(bot, alice)
    await export_then_delete(bot, alice, len(chosen))


async def change_timezone(bot: BotProcess, alice: FakeUser) -> None:
    """Settings: pick "Type it", type an IANA name, see it saved."""
    server = bot.server
    mark = server.mark()
    server.send_text(alice, "/settings")
    menu = await next_sent(server, alice.id, mark - 1)
    mark = await press(server, alice, menu, "Timezone")
    choices = await server.wait_for(
        lambda c: c.method == "editMessageText" and c.chat_id == alice.id,
        since=mark,
        timeout=REPLY_TIMEOUT,
    )
    mark = await press(server, alice, choices.result, "Type it")
    await next_sent(server, alice.id, mark - 1)
    mark = server.mark()
    server.send_text(alice, "europe/berlin")
    saved, menu = await server.wait_sent(alice.id, count=2, since=mark, timeout=REPLY_TIMEOUT)
    assert "Europe/Berlin" in (saved.text or "") and "Europe/Berlin" in (menu.text or "")
    learner = await bot.learner(alice.id)
    assert learner is not None and learner.timezone == "Europe/Berlin"


async def export_then_delete(bot: BotProcess, alice: FakeUser, answered: int) -> None:
    """/export sends every answer with its question id; /delete removes everything."""
    server = bot.server
    mark = server.mark()
    server.send_text(alice, "/export")
    document = await next_sent(server, alice.id, mark - 1)
    assert document.method == "sendDocument"
    exported = json.loads(document.files[0].data)
    assert len(exported["answers"]) == answered
    assert all(answer["question_id"] for answer in exported["answers"])

    mark = server.mark()
    server.send_text(alice, "/delete")
    confirm = await next_sent(server, alice.id, mark - 1)
    mark = await press(server, alice, confirm, "Yes, delete everything")
    gone = await next_sent(server, alice.id, mark - 1)
    assert "deleted" in (gone.text or "")
    assert await bot.learner(alice.id) is None
    assert await bot.answers(alice.id) == []


async def test_forged_callback_changes_nothing(bot: BotProcess) -> None:
    server = bot.server
    mallory, victim = server.user("Mallory"), server.user("Victim")
    complete = await finish_first_lesson(server, victim, "/start lesson-2")
    mark = await press(server, victim, complete, "Take the quiz")
    first_question = await next_sent(server, victim.id, mark - 1)
    server.send_text(mallory, "/help")
    await server.wait_sent(mallory.id, timeout=REPLY_TIMEOUT)
    mark = server.mark()
    server.press_button(mallory, complete, "a:1:0:0")  # the victim's quiz, or nobody's
    server.press_button(mallory, complete, "d:zzzz")  # a lesson that does not exist
    server.press_button(mallory, complete, "r:../../etc:0")  # not an action id at all
    answered = await server.log.wait_until(
        lambda: (
            hits
            if len(hits := [c for c in server.calls("answerCallbackQuery")[-3:] if c.seq >= mark])
            == 3
            else None
        ),
        timeout=REPLY_TIMEOUT,
    )
    assert all(call.ok and call.params.get("text") for call in answered)
    assert await bot.answers(victim.id) == []
    assert await bot.answers(mallory.id) == []
    assert server.sent(victim.id)[-1] is first_question


async def test_two_learners_at_once_through_injected_faults(bot: BotProcess) -> None:
    server = bot.server
    server.faults.set_rates(rate_429=0.1, rate_5xx=0.1, retry_after=1, seed=6)
    try:
        ben, cat = server.user("Ben"), server.user("Cat")
        server.send_text(ben, "/start lesson-3")
        server.send_text(cat, "/start lesson-3")  # interleaved with Ben's updates from here on
        pages = {user.id: await next_sent(server, user.id, -1) for user in (ben, cat)}
        marks = {user.id: await press(server, user, pages[user.id], "Done") for user in (ben, cat)}
        done = {
            user.id: await next_sent(server, user.id, marks[user.id] - 1) for user in (ben, cat)
        }
        marks = {
            user.id: await press(server, user, done[user.id], "Take the quiz")
            for user in (ben, cat)
        }
        chosen = await asyncio.gather(
            *(take_quiz(server, user, marks[user.id] - 1) for user in (ben, cat))
        )
    finally:
        server.faults.set_rates()
    assert sum(server.faults.injected.values()) > 0  # faults really happened
    for user, options in zip((ben, cat), chosen, strict=True):
        answers = await bot.answers(user.id)
        assert len(answers) == len(options) >= 2  # every answer recorded, none twice
        # options are shown shuffled, so the stored index differs from the shown one; the
        # first answer was wrong on purpose, the rest right, in this order
        assert [a.correct for a in answers] == [False] + [True] * (len(options) - 1)


async def test_webhook_refuses_a_wrong_secret(tmp_path: Path, free_port: int) -> None:
    async with BotApiServer() as server:
        url = f"http://127.0.0.1:{free_port}/hook"
        running = await start_bot(
            server,
            tmp_path,
            webhook=True,
            WEBHOOK_URL=url,
            WEBHOOK_SECRET="s3cret-token",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(free_port),
        )
        try:
            await wait_listening(free_port)
            async with (aiohttp.ClientSession() as session,
                        session.get(f"http://127.0.0.1:{free_port}/healthz") as response):
                assert (response.status, await response.text()) == (200, "ok")
            dana = server.user("Dana")
            forged = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": dana.id, "type": "private"},
                    "from": dana.to_json(),
                    "text": "/delete",
                },
            }
            status, _ = await post_webhook(url, forged, "wrong-secret")
            assert status == 403
            status, _ = await post_webhook(url, forged, None)
            assert status == 403
            server.send_text(dana, "/help")  # pushed by the stand-in with the right secret
            [reply] = await server.wait_sent(dana.id, timeout=REPLY_TIMEOUT)
            assert "/quiz" in (reply.text or "")
            assert len(server.sent(dana.id)) == 1  # the refused /delete did nothing
        finally:
            code = await running.stop()
        assert code == 0, running.log()


async def test_webhook_mode_needs_a_secret(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--webhook",
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "TELEGRAM_BOT_TOKEN": "1:x",
            "WEBHOOK_URL": "https://example.org/hook",
        },
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode != 0
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "WEBHOOK_SECRET" in lines[0]


async def test_an_unreachable_bot_api_is_one_clear_line(tmp_path: Path, free_port: int) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "TELEGRAM_BOT_TOKEN": "1:x",
            "TELEGRAM_API_URL": f"http://127.0.0.1:{free_port}/bot",  # nobody listens
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
            "LOG_LEVEL": "ERROR",
        },
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 1
    text = err.decode()
    assert "Traceback" not in text
    assert text.strip().splitlines()[-1].startswith("peacebot: cannot reach the Bot API")
