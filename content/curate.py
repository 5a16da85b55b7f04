"""Apply a curation file (content/curation.py) to a generated bank, entry by entry.

Additions come first, so `[questions.<id>]` can drop or edit a hand-written question like a
generated one. An entry that does not hold (unknown id, an edit breaking a limit, a source
that is not in its lesson) is left out with one problem line; every other entry applies. So
one typo never brings back the questions a teacher dropped, and the course always loads.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from content.curation import Addition, Answer, Curation, Edit
from content.model import Lesson, Question
from content.text import collapse, fold, fold_key, short_hash
from content.validate import (
    MAX_EXPLANATION,
    MAX_OPTION,
    MAX_OPTIONS,
    MAX_PROMPT,
    MIN_OPTIONS,
    prepare_document,
    source_in_document,
)


@dataclass(slots=True)
class Curated:
    """The bank after curation, what changed, and one line per entry that did not apply."""

    questions: list[Question]
    problems: list[str] = field(default_factory=list)
    dropped: int = 0
    edited: int = 0
    added: int = 0

    def summary(self) -> str:
        return f"curation: {self.dropped} dropped, {self.edited} edited, {self.added} added"


def apply_curation(
    curation: Curation | None, lessons: Sequence[Lesson], questions: Sequence[Question]
) -> Curated:
    """The curated bank, in lesson order; `questions` is the generated bank (unchanged)."""
    if curation is None:
        return Curated(questions=list(questions))
    result = Curated(questions=list(questions), problems=list(curation.problems))
    by_id = {question.id: question for question in questions}
    for addition in curation.additions:
        question, why = added_question(addition, lessons, taken=by_id.keys())
        if question is None:
            result.problems.append(f"{curation.where}: {addition.label}: {why}")
            continue
        by_id[question.id] = question
        result.added += 1
    for edit in curation.edits:
        current = by_id.get(edit.question_id)
        label = f"{curation.where}: [questions.{edit.question_id}]"
        if current is None:
            result.problems.append(f"{label}: unknown question id (not in this document's bank)")
            continue
        if edit.drop:
            del by_id[edit.question_id]
            result.dropped += 1
            continue
        changed, problems = edited_question(current, edit)
        if changed is None:
            result.problems.append(f"{label}: " + "; ".join(problems))
            continue
        by_id[edit.question_id] = changed
        result.edited += int(edit.changes_text)
    order = {lesson.id: lesson.index for lesson in lessons}
    result.questions = sorted(by_id.values(), key=lambda question: order[question.lesson_id])
    return result


def edited_question(question: Question, edit: Edit) -> tuple[Question | None, list[str]]:
    """The question with the edit's fields in place, keeping its id; or None and why not."""
    options = edit.options if edit.options is not None else question.options
    if edit.answer is not None:
        answer, why = resolve_answer(edit.answer, options)
    elif edit.options is not None:
        answer, why = resolve_answer(question.correct_option, options)
        if why:
            why = f"the new options leave out the right one “{question.correct_option}”: set answer"
    else:
        answer, why = question.answer, ""
    prompt = edit.prompt if edit.prompt is not None else question.prompt
    explanation = edit.explanation if edit.explanation is not None else question.explanation
    problems = rule_problems(prompt, options, explanation) + ([why] if why else [])
    if problems:
        return None, problems
    return (
        replace(question, prompt=prompt, options=options, answer=answer, explanation=explanation),
        [],
    )


def added_question(
    addition: Addition, lessons: Sequence[Lesson], *, taken: Collection[str]
) -> tuple[Question | None, str]:
    """A hand-written question checked like a generated one; `taken`: ids already in use."""
    lesson, lesson_why = find_lesson(addition.lesson, lessons)
    answer, why = resolve_answer(addition.answer, addition.options)
    problems = [lesson_why] if lesson is None else []
    problems += rule_problems(addition.prompt, addition.options, addition.explanation)
    problems += [why] if why else []
    if not addition.source:
        problems.append("“source” is empty")
    elif lesson is not None and not source_in_document(
        addition.source, prepare_document(lesson.text)
    ):
        problems.append(f"source is not verbatim text of lesson “{lesson.title}”")
    if not addition.kind:
        problems.append("“kind” is empty")
    if lesson is None or problems:
        return None, "; ".join(problems)
    question_id = addition.id or added_id(lesson.id, addition.source, addition.options[answer])
    if question_id in taken:
        return None, f"id {question_id} is already used by another question"
    question = Question(
        id=question_id,
        lesson_id=lesson.id,
        kind=addition.kind,
        prompt=addition.prompt,
        options=addition.options,
        answer=answer,
        explanation=addition.explanation,
        source=addition.source,
    )
    return question, ""


def added_id(lesson_id: str, source: str, answer_text: str) -> str:
    """Stable across rewordings of the prompt, options or explanation (not of source/answer)."""
    return "q" + short_hash("added", lesson_id, fold(source), fold_key(answer_text), size=7)


def find_lesson(wanted: str, lessons: Sequence[Lesson]) -> tuple[Lesson | None, str]:
    """A lesson by exact id, else by title (case and spacing ignored)."""
    for lesson in lessons:
        if lesson.id == wanted:
            return lesson, ""
    key = fold_key(collapse(wanted))
    matches = [lesson for lesson in lessons if fold_key(lesson.title) == key]
    if len(matches) == 1:
        return matches[0], ""
    if matches:
        ids = ", ".join(lesson.id for lesson in matches)
        return None, f"lesson title “{wanted}” is used by several lessons ({ids}): give the id"
    return None, f"no lesson with id or title “{wanted}”"


def resolve_answer(answer: Answer, options: Sequence[str]) -> tuple[int, str]:
    """(index, "") for an index in range or an option's exact text; else (-1, why)."""
    if isinstance(answer, int):
        if 0 <= answer < len(options):
            return answer, ""
        return -1, f"answer {answer} is out of range (0 to {len(options) - 1}, counting from 0)"
    if answer in options:
        return list(options).index(answer), ""
    return -1, f"answer “{answer}” is not one of the options"


def rule_problems(prompt: str, options: Sequence[str], explanation: str) -> list[str]:
    """The limits every question meets (Telegram polls and keyboards), in a teacher's words."""
    problems: list[str] = []
    if not prompt:
        problems.append("the prompt is empty")
    elif len(prompt) > MAX_PROMPT:
        problems.append(f"the prompt has {len(prompt)} characters (max {MAX_PROMPT})")
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        problems.append(f"{len(options)} options (needs {MIN_OPTIONS} to {MAX_OPTIONS})")
    for number, option in enumerate(options, start=1):
        if not option:
            problems.append(f"option {number} is empty")
        elif len(option) > MAX_OPTION:
            problems.append(f"option {number} has {len(option)} characters (max {MAX_OPTION})")
    keys = [fold_key(option) for option in options]
    for number, key in enumerate(keys, start=1):
        if key and key in keys[: number - 1]:
            problems.append(f"option {number} repeats option {keys.index(key) + 1}")
    if not explanation:
        problems.append("the explanation is empty")
    elif len(explanation) > MAX_EXPLANATION:
        problems.append(
            f"the explanation has {len(explanation)} characters (max {MAX_EXPLANATION})"
        )
    return problems
