"""Rules from blind reviews r14 and r15: years inside an office holder's term or a state's
life, no lone right year, no self-refuting date swaps, leaning stems, no third question
with the same options, the course subject or a second name never an option, names that
are not people."""

from __future__ import annotations

import random

from content.candidate import Candidate
from content.corpus import Corpus, build_corpus
from content.date_options import _stands_apart, pick_dates
from content.gate import unfit
from content.generate import generate_questions
from content.generate_definitions import definition_questions
from content.generate_text import true_false_questions
from content.lessons import make_lessons
from content.parse import parse_document
from content.people import given_name_first
from content.terms import TermType, _person_name, build_lexicon, classify_name

BOYCOTTS = """# Games

## Boycotts

In 1976 many African countries stayed away from the Games. After the Soviet invasion of \
Afghanistan in December 1979, United States President Jimmy Carter led a boycott. In 1984 \
the Soviet Union stayed away in turn. The United Nations Conference on International \
Organization met in San Francisco in 1945. Lee Jong-wook died in office in May 2006, and \
Anders Nordström served until Margaret Chan took office in January 2007.
"""


def _corpus(text: str) -> Corpus:
    document = parse_document(text, name="x")
    return build_corpus(document.title, list(document.sections))


def _year_options(corpus: Corpus, year: str) -> list[str]:
    sentence = next(s for s in corpus.sentences if year in s.text)
    term = next(t for t in sentence.terms if t.text == year)
    stem = sentence.text.replace(year, "_____")
    return pick_dates(corpus, term, stem=stem, count=3, rng=random.Random(1),
                      source=sentence.text)


def test_years_offered_beside_a_president_fall_in_his_term() -> None:
    offered = _year_options(_corpus(BOYCOTTS), "1979")
    assert offered and all(1977 <= int(year) <= 1981 for year in offered)


def test_no_year_is_asked_that_nothing_can_come_before() -> None:
    # the United Nations began in 1945: every wrong year would be later, the answer alone
    assert _year_options(_corpus(BOYCOTTS), "1945") == []


def test_a_right_year_apart_from_a_cluster_of_wrong_ones_is_not_asked() -> None:
    assert _stands_apart(1097, [1104, 1107, 1109])
    assert not _stands_apart(1097, [1094, 1100, 1104])  # one on each side
    assert not _stands_apart(1097, [1100, 1110, 1120])  # spread wider than the gap


def test_a_sentence_with_two_dates_is_never_made_false_by_moving_one() -> None:
    statements = [c.statement or c.prompt for c in true_false_questions(_corpus(BOYCOTTS))
                  if c.answer == "False"]
    assert not any("Lee Jong-wook" in statement for statement in statements)


def _cloze(prompt: str, answer: str, tag: str) -> Candidate:
    return Candidate(lesson=0, kind="cloze", prompt=prompt, answer=answer,
                     distractors=("a", "b", "c"), explanation="e", source=prompt,
                     statement=prompt.removeprefix("Fill in the blank: "), tags=(tag,))


def test_stems_that_lean_on_the_course_subject_are_not_asked() -> None:
    for prompt in ("Fill in the blank: In the _____ the line carried troops to the front.",
                   "Fill in the blank: The total cost to the United States was about _____ "
                   "million dollars.",
                   "Fill in the blank: Even so, about _____ workers died in Panama.",
                   "Fill in the blank: Around _____ people died during the French period.",
                   "Fill in the blank: Work began in earnest in _____ in Oxford."):
        assert unfit(_cloze(prompt, "1950", "year")) is not None, prompt
    named = ("Fill in the blank: The Trans-Siberian Railway was completed in _____ after the "
             "Amur section opened.")
    assert unfit(_cloze(named, "1914", "year")) is None


def test_a_decade_beside_the_next_decade_answers_itself() -> None:
    prompt = "Fill in the blank: The Baikal–Amur Mainline was built in the _____ and 1980s."
    assert unfit(_cloze(prompt, "1970s", "decade")) is not None


def test_a_title_of_a_place_is_not_a_person() -> None:
    assert _person_name("Count de Niebla") is None
    assert _person_name("Count Roger") == "Roger"


BOUNDARIES = """# Plate boundaries

## Boundaries

A place where two plates move apart is called a divergent boundary. A place where two \
plates move towards each other is called a convergent boundary. A place where two plates \
slide past each other is called a transform boundary. A place where three plates meet is \
called a triple junction boundary.
"""


