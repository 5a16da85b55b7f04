"""Lessons to questions: run every generator, validate, rank, give stable ids.

This is the question engine's one entry point; `content/build.py` calls it with the
sections of a document and the lessons made from them (one lesson per section, same order).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from content.balance import balanced
from content.candidate import Candidate
from content.corpus import Corpus, build_corpus
from content.date_terms import YEAR
from content.document import Section
from content.explain import asked_sentences, in_context
from content.gate import named_in_title, unfit
from content.gazetteer import famous_years
from content.generate_definitions import definition_questions
from content.generate_facts import acronym_questions, year_questions
from content.generate_kinds import kind_questions
from content.generate_mcq import subject_questions
from content.generate_numbers import number_questions
from content.generate_statements import derived_statements
from content.generate_text import cloze_questions, true_false_questions
from content.generate_when import when_questions
from content.model import Lesson, Question
from content.rank import score, select
from content.referents import resolve_pronouns, with_referent
from content.salience import (
    MIN_SALIENCE,
    asks_detail,
    asks_figure,
    figure_points,
    lesson_keywords,
    salience,
)
from content.terms import TermType
from content.text import fold_key, short_hash
from content.validate import duplicate_key, prepare_document, problems

MIN_QUESTIONS_PER_LESSON = 3
# a course whose dated sentences are all side details still gets this many questions, the
# best placed of them, rather than an empty quiz (without it the Titanic's article had none)
MIN_QUESTIONS_PER_COURSE = 3


@dataclass(slots=True)
class Bank:
    """The questions kept, in lesson order, and one line per candidate dropped (with why)."""

    questions: list[Question] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def generate_questions(title: str, sections: Sequence[Section], lessons: Sequence[Lesson]) -> Bank:
    """Questions for `lessons`; `sections[i]` is the document section lesson i was made from."""
    corpus = build_corpus(title, list(sections))
    bank = Bank()
    titles = [lesson.title for lesson in lessons]
    vetted = _vetted(corpus, title, titles, lessons, bank.dropped)
    valid = vetted.valid
    chosen = _chosen(valid, titles)
    if len(chosen) < MIN_QUESTIONS_PER_COURSE and vetted.side_details:
        # a course of side details still gets a short quiz: its best-placed ones
        valid = vetted.with_side_details(MIN_QUESTIONS_PER_COURSE - len(chosen))
        chosen = _chosen(valid, titles)
    kept_ids = {id(candidate) for candidate in chosen}
    bank.dropped.extend(
        _dropped(lessons, candidate, [_SIDE_DETAIL])
        for candidate in vetted.side_details if id(candidate) not in kept_ids
    )
    bank.dropped.extend(
        _dropped(lessons, candidate, ["ranked below better questions"])
        for candidate in valid
        if id(candidate) not in kept_ids
    )
    _keep_distinct(corpus, lessons, chosen, bank)
    return bank


@dataclass(slots=True)
class _Vetted:
    """The candidates fit to ask, and the side details, asked only when a course has too
    little else (best placed first)."""

    valid: list[Candidate]
    side_details: list[Candidate]
    order: dict[int, int]  # id(candidate) -> the order the generators made them in

    def with_side_details(self, count: int) -> list[Candidate]:
        """Selection keeps the generators' order (ids and quizzes stay put), so the side
        details join the others in it."""
        joined = self.valid + self.side_details[:count]
        return sorted(joined, key=lambda candidate: self.order[id(candidate)])


def _vetted(corpus: Corpus, title: str, titles: list[str], lessons: Sequence[Lesson],
            dropped: list[str]) -> _Vetted:
    """Why every candidate not fit to ask was dropped goes to `dropped`."""
    prepared = prepare_document("\n\n".join(lesson.text for lesson in lessons))
    found = _candidates(corpus)
    vetted = _Vetted([], [], {id(candidate): index for index, candidate in enumerate(found)})
    ranked_details: list[tuple[int, int, Candidate]] = []
    people = frozenset(entry.text for entry in corpus.pools.get(TermType.PERSON, []))
    famous = famous_years(title)
    keywords = lesson_keywords([lesson.text for lesson in lessons])
    for order, candidate in enumerate(found):
        reasons = problems(candidate, prepared)
        if not reasons and _asks_year(candidate) & corpus.headline:
            reasons = [_HEADLINE]
        if not reasons and _asks_year(candidate) & (famous | famous_years(
                candidate.statement or candidate.prompt)):
            # (or the famous year of what the whole course is about: 1789 in a course on
            # the French Revolution is the reflex guess for any of its years; review r38)
            reasons = [_FAMOUS]
        if not reasons and (reason := unfit(candidate, people)
                            or named_in_title(candidate, titles[candidate.lesson])
                            or named_in_title(candidate, title)) is not None:
            reasons = [reason]
        if reasons:
            dropped.append(_dropped(lessons, candidate, reasons))
        elif (points := _salience(corpus, candidate, titles, keywords)) < MIN_SALIENCE:
            ranked_details.append((-points, order, candidate))
        else:
            vetted.valid.append(candidate)
    vetted.side_details = [candidate for *_rank, candidate in sorted(
        ranked_details, key=lambda item: item[:2])]
    return vetted


def _chosen(valid: list[Candidate], titles: list[str]) -> list[Candidate]:
    return balanced(
        select(valid, titles, MIN_QUESTIONS_PER_LESSON),
        lambda candidate: score(candidate, titles[candidate.lesson]),
    )


def _keep_distinct(
    corpus: Corpus, lessons: Sequence[Lesson], chosen: list[Candidate], bank: Bank
) -> None:
    """Turn the chosen candidates into questions, one per fact, sentence and option set."""
    seen: set[tuple[str, str]] = set()
    seen_prompts: set[tuple[str, str]] = set()
    option_sets: Counter[frozenset[str]] = Counter()
    people_asked: Counter[tuple[int, str]] = Counter()
    facts: set[tuple[str, str]] = set()
    named = {sentence.text: [term.key for term in sentence.named()]
             for sentence in corpus.sentences}
    asked = asked_sentences([candidate.source for candidate in chosen])
    for candidate in chosen:
        key = duplicate_key(candidate)
        if key in seen or (candidate.prompt, candidate.answer) in seen_prompts:
            bank.dropped.append(_dropped(lessons, candidate, ["duplicate of another question"]))
            continue
        tested = _facts(candidate, named)
        if tested & facts:
            bank.dropped.append(_dropped(lessons, candidate, [_SAME_FACT]))
            continue
        person = (candidate.lesson, fold_key(candidate.answer))
        if candidate.tags[:1] == ("person",) and people_asked[person] >= MAX_SAME_PERSON:
            bank.dropped.append(_dropped(lessons, candidate, [_SAME_PERSON]))
            continue
        option_set = frozenset({candidate.answer, *candidate.distractors})
        if not candidate.fixed_order and option_sets[option_set] >= MAX_SAME_OPTIONS:
            bank.dropped.append(_dropped(lessons, candidate, [_SAME_OPTIONS]))
            continue
        option_sets[option_set] += 1
        people_asked[person] += candidate.tags[:1] == ("person",)
        facts |= tested
        seen.add(key)
        seen_prompts.add((candidate.prompt, candidate.answer))
        bank.questions.append(_question(lessons[candidate.lesson], candidate, asked))
    order = {lesson.id: lesson.index for lesson in lessons}
    bank.questions.sort(key=lambda question: order[question.lesson_id])
    bank.questions = _spread_answers(bank.questions)


def _spread_answers(questions: list[Question]) -> list[Question]:
    """Put the right options at each position in turn through the bank (from a place seeded
    by its first lesson), so no position holds the answer more often in an export or an
    Anki deck; the bot shuffles again each time it shows a question."""
    if not questions:
        return questions
    turn = int(short_hash(questions[0].lesson_id), 16)
    spread: list[Question] = []
    for question in questions:
        if question.kind == "true_false" or len(question.options) < 2:
            spread.append(question)
            continue
        wrong = [option for i, option in enumerate(question.options) if i != question.answer]
        place = turn % len(question.options)
        turn += 1
        options = (*wrong[:place], question.correct_option, *wrong[place:])
        spread.append(replace(question, options=options, answer=place))
    return spread


_SAME_FACT = "tests a fact another question asks"
_SIDE_DETAIL = "the year or figure of a side detail: not one of the lesson's main facts"
_HEADLINE = "asks for the year the whole document is about (Suez, 1956): no test"
_FAMOUS = "asks a year every adult knows (Apollo 11, 1969): general knowledge, no test"


def _salience(corpus: Corpus, candidate: Candidate, titles: Sequence[str],
              keywords: Sequence[frozenset[str]]) -> int:
    """How surely a year, figure or true/false question asks about one of its lesson's
    main facts (content/salience.py); any other question is taken to."""
    index = _asked_sentence(corpus.positions, candidate.source)
    if index < 0:
        return MIN_SALIENCE
    sentence = corpus.sentences[index]
    names = len({term.key for term in sentence.named()})
    if asks_figure(candidate.kind, candidate.tags):
        return figure_points(names)
    if not asks_detail(candidate.kind, candidate.tags):
        return MIN_SALIENCE
    return salience(
        sentence.text,
        answer=candidate.answer,
        lesson_title=titles[candidate.lesson],
        keywords=keywords[candidate.lesson],
        opens_paragraph=not sentence.previous,
        names=names,
    )


def _asks_year(candidate: Candidate) -> set[str]:
    """The years a question turns on: its answer's, or the one a false statement moved."""
    asked = candidate.tags[0] if candidate.kind == "true_false" and candidate.tags else (
        candidate.answer)
    return set(YEAR.findall(asked))


