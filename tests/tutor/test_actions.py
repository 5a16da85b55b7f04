"""The action id grammar: every form round-trips; anything else is rejected."""

from __future__ import annotations

import pytest

from bot.tutor import actions


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (actions.command("lessons"), actions.RunCommand("lessons")),
        (actions.read("ab12cd34ef", 3), actions.ReadPage("ab12cd34ef", 3)),
        (actions.finish("ab12cd34ef"), actions.FinishLesson("ab12cd34ef")),
        (actions.quiz("ab12cd34ef"), actions.StartQuiz("ab12cd34ef")),
        (actions.quiz(actions.ALL, replace=True), actions.StartQuiz("all", replace=True)),
        (actions.quiz(actions.REVIEW), actions.StartQuiz("rv")),
        (actions.resume(17), actions.ResumeQuiz(17)),
        (actions.answer(17, 2, 3), actions.Answer(17, 2, 3)),
        (actions.setting(), actions.Setting()),
        (actions.setting("tz"), actions.Setting("tz")),
        (actions.setting("qs", 10), actions.Setting("qs", 10)),
        (actions.confirm_delete(29000000), actions.ConfirmDelete(29000000)),
        (actions.CANCEL_DELETE, actions.CancelDelete()),
    ],
)
def test_round_trip(action: str, expected: actions.Action) -> None:
    assert len(action.encode()) <= 64
    assert actions.parse(action) == expected


@pytest.mark.parametrize(
    "action",
    ["", "a", "a:1:2", "a:1:2:x", "a:-1:0:0", "a:01:0:0", "a:1:2:3:4", "a:1:2:3 ", " rv",
     "c:sudo", "c:LESSONS", "r:AB:1", "r:ab", "s:zz", "s:tz:-1", "x:", "a:1:2:\u0663",
     "a:9999999999:0:0", "z:" + "a" * 17, "q" * 65, "rv\n", "d:ab/cd"],
)
def test_malformed_is_rejected(action: str) -> None:
    assert actions.parse(action) is None
