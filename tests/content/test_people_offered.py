"""Whom a who-question offers (content/distractors.py, content/name_types.py): people of the
lesson before people of the document, nobody the stem names, a commander's line of work
read from the forces he led (blind review r34)."""

from __future__ import annotations

from content.corpus import Corpus, build_corpus
from content.generate_mcq import subject_questions
from content.parse import parse_document

NORMANS = """# Normans

## England

In 1042 the king Edward the Confessor returned to England. In 1051 the king Edward \
appointed Robert of Jumièges archbishop. In 1066 the duke William the Conqueror invaded \
England. In 1066 the king Harold Godwinson fell at Hastings.

## Edessa

In the 1060s the mercenary Robert Crispin led the Normans of Edessa against the Turks. In \
the 1070s the general Philaretus Brachamius held Edessa. In 1038 the general George \
Maniaces led a Norman contingent in Sicily. In the 1050s the mercenary Hervé Frankopoulos \
served the emperor.
"""

CIVIL_WAR = """# War

## Surrender

Confederate forces under Beauregard and Joseph E. Johnston routed the Union army in July \
1861. In 1861 General P. G. T. Beauregard opened fire on Fort Sumter. In 1864 the general \
William Sherman captured Atlanta. In 1865 the actor John Wilkes Booth shot \
Lincoln. In 1862 the photographer Alexander Gardner photographed Antietam. In 1862 General \
George B. McClellan led the Army of the Potomac. In 1863 General George G. Meade won at \
Gettysburg. Sherman then marched to the sea. Johnston surrendered to Sherman near Durham, \
North Carolina, on 26 April.
"""


def _corpus(text: str) -> Corpus:
    document = parse_document(text, name="x")
    return build_corpus(document.title, list(document.sections))


def _offered(text: str, answer: str) -> set[str]:
    asked = [c for c in subject_questions(_corpus(text)) if c.answer == answer]
    assert asked, f"no who-question on {answer}"
    return {option for candidate in asked for option in candidate.distractors}


def test_people_of_the_lesson_come_before_people_of_the_document() -> None:
    # review r34: English kings offered for who led the Normans of Edessa
    offered = _offered(NORMANS, "Robert Crispin")
    assert offered
    assert offered <= {"Philaretus Brachamius", "George Maniaces", "Hervé Frankopoulos"}


def test_a_commander_is_a_soldier_and_nobody_the_stem_names_is_offered() -> None:
    # review r34: an assassin, a photographer and the stem's own Sherman offered for
    # who surrendered to Sherman
    corpus = _corpus(CIVIL_WAR)
    assert corpus.lexicon.roles.get("Joseph E. Johnston") == "soldier"
    offered = _offered(CIVIL_WAR, "Joseph E. Johnston")
    assert offered and "William Sherman" not in offered
    assert not offered & {"John Wilkes Booth", "Alexander Gardner"}


MEIJI = """# Meiji

## Reform

In 1858 the consul Townsend Harris signed a treaty at Shimoda. In 1862 the merchant Charles \
Richardson was killed near Yokohama. In 1871 Iwakura Tomomi led a mission to Europe. In 1873 \
Saigō Takamori left the government. In 1874 Itagaki Taisuke founded a movement for a \
parliament. In 1868 Tokugawa Yoshinobu surrendered Edo.
"""


def test_a_name_of_a_language_is_offered_beside_names_of_that_language() -> None:
    # review r35: two Western consuls beside the one Japanese name for who led a Japanese
    # mission; Japanese names, which no list of given names holds, are people
    offered = _offered(MEIJI, "Iwakura Tomomi")
    assert offered and offered <= {"Saigō Takamori", "Itagaki Taisuke", "Tokugawa Yoshinobu"}


