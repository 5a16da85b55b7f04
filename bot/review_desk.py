"""The review desk: a teacher walks through questions in the terminal and curates them.

`peacebot content review` shows one question at a time (prompt, options with the key
marked, explanation, source, lesson, learners' reports and failures) and takes accept /
drop / edit / skip / quit. Every decision is written to the document's curation file at
once (content/curation_file.py), so quitting, end of input or a crash loses nothing. It reads
lines, so a pipe drives it as well as a terminal.

Order: reported questions first (most reports first), then the most failed (failure rate,
among questions answered at least MIN_ATTEMPTS times), then the rest in course order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from content.curate import edited_question
from content.curation import Edit
from content.curation_file import CurationFile
from content.model import Question
from content.text import plural

MIN_ATTEMPTS = 5  # as /stats "hardest questions": fewer answers say little about a question
MENU = "[a]ccept  [d]rop  [e]dit  [s]kip  [q]uit"


@dataclass(frozen=True, slots=True)
class QuestionStat:
    """What learners did with one question; `reports` are open (unresolved) reports."""

    reports: int = 0
    attempts: int = 0
    wrong: int = 0
    reasons: tuple[tuple[str, int], ...] = ()  # (reason, reports), most frequent first

    @property
    def failure_rate(self) -> float:
        return self.wrong / self.attempts if self.attempts else 0.0


QuestionStats = Mapping[str, QuestionStat]
NO_STAT = QuestionStat()


@dataclass(frozen=True, slots=True)
class DeskItem:
    """A question as learners see it now, where it belongs, and the file its decision goes to."""

    question: Question
    lesson_title: str
    file: CurationFile


@dataclass(slots=True)
class DeskOutcome:
    """Decisions by question id ("accepted", "dropped", "edited"), and how many were skipped."""

    decisions: dict[str, str] = field(default_factory=dict)
    skipped: int = 0

    def summary(self) -> str:
        counts = dict.fromkeys(("accepted", "dropped", "edited"), 0)
        for decision in self.decisions.values():
            counts[decision] += 1
        done = ", ".join(f"{count} {name}" for name, count in counts.items())
        return f"Reviewed {len(self.decisions)}: {done}; {self.skipped} skipped."


def review_order(
    items: Sequence[DeskItem], stats: QuestionStats, *, flagged_only: bool = False
) -> list[DeskItem]:
    """Reported first, then most failed, then course order; decided ones only if reported.

    A report is a reason to look again at a question a teacher accepted before; anything
    else already decided (a `[questions.<id>]` entry) is not shown again.
    """
    def wanted(item: DeskItem) -> bool:
        reports = stats.get(item.question.id, NO_STAT).reports
        if flagged_only:
            return reports > 0
        return reports > 0 or item.question.id not in item.file.decided()

    def key(numbered: tuple[int, DeskItem]) -> tuple[int, float, int, int]:
        position, item = numbered
        stat = stats.get(item.question.id, NO_STAT)
        failing = stat.attempts >= MIN_ATTEMPTS and stat.wrong > 0
        rate = stat.failure_rate if failing else 0.0
        return (-stat.reports, -rate, -stat.wrong if failing else 0, position)

    chosen = [(position, item) for position, item in enumerate(items) if wanted(item)]
    return [item for _, item in sorted(chosen, key=key)]


class ReviewDesk:
    """One teacher's session over `items` (already in review order)."""

    def __init__(
        self, items: Sequence[DeskItem], stats: QuestionStats, *, stdin: TextIO, stdout: TextIO
    ) -> None:
        self.items = items
        self.stats = stats
        self.stdin = stdin
        self.stdout = stdout
        self.echo = not stdin.isatty()  # a transcript of piped input shows what was chosen

    def run(self) -> DeskOutcome:
        outcome = DeskOutcome()
        for number, item in enumerate(self.items, start=1):
            self._show(item, number)
            decision = self._decide(item)
            if decision is None:
                break
            if decision == "skipped":
                outcome.skipped += 1
            else:
                item.file.save()
                outcome.decisions[item.question.id] = decision
                self._say(f"→ {decision}, saved to {item.file.path}")
        self._say(outcome.summary())
        return outcome

    def _decide(self, item: DeskItem) -> str | None:
        """The decision taken on `item`, recorded in its file; None to stop the session."""
        while True:
            choice = self._choose(f"{MENU}: ")
            if choice is None or choice == "q":
                return None
            if choice == "a":
                item.file.accept(item.question)
                return "accepted"
            if choice == "d":
                item.file.drop(item.question)
                return "dropped"
            if choice == "s":
                return "skipped"
            if choice == "e":
                edited = self._edit(item.question)
                if edited != item.question:
                    item.file.edit(item.question, edited)
                    return "edited"
                self._say("No change.")
                continue
            self._say("Type a, d, e, s or q.")

    def _edit(self, question: Question) -> Question:
        """The question as the teacher leaves it: unchanged after cancel; what was changed so
        far when the input ends (the next question's menu then ends the session)."""
        current = question
        count = len(current.options)
        menu = f"Edit: [p]rompt  option [1-{count}]  [r]ight answer  e[x]planation  [c]ancel"
        while True:
            choice = self._choose(f"{menu}, Enter when done: ")
            if not choice:
                return current
            if choice == "c":
                return question
            edit = self._change(current, choice)
            if edit is None:
                self._say(f"Type p, 1-{count}, r, x, c, or Enter when done.")
                continue
            changed, problems = edited_question(current, edit)
            if changed is None:
                self._say("Not kept: " + "; ".join(problems))
                continue
            current = changed
            self._say_question(current)

    def _change(self, current: Question, choice: str) -> Edit | None:
        """What the teacher types for `choice`, as an edit of `current` (None: not a choice)."""
        if choice == "p":
            return Edit(current.id, prompt=self._text("New prompt", current.prompt))
        if choice == "x":
            return Edit(current.id, explanation=self._text("New explanation", current.explanation))
        if choice == "r":
            count = len(current.options)
            picked = self._ask(f"Right option (1-{count}): ") or ""
            if picked.isdigit() and 1 <= int(picked) <= count:
                return Edit(current.id, answer=int(picked) - 1)
            self._say(f"Not kept: type a number from 1 to {count}.")
            return Edit(current.id)
        if choice.isdigit() and 1 <= int(choice) <= len(current.options):
            index = int(choice) - 1
            options = list(current.options)
            options[index] = self._text(f"Option {choice}", options[index])
            return Edit(current.id, options=tuple(options))
        return None

    def _text(self, label: str, now: str) -> str:
        """A replacement text; an empty line (or end of input) keeps the current one."""
        self._say(f"{label} now: {now}")
        typed = self._ask(f"{label} (Enter keeps it): ")
        return typed if typed else now

    def _show(self, item: DeskItem, number: int) -> None:
        question = item.question
        self._say("")
        self._say(
            f"── {number} of {len(self.items)} ── {question.id} · lesson “{item.lesson_title}”"
            f" · {question.kind}"
        )
        stat = self.stats.get(question.id, NO_STAT)
        if stat.reports:
            reasons = ", ".join(f"{reason} {count}" for reason, count in stat.reasons)
            self._say(f"Reported {plural(stat.reports, 'time')}"
                      + (f" ({reasons})" if reasons else ""))
        if stat.attempts:
            self._say(
                f"Answered {plural(stat.attempts, 'time')}, {stat.wrong} wrong "
                f"({stat.failure_rate:.0%})"
            )
        self._say_question(question)

    def _say_question(self, question: Question) -> None:
        self._say(question.prompt)
        for index, option in enumerate(question.options):
            mark = "*" if index == question.answer else " "
            self._say(f" {mark} {index + 1}. {option}")
        self._say(f"Explanation: {question.explanation}")
        self._say(f"Source: “{question.source}”")

    def _choose(self, prompt: str) -> str | None:
        choice = self._ask(prompt)
        return None if choice is None else choice.lower()

    def _ask(self, prompt: str) -> str | None:
        """The next line without surrounding spaces; None at end of input."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            return None
        answer = line.strip()
        if self.echo:
            self.stdout.write(answer + "\n")
        return answer

    def _say(self, text: str) -> None:
        self.stdout.write(text + "\n")
