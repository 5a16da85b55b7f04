"""Names no list knows are typed by what the document says around them."""

from __future__ import annotations

import random

from content.corpus import Corpus, build_corpus
from content.distractors import pick_terms
from content.gazetteer import place_kind
from content.name_types import read_context, role_class, surnames
from content.parse import parse_document
from content.terms import Lexicon, TermType, _capital_runs

TRADE_ROUTES = """# Trade routes

## Envoys

In 138 BC Emperor Wu sent the envoy Zhang Qian westward. The Venetian merchant Marco \
Polo travelled east. Aldus Manutius, a humanist scholar, printed books.

## Cities

From Chang'an the routes ran west to Dunhuang, an oasis town near the Yumen Pass. Further \
west lay Samarkand, the chief city of Sogdiana, in present-day Uzbekistan. Merchants also \
traded in the city of Kashgar. Traders from Samarkand reached Uzbekistan and Kazakhstan. \
Under the Tang, Chang'an, the capital of the empire, was one of the largest cities in the \
world.
"""


def _types(text: str) -> tuple[set[str], dict[str, str]]:
    lexicon = Lexicon()
    sentences = [part for part in text.replace("\n", " ").split(". ") if part]
    context = read_context([(s, _capital_runs(s, lexicon)) for s in sentences],
                           lambda name: False)
    return context.people, context.places


def _corpus(text: str) -> Corpus:
    document = parse_document(text, name="x")
    return build_corpus(document.title, list(document.sections))


def test_a_role_before_or_described_in_an_aside_makes_a_person() -> None:
    people, places = _types(TRADE_ROUTES)
    assert {"Zhang Qian", "Marco Polo", "Aldus Manutius"} <= people
    assert not {"Zhang Qian", "Marco Polo", "Aldus Manutius"} & set(places)


def test_a_place_noun_gives_the_sort_of_place() -> None:
    _people, places = _types(TRADE_ROUTES)
    assert places["Dunhuang"] == "city"
    assert places["Samarkand"] == "city"
    assert places["Kashgar"] == "city"
    assert "Uzbekistan" not in places  # no place noun beside it here (the gazetteer knows it)


def test_a_name_with_evidence_both_ways_stays_untyped() -> None:
    people, places = _types("The explorer Victoria sailed home. Later he reached Victoria, "
                            "a port town on the coast.")
    assert "Victoria" not in people and "Victoria" not in places


def test_no_role_word_no_type() -> None:
    people, places = _types("Zhang Qian returned. The Han ruled Chang'an.")
    assert not people and not places


def test_surnames_of_people_named_in_full() -> None:
    found = surnames({"Ferdinand de Lesseps", "Ralph the Timid", "Zhang Qian", "Wu"})
    assert "Lesseps" in found
    assert "Timid" not in found and "Wu" not in found