def test_a_person_is_dated_by_the_year_written_nearest_the_name() -> None:
    # review r35: Newton (1668), dated 1758 by a sentence going on to Dollond's patent, was
    # offered for Herschel's discovery of 1781
    text = """# Telescopes

## Mirrors

Isaac Newton in 1668 built a reflecting telescope, and John Dollond patented an \
achromatic lens in 1758.
"""
    corpus = _corpus(text)
    assert corpus.eras["isaac newton"] == 1668
    assert corpus.eras["john dollond"] == 1758


def test_kin_and_generals_make_a_person_of_a_name_no_list_knows() -> None:
    corpus = _corpus("""# Inca

## War

In 1532 Atahualpa's generals defeated the army of Cusco. Atahualpa entered Cajamarca.
""")
    assert "Atahualpa" in corpus.lexicon.people or any(
        entry.text == "Atahualpa" for entries in corpus.pools.values() for entry in entries
        if entry.type.value == "person")


def test_an_aside_after_who_goes() -> None:
    # review r35: "Who, secretary of the Smithsonian Institution, flew …?" is awkward
    text = """# Flight

## Models

Samuel Langley, secretary of the Smithsonian Institution, flew steam-powered models in \
1896. In 1896 the engineer Otto Lilienthal died after a glider crash. In 1894 the engineer \
Hiram Maxim tested a steam-powered flying machine. In 1903 the engineer Octave Chanute \
wrote about gliders.
"""
    prompts = {c.prompt for c in subject_questions(_corpus(text))}
    assert "Who flew steam-powered models in 1896?" in prompts


def test_the_first_woman_is_asked_beside_women() -> None:
    # review r37: "James McCombs" offered for New Zealand's first woman member of Parliament
    text = """# Suffrage

## Parliament

In 1933 Elizabeth McCombs became the first woman member of Parliament. In 1935 James \
McCombs led the party. In 1893 Elizabeth Yates became mayor of Onehunga. In 1893 Margaret \
Sievwright presented a petition. In 1891 John Hall moved a bill.
"""
    offered = _offered(text, "Elizabeth McCombs")
    assert offered and not offered & {"James McCombs", "John Hall"}


def test_a_name_s_language_is_read_from_whole_particles() -> None:
    from content.people import name_culture

    assert name_culture("Ibn al-Haytham") == "arabic"
    assert name_culture("Abu Bakr") == "arabic"
    assert name_culture("Hiram Bingham") == "other"  # "Bin…" is no particle
    assert name_culture("Itō Hirobumi") == "japanese"
    assert name_culture("Sakurada Gate") == "other"
    assert name_culture("Sergei Winogradsky") == "slavic"


def test_one_person_written_two_ways_is_not_offered_beside_himself() -> None:
    # whole-bank review of 09123af: "John A. Roebling" and "John Augustus Roebling" side by
    # side, both right
    from content.people import may_be_one_person

    assert may_be_one_person("John Augustus Roebling", "John A. Roebling")
    assert may_be_one_person("J. Roebling", "John Roebling")
    assert not may_be_one_person("John A. Roebling", "Emily Warren Roebling")
    assert not may_be_one_person("Washington Roebling", "John A. Roebling")
    assert not may_be_one_person("Robert Gould Shaw", "George Bernard Shaw")
    text = """# The Brooklyn Bridge

## Design

In 1867 John Augustus Roebling designed the bridge. In 1869 John A. Roebling died of \\
tetanus. In 1872 Washington Roebling fell ill. In 1872 Emily Warren Roebling took over the \\
work. In 1883 the engineer Wilhelm Hildenbrand drew the towers.
"""
    corpus = _corpus(text)
    # one person, one key: every pool, fact and count treats the two spellings as one
    people = {term.key for sentence in corpus.sentences for term in sentence.terms
              if term.text in {"John A. Roebling", "John Augustus Roebling"}}
    assert len(people) == 1
    asked = [candidate for candidate in subject_questions(corpus)
             if candidate.answer.startswith("John")]
    assert asked
    for candidate in asked:
        options = [candidate.answer, *candidate.distractors]
        assert not [one for one in options for two in options
                    if one != two and may_be_one_person(one, two)], candidate
