"""The wrong-option rules: never a term from the answer's own sentence, never one the
document lists together with the answer; and the mix of kinds the ranking keeps."""

from __future__ import annotations

from collections import Counter

import pytest

from content import Course, Question
from content.corpus import Corpus, build_corpus
from content.parse import parse_document
from content.relations import near_synonyms
from content.text import contains_words

from .conftest import SECOND_DOC, SEED_MD

_OPTION_KINDS = ("cloze", "mcq")


def _corpus(path: object) -> Corpus:
    text = SEED_MD.read_text(encoding="utf-8") if path == "seed" else SECOND_DOC.read_text("utf-8")
    document = parse_document(text, name="x")
    return build_corpus(document.title, list(document.sections))


def _keys(corpus: Corpus, text: str) -> set[str]:
    return {key for key, surfaces in corpus.surfaces.items() if text in surfaces}


def _wrong(question: Question) -> list[str]:
    return [o for i, o in enumerate(question.options) if i != question.answer]


def _checked(course: Course) -> list[Question]:
    inline = [q for q in course.questions if q.kind == "list" and "NOT" not in q.prompt]
    return [q for q in course.questions if q.kind in _OPTION_KINDS] + inline


@pytest.mark.parametrize("which", ["seed", "second"])
def test_no_wrong_option_is_named_in_the_answers_sentence(
    which: str, seed_course: Course, second_course: Course
) -> None:
    course = seed_course if which == "seed" else second_course
    for question in _checked(course):
        if question.prompt.startswith("Which year") or question.prompt.startswith("Which dec"):
            continue
        sentence = question.source.split(". ")[-1]
        for option in _wrong(question):
            assert not contains_words(sentence, option), (question.prompt, option)


@pytest.mark.parametrize("which", ["seed", "second"])
def test_no_wrong_option_is_listed_together_with_the_answer(
    which: str, seed_course: Course, second_course: Course
) -> None:
    course = seed_course if which == "seed" else second_course
    corpus = _corpus(which)
    for question in _checked(course):
        answer_keys = _keys(corpus, question.correct_option)
        for option in _wrong(question):
            for key in _keys(corpus, option):
                together = any(corpus.coordinated_with(a, key) for a in answer_keys)
                assert not together, (question.prompt, question.correct_option, option)


def test_phrase_blanks_offer_no_near_synonym_of_the_answer(seed_course: Course) -> None:
    for question in seed_course.questions:
        if question.kind != "cloze" or question.correct_option[:1].isupper():
            continue
        for option in _wrong(question):
            assert not near_synonyms(option, question.correct_option), (question.prompt, option)


def test_the_coordination_relation_sees_lists_and_acronyms() -> None:
    corpus = _corpus("seed")
    assert corpus.coordinated_with("african union", "european union")  # "(AU) and the ... (EU)"
    assert corpus.coordinated_with("governments", "armed groups")
    assert not corpus.coordinated_with("nato", "european union")


def test_no_kind_dominates_and_true_false_is_balanced(seed_course: Course) -> None:
    kinds = Counter(question.kind for question in seed_course.questions)
    assert len(kinds) >= 2, kinds  # no share per kind is enforced (docs/question-engine.md)
    verdicts = Counter(q.correct_option for q in seed_course.questions if q.kind == "true_false")
    assert verdicts["True"] == verdicts["False"], verdicts


def test_a_true_statement_never_gives_away_another_question(seed_course: Course) -> None:
    stated = {
        q.source
        for q in seed_course.questions
        if q.kind == "true_false" and q.correct_option == "True"
    }
    for question in seed_course.questions:
        if question.kind == "true_false":
            continue
        assert question.source.split(". ")[-1] not in stated, question.prompt