def test_no_third_question_with_the_same_options() -> None:
    document = parse_document(BOUNDARIES, name="plates")
    sections, lessons = make_lessons("plates", document)
    bank = generate_questions(document.title, sections, lessons)
    sets = [frozenset(q.options) for q in bank.questions if q.kind == "definition"]
    assert sets and max(sets.count(options) for options in sets) <= 2
    assert any("same options" in line for line in bank.dropped)


WATER = """# The Water Cycle

The continuous movement of water on and above the Earth is called the water cycle, also \
known as the hydrological cycle. The change of liquid water into vapour is a process \
called evaporation. The change of water vapour into liquid water is a process called \
condensation. The movement of water into the soil is a process called infiltration.
"""


def test_the_course_subject_under_another_name_is_never_an_option() -> None:
    offered = {option for c in definition_questions(_corpus(WATER))
               for option in (c.answer, *c.distractors)}
    assert offered and not any("ydrological" in option for option in offered)


def test_a_state_of_a_set_age_bounds_the_years_offered() -> None:
    text = """# Suez

## Invasion

The crisis began in the summer. On 29 October 1956 Israel launched Operation Kadesh in Sinai. \
The war ended in 1957.
"""
    offered = _year_options(_corpus(text), "1956")
    assert offered and all(int(year) >= 1948 for year in offered)


def test_a_round_year_is_offered_beside_round_years() -> None:
    text = """# Printing

## Gutenberg

Johannes Gutenberg was born around 1400 in the city of Mainz. He died in 1468.
"""
    offered = _year_options(_corpus(text), "1400")
    assert offered and all(int(year) % 50 == 0 for year in offered)


def test_a_decade_with_every_other_on_one_side_is_not_asked() -> None:
    assert _stands_apart(1990, [1950, 1960, 1970], decade=True)
    assert not _stands_apart(1990, [1950, 2010], decade=True)


def test_names_that_are_not_people() -> None:
    assert classify_name("United States Congress") is TermType.ORG
    assert classify_name("Congress of Vienna") is TermType.EVENT
    assert not given_name_first("Pedro Miguel Locks")
    sentences = ["Edwin Hubble showed that the universe expands.",
                 "The Hubble Space Telescope was launched in 1990.",
                 "In 1993 astronauts repaired Hubble."]
    lexicon = build_lexicon(sentences)
    assert "Edwin Hubble" in lexicon.people and "Hubble" not in lexicon.people


def test_whose_troops_and_sweeping_claims_are_not_asked() -> None:
    troops = "Fill in the blank: The first troops arrived in Egypt in mid-November _____."
    assert unfit(_cloze(troops, "1956", "year")) is not None
    sweeping = ("The Norman dynasty had a major political, cultural and military impact on "
                "medieval Europe.")
    claim = Candidate(lesson=0, kind="true_false", prompt="True or false? " + sweeping,
                      answer="True", distractors=("False",), explanation="e", source=sweeping,
                      statement=sweeping, fixed_order=True)
    assert unfit(claim) is not None


IMMUNITY = """# Defences

The second branch is called adaptive immunity, also known as acquired immunity. Immunity \
produced by the body's own response is called active immunity. Protection gained from \
ready-made antibodies is called passive immunity. Defence that depends on antibodies in \
body fluids is called humoral immunity.
"""


def test_a_second_name_given_in_passing_is_not_a_definition_option() -> None:
    offered = {option for c in definition_questions(_corpus(IMMUNITY))
               for option in c.distractors}
    assert offered and not any("cquired" in option for option in offered)


def test_a_year_is_asked_about_the_fact_not_about_the_lesson() -> None:
    from content.generate_facts import year_questions

    text = """# Wars

## Iberia

In 1064, during the War of Barbastro, William of Montreuil led the papal army. The \
Crimean War (1853-1856) ended with a treaty.
"""
    prompts = [q.prompt for q in year_questions(_corpus(text))]
    assert prompts and not any("the lesson" in prompt for prompt in prompts)


def test_a_nominal_label_is_asked_with_its_verb_and_a_legislature_never_took_place() -> None:
    from content.generate_facts import _when_prompt

    assert _when_prompt("the establishment of the United Nations Truce Supervision "
                        "Organization", TermType.YEAR) == (
        "In which year was the United Nations Truce Supervision Organization established?")
    assert _when_prompt("the implementation of the International Security Assistance Force",
                        TermType.RANGE) == ("In which years was the International Security "
                                            "Assistance Force deployed?")  # a force: review r17
    assert _when_prompt("the Universal Declaration of Human Rights", TermType.YEAR) == (
        "In which year was the Universal Declaration of Human Rights adopted?")
    from content.generate_facts import _happens

    assert not _happens("the United States Congress")  # a body: never dated as an event
    assert _happens("the Congress of Vienna")


