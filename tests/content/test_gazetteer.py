"""World knowledge the engine keeps in content/data (content/gazetteer.py)."""

from __future__ import annotations

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


def test_a_year_every_adult_knows_is_not_asked() -> None:
    # reviews r29 and r34: "Apollo 11 in 1969", "the San Francisco earthquake of 1906"
    document = parse_document(APOLLO, name="apollo")
    sections, lessons = make_lessons("apollo", document)
    bank = generate_questions(document.title, sections, lessons)
    assert not [q for q in bank.questions if "Apollo 11" in q.prompt and "1969" in q.options]
    assert any("every adult knows" in line for line in bank.dropped)