SCIENTISTS = """# Light and life

## Early work

In 1771 the English chemist Joseph Priestley showed that a sprig of mint restores air. In \
1779 the Dutch physician Jan Ingenhousz showed that plants restore air only in sunlight. In \
1804 the Swiss chemist Nicolas de Saussure proved that plants consume water.

## Later work

In 1961 the American chemist Melvin Calvin received the Nobel Prize for the carbon cycle. In \
1978 the British biochemist Peter Mitchell received the Nobel Prize for chemiosmosis.
"""


def test_people_offered_for_a_person_lived_in_the_answers_time() -> None:
    import random

    from content.distractors import pick_terms

    document = parse_document(SCIENTISTS, name="light")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.eras[next(iter(_keys(corpus, "Peter Mitchell")))] == 1978
    sentence = corpus.sentences[0]
    priestley = next(term for term in sentence.terms if term.text == "Joseph Priestley")
    offered = pick_terms(corpus, priestley, stem="", lesson=0, count=3,
                         rng=random.Random(1), source=sentence.text)
    # of 1779 and 1804; Melvin Calvin (1961) and Peter Mitchell (1978) are lives away
    assert set(offered) == {"Jan Ingenhousz", "Nicolas de Saussure"}


def _offered_in_first_sentence(text: str, answer: str) -> list[str]:
    """The wrong options offered for `answer`, a name in the document's first sentence."""
    import random

    from content.distractors import pick_terms

    document = parse_document(text, name="x")
    corpus = build_corpus(document.title, list(document.sections))
    sentence = corpus.sentences[0]
    term = next(term for term in sentence.terms if term.text == answer)
    return pick_terms(corpus, term, stem="", lesson=0, count=3, rng=random.Random(1),
                      source=sentence.text)


def test_no_state_of_another_age_is_offered_for_a_dated_place() -> None:
    text = """# Travels

## Journeys

In 1859 the banker travelled to northern Italy on business. Later, in 1967, the war \
involved Israel and Egypt. In 1991 Croatia and Slovenia left the federation. France and \
Spain signed a treaty in 1860.
"""
    offered = _offered_in_first_sentence(text, "Italy")
    assert offered and not {"Israel", "Croatia", "Slovenia"} & set(offered)
    assert set(offered) <= {"France", "Spain"}  # Egypt: named only beside 1967


def test_no_war_of_another_time_and_no_body_older_than_a_founding() -> None:
    import random

    from content.distractors import pick_terms

    text = """# Relief

## Wars

During the Russo-Turkish War of 1876–1878 the Ottoman Empire used a red crescent. After the \\
First World War, in 1919, the League of Red Cross Societies was founded in Paris. The Crimean \\
War of 1853–1856 showed the need for nurses. In 1863 the Geneva Society set up a committee. \\
The Second World War ended in 1945. The Franco-Prussian War broke out in 1870.
"""
    document = parse_document(text, name="relief")
    corpus = build_corpus(document.title, list(document.sections))
    first = corpus.sentences[0]
    war = next(term for term in first.terms if term.text == "Russo-Turkish War")
    offered = pick_terms(corpus, war, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=first.text)
    assert not {"First World War", "Second World War"} & set(offered)
    founding = corpus.sentences[1]
    league = next(term for term in founding.terms if term.text == "League of Red Cross Societies")
    bodies = pick_terms(corpus, league, stem="", lesson=0, count=3, rng=random.Random(1),
                        source=founding.text)
    assert "Geneva Society" not in bodies  # at work in 1863: not "founded in 1919"


def _place_options(text: str, answer: str, stem: str = "") -> list[str]:
    import random

    from content.distractors import pick_terms

    document = parse_document(text, name="places")
    corpus = build_corpus(document.title, list(document.sections))
    sentence = next(s for s in corpus.sentences if any(t.text == answer for t in s.terms))
    term = next(t for t in sentence.terms if t.text == answer)
    return pick_terms(corpus, term, stem=stem, lesson=0, count=3, rng=random.Random(1),
                      source=sentence.text)


