"""`peacebot content review`: the desk driven by scripted input, end to end.

Questions are taken from the bank the engine makes (never written down here), the desk is
driven through `main` with a scripted stdin (and once through a real pipe), and the result
is judged by what the curation file then does to the course.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.cli import main
from bot.review_desk import MIN_ATTEMPTS, DeskItem, QuestionStat, review_order
from content import Course, Question
from content.build import build_path
from content.curation_file import CurationFile

ROOT = Path(__file__).resolve().parents[2]
SECOND_DOC = ROOT / "tests" / "content" / "data" / "antarctic-cooperation.md"


@pytest.fixture
def document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/none.db")
    path = tmp_path / "antarctic.md"
    shutil.copy(SECOND_DOC, path)
    return path


@pytest.fixture
def seed_document(tmp_path: Path) -> Path:
    """A document with enough questions for every order the desk can put them in (the
    WHO history written for the blind reviews: eight; the seed now has five)."""
    path = tmp_path / "antarctic.md"  # the name curation_of expects
    shutil.copy(ROOT / "benchmarks" / "documents" / "world-health-organization.md", path)
    return path


def curation_of(document: Path) -> Path:
    return document.with_name("antarctic.curation.toml")


def served(document: Path) -> Course:
    return build_path(document).course


def review(
    document: Path, script: str, monkeypatch: pytest.MonkeyPatch, *extra: str
) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["content", "review", "--source", str(document), *extra])
    return code, out.getvalue()


def by_id(course: Course) -> dict[str, Question]:
    return {question.id: question for question in course.questions}


def test_accept_drop_edit_skip_write_the_curation_file(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = served(document).questions
    script = "a\nd\ne\np\nWhen was it signed?\nx\nThe lesson gives the year.\n\ns\nq\n"
    code, out = review(document, script, monkeypatch)
    assert code == 0
    assert f"── 1 of {len(before)} ── {before[0].id}" in out
    assert "Reviewed 3: 1 accepted, 1 dropped, 1 edited; 1 skipped." in out
    entries = tomllib.loads(curation_of(document).read_text(encoding="utf-8"))["questions"]
    assert entries == {
        before[0].id: {"accepted": True},
        before[1].id: {"drop": True},
        before[2].id: {
            "prompt": "When was it signed?",
            "explanation": "The lesson gives the year.",
        },
    }
    after = by_id(served(document))
    assert after[before[0].id] == before[0]
    assert before[1].id not in after
    edited = after[before[2].id]  # same id: learners keep their scheduling
    assert (edited.prompt, edited.options, edited.answer) == (
        "When was it signed?", before[2].options, before[2].answer)
    assert after[before[3].id] == before[3]


def test_the_desk_shows_the_key_explanation_source_and_lesson(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = served(document)
    first = course.questions[0]
    lesson = course.lesson(first.lesson_id)
    assert lesson is not None
    _code, out = review(document, "q\n", monkeypatch)
    assert f"lesson “{lesson.title}”" in out and first.prompt in out
    assert f" * {first.answer + 1}. {first.correct_option}" in out
    assert f"Explanation: {first.explanation}" in out and f"Source: “{first.source}”" in out
    assert not curation_of(document).exists()  # no decision, no file


def test_editing_an_option_and_the_right_answer_rewrites_options_and_answer(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = served(document).questions[0]
    wrong = next(n for n in range(len(first.options)) if n != first.answer)
    script = f"e\n{wrong + 1}\nA brand new option\nr\n{wrong + 1}\n\nq\n"
    code, _out = review(document, script, monkeypatch)
    assert code == 0
    edited = by_id(served(document))[first.id]
    assert edited.correct_option == "A brand new option" and edited.answer == wrong
    entry = tomllib.loads(curation_of(document).read_text(encoding="utf-8"))["questions"]
    assert entry[first.id]["answer"] == "A brand new option"


def test_an_edit_breaking_a_rule_is_not_kept(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = "e\n1\n" + "x" * 101 + "\nr\n9\nc\nq\n"
    code, out = review(document, script, monkeypatch)
    assert code == 0
    assert "Not kept: option 1 has 101 characters (max 100)" in out
    assert "Not kept: type a number from 1 to" in out
    assert not curation_of(document).exists()


def test_unknown_choices_are_explained_and_end_of_input_keeps_what_was_decided(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = served(document).questions
    code, out = review(document, "z\nd\ne\np\nCut short?\n", monkeypatch)
    assert code == 0 and "Type a, d, e, s or q." in out
    after = by_id(served(document))
    assert before[0].id not in after and after[before[1].id].prompt == "Cut short?"


def test_a_second_session_skips_decided_questions_and_keeps_comments(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = served(document).questions
    curation_of(document).write_text(
        "# Ann's notes: keep me.\n\n"
        f"[questions.{before[0].id}]\naccepted = true  # checked in class\n\n"
        # (in a later lesson than the first undecided generated question, which is shown
        # first: lessons are reviewed in reading order)
        "# hand-written below\n[[added]]\nlesson = \"Environmental Protection\"\n"
        'prompt = "When did the Protocol enter into force?"\noptions = ["1991", "1998"]\n'
        'answer = "1998"\nexplanation = "Seven years after it was signed."\n'
        'source = "The Protocol on Environmental Protection was signed in Madrid in 1991 and'
        ' entered into force in 1998."\n',
        encoding="utf-8",
    )
    total = len(served(document).questions)
    code, out = review(document, "d\nq\n", monkeypatch)
    assert code == 0
    assert f"── 1 of {total - 1} ── {before[1].id}" in out
    text = curation_of(document).read_text(encoding="utf-8")
    for kept in ("# Ann's notes: keep me.", "accepted = true  # checked in class",
                 "# hand-written below"):
        assert kept in text
    after = served(document)
    assert len(after.questions) == total - 1 and before[1].id not in by_id(after)
    assert any(question.kind == "handwritten" for question in after.questions)


def test_flagged_without_reports_says_so(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = review(document, "", monkeypatch, "--flagged")
    assert code == 0 and out == "No reported questions.\n"


def test_a_broken_curation_file_is_one_line_and_left_alone(
    document: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    curation_of(document).write_text("[questions\n", encoding="utf-8")
    code, _out = review(document, "d\n", monkeypatch)
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TOML syntax error" in err
    assert curation_of(document).read_text(encoding="utf-8") == "[questions\n"


def test_it_works_through_a_real_pipe(document: Path, tmp_path: Path) -> None:
    first = served(document).questions[0]
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/none.db"}
    finished = subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "review", "--source", str(document)],
        input="d\nq\n", capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert "Reviewed 1: 0 accepted, 1 dropped, 0 edited; 0 skipped." in finished.stdout
    assert first.id not in by_id(served(document))
    assert not (tmp_path / "none.db").exists()  # the desk never creates the database


def test_order_is_reported_then_most_failed_then_course_order(seed_document: Path) -> None:
    questions = served(seed_document).questions[:6]
    assert len(questions) == 6
    file = CurationFile.open(curation_of(seed_document), document_name=seed_document.name)
    file.accept(questions[5])
    items = [DeskItem(question, "Lesson", file) for question in questions]
    stats = {
        questions[5].id: QuestionStat(reports=1),  # decided, but reported again
        questions[4].id: QuestionStat(reports=3, attempts=2, wrong=0),
        questions[3].id: QuestionStat(attempts=MIN_ATTEMPTS, wrong=4),
        questions[2].id: QuestionStat(attempts=10, wrong=5),
        questions[1].id: QuestionStat(attempts=MIN_ATTEMPTS - 1, wrong=MIN_ATTEMPTS - 1),
    }
    order = [item.question.id for item in review_order(items, stats)]
    assert order == [questions[i].id for i in (4, 5, 3, 2, 0, 1)]
    flagged = [item.question.id for item in review_order(items, stats, flagged_only=True)]
    assert flagged == [questions[4].id, questions[5].id]
    assert [item.question.id for item in review_order(items, {})] == [
        question.id for question in questions[:5]
    ]


def test_a_learners_report_reaches_the_desk_and_a_drop_leaves_their_other_answers(
    seed_document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Report in the tutor; `--flagged` shows it; dropped, it is never asked again."""
    document = seed_document
    import asyncio
    from datetime import UTC, datetime

    from bot.config import Settings
    from bot.tutor import Person
    from bot.tutor.reports import REPORT_LABEL
    from bot.wiring import Runtime, prepare
    from tests.tutor.helpers import button, question, right

    url = f"sqlite+aiosqlite:///{tmp_path}/progress.db"
    monkeypatch.setenv("DATABASE_URL", url)
    settings = Settings(database_url=url, content_dir=document.parent,
                        cache_dir=tmp_path / "cache", _env_file=None)  # type: ignore[call-arg]
    learner, now = Person(user_id=7, first_name="Ada"), datetime(2026, 3, 2, 9, tzinfo=UTC)

    async def report_the_second_question(runtime: Runtime) -> str:
        tutor = runtime.tutor
        try:
            first_lesson = max(tutor.catalog.lessons, key=lambda entry: len(entry.questions))
            await tutor.command(learner, "start", "", now)
            asked = await tutor.press(learner, f"z:{first_lesson.key}", now)
            first = question(asked)
            asked = await tutor.press(learner, right(first), now)
            reasons = await tutor.press(learner, button(asked, REPORT_LABEL), now)
            await tutor.press(learner, button(reasons, "Two options are right"), now)
            reported = next(q for q in runtime.courses[0].questions
                            if q.prompt == question(asked).prompt)
            return reported.id
        finally:
            await runtime.close()

    reported_id = asyncio.run(report_the_second_question(prepare(settings)))
    code, out = review(document, "d\n", monkeypatch, "--flagged")
    assert code == 0 and "Reported 1 time (two_right 1)" in out
    assert reported_id not in by_id(served(document))  # dropped through the curation file

    async def answers_after_restart(runtime: Runtime) -> tuple[list[str], set[str]]:
        try:
            from db.engine import create_session_factory
            from db.queries import list_answers

            async with create_session_factory(runtime.engine)() as session:
                kept = [a.question_id for a in await list_answers(session, learner_id=7)]
            asked = {q.id for lesson in runtime.tutor.catalog.lessons for q in lesson.questions}
            return kept, asked
        finally:
            await runtime.close()

    kept, servable = asyncio.run(answers_after_restart(prepare(settings)))
    assert len(kept) == 1 and kept[0] != reported_id  # the other answer is untouched
    assert reported_id not in servable