def test_who_then_a_shared_surname_and_a_bare_first_name_are_not_asked_or_offered() -> None:
    from content.generate_mcq import subject_questions

    text = """# Islands

## Conquest

Between 1402 and 1405 the Norman noble Jean de Bethencourt conquered the islands. In 1418 \\
his nephew Maciot de Bethencourt sold the rights. Bethencourt took the title of King of the \\
Canary Islands. Gadifer de la Salle then returned to France. Jean sailed home.
"""
    prompts = {q.prompt: q for q in subject_questions(_corpus(text))}
    assert not any("took the title" in prompt for prompt in prompts)  # which Bethencourt?
    assert not any("then" in prompt for prompt in prompts)
    assert not any("Jean" in q.distractors for q in prompts.values())


def test_a_term_with_another_inside_it_is_not_offered_beside_it() -> None:
    from content.generate_definitions import _nested

    assert _nested("Evapotranspiration", ["Evaporation", "Transpiration"])
    assert not _nested("Passive immunity", ["Active immunity"])
    assert not _nested("Photorespiration", ["Photolysis"])


def test_a_sentence_ending_after_a_numeral_is_not_part_of_a_name() -> None:
    sentence = "He married Sybilla, daughter of Richard I. His son ruled."
    lexicon = build_lexicon([sentence])
    from content.terms import extract_named

    assert not any("His" in term.text for term in extract_named(sentence, lexicon))


CANAL = """# The Panama Canal

## Building

The Panama Canal links the Atlantic and the Pacific. The French tried to build the canal \
in the 1880s. The canal opened in 1914. The Panama Canal was handed over in 1999.
"""


def test_the_course_subject_is_named_where_the_text_says_the_canal() -> None:
    corpus = _corpus(CANAL)
    assert corpus.resolved("The canal opened in _____.") == (
        "The Panama Canal opened in _____.")
    # a text that also names another canal keeps "the canal": it may mean that one
    suez = _corpus(CANAL.replace("The canal opened", "The Suez Canal had opened in 1869. "
                                                     "The canal opened"))
    assert suez.resolved("The canal opened in _____.") == "The canal opened in _____."
    # a topic title is not a name: "the cycle" stays
    water = _corpus("# The Water Cycle\n\n## Rain\n\nThe water cycle moves water. The water "
                    "cycle never stops. The cycle is driven by the Sun.\n")
    assert water.resolved("The cycle is driven by the Sun.") == "The cycle is driven by the Sun."


LEAGUE = """# The League of Nations

## Founding

The League of Nations was founded in 1920. Geneva, in neutral Switzerland, was chosen as \\
the seat of the League of Nations. Paris hosted the peace conference in 1919. The Hague held the \\
court. In 1935 the Hoare–Laval Pact offered Italy much of Abyssinia. In 1918 the United \\
States Congress rejected the Covenant. The League was dissolved in 1946.
"""


def test_a_place_aside_a_legislature_and_an_en_dash_name() -> None:
    from content.generate_facts import year_questions
    from content.generate_mcq import subject_questions

    corpus = _corpus(LEAGUE)
    prompts = [q.prompt for q in subject_questions(corpus)]
    assert not any("Switzerland" in prompt for prompt in prompts if "Which city" in prompt)
    assert corpus.resolved("The League was dissolved.") == (
        "The League of Nations was dissolved.")
    years = [q.prompt for q in year_questions(corpus)]
    assert not any("Congress" in prompt for prompt in years)
    named = {term.text for sentence in corpus.sentences for term in sentence.terms}
    assert "Hoare–Laval Pact" in named and "Laval Pact" not in named


