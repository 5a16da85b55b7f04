"""A dated passive sentence asked as a "when" question: "BSkyB's digital service was
officially launched on 1 October 1998 under the name Sky Digital" -> "In which year was
BSkyB's digital service officially launched, under the name Sky Digital?".

The passive needs no verb forms a dictionary would have to give ("was launched" stays
"was … launched"), so it is the one shape turned into a question rather than a blank.
"""

from __future__ import annotations

import random
import re

from content.candidate import Candidate
from content.corpus import Corpus, Sentence
from content.date_options import pick_dates
from content.date_terms import MONTH
from content.terms import Term, TermType
from content.text import STOPWORDS, short_hash, without_discourse
from content.verbs import named_statement

# "in 1998", "on 1 October 1998", "in May 1998", "in early 2005"
_DATE_PHRASE = re.compile(
    rf"\s*,?\s*\b(?:in|on|during)\s+(?:(?:early|mid|late)[\s-]+)?(?:\d{{1,2}}\s+)?"
    rf"(?:{MONTH}\s+)?(?P<year>1[0-9]{{3}}|20[0-9]{{2}})\b")
MAX_SUBJECT_WORDS = 8
_YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b")
_NUMBERS = frozenset("one two three four five six seven eight nine ten twelve".split())
# "…, although small-scale tests were carried out before then": not part of the question
_AFTERTHOUGHT = re.compile(r",\s+(?:although|though|but|while|whereas|which|when|as|after|"
                           r"before|and|so|because|making|becoming)\b|"
                           # "… was knighted and is regarded as …": a second predicate
                           r"(?:^|\s+)and\s+(?:is|are|was|were|has|have|had|[a-z]+ed)\b")
# "While work … was stalled, Babbage conceived …": the passive is not the main clause
_SUBORDINATE = frozenset(
    "while when whenever although though after before as since if because until once "
    "whereas unless where".split())
_PASSIVE = re.compile(
    r"^(?P<subject>(?:The\s+|[A-Z])[^,;:()]{2,80}?)\s+(?P<aux>was|were)\s+"
    r"(?P<adverb>(?:[a-z]+ly\s+)?)(?P<verb>[a-z]+(?:ed|en)|built|made|held|won|sold|set\s+up|"
    r"founded|begun|signed)\b(?P<rest>.*)$")


def when_questions(corpus: Corpus) -> list[Candidate]:
    """One "In which year was X …ed?" per dated passive sentence with one year, and one "In
    which year did X …?" per dated sentence whose subject is a name (content/verbs.py)."""
    return [candidate for sentence in corpus.sentences
            if (candidate := _when(corpus, sentence) or _active_when(corpus, sentence))
            is not None]


def _when(corpus: Corpus, sentence: Sentence) -> Candidate | None:
    years = [term for term in sentence.dates() if term.type is TermType.YEAR]
    if sentence.vague or sentence.bullet or len(sentence.dates()) != 1 or len(years) != 1:
        return None
    match = _PASSIVE.match(without_discourse(sentence.text).rstrip("."))
    if match is None:
        return None
    date = _DATE_PHRASE.search(match["rest"])
    if date is None or date["year"] != years[0].text:
        return None
    rest = (match["rest"][: date.start()] + match["rest"][date.end():]).strip()
    rest = _AFTERTHOUGHT.split(re.sub(r"^,\s*", "", rest))[0].rstrip(", ")
    subject = match["subject"]
    before_date = match["rest"][: date.start()]
    if (subject.split()[0].lower() in _SUBORDINATE or re.search(r",\s+[A-Z]", before_date)
            or _AFTERTHOUGHT.search(before_date)):
        # the date may belong to another clause ("…, Babbage conceived …", "was carried
        # out in stages and was completed in 2002")
        return None
    if " and " in subject or len(subject.split()) > MAX_SUBJECT_WORDS or _YEAR.search(rest):
        return None  # "The buildings still stand in Bergen and were listed …": two clauses
    if (subject.split()[0].lower() in STOPWORDS | _NUMBERS
            or subject.split()[0].lower() in corpus.lexicon.lower_words):
        subject = subject[:1].lower() + subject[1:]  # "the American Red Cross", "two …"
    tail = f" {rest}" if rest else ""
    prompt = (f"In which year {match['aux']} {corpus.resolved(subject)} "
              f"{match['adverb']}{match['verb']}{corpus.resolved(tail)}?")
    return _asked(corpus, sentence, years[0], prompt)


# "In 1241 Lübeck and Hamburg concluded …", "Osman defeated … in 1302": a name, then the verb
def _active_when(corpus: Corpus, sentence: Sentence) -> Candidate | None:
    """ "In 1241 Lübeck and Hamburg concluded an agreement …" -> "In which year did Lübeck
    and Hamburg conclude an agreement …?" (content/verbs.py reads the statement)."""
    years = [term for term in sentence.dates() if term.type is TermType.YEAR]
    if len(sentence.dates()) != 1 or len(years) != 1:
        return None
    statement = named_statement(sentence)
    if statement is None:
        return None
    rest = statement.rest
    if not statement.opening:
        date = _DATE_PHRASE.search(rest)
        if date is None or date["year"] != years[0].text or _AFTERTHOUGHT.search(
                rest[: date.start()]) or re.search(r",\s+[A-Z]", rest[: date.start()]):
            return None  # the date may belong to another clause
        rest = (rest[: date.start()] + rest[date.end():]).strip()
    rest = _AFTERTHOUGHT.split(re.sub(r"^,\s*", "", rest))[0].rstrip(", ")
    if not rest or _YEAR.search(rest) or (_telling_words(rest) < MIN_OBJECT_WORDS
                                          and not re.search(r"\b[A-Z]", rest)):
        return None  # "did the United States Congress approve funding?": funding for what?
    prompt = (f"In which year did {corpus.resolved(statement.subject)} {statement.verb} "
              f"{corpus.resolved(rest)}?")
    return _asked(corpus, sentence, years[0], prompt)


MIN_OBJECT_WORDS = 2


def _telling_words(text: str) -> int:
    return sum(1 for word in re.findall(r"[a-z]{3,}", text.lower()) if word not in STOPWORDS)


def _asked(corpus: Corpus, sentence: Sentence, year: Term, prompt: str) -> Candidate | None:
    rng = random.Random(short_hash(corpus.title, "when", sentence.text, size=8))
    distractors = pick_dates(corpus, year, stem=prompt, count=3, rng=rng,
                             source=sentence.text)
    if len(distractors) < 2:
        return None
    return Candidate(
        lesson=sentence.lesson,
        kind="mcq",
        prompt=prompt,
        answer=year.text,
        distractors=tuple(distractors),
        explanation=f"The lesson: “{sentence.text}”",
        source=sentence.text,
        statement=prompt,
        tags=("date", "when"),
    )
