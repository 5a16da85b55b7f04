"""World knowledge the engine keeps in content/data (content/gazetteer.py)."""

from __future__ import annotations

import pytest

from content.gazetteer import famous_years
from content.generate import generate_questions
from content.lessons import make_lessons
from content.parse import parse_document

APOLLO = """# Apollo

## The landing

Apollo 11 was launched from Kennedy Space Center in 1969. The lunar module Eagle landed in \
the Sea of Tranquility. The Saturn V first flew in 1967 on Apollo 4. The programme ended in \
1972 with Apollo 17.
"""


def test_the_years_of_famous_events_a_stem_names_are_known() -> None:
    assert famous_years("In which year was Apollo 11 launched?") == {"1969"}
    assert famous_years("The French Revolution began in _____.") == {"1789"}
    assert famous_years("In which year did Apollo 12 land?") == set()
    assert famous_years("The revolution in France began in _____.") == set()


@pytest.mark.parametrize(("stem", "year"), [
    # the whole-bank review of 09123af: common knowledge, not the lesson
    ("On 3 October _____ the GDR acceded to the Federal Republic, and Germany was reunified.",
     "1990"),
    ("On 11 March _____, the Tōhoku earthquake off the north-east coast of Japan …", "2011"),
    ("In a referendum held on 23 June _____, voters in the United Kingdom chose to leave the "
     "European Union", "2016"),
    ("In _____ Dunant was awarded the very first Nobel Peace Prize.", "1901"),
    ("After the Soviet invasion of Afghanistan in December _____, Carter led a boycott.", "1979"),
])
def test_more_years_every_adult_knows(stem: str, year: str) -> None:
    assert famous_years(stem) == {year}


def test_a_year_every_adult_knows_is_not_asked() -> None:
    # reviews r29 and r34: "Apollo 11 in 1969", "the San Francisco earthquake of 1906"
    document = parse_document(APOLLO, name="apollo")
    sections, lessons = make_lessons("apollo", document)
    bank = generate_questions(document.title, sections, lessons)
    assert not [q for q in bank.questions if "Apollo 11" in q.prompt and "1969" in q.options]
    assert any("every adult knows" in line for line in bank.dropped)


def test_the_famous_year_of_a_course_s_subject_is_not_asked_anywhere_in_it() -> None:
    # review r38: "In October _____ a crowd … marched to Versailles" in a course on the
    # French Revolution: 1789 is the reflex guess
    text = """# The French Revolution

## The first year

In October 1789 a crowd of Parisian women marched to Versailles and forced the royal \
family to move to Paris. In June 1791 the king fled to Varennes. In April 1792 France \
declared war on Austria. In January 1793 Louis XVI was executed.
"""
    document = parse_document(text, name="revolution")
    sections, lessons = make_lessons("revolution", document)
    bank = generate_questions(document.title, sections, lessons)
    assert bank.questions  # the other years are asked
    assert not [q for q in bank.questions if "1789" in q.options]