def test_years_inside_a_named_period_and_no_near_years_beside_a_round_one() -> None:
    text = """# Stone

## Wars

The stone came to London in 1802. During the First World War, in 1917, it was moved to a \
station for safety. It returned in 1919. Printing reached the city around 1460 and \
spread by 1500.
"""
    corpus = _corpus(text)
    offered = _year_options(corpus, "1917")
    assert offered and all(1914 <= int(year) <= 1918 for year in offered)
    sentence = next(s for s in corpus.sentences if "1460" in s.text)
    term = next(t for t in sentence.terms if t.text == "1460")
    stem = sentence.text.replace("1460", "_____")
    rounded = pick_dates(corpus, term, stem=stem, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert all(int(year) % 10 == 0 for year in rounded)


def test_a_name_that_modifies_a_noun_is_not_asked_as_who() -> None:
    # new document of session r19: "Who waves generally travel slightly faster …?"
    from content.generate_mcq import subject_questions

    text = ("# Waves\n\n## Surface waves\n\nAfter the San Francisco earthquake of 1906, the "
            "American geologist Harry Fielding Reid proposed the elastic rebound theory. "
            "Practical seismographs were developed in Japan in the 1880s by the English "
            "geologist John Milne. The British mathematician A. E. H. Love described one kind "
            "of surface wave in 1911. Love waves generally travel slightly faster than "
            "Rayleigh waves.\n")
    corpus = _corpus(text)
    prompts = [candidate.prompt for candidate in subject_questions(corpus)]
    assert not any(prompt.startswith("Who waves") for prompt in prompts)


def test_to_goes_on_inside_a_convention_s_name_but_not_between_places() -> None:
    # review r23: "In which year was the United Nations Convention adopted?" (which one?)
    lexicon = build_lexicon(["The United Nations Convention to Combat Desertification was "
                             "adopted in 1994. Ships sailed from Lisbon to London."])
    from content.terms import _capital_runs

    runs = [text for text, _s, _e in _capital_runs(
        "The United Nations Convention to Combat Desertification was adopted in 1994.", lexicon)]
    assert "United Nations Convention to Combat Desertification" in runs
    places = [text for text, _s, _e in _capital_runs("Ships sailed from Lisbon to London.",
                                                     lexicon)]
    assert "Lisbon" in places and "London" in places  # never "Lisbon to London"


def test_one_of_several_people_who_did_something_together_is_not_asked_who() -> None:
    from content.generate_mcq import subject_questions

    text = ("# Polio\n\n## Culture\n\nPolio became the era's great challenge. In 1949 John "
            "Enders, Thomas Weller and Frederick Robbins grew poliovirus in tissue culture, "
            "making vaccine production possible. In the 1930s Pearl Kendrick and Grace Eldering "
            "developed a pertussis vaccine. Albert Sabin developed an oral polio vaccine, "
            "tested from 1959.\n")
    corpus = _corpus(text)
    assert not any(candidate.prompt.startswith(("In 1949, who,", "Who,"))
                   for candidate in subject_questions(corpus))


def test_the_last_of_something_is_not_asked_when_only_earlier_years_fit() -> None:
    # review r23: "1992" offered for the last person killed at the Wall, which fell in 1989;
    # and with only earlier years left, the latest option would answer itself
    text = ("# Wall\n\n## Victims\n\nThe Wall stood from 1961 to 1989. Peter Fechter was shot "
            "in 1962. Many escaped in 1964 and 1973. Chris Gueffroy, shot in 1989, is regarded "
            "as the last person killed at the Wall. The Wall opened in November 1989.\n")
    corpus = _corpus(text)
    sentence = next(s for s in corpus.sentences if "Gueffroy" in s.text)
    year = next(t for t in sentence.terms if t.text == "1989")
    stem = "Chris Gueffroy, shot in _____, is regarded as the last person killed at the Wall."
    assert pick_dates(corpus, year, stem=stem, count=3, rng=random.Random(1),
                      source=sentence.text) == []
    first = next(s for s in corpus.sentences if "Fechter" in s.text)
    fechter = next(t for t in first.terms if t.text == "1962")
    assert pick_dates(corpus, fechter, stem="Peter Fechter was shot in _____.", count=3,
                      rng=random.Random(1), source=first.text)


def test_a_who_question_saying_he_offers_no_woman() -> None:
    # review r24: "… which he called a transform fault?" beside Marie Tharp
    from content.generate_mcq import _of_gender

    people = ["Arthur Holmes", "Marie Tharp", "Lawrence Morley", "Zhang Qian"]
    assert _of_gender(people, " described a fault, which he called a transform fault") == [
        "Arthur Holmes", "Lawrence Morley", "Zhang Qian"]
    assert "Marie Tharp" in _of_gender(people, " mapped the floor of the Atlantic")


def test_a_figure_after_below_minus_is_a_bound() -> None:
    from content.generate_numbers import number_questions

    text = ("# Deserts\n\n## Cold deserts\n\nThe Gobi is a cold desert, with winter "
            "temperatures below minus 40 degrees Celsius in some years.\n")
    corpus = _corpus(text)
    assert number_questions(corpus) == []


PLAGUE = """# The Black Death

## Origins

The plague was first recorded in Central Asia in 1338. Traders carried it west in 1340. \
Armies met it on the steppe in 1343. It killed many at Kaffa in 1345.

## Arrival in Europe, 1347

The plague entered England at Melcombe in Dorset in June 1348 and reached London by the \
autumn. In October 1347 Genoese galleys brought the plague to Messina, which had been spared \
until then. The Estates of Sicily met at Messina in 1347, the year the galleys came. \
The element curium, discovered in 1944, was named after the Curies.
"""


def test_no_wrong_year_crosses_the_year_a_lesson_s_title_gives() -> None:
    # review r28: 1337-1345 beside 1348 under "Arrival in Europe, 1347"
    options = _year_options(_corpus(PLAGUE), "1348")
    assert options
    assert all(int(option) >= 1347 for option in options)


def test_no_false_statement_swaps_a_title_s_year_or_a_date_in_an_aside() -> None:
    # review r28: "The Estates-General opened … 1783" under "… of 1789"; review r27: a
    # false year hidden in "curium, discovered in 1935," of a true claim
    statements = true_false_questions(_corpus(PLAGUE))
    false = [c.statement for c in statements if c.answer == "False"]
    assert not any("Galleys" in s or "galleys" in s for s in false)
    assert not any("curium" in s for s in false)


def test_the_year_a_whole_document_is_about_is_not_asked() -> None:
    # review r29: "In which year did Israel launch Operation Kadesh?" in a text on Suez, 1956
    text = """# Suez

## The crisis

In 1954 Egypt and Britain agreed that British troops would leave. In July 1956 Nasser \
nationalised the canal company. In August 1956 a conference met in London. In September \
1956 the Menzies mission went to Cairo. On 29 October 1956 Israel launched Operation Kadesh. \
On 5 November 1956 British paratroopers landed at Port Said. On 6 November 1956 a ceasefire \
followed. In March 1957 the canal reopened to shipping. In 1958 the Egyptian government paid \
compensation to the company.
"""
    document = parse_document(text, name="suez")
    sections, lessons = make_lessons("suez", document)
    bank = generate_questions(document.title, sections, lessons)
    assert not any("1956" in q.options[q.answer] for q in bank.questions
                   if q.kind != "true_false")
    assert any("the whole document is about" in line for line in bank.dropped)


def test_a_year_s_wrong_options_stay_in_the_time_the_lesson_tells_of() -> None:
    # review r29: 1782 for the Convention in a lesson on 1792-1795
    text = """# France

## The Terror

In 1792 the Convention abolished the monarchy. In 1793 the Convention created the Committee \
of Public Safety. In 1794 the Convention overthrew Robespierre. In 1795 the Convention gave \
way to the Directory.

## Before

In 1774 Louis XVI became king. In 1770 he married Marie Antoinette.
"""
    corpus = _corpus(text)
    options = _year_options(corpus, "1792")
    assert options
    assert all(1787 <= int(option) <= 1800 for option in options)


def test_years_stay_inside_a_span_the_stem_gives_and_after_the_document_s_own_year() -> None:
    # review r31: 1358 for "between about _____ and 1353"; 1942 for a prisoner exchange in
    # a text on the war of 1950; a false statement on half of "1901–04"
    text = """# War

## Before

In 1945 the country was divided. In 1948 two states were proclaimed.

## The war

In June 1950 the army crossed the border. In July 1950 the first troops arrived. In \
September 1950 the landing took place. In October 1950 the army reached the river. In \
November 1950 a second army intervened.

## After

The prisoners were exchanged in 1953 at the border village. The plague \
spread between about 1346 and 1353 across the region. The Discovery Expedition of 1901–04 \
set up its base at Hut Point.
"""
    corpus = _corpus(text)
    assert "1950" in corpus.headline
    sentence = next(s for s in corpus.sentences if "1953" in s.text)
    term = next(t for t in sentence.terms if t.text == "1953")
    for seed in range(10):
        options = pick_dates(corpus, term, stem=sentence.text.replace("1953", "_____"),
                             count=3, rng=random.Random(seed), source=sentence.text)
        assert all(int(option) >= 1950 for option in options)
    assert all(int(option) < 1353 for option in _year_options(corpus, "1346"))
    false = [c.statement for c in true_false_questions(corpus) if c.answer == "False"]
    assert not any("Hut Point" in statement for statement in false)