# "Who settled in Geneva …?", "Who was expelled …?", "Who founded …?" in one lesson: by the
# third, "John Calvin" is the answer to guess
MAX_SAME_PERSON = 2
_SAME_PERSON = "a third question in the lesson whose answer is the same person"
# "convergent, divergent, transform boundary" asked three times with the same three
# options: once two are answered, the third answers itself (blind review r14)
MAX_SAME_OPTIONS = 2
_SAME_OPTIONS = "a third question with the same options: the others give it away"


def _facts(candidate: Candidate, named: dict[str, list[str]]) -> set[tuple[str, str]]:
    """(answer, name) pairs a question tests: "the 1990s" with "NATO" and "Balkans" asked
    four ways is one fact asked four times (blind review: six questions on one fact)."""
    if candidate.kind == "true_false":
        return set()
    answer = fold_key(candidate.answer)
    return {(answer, key) for text, keys in named.items() if text in candidate.source
            for key in keys if key != answer}


def _candidates(corpus: Corpus) -> list[Candidate]:
    generators = (
        cloze_questions,
        true_false_questions,
        subject_questions,
        acronym_questions,
        year_questions,
        when_questions,
        definition_questions,
        kind_questions,
        number_questions,
    )
    names = resolve_pronouns(corpus)
    found = [with_referent(candidate,
                           names.get(_asked_sentence(corpus.positions, candidate.source)))
             for generator in generators for candidate in generator(corpus)]
    return found + derived_statements(corpus, found)


