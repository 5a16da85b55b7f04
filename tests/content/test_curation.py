"""The curation file: drops, edits that keep ids, hand-written questions, and bad files.

Question ids are read from the generated bank, never written down here: the question
engine may change which questions it makes, the curation rules must hold whatever it makes.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from content import Course, Question, load_courses
from content.build import build_path, build_report, read_document
from content.curate import added_id

from .conftest import SECOND_DOC

ORIGINS = "Origins of the Treaty"
ORIGINS_SOURCE = "The treaty entered into force in 1961, after every signatory had ratified it."


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "antarctic.md"
    shutil.copy(SECOND_DOC, path)
    return path


@pytest.fixture
def generated(document: Path) -> Course:
    """The bank as the engine makes it, with no curation file."""
    return build_report(read_document(document), name=document.stem).course


def curate(document: Path, text: str) -> tuple[Course, list[str]]:
    document.with_name(document.stem + ".curation.toml").write_text(text, encoding="utf-8")
    report = build_path(document)
    assert report.curation is not None
    return report.course, report.curation.problems


def by_id(course: Course) -> dict[str, Question]:
    return {question.id: question for question in course.questions}


def mcq(course: Course) -> Question:
    """A generated question with at least three options."""
    return next(question for question in course.questions if len(question.options) >= 3)


def added_entry(**overrides: str) -> str:
    fields = {
        "lesson": f'"{ORIGINS}"',
        "prompt": '"In which year did the Antarctic Treaty enter into force?"',
        "options": '["1959", "1961", "1991"]',
        "answer": '"1961"',
        "explanation": '"It entered into force once every signatory had ratified it."',
        "source": f'"{ORIGINS_SOURCE}"',
    }
    fields.update(overrides)
    return "[[added]]\n" + "".join(f"{key} = {value}\n" for key, value in fields.items() if value)


def test_without_a_curation_file_the_generated_bank_is_served(
    document: Path, generated: Course
) -> None:
    report = build_path(document)
    assert report.curation is None
    assert report.course == generated


def test_a_dropped_question_is_gone_and_nothing_else_changes(
    document: Path, generated: Course
) -> None:
    dropped = generated.questions[1]
    course, problems = curate(document, f"[questions.{dropped.id}]\ndrop = true\n")
    assert problems == []
    assert dropped.id not in by_id(course)
    assert course.questions == tuple(q for q in generated.questions if q.id != dropped.id)


def test_an_edit_keeps_the_id_and_replaces_each_field(document: Path, generated: Course) -> None:
    original = mcq(generated)
    course, problems = curate(
        document,
        f"[questions.{original.id}]\n"
        'prompt = "Which agreement is this?"\n'
        'options = ["Alpha", "Beta", "Gamma"]\n'
        'answer = "Gamma"\n'
        'explanation = "Because the lesson says so."\n',
    )
    assert problems == []
    edited = by_id(course)[original.id]
    assert (edited.prompt, edited.options, edited.answer) == (
        "Which agreement is this?", ("Alpha", "Beta", "Gamma"), 2)
    assert edited.explanation == "Because the lesson says so."
    assert (edited.lesson_id, edited.kind, edited.source) == (
        original.lesson_id, original.kind, original.source)
    others = [q for q in course.questions if q.id != original.id]
    assert others == [q for q in generated.questions if q.id != original.id]


def test_new_options_without_an_answer_keep_the_right_option_by_its_text(
    document: Path, generated: Course
) -> None:
    original = mcq(generated)
    reordered = [original.correct_option, "A new distractor", "Another one"]
    options = ", ".join(f'"{option}"' for option in reversed(reordered))
    course, problems = curate(document, f"[questions.{original.id}]\noptions = [{options}]\n")
    assert problems == []
    edited = by_id(course)[original.id]
    assert edited.correct_option == original.correct_option and edited.answer == 2


def test_an_answer_index_counts_from_zero_like_the_json_export(
    document: Path, generated: Course
) -> None:
    original = mcq(generated)
    other = (original.answer + 1) % len(original.options)
    course, problems = curate(document, f"[questions.{original.id}]\nanswer = {other}\n")
    assert problems == []
    assert by_id(course)[original.id].answer == other


def test_an_added_question_joins_its_lesson_checked_and_with_a_stable_id(
    document: Path, generated: Course
) -> None:
    course, problems = curate(document, added_entry(lesson='"origins of the  TREATY"'))
    assert problems == []
    origins = next(lesson for lesson in course.lessons if lesson.title == ORIGINS)
    new = [q for q in course.questions_for(origins.id) if q.kind == "handwritten"]
    assert len(new) == 1 and new[0].answer == 1 and new[0].source == ORIGINS_SOURCE
    assert len(course.questions) == len(generated.questions) + 1
    assert new[0].id == added_id(origins.id, ORIGINS_SOURCE, "1961")
    # rewording the prompt keeps the id, so learners keep their progress on it
    again, _ = curate(document, added_entry(lesson=f'"{origins.id}"', prompt='"When, then?"'))
    assert new[0].id in by_id(again) and by_id(again)[new[0].id].prompt == "When, then?"


def test_an_added_question_can_carry_its_own_id_and_be_edited_by_it(document: Path) -> None:
    text = added_entry(id='"treaty-1961"') + '\n[questions.treaty-1961]\nprompt = "When?"\n'
    course, problems = curate(document, text)
    assert problems == []
    assert by_id(course)["treaty-1961"].prompt == "When?"


def test_dropping_or_editing_an_accepted_question_is_applied(
    document: Path, generated: Course
) -> None:
    first, second = generated.questions[0], generated.questions[2]
    course, problems = curate(
        document,
        f"[questions.{first.id}]\naccepted = true\n\n"
        f"[questions.{second.id}]\naccepted = true\ndrop = true\n",
    )
    assert problems == []
    assert by_id(course)[first.id] == first and second.id not in by_id(course)


LONG = "x" * 301
BAD_ENTRIES = {
    "unknown id": ("[questions.qnot-a-question]\ndrop = true\n", "unknown question id"),
    "unknown key": ("[questions.{id}]\npromt = \"Typo\"\n", "unknown key “promt”"),
    "wrong type": ("[questions.{id}]\ndrop = \"yes\"\n", "“drop” must be true or false"),
    "prompt too long": (f"[questions.{{id}}]\nprompt = \"{LONG}\"\n", "301 characters (max 300)"),
    "answer not an option": ("[questions.{id}]\nanswer = \"Nobody\"\n", "not one of the options"),
    "answer out of range": ("[questions.{id}]\nanswer = 7\n", "answer 7 is out of range"),
    "options lose the key": (
        "[questions.{id}]\noptions = [\"P\", \"Q\"]\n", "leave out the right one"),
    "repeated option": ("[questions.{id}]\noptions = [\"P\", \"p\", \"{key}\"]\n", "repeats"),
    "one option": ("[questions.{id}]\noptions = [\"{key}\"]\n", "1 options (needs 2 to 10)"),
    "source not in lesson": (
        added_entry(source='"The treaty was signed on the Moon."'), "source is not verbatim"),
    "source of another lesson": (
        added_entry(source='"Mineral resource activities are prohibited, except for scientific '
                           'research."'), "source is not verbatim text of lesson"),
    "unknown lesson": (added_entry(lesson='"Penguins"'), "no lesson with id or title"),
    "missing key": (added_entry(explanation=""), "“explanation” is missing"),
    "too many options": (
        added_entry(options="[" + ", ".join(f'"{n}"' for n in range(1955, 1966)) + "]"),
        "11 options"),
    "explanation too long": (added_entry(explanation=f'"{"y" * 201}"'), "(max 200)"),
    "bad explicit id": (added_entry(id='"has space"'), "must be 1-40 letters"),
    "taken id": (added_entry(id='"{id}"'), "already used"),
    "unknown table": ("[question.{id}]\ndrop = true\n", "unknown top-level key “question”"),
}


@pytest.mark.parametrize("case", sorted(BAD_ENTRIES))
def test_each_bad_entry_is_one_line_and_the_rest_still_applies(
    case: str, document: Path, generated: Course
) -> None:
    target, keep = mcq(generated), generated.questions[-1]
    entry, expected = BAD_ENTRIES[case]
    entry = entry.replace("{id}", target.id).replace("{key}", target.correct_option)
    course, problems = curate(document, f"[questions.{keep.id}]\ndrop = true\n\n{entry}")
    assert len(problems) == 1, problems
    assert expected in problems[0] and "antarctic.curation.toml" in problems[0]
    assert keep.id not in by_id(course)  # the good entry applied
    if target.id in by_id(course):  # the bad one did not
        assert by_id(course)[target.id] == target


def test_a_toml_syntax_error_is_one_line_and_the_generated_bank_is_served(
    document: Path, generated: Course
) -> None:
    course, problems = curate(document, "[questions.q1]\ndrop = \n")
    assert len(problems) == 1 and "TOML syntax error" in problems[0] and "line 2" in problems[0]
    assert course.questions == generated.questions


def test_a_file_that_is_not_utf8_is_one_line(document: Path, generated: Course) -> None:
    document.with_name("antarctic.curation.toml").write_bytes(b"drop = \xff\n")
    report = build_path(document)
    assert report.curation is not None and len(report.curation.problems) == 1
    assert "not UTF-8" in report.curation.problems[0]
    assert report.course.questions == generated.questions


def test_check_lists_curation_problems_one_line_each(
    document: Path, generated: Course, capsys: pytest.CaptureFixture[str]
) -> None:
    curate(
        document,
        "[questions.qnope]\ndrop = true\n\n" + added_entry(source='"Not in the document."'),
    )
    assert main(["content", "check", "--source", str(document)]) == 1
    captured = capsys.readouterr()
    problems = [line for line in captured.err.splitlines() if line.startswith("problem:")]
    assert len(problems) == 2
    assert sum("[questions.qnope]" in line for line in problems) == 1
    assert sum("[[added]] #1" in line for line in problems) == 1
    assert "curation: 0 dropped, 0 edited, 0 added" in captured.out


def test_check_passes_with_a_good_curation_file(
    document: Path, generated: Course, capsys: pytest.CaptureFixture[str]
) -> None:
    curate(document, added_entry() + f"\n[questions.{mcq(generated).id}]\nprompt = \"Which?\"\n")
    assert main(["content", "check", "--source", str(document)]) == 0
    assert "curation: 0 dropped, 1 edited, 1 added" in capsys.readouterr().out


def test_loading_never_fails_on_a_bad_file_and_logs_one_warning_per_problem(
    document: Path, generated: Course, caplog: pytest.LogCaptureFixture
) -> None:
    dropped = generated.questions[0]
    curate(
        document,
        f"[questions.{dropped.id}]\ndrop = true\n\n[questions.qnope]\ndrop = true\n\n"
        + added_entry(lesson='"Penguins"'),
    )
    with caplog.at_level(logging.WARNING, logger="content.build"):
        (course,) = load_courses([document])
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 2 and all("antarctic.curation.toml" in line for line in warnings)
    assert len(course.questions) == len(generated.questions) - 1


def test_the_bot_serves_the_curated_bank(
    document: Path, generated: Course, tmp_path: Path
) -> None:
    """The bot's one start-up path (bot/wiring.py) loads the same way, cache or not."""
    from bot.config import Settings
    from bot.tutor.catalog import Catalog
    from bot.wiring import courses_from

    dropped, edited = generated.questions[-1], mcq(generated)
    curate(
        document,
        f"[questions.{dropped.id}]\ndrop = true\n\n"
        f"[questions.{edited.id}]\nprompt = \"Reworded?\"\n\n[questions.qnope]\ndrop = true\n",
    )
    settings = Settings(content_dir=document, cache_dir=tmp_path / "cache")
    for _ in ("built", "cached"):
        catalog = Catalog(courses_from(settings))
        assert catalog.question(dropped.id) is None
        served = catalog.question(edited.id)
        assert served is not None and served.prompt == "Reworded?"


@pytest.mark.parametrize("guide", ["docs/curation.md", "README.md"])
def test_the_documented_example_reads_cleanly_and_its_addition_applies(
    guide: str, tmp_path: Path
) -> None:
    """The examples in the guides: every entry well formed; the hand-written question holds
    on the seed document (their ids name questions of today's engine, so they are not asserted).
    """
    from content.curation import parse_curation

    from .conftest import ROOT, SEED_MD

    text = (ROOT / guide).read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    curation = parse_curation(example, path=tmp_path / "example.curation.toml")
    assert curation.problems == ()
    assert len(curation.edits) >= 2 and len(curation.additions) == 1
    document = tmp_path / SEED_MD.name
    shutil.copy(SEED_MD, document)
    _course, problems = curate(document, "[[added]]" + example.split("[[added]]", 1)[1])
    assert problems == []
