"""Counts and measures asked as blanks: "About _____ athletes from 14 nations took part."

The number is one of the typed answers issue readers ask about most ("How many packages
…?", "How long is …?") and the one a rule can ask cleanly: the blank is the figure only,
the counted noun or unit stays, and the wrong options are figures of the same size and
roundness (1,350 -> 1,100, 1,600, 850), or figures the document gives for the same noun.

A figure after "more than", "over", "nearly" … is left alone: "more than _____ countries"
is true of every smaller option too.
"""

from __future__ import annotations

import random
import re

from content.candidate import Candidate
from content.corpus import Corpus, Sentence
from content.generate_text import BLANK
from content.text import STOPWORDS, short_hash, without_discourse

MIN_VALUE = 3  # "2 are displayed", "one of 2": too small to be a fact worth a blank
MAX_STEM = 220
MIN_WORDS = 8
_UNITS = frozenset(
    "people children men women feet km kilometres kilometers metres meters miles tonnes tons "
    "hectares acres degrees percent".split())
# a figure the sentence states exactly, or "about" it: not a bound ("more than 125 countries")
_FIGURE = re.compile(
    r"(?<![\w.,£$€¥/-])(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,.]\d)"
    r"(?P<scale>\s+(?:million|billion|thousand))?"
    r"(?P<unit>\s*%|\s+per\s+cent|\s+[a-z][a-z-]+)")
# "may reach 60 metres or more": 30 and 45 are as true (review r29)
_OPEN_ENDED = re.compile(r"^\s*(?:[a-z]+\s+)?(?:or|and)\s+(?:more|over|above|longer|higher|"
                         r"less|fewer|under|below|shorter)\b")
_BOUND = re.compile(
    r"\b(?:more|fewer|less|greater|higher|lower)\s+than\s+$|"
    # "winter temperatures below minus _____": 30 is below minus 20 too (review r24)
    r"\b(?:below|above|under|over)\s+minus\s+$|\b(?:over|under|nearly|almost|"
    r"up\s+to|at\s+least|at\s+most|below|above|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|"
    # ("the range can exceed _____ metres": 10 is exceeded too; review r42)
    r"some\s+of|one\s+of|No\.?|number|"
    r"top|aged|age|page|pages|chapter|article|section|Article|clause|clauses|Clause|"
    r"Clauses)\s+$",
    re.I)
_YEARISH = range(1000, 2101)
_NUMERAL = re.compile(r"(?<![\w.,])\d[\d,.]*")
# "within 48 hours", "after 30 days": how long something took is seldom worth a question
_DURATIONS = frozenset("seconds minutes hours days weeks months years decades".split())


# Each sentence's counts and measures, found once per document
Figures = dict[str, list[re.Match[str]]]


def number_questions(corpus: Corpus) -> list[Candidate]:
    """At most one figure blank per sentence: the first exact count or measure."""
    figures = {sentence.text: [match for match in _FIGURE.finditer(sentence.text)
                               if _counts(corpus, sentence, match)]
               for sentence in corpus.sentences}
    found: list[Candidate] = []
    for sentence in corpus.sentences:
        if (sentence.vague or sentence.bullet or len(sentence.text.split()) < MIN_WORDS
                or not figures[sentence.text]):
            continue
        candidate = _figure_blank(corpus, sentence, figures)
        if candidate is not None:
            found.append(candidate)
    return found


def _figure_blank(corpus: Corpus, sentence: Sentence, figures: Figures) -> Candidate | None:
    text = sentence.text
    figure = figures[text][0]
    unit = _unit(figure)
    if len(_NUMERAL.findall(text)) - len(sentence.dates()) > 1:
        return None  # "8,000 of the 20,000 troops", "45 to 52 per cent": one gives the other
    if re.search(r"\bthe\s+$", text[: figure.start()]):
        return None  # "won the 500 metres": the name of a race, not a measure
    stem = without_discourse(text[: figure.start("number")] + BLANK + text[figure.end("number"):])
    if len(stem) > MAX_STEM or "(" in stem[: stem.index(BLANK)][-3:]:
        return None
    answer = figure["number"]
    rng = random.Random(short_hash(corpus.title, "figure", text, size=8))
    approximate = _ABOUT.search(text[: figure.start()]) is not None
    distractors = _options(figures, answer, unit, text, rng, approximate=approximate)
    if len(distractors) < 3:
        return None
    return Candidate(
        lesson=sentence.lesson,
        kind="cloze",
        prompt=f"Fill in the blank: {stem}",
        answer=answer,
        distractors=tuple(distractors),
        explanation=f"The lesson gives {answer}{figure['scale'] or ''}{figure['unit']} here.",
        source=text,
        statement=stem,
        tags=("number",),
    )