def _asked_sentence(index: dict[str, int], source: str) -> int:
    """The index of the sentence a candidate asks about (a stem may show the one before
    it too), or -1."""
    if source in index:
        return index[source]
    for found in re.finditer(r"(?<=[.!?])\s+", source):
        if (rest := source[found.end():]) in index:
            return index[rest]
    return -1


def _dropped(lessons: Sequence[Lesson], candidate: Candidate, reasons: list[str]) -> str:
    title = lessons[candidate.lesson].title
    return f"{title}: dropped {candidate.kind} “{_short(candidate)}”: " + "; ".join(reasons)


def _short(candidate: Candidate) -> str:
    text = candidate.prompt
    return text if len(text) <= 70 else text[:69] + "…"


def _question(lesson: Lesson, candidate: Candidate, asked: frozenset[str]) -> Question:
    """Shuffle options with a generator seeded by the question's own id: stable builds.

    The explanation becomes the fact's context (content/explain.py), except a false
    statement's, which says what the lesson really says.
    """
    lesson_id = lesson.id
    explanation = candidate.explanation
    if not (candidate.kind == "true_false" and candidate.answer == "False"):
        explanation = in_context(lesson.text, candidate.source, asked) or explanation
    question_id = "q" + short_hash(
        lesson_id,
        candidate.kind,
        candidate.source,
        candidate.identity or candidate.answer,
        *candidate.tags,
        size=7,
    )
    if candidate.fixed_order:
        options = ["True", "False"]
    else:
        options = [candidate.answer, *candidate.distractors]
        random.Random(question_id).shuffle(options)
    return Question(
        id=question_id,
        lesson_id=lesson_id,
        kind=candidate.kind,
        prompt=candidate.prompt,
        options=tuple(options),
        answer=options.index(candidate.answer),
        explanation=explanation,
        source=candidate.source,
    )
