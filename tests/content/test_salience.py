"""Years asked only of a lesson's main facts (content/salience.py): the whole-bank review
of 09123af refused most year questions as side details, a renaming, a sale, a town hall."""

from __future__ import annotations

import pytest

from content.generate import MIN_QUESTIONS_PER_COURSE, generate_questions
from content.lessons import make_lessons
from content.parse import parse_document
from content.salience import MIN_SALIENCE, asks_detail, lesson_keywords, salience

HANSA = """# The Hanseatic League

## Lübeck and Hamburg

In 1241 Lübeck and Hamburg signed a treaty to protect their trade. The league grew into a \
network of nearly two hundred towns around the Baltic Sea. Its merchants traded furs, wax, \
grain and fish. A new town hall was completed in 1308.

## The Steelyard in London

On 12 March 1282 King Edward I granted the Hanseatic merchants a charter for the Steelyard \
in London. The Steelyard held warehouses, a weighing house and a church. Its merchants paid \
no customs on wool. The site was sold to a railway company in 1853.

## War with Denmark

In November 1367 the Hanseatic towns formed the Confederation of Cologne against King \
Valdemar IV of Denmark. Their fleets burned Copenhagen. On 24 May 1370 Denmark signed the \
Treaty of Stralsund, which gave the Hanseatic League control over forts in Scania.
"""


def _bank(text: str) -> tuple[set[str], list[str]]:
    document = parse_document(text, name="hansa")
    sections, lessons = make_lessons("hansa", document)
    bank = generate_questions(document.title, sections, lessons)
    return {question.correct_option for question in bank.questions}, bank.dropped


def test_the_years_of_side_details_are_not_asked_beside_main_facts() -> None:
    answers, dropped = _bank(HANSA)
    # a paragraph's opening, a day or month, the lesson's own subject: main facts
    assert {"1241", "1282", "1367", "1370"} <= answers
    # the town hall and the sale of the site, mid-paragraph, naming nothing
    assert not {"1308", "1853"} & answers
    assert any("side detail" in line and "railway company" in line for line in dropped)


def test_a_course_of_side_details_still_gets_a_short_quiz() -> None:
    text = """# Harbour towns

## Buildings

The harbour towns traded furs, wax, grain and fish across the Baltic Sea. A new town hall \
was completed in 1308. A stone crane was built on the quay in 1342. The site of the old \
warehouse was sold to a railway company in 1853. A museum was opened in the cellar in 1921.
"""
    answers, dropped = _bank(text)
    asked = answers & {"1308", "1342", "1853", "1921"}
    assert 0 < len(asked) <= MIN_QUESTIONS_PER_COURSE
    assert any("side detail" in line for line in dropped)


def _points(sentence: str, *, answer: str = "1853", opens_paragraph: bool = False,
            names: int = 0, keywords: frozenset[str] = frozenset({"steelyard", "merchant"})
            ) -> int:
    return salience(sentence, answer=answer, lesson_title="The Steelyard in London",
                    keywords=keywords, opens_paragraph=opens_paragraph, names=names)


def test_points_for_each_signal_and_none_for_the_answer_s_own_words() -> None:
    assert _points("The site was sold to a railway company in 1853.") == 0
    assert _points("The site was sold on 3 May 1853.") == 2  # a day or month
    assert _points("The Steelyard was sold in 1853.") == 1  # the lesson's title
    assert _points("The site was sold in 1853.", opens_paragraph=True) == 1
    assert _points("The site was sold in 1853.", names=2) == 1
    assert _points("Merchants left the Steelyard in 1853.") == 2  # title + two keywords
    # the answer's words say nothing of the sentence: "London" asked is no title word
    assert _points("Merchants came to London in 1282.", answer="London", keywords=frozenset()) == 0
    assert MIN_SALIENCE == 2


def test_keywords_are_what_a_lesson_repeats_and_the_others_do_not() -> None:
    lessons = [
        "The Steelyard held warehouses. The Steelyard merchants traded in the city.",
        "Danish fleets burned Copenhagen. The fleets then sailed to the city.",
    ]
    first, second = lesson_keywords(lessons)
    assert "steelyard" in first and "fleet" in second
    assert "city" not in first  # both lessons use it once: not repeated
    assert "steelyard" not in second


@pytest.mark.parametrize(("kind", "tags", "held"), [
    ("cloze", ("year",), True),
    ("mcq", ("date", "when"), True),
    ("true_false", ("1853",), True),
    ("cloze", ("number",), False),  # figures were accepted as often as the rest
    ("mcq", ("person",), False),
])
def test_which_questions_are_held_to_it(kind: str, tags: tuple[str, ...], held: bool) -> None:
    assert asks_detail(kind, tags) is held


def test_a_figure_is_asked_where_the_sentence_names_nothing() -> None:
    # r40-r43: figure blanks beside names were accepted 4 times in 20 ("Britain eventually
    # sent about 450,000 troops"), those naming nothing 40 times in 76
    text = """# Bodies and wars

## Measures

The small intestine is the longest part of the gut, about 6 metres long. The large \
intestine is about 2 metres long. The oesophagus is a muscular tube about 25 centimetres \
long. The rectum is about 12 centimetres long. The whole gut is about 9 metres long.

## Wars

Britain eventually sent about 450,000 troops to South Africa. The Boers had about \
40,000 troops in the field. Many farms were burned by the troops.
"""
    answers, dropped = _bank(text)
    assert "6" in answers  # the gut measured: no name in the sentence
    assert "450,000" not in answers  # Britain, South Africa: a story's side statistic
    assert any("side detail" in line and "Britain" in line for line in dropped)