def _counts(corpus: Corpus, sentence: Sentence, match: re.Match[str]) -> bool:
    """A count or measure of something: a number then a plural noun or a unit, not a
    year, a date, a bound or a label."""
    text = sentence.text
    value = _value(match["number"])
    word = match["unit"].strip().lower()
    if (value < MIN_VALUE or _BOUND.search(text[: match.start()]) or word in _DURATIONS
            or _OPEN_ENDED.match(text[match.end():])):
        return False
    if "," not in match["number"] and int(value) in _YEARISH and value.is_integer():
        return False  # a year, even before a noun ("1896 Games")
    if any(date.start <= match.start() < date.end for date in sentence.dates()):
        return False
    if word in {"%", "per cent"} or word in _UNITS:
        return True
    return (word.endswith("s") and not word.endswith("ss") and word not in STOPWORDS
            and word in corpus.lexicon.lower_words)


def _unit(match: re.Match[str]) -> str:
    return (match["scale"] or "").strip() + " " + match["unit"].strip().lower()


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def _options(figures: Figures, answer: str, unit: str, source: str,
             rng: random.Random, *, approximate: bool = False) -> list[str]:
    """Figures the document gives for the same noun first, then figures of the answer's
    size and roundness on both sides of it; for "about 5 litres", none so near that it
    could be what "about" means (4 is about 5 too: blind review r19)."""
    value = _value(answer)
    decimals = len(answer.split(".")[1]) if "." in answer else 0
    # as the answer is written: "3.8" is not offered beside 11 and 15, nor "2,335" beside
    # "1371" (review r28); the document's figure in the answer's own style
    same_noun = [_written(_value(match["number"]), decimals, thousands=_thousands(answer))
                 for text, found in figures.items() if text != source for match in found
                 if _unit(match) == unit and _value(match["number"]) != value
                 and ("." in match["number"]) == bool(decimals)]
    chosen: list[str] = []
    percent = unit.strip() in _PERCENT
    near = _points_near if percent else _near

    def fits(option: str) -> bool:
        # "Most of the Earth's water … about _____ percent": 40 is not most (review r20)
        return not (percent and value > HALF >= _value(option))

    for option in same_noun:
        if (option not in chosen and len(chosen) < 2 and _plausible(value, _value(option))
                and not (approximate and near(value, _value(option))) and fits(option)):
            chosen.append(option)
    made = _near_figures(answer, percent=percent)
    if approximate:
        made = [option for option in _far_figures(answer, percent=percent)
                if option not in made] + [option for option in made
                                          if not near(value, _value(option))]
    lower = [option for option in made if _value(option) < value]
    higher = [option for option in made if _value(option) > value]
    rng.shuffle(lower)
    rng.shuffle(higher)
    for option in [*lower[:1], *higher[:1], *lower[1:2], *higher[1:], *lower[2:]]:
        if len(chosen) >= 3:
            break
        if approximate and any(near(_value(other), _value(option), APPROXIMATE_GAP / 2)
                               for other in chosen):
            continue  # 800 beside 850 for "roughly 1,350": one of them is a giveaway pair
        if option not in chosen and option != answer and option not in source and fits(option):
            chosen.append(option)
    return chosen


