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