NORMANS_ABROAD = """# Norman lands

## Campaigns

The Normans took cities in southwestern Macedonia before reaching Thessalonica. Norman \
knights settled in Scotland. Others sailed to Iceland. Raiders came from Norway. Robert \
fought in Albania. Pilgrims went on to Syria. The pope lived in Italy.
"""


def test_places_offered_lie_near_the_answer() -> None:
    offered = _place_options(NORMANS_ABROAD, "Macedonia")
    assert {"Albania", "Italy"} <= set(offered)
    assert not {"Scotland", "Iceland", "Norway"} & set(offered)  # over 2,000 km away


def test_a_present_day_place_gets_present_day_states_only() -> None:
    text = """# Silk Road

## Cities

Samarkand lies in present-day Uzbekistan. Merchants came from Persia. Kashgar is in China. \
Caravans crossed Afghanistan. Traders rested in Kyrgyzstan.
"""
    today = _place_options(text, "Uzbekistan", stem="Samarkand lies in present-day _____.")
    assert today and "Persia" not in today
    assert "Persia" in _place_options(text, "Uzbekistan", stem="Samarkand lay in _____.")


def test_year_options_stay_within_twelve_years_of_the_answer() -> None:
    import random

    from content.date_options import pick_dates

    text = """# Television

## Launches

The service started in 1994 with four channels. A rival appeared in 2006. The brand \
changed in 2016. Broadband came in 2008.
"""
    document = parse_document(text, name="tv")
    corpus = build_corpus(document.title, list(document.sections))
    year = next(t for t in corpus.sentences[0].terms if t.text == "1994")
    for seed in range(5):
        offered = pick_dates(corpus, year, stem="", count=3, rng=random.Random(seed))
        assert len(offered) == 3 and all(2 <= abs(int(o) - 1994) <= 12 for o in offered)


