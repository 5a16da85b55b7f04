"""Lessons of reading size: where text is cut, what lessons are called, which ids they keep."""

from __future__ import annotations

import random
import re

import pytest

from content.chunks import MAX_WORDS, MIN_WORDS
from content.document import Document
from content.lessons import SPLIT_ABOVE_WORDS, make_lessons
from content.model import Lesson
from content.parse import parse_document
from content.text import short_hash

from .conftest import SEED_MD

SEED = SEED_MD.read_text(encoding="utf-8")
# The seed without its section headings: a title line, then 45 paragraphs and lists.
HEADINGLESS = re.sub(r"(?m)^## .*\n\n", "", SEED)


def _lessons(text: str, name: str = "course") -> list[Lesson]:
    return make_lessons(name, parse_document(text, name=name))[1]


def _words(lesson: Lesson) -> int:
    return len(lesson.text.split())


def test_text_without_headings_becomes_lessons_of_reading_size() -> None:
    lessons = _lessons(HEADINGLESS)
    assert len(lessons) >= 5
    assert all(MIN_WORDS <= _words(lesson) <= MAX_WORDS for lesson in lessons)


def test_cuts_fall_between_paragraphs() -> None:
    """Every paragraph (or list) of the source is whole in exactly one lesson."""
    paragraphs = [part.strip() for part in HEADINGLESS.split("\n\n")[1:] if part.strip()]
    lessons = _lessons(HEADINGLESS)
    for paragraph in paragraphs:
        shown = paragraph.replace("- ", "• ")
        assert sum(shown in lesson.text for lesson in lessons) == 1, paragraph[:60]


def test_titles_name_what_each_lesson_is_about() -> None:
    lessons = _lessons(HEADINGLESS)
    titles = [lesson.title for lesson in lessons]
    assert len(set(titles)) == len(titles)
    for lesson in lessons:
        assert not re.match(r"(?i)(introduction|part \d|lesson \d|conclusion)", lesson.title)
        subject = lesson.title.split(" and ")[0]
        assert subject.lower() in lesson.text.lower(), lesson.title


def test_a_term_the_lesson_keeps_using_beats_a_name_it_mentions_once() -> None:
    from content.titles import rarity_of, title_for

    pigments = ("The key pigment is chlorophyll, a name coined in 1817 by Joseph Bienaimé "
                "Caventou. A chlorophyll molecule has a ring-shaped head. Chlorophyll a absorbs "
                "blue light, and chlorophyll b passes energy on. Without chlorophyll a leaf "
                "is pale, and old leaves lose their chlorophyll in autumn. Plants make "
                "chlorophyll in light; chlorophyll needs magnesium.")
    cycle = "The Calvin cycle builds sugar. Melvin Calvin worked it out with carbon-14."
    rarity = rarity_of([pigments, cycle])
    assert title_for(pigments, title="Photosynthesis", rarity=rarity) == "Chlorophyll"


def test_an_adverb_opening_a_sentence_is_no_part_of_a_name() -> None:
    from content.titles import title_for

    witte = ("The most influential promoter of the railway was Sergei Witte. Briefly Minister "
             "of Ways of Communication in 1892, Witte argued for the railway. Witte won.")
    assert not title_for(witte, title="Railways").startswith("Briefly")


def test_a_paragraph_longer_than_a_lesson_is_cut_at_sentence_ends() -> None:
    body = HEADINGLESS.split("\n\n", 1)[1].replace("\n- ", " ").replace("\n", " ")
    sentences = re.findall(r"[A-Z][^.]*\.", body)
    paragraph = " ".join(" ".join(sentences[:90]).split())
    assert len(paragraph.split()) > 3 * MAX_WORDS
    lessons = _lessons(f"One long paragraph\n\n{paragraph}\n")
    assert len(lessons) >= 3
    assert all(_words(lesson) <= MAX_WORDS for lesson in lessons)
    assert all(lesson.text.endswith(".") for lesson in lessons)
    assert " ".join(lesson.text for lesson in lessons) == paragraph