def test_typed_names_reach_the_corpus_and_cities_are_offered_beside_cities() -> None:
    corpus = _corpus(TRADE_ROUTES)
    assert TermType.PERSON in {term.type for sentence in corpus.sentences
                               for term in sentence.terms if term.text == "Zhang Qian"}
    kinds = corpus.lexicon.place_kinds
    assert place_kind("Chang'an", kinds) == "city"
    assert place_kind("Uzbekistan", kinds) == "land"
    sentence = next(s for s in corpus.sentences if s.text.startswith("Under the Tang"))
    term = next(t for t in sentence.terms if t.text == "Chang'an")
    offered = pick_terms(corpus, term, stem="", lesson=1, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert offered and set(offered) <= {"Dunhuang", "Samarkand", "Kashgar"}


COUNCILS = """# Institutions

## Bodies

The Council of the European Union, often called the Council of Ministers, brings together \
ministers. The European Commission proposes laws. The European Parliament adopts laws with \
the Council of the European Union. The European Court of Auditors checks the accounts. The \
polio initiative was later joined by the Rotary Foundation and Gavi, the Vaccine Alliance.
"""


def test_a_name_given_in_passing_is_the_same_body_and_never_its_own_wrong_option() -> None:
    corpus = _corpus(COUNCILS)
    keys = {term.text: term.key for sentence in corpus.sentences for term in sentence.terms}
    assert keys["Council of Ministers"] == keys["Council of the European Union"]
    assert corpus.lexicon.key("Vaccine Alliance") == corpus.lexicon.key("Gavi")
    sentence = next(s for s in corpus.sentences if s.text.startswith("The European Parliament"))
    term = next(t for t in sentence.terms if t.text == "Council of the European Union")
    offered = pick_terms(corpus, term, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert offered and "Council of Ministers" not in offered


CRISIS = """# Suez

## Leaders

The British prime minister, Anthony Eden, ordered the landing. The Soviet premier Nikolai \\
Bulganin threatened rockets. The physicist Henri Becquerel had died long before. President \\
Dwight D. Eisenhower opposed the attack. Gamal Nasser spoke in Cairo. In 1957 Anthony Eden \\
resigned and was succeeded by Harold Macmillan.
"""


def test_people_are_offered_beside_people_of_their_line_of_work() -> None:
    corpus = _corpus(CRISIS)
    roles = corpus.lexicon.roles
    assert roles["Anthony Eden"] == "politician"
    assert roles["Dwight D. Eisenhower"] == "politician"
    assert roles["Henri Becquerel"] == "scientist"
    sentence = next(s for s in corpus.sentences if s.text.startswith("In 1957"))
    term = next(t for t in sentence.terms if t.text == "Anthony Eden")
    offered = pick_terms(corpus, term, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert offered and "Henri Becquerel" not in offered


def test_people_the_document_gives_no_line_are_not_offered_beside_a_known_line() -> None:
    # blind review r19: a transplant patient offered for a surgeon, barons for a pope
    corpus = _corpus(CRISIS)
    assert "Gamal Nasser" not in corpus.lexicon.roles
    sentence = next(s for s in corpus.sentences if s.text.startswith("In 1957"))
    term = next(t for t in sentence.terms if t.text == "Anthony Eden")
    offered = pick_terms(corpus, term, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert "Gamal Nasser" not in offered


def test_where_a_statesman_is_from_is_read_and_kept_among_the_options() -> None:
    corpus = _corpus(CRISIS)
    origins = corpus.lexicon.origins
    assert origins["Anthony Eden"] == "British"
    assert origins["Nikolai Bulganin"] == "Soviet"
    assert "Dwight D. Eisenhower" not in origins  # a title, no origin word
    sentence = next(s for s in corpus.sentences if s.text.startswith("In 1957"))
    term = next(t for t in sentence.terms if t.text == "Anthony Eden")
    offered = pick_terms(corpus, term, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert "Nikolai Bulganin" not in offered
    assert "Dwight D. Eisenhower" in offered  # the document does not say where he is from


def test_a_place_named_like_a_person_is_not_a_person() -> None:
    corpus = _corpus("""# Canal

## Locks

Ships are lowered by one step at Pedro Miguel and two at Miraflores. Pedro Alvarez sailed \\
home.
""")
    assert "Pedro Miguel" not in corpus.lexicon.people
    assert "Pedro Alvarez" in corpus.lexicon.people


def test_every_role_noun_has_a_line_of_work_or_says_a_person_only() -> None:
    assert role_class("physicist") == "scientist"
    assert role_class("premier") == "politician"
    assert role_class("merchant") is None  # a person, of no line the options must share
    assert role_class("teapot") is None


def test_the_inside_a_sentence_is_part_of_a_one_word_name() -> None:
    lexicon = Lexicon()
    runs = [text for text, _start, _end in
            _capital_runs("The court sat in the Peace Palace at The Hague from 1922.", lexicon)]
    assert "The Hague" in runs  # offered bare, "Hague" read as wrong English (review r19)
    opening = [text for text, _s, _e in _capital_runs("The Hague lies near Delft.", lexicon)]
    assert "Hague" in opening


def test_a_titled_name_ending_in_an_institution_is_not_a_person() -> None:
    # review r20: "William Dunn School" offered as a person
    corpus = _corpus("""# Penicillin

## Oxford

Howard Florey was professor at the Sir William Dunn School of Pathology in Oxford. The \
physicist Henri Becquerel had died long before.
""")
    assert "William Dunn School" not in corpus.lexicon.people


def test_an_acronym_spelled_out_as_a_thing_is_not_an_organisation_when_it_acts() -> None:
    corpus = _corpus("""# Telescopes

## Space

The James Webb Space Telescope (JWST) was launched in 2021. JWST has since found distant \\
galaxies. NASA launched it with the European Space Agency (ESA).
""")
    typed = {term.text: term.type for sentence in corpus.sentences for term in sentence.terms}
    assert "JWST" not in typed


def test_people_of_the_answer_s_own_office_come_first() -> None:
    # review r22: the Dominican friar Johann Tetzel offered among popes (both clergy)
    corpus = _corpus("""# Reformation

## Rome

Pope Leo X excommunicated Luther. Pope Clement VII refused the annulment. The Dominican \\
friar Johann Tetzel sold indulgences. In 1540 Pope Paul III approved the Society of Jesus. \\
Pope Julius II began the new basilica.
""")
    assert corpus.lexicon.offices["Paul III"] == "pope"
    assert corpus.lexicon.offices["Johann Tetzel"] == "friar"
    sentence = next(s for s in corpus.sentences if s.text.startswith("In 1540"))
    term = next(t for t in sentence.terms if t.text == "Paul III")
    offered = pick_terms(corpus, term, stem="", lesson=0, count=3, rng=random.Random(1),
                         source=sentence.text)
    assert "Johann Tetzel" not in offered and len(offered) >= 2


def test_a_title_or_an_office_is_not_a_person() -> None:
    # review r22 and r23: "Supreme Head" and "Christian Religion" offered as people
    corpus = _corpus("""# Reformation

## England

John Calvin published his Institutes of the Christian Religion in 1536. The Act of \\
Supremacy made the king Supreme Head of the Church of England. The theologian Johann Eck \\
debated Luther.
""")
    assert "Christian Religion" not in corpus.lexicon.people
    assert "Supreme Head" not in corpus.lexicon.people
    assert "Johann Eck" in corpus.lexicon.people


def test_a_body_named_for_women_keeps_its_first_word() -> None:
    # review r29: "Social and Political Union" offered for the WSPU
    from content.corpus import build_corpus
    from content.parse import parse_document

    text = """# Votes

## Societies

In 1903 Emmeline Pankhurst founded the Women's Social and Political Union in Manchester. \
In 1908 the Men's League for Women's Suffrage was formed.
"""
    document = parse_document(text, name="votes")
    corpus = build_corpus(document.title, list(document.sections))
    names = {term.text for sentence in corpus.sentences for term in sentence.named()}
    assert "Women's Social and Political Union" in names
    assert "Social and Political Union" not in names


def test_a_month_or_an_opening_adverb_is_not_part_of_a_name() -> None:
    # review r30: "December Union" and "Early Union" offered as organisations
    from content.corpus import build_corpus
    from content.parse import parse_document

    text = """# War

## Campaigns

Early Union strategy drew on the Anaconda Plan of General Winfield Scott. Lee withdrew, and \
in December Union general Ambrose Burnside lost at Fredericksburg. In November 1860 Abraham \
Lincoln of the Republican Party, founded in 1854, won the presidency.
"""
    document = parse_document(text, name="war")
    corpus = build_corpus(document.title, list(document.sections))
    names = {term.text for sentence in corpus.sentences for term in sentence.named()}
    assert not {"Early Union", "December Union"} & names
    assert "Abraham Lincoln of the Republican Party" not in names
    assert {"Abraham Lincoln", "Republican Party"} <= names


def test_a_calendar_name_is_not_a_place() -> None:
    from content.terms import classify_name

    assert classify_name("Year I of the French Republic") is None
    assert classify_name("Dominican Republic") is TermType.PLACE


def test_an_epithet_after_as_is_not_a_person() -> None:
    # reviews r30, r35, r36: "Pater Patriae" offered as a painter
    from content.terms import build_lexicon

    lexicon = build_lexicon(["After his death in 1464 he was honoured as Pater Patriae, "
                             "father of his country.", "Rollo, the son of Ragnvald, led them."])
    assert "Pater Patriae" not in lexicon.people
    assert "Rollo" in lexicon.people