def test_nobody_the_text_says_had_died_is_offered_for_a_later_year() -> None:
    import random

    from content.distractors import pick_terms

    text = """# Curie

## Later years

On 19 April 1906 Pierre Curie was killed in Paris by a wagon. In 1908 Paul Langevin taught \
physics in Paris. In 1910 Jacques Curie lectured in Montpellier. In 1921 a campaign led by \
Marie Meloney raised money for radium.
"""
    document = parse_document(text, name="curie")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.deaths == {"pierre curie": 1906}
    sentence = corpus.sentences[-1]
    meloney = next(term for term in sentence.terms if term.text == "Marie Meloney")
    offered = pick_terms(corpus, meloney, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert set(offered) == {"Paul Langevin", "Jacques Curie"}


def test_year_options_keep_to_the_order_the_lesson_tells() -> None:
    import random

    from content.date_options import pick_dates

    text = """# Europe

## Leaving

A referendum was held in June 2016. The United Kingdom left the Union on 31 January 2020. \
The Euro area grew in 2023.

## The African Union

The African Union was established in 2001. The African Union deployed forces to Somalia in \
2007.
"""
    document = parse_document(text, name="eu")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.foundings == {next(iter(_keys(corpus, "African Union"))): 2001}
    left = corpus.sentences[1]
    year = next(t for t in left.terms if t.text == "2020")
    for seed in range(5):
        offered = pick_dates(corpus, year, stem="", count=3, rng=random.Random(seed),
                             source=left.text)
        assert offered and all(2016 <= int(o) <= 2023 for o in offered), offered
    deployed = corpus.sentences[-1]
    year = next(t for t in deployed.terms if t.text == "2007")
    stem = "In which year was the African Union's deployment in Somalia?"
    for seed in range(5):
        offered = pick_dates(corpus, year, stem=stem, count=3, rng=random.Random(seed),
                             source=deployed.text)
        assert offered and all(int(o) >= 2001 for o in offered), offered


def test_a_body_offered_existed_in_the_time_the_stem_gives() -> None:
    import random

    from content.distractors import pick_terms

    text = """# Peace

## Bodies

Throughout the Cold War, peacekeeping was conducted by the United Nations and watched by \
the Warsaw Pact. The League of Nations was born after the First World War. The European \
Union grew later. The Arab League met often.
"""
    document = parse_document(text, name="peace")
    corpus = build_corpus(document.title, list(document.sections))
    sentence = corpus.sentences[0]
    un = next(term for term in sentence.terms if term.text == "United Nations")
    stem = "Throughout the Cold War, peacekeeping was conducted by the _____."
    offered = pick_terms(corpus, un, stem=stem, lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert "League of Nations" not in offered and "European Union" not in offered
    assert "Arab League" in offered


def test_year_options_lie_on_both_sides_of_the_answer_when_they_can() -> None:
    import random

    from content.date_options import pick_dates

    text = """# Vaccines

## Smallpox

In 1796 Edward Jenner tested his vaccine on a boy. The first vaccination law came in 1840. \
A new vaccine appeared in 1885. The disease was declared eradicated in 1980.
"""
    document = parse_document(text, name="vaccines")
    corpus = build_corpus(document.title, list(document.sections))
    year = next(t for t in corpus.sentences[0].terms if t.text == "1796")
    for seed in range(5):
        offered = [int(o) for o in pick_dates(corpus, year, stem="", count=3,
                                              rng=random.Random(seed))]
        assert min(offered) < 1796 < max(offered), offered  # the earliest date, yet not alone


def test_a_century_written_in_words_dates_the_people_it_names() -> None:
    # review r21: an 18th-century scientist offered for a Nobel Prize of 1904
    import random

    from content.distractors import pick_terms

    text = """# Digestion

## Discoveries

In the eighteenth century the French scientist René Réaumur studied gastric juice. In 1890 \
the physiologist Ivan Pavlov studied digestion in dogs. In 1902 the physiologist Ernest \
Starling found secretin. In 1896 the physiologist William Bayliss measured nerves. The \
physiologist Ivan Pavlov received the Nobel Prize in 1904.
"""
    document = parse_document(text, name="digestion")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.eras["rené réaumur"] == 1750
    sentence = corpus.sentences[-1]
    pavlov = next(term for term in sentence.terms if term.text == "Ivan Pavlov")
    offered = pick_terms(corpus, pavlov, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert "René Réaumur" not in offered and "Ernest Starling" in offered


def test_a_bank_is_offered_beside_banks_only() -> None:
    # review r22: treaty communities offered for "set by the _____" (the central bank)
    from content.distractors import other_classes

    text = """# Union

## Bodies

The European Central Bank sets monetary policy. The European Coal and Steel Community \
pooled coal. The European Investment Bank lends money. The European Economic Community \
made a market.
"""
    document = parse_document(text, name="union")
    corpus = build_corpus(document.title, list(document.sections))
    bank = next(term for term in corpus.sentences[0].terms
                if term.text == "European Central Bank")
    others = other_classes(corpus, bank)
    assert "european economic community" in others
    assert "european investment bank" not in others


def test_a_person_is_dated_by_their_own_sentences_and_surname_not_the_neighbour_s_year() -> None:
    # review r25: Ivan Pavlov (Nobel Prize 1904) offered for a discovery of 1824, dated by
    # the year of the sentence before the one that first named him
    text = """# Digestion

## Physiologists

In 1822 the army surgeon William Beaumont began his experiments. The Russian physiologist \
Ivan Pavlov studied how nerves control digestion. Pavlov received the Nobel Prize in 1904.
"""
    document = parse_document(text, name="digestion")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.eras["ivan pavlov"] == 1904
    assert corpus.eras["william beaumont"] == 1822


def test_an_operation_is_blanked_beside_operations_only() -> None:
    # review r27: "Task Force Smith", a unit, offered for "the main exchange of prisoners, ___"
    from content.generate_text import cloze_questions

    text = """# War

## Operations

In July 1950 Task Force Smith delayed the advance near Osan. In September 1950 Operation \
Chromite landed troops at Incheon. In April 1953 Operation Little Switch exchanged sick \
prisoners. The main exchange of prisoners, Operation Big Switch, followed in August 1953. \
In 1951 Operation Killer pushed the front north. In 1951 Operation Ripper retook Seoul.
"""
    document = parse_document(text, name="war")
    corpus = build_corpus(document.title, list(document.sections))
    blanks = [c for c in cloze_questions(corpus) if c.answer == "Operation Big Switch"]
    assert blanks
    assert all(option.startswith("Operation ") for c in blanks for option in c.distractors)


def test_who_questions_offer_people_of_the_answer_s_kind() -> None:
    # review r27: a transplant patient offered as a surgeon, popes ("Leo X") beside a
    # French theologian, printers as the author of the Ninety-five Theses
    from content.generate_mcq import subject_questions

    text = """# Medicine

## Surgeons

In 1953 the surgeon John Gibbon first used a heart-lung machine in open-heart surgery. In \
1967 the surgeon Christiaan Barnard performed the first heart transplant; his patient, \
Louis Washkansky, lived for 18 days. In 1958 the surgeon Åke Senning implanted a pacemaker. \
In 1964 the surgeon Michael DeBakey used a bypass graft. In 1962 the surgeon Denton Cooley \
repaired a valve. \
In 1960 Pope John XXIII opened a hospital. In 1977 Andreas Grüntzig performed the first \
balloon angioplasty.
"""
    document = parse_document(text, name="medicine")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.lexicon.roles.get("Louis Washkansky") == "patient"
    gibbon = [c for c in subject_questions(corpus) if c.answer == "John Gibbon"]
    assert gibbon
    assert all(option not in {"Louis Washkansky", "John XXIII"}
               for c in gibbon for option in c.distractors)


def test_a_line_of_work_is_read_after_and_and_from_was_a() -> None:
    text = """# Reform

## People

In 1517 the German monk and professor Martin Luther wrote his theses. John Calvin \
(1509–1564) was a French theologian born in Noyon. Aldus Manutius printed books in Venice.
"""
    document = parse_document(text, name="reform")
    roles = build_corpus(document.title, list(document.sections)).lexicon.roles
    assert roles.get("Martin Luther") == "clergy"
    assert roles.get("John Calvin") == "clergy"
    assert "Aldus Manutius" not in roles


def test_a_numbered_name_is_offered_only_beside_numbered_names() -> None:
    from content.generate_mcq import subject_questions

    text = """# Reform

## Churchmen

In 1536 the preacher John Calvin published the Institutes in Basel. In 1520 Pope Leo X \
condemned the theses. In 1533 Pope Clement VII refused the annulment. In 1519 the \
theologian Johann Eck debated at Leipzig. In 1530 the theologian Philip Melanchthon drafted \
the confession. In 1517 the friar Johann Tetzel sold indulgences.
"""
    document = parse_document(text, name="reform")
    corpus = build_corpus(document.title, list(document.sections))
    asked = {c.answer: c.distractors for c in subject_questions(corpus)}
    assert "John Calvin" in asked
    assert not {"Leo X", "Clement VII"} & set(asked["John Calvin"])


def test_people_forty_odd_years_apart_are_of_another_time() -> None:
    # review r29: Enders, Weller and Robbins (1949) offered for Wakefield's 1998 paper
    text = """# Drift

## Ideas

In 1912 the geophysicist Alfred Wegener proposed continental drift. In 1910 the geologist \
Frank Taylor described mountain belts. In 1929 the geologist Arthur Holmes proposed mantle \
convection. In 1957 the geophysicist Lawrence Morley studied magnetic stripes. In 1960 the \
geologist Harry Hess proposed seafloor spreading.
"""
    offered = _offered_in_first_sentence(text, "Alfred Wegener")
    assert "Lawrence Morley" not in offered and "Harry Hess" not in offered
    assert "Arthur Holmes" in offered