def test_a_section_much_longer_than_a_lesson_is_split_under_its_title() -> None:
    body = "\n\n".join(HEADINGLESS.split("\n\n")[1:])
    assert len(body.split()) > SPLIT_ABOVE_WORDS
    lessons = _lessons(f"# Course\n\n## Short one\n\nA few words here.\n\n## Long one\n\n{body}")
    long_parts = [lesson for lesson in lessons if lesson.title.startswith("Long one")]
    assert len(long_parts) >= 3
    assert long_parts[0].title == "Long one"
    assert all(lesson.title.startswith("Long one: ") for lesson in long_parts[1:])
    # the first part keeps the id the whole section had, so learners keep its progress
    assert long_parts[0].id == "l" + short_hash("course", "Long one", "0", size=5)


def test_seed_lessons_keep_their_titles_and_ids() -> None:
    """Each seed section is one lesson with the id it always had (course id, title, nth)."""
    document: Document = parse_document(SEED, name=SEED_MD.stem)
    lessons = make_lessons(SEED_MD.stem, document)[1]
    assert [lesson.title for lesson in lessons] == [s.title for s in document.sections]
    assert lessons[6].title == "NATO’s Role in Peacekeeping"
    for lesson in lessons:
        assert lesson.id == "l" + short_hash(SEED_MD.stem, lesson.title, "0", size=5)


def _edit(paragraph: str, kind: int, rng: random.Random) -> str:
    words = paragraph.split(" ")
    if kind == 0:  # a word changed
        words[rng.randrange(len(words))] = "reworded"
    elif kind == 1:  # a sentence added
        words.insert(rng.randrange(len(words)), "A remark was added here by the editor.")
    else:  # half the paragraph deleted
        words = words[: max(6, len(words) // 2)]
    return " ".join(words)


@pytest.mark.parametrize("seed", range(12))
def test_editing_one_paragraph_keeps_the_other_lessons(seed: int) -> None:
    """Cuts are chosen locally: an edit changes at most one lesson id (the edited lesson's,
    when its opening words or a nearby cut move), and lessons away from it keep their text."""
    rng = random.Random(seed)
    paragraphs = HEADINGLESS.split("\n\n")
    index = rng.randrange(1, len(paragraphs))
    while paragraphs[index].startswith("- "):
        index = rng.randrange(1, len(paragraphs))
    edited = (
        paragraphs[:index] + [_edit(paragraphs[index], seed % 3, rng)] + paragraphs[index + 1 :]
    )
    before, after = _lessons(HEADINGLESS), _lessons("\n\n".join(edited))
    assert len({lesson.id for lesson in before} - {lesson.id for lesson in after}) <= 1
    touched = next(n for n, lesson in enumerate(before) if paragraphs[index] in lesson.text)
    texts_after = {lesson.text for lesson in after}
    for number, lesson in enumerate(before):
        if abs(number - touched) > 1:
            assert lesson.text in texts_after, lesson.title


def test_a_title_is_a_thing_not_an_adjective_and_not_a_person_s_employer() -> None:
    # reviews r29-r32: lessons titled "Fresh", "Innate", "Contains" and "Vincent Schaefer of
    # the General Electric"
    from content.titles import title_for

    fresh = ("Only a small share of water is fresh. Fresh water is rare: most fresh water is "
             "frozen in Antarctica, and the ice of Antarctica is kilometres thick.")
    assert title_for(fresh, title="Water") != "Fresh"
    seeding = ("In 1946 Vincent Schaefer of the General Electric Research Laboratory dropped dry "
               "ice into a cloud. Vincent Schaefer of the General Electric Research Laboratory "
               "saw snow form.")
    assert title_for(seeding, title="Clouds") == "Vincent Schaefer"


def test_a_title_is_the_same_whatever_the_hash_seed() -> None:
    """ "Conquest" and "conquest" are one subject: which spelling was seen first depended on
    a set's order, so the Normans' lesson was "Wales and Conquest" in one process and
    "Wales" in the next. The lower-case spelling wins, in every process."""
    import os
    import subprocess
    import sys

    text = ("Wales was raided by the Normans. The Normans built castles in Wales. The Conquest "
            "of Wales was slow. In Wales the conquest took two centuries. Wales resisted the "
            "conquest. The Conquest reached Wales late. Later the Conquest ended the conquest. "
            "Wales remembers the Conquest and the conquest. Poets sang of the Conquest.")
    script = "import sys; from content.titles import title_for; print(title_for(sys.argv[1]))"
    titles = {
        subprocess.run([sys.executable, "-c", script, text],
                       env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout.strip()
        for seed in ("1", "2", "3", "4")
    }
    assert titles == {"Wales"}