_PERCENT = frozenset({"%", "per cent", "percent"})
HALF = 50
PERCENT_POINTS = 8  # "about 97 percent": 90 is about 97 too, 80 is not
_ABOUT = re.compile(r"\b(?:about|around|roughly|approximately|some|circa|c\.)\s+$", re.I)
APPROXIMATE_GAP = 0.3  # "about 5": 3 and 8 are other answers, 4 and 6 are the same one


def _near(value: float, other: float, gap: float = APPROXIMATE_GAP) -> bool:
    return abs(other - value) < gap * value


def _points_near(value: float, other: float, gap: float = APPROXIMATE_GAP) -> bool:
    """Shares are near in points, not in proportion: 80 and 97 per cent are different
    answers, 95 and 97 the same one (`gap` scales PERCENT_POINTS as it scales a ratio)."""
    return abs(other - value) < PERCENT_POINTS * gap / APPROXIMATE_GAP


def _far_figures(answer: str, *, percent: bool) -> list[str]:
    """For an approximate figure: about half, three fifths, seven and eight fifths of it,
    rounded as the answer is; for a share, 10 to 30 points either side of it."""
    value = _value(answer)
    decimals = len(answer.split(".")[1]) if "." in answer else 0
    grain = _grain(answer) or 10 ** -decimals
    made: list[str] = []
    # not twice the answer: a river of 12,800 km beside the Amazon's 6,400 (review r34)
    steps = ([value + points for points in (-30, -20, -10, 10, 20)] if percent
             else [value * factor for factor in (0.5, 0.6, 1.4, 1.6)])
    near = _points_near if percent else _near
    for step in steps:
        rounded = round(step / grain) * grain
        if rounded >= MIN_VALUE and not near(value, rounded) and not (
                percent and rounded >= 100):
            text = _written(rounded, decimals, thousands=_thousands(answer))
            if text not in made:
                made.append(text)
    return made


def _thousands(answer: str) -> bool:
    """Whether figures beside the answer are written 1,371: as the answer is, or, under a
    thousand, as figures mostly are ("979" beside "1,371", not "1371")."""
    return "," in answer or _value(answer) < 1000


def _plausible(value: float, other: float) -> bool:
    """Within a factor of three: 14 nations and 240 athletes are not confused."""
    return other > 0 and 1 / 3 <= other / value <= 3


def _near_figures(answer: str, *, percent: bool) -> list[str]:
    """Figures about a quarter to a half away from the answer, rounded as it is."""
    value = _value(answer)
    decimals = len(answer.split(".")[1]) if "." in answer else 0
    grain = _grain(answer)
    if decimals == 0 and value < 20:
        steps = [value + delta for delta in (-4, -3, -2, -1, 1, 2, 3, 4, 6)]
    elif grain >= 1:
        # steps of about a fifth of the answer, in its own unit, so that 1,350 gets
        # 1,100 and 1,600 (not 700 and 2,000 beside it, the one precise figure)
        step = max(grain, round(value * 0.2 / grain) * grain)
        steps = [value + k * step for k in (-3, -2, -1, 1, 2, 3)]
    else:
        steps = [value * factor for factor in (0.6, 0.75, 0.9, 1.1, 1.25, 1.5)]
    made: list[str] = []
    for step in steps:
        rounded = round(step / grain) * grain if grain >= 1 else round(step, decimals)
        if rounded < MIN_VALUE or (percent and rounded >= 100) or rounded == value:
            continue
        text = _written(rounded, decimals, thousands=_thousands(answer))
        if text not in made:
            made.append(text)
    return made


def _grain(answer: str) -> float:
    """The answer's own unit: 240 -> 10, 1,350 -> 50, 375 -> 5, 400,000 -> 100,000,
    14 -> 1; 0 for a decimal (kept to its decimals)."""
    digits = answer.replace(",", "")
    if "." in digits:
        return 0
    significant = digits.rstrip("0")
    unit = 10 ** (len(digits) - len(significant))
    return float(unit * 5 if significant.endswith("5") and len(significant) > 1 else unit)


def _written(value: float, decimals: int, *, thousands: bool) -> str:
    if decimals:
        return f"{value:.{decimals}f}"
    number = int(round(value))
    return f"{number:,}" if thousands or number >= 10000 else str(number)
