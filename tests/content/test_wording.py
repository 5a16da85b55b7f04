"""How a fact is asked: the event named with its article and its own verb, no linking word
left over from the sentence before, the time moved out of the way of the subject."""

from __future__ import annotations

from content.corpus import build_corpus
from content.generate_facts import year_questions
from content.generate_mcq import subject_questions
from content.generate_text import cloze_questions
from content.parse import parse_document

DOCUMENT = """# Europe

## Wars and treaties

The Second World War ended in 1945 after six years of fighting across Europe. The Treaty \
of Utrecht was signed in 1474 by the Hanseatic League and England. Additionally, the Siege \
of Antioch ended in 1098 with a victory for the crusaders. In 1226 the Emperor Frederick II \
made Lübeck a Free Imperial City. In 1361 King Valdemar IV Atterdag captured Visby on \
Gotland. In 1387 Queen Margaret I became ruler of Norway. In 1350 King Magnus Eriksson \
ruled Sweden. In 1376 King Olaf II became ruler of Denmark. In 1494 Ivan III closed the \
trading post in Novgorod.
"""


def _corpus():  # type: ignore[no-untyped-def]
    document = parse_document(DOCUMENT, name="europe")
    return build_corpus(document.title, list(document.sections))


def test_year_questions_name_the_event_with_its_article_and_verb() -> None:
    prompts = {q.prompt for q in year_questions(_corpus())}
    assert "In which year did the Second World War end?" in prompts  # "ended in 1945"
    assert "In which year was the Treaty of Utrecht signed?" in prompts


def test_a_year_question_asks_what_the_sentence_says_happened_that_year() -> None:
    text = """# Europe

## Treaties

The Merger Treaty took effect in 1967. The Treaty of Nice entered into force in 2003.
"""
    document = parse_document(text, name="eu")
    prompts = {q.prompt for q in year_questions(build_corpus(document.title,
                                                             list(document.sections)))}
    assert prompts == {"In which year did the Merger Treaty take effect?",
                       "In which year did the Treaty of Nice enter into force?"}


def test_a_linking_word_is_dropped_from_a_blank_stem() -> None:
    stems = [q.prompt for q in cloze_questions(_corpus())]
    assert any(stem.startswith("Fill in the blank: The Siege of Antioch") for stem in stems)
    assert not any("Additionally" in stem for stem in stems)


def test_an_opening_year_stays_in_front_of_the_question_and_the_title_goes() -> None:
    prompts = {q.prompt: q for q in subject_questions(_corpus())}
    asked = prompts["In 1361, who captured Visby on Gotland?"]
    assert asked.answer == "Valdemar IV Atterdag"
    assert not any("King" in prompt or "Emperor" in prompt for prompt in prompts)


def test_a_person_asked_about_by_surname_is_answered_with_the_full_name() -> None:
    text = """# Relief

## Founders

Henry Dunant was a businessman from Geneva. Dunant's book caused a sensation in Europe. \
Dunant organised local people to help the wounded at Solferino. Louis Appia was a surgeon \
from Geneva. Clara Barton founded the American Red Cross. Théodore Maunoir was a doctor.
"""
    document = parse_document(text, name="relief")
    corpus = build_corpus(document.title, list(document.sections))
    from content.generate_mcq import _full_name

    assert _full_name(corpus, "Dunant") == "Henry Dunant"
    assert _full_name(corpus, "Barton") == "Clara Barton"
    assert _full_name(corpus, "Smith") == "Smith"  # no longer name to give


def test_the_treaty_becomes_the_one_treaty_the_document_names_and_states_are_countries() -> None:
    text = """# The Harbour Treaty

## Signing

The Harbour Treaty was signed in 1921 by Estonia, Latvia and Finland. Finland ratified the \\
treaty in 1922, a year after Latvia. The Joint Harbour Commission met every spring in Riga. \\
The Soviet Union dissolved the commission in 1940. Sweden offered to mediate in 1918, but \\
Latvia refused.
"""
    document = parse_document(text, name="harbour")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.resolved("Finland ratified the treaty in _____.") == (
        "Finland ratified the Harbour Treaty in _____.")
    assert corpus.resolved("the treaty of 1921") == "the treaty of 1921"  # "of" names it
    prompts = {q.prompt for q in subject_questions(corpus)}
    assert "Which country dissolved the Joint Harbour Commission in 1940?" in prompts


def test_a_dated_passive_is_asked_when_without_its_afterthought() -> None:
    from content.generate_when import when_questions

    text = """# Satellite television

## Launches

BSkyB's digital service was officially launched on 1 October 1998 under the name Sky \\
Digital, although small-scale tests were carried out before then. The wooden buildings of \\
Bryggen still stand in Bergen and were listed as a World Heritage Site in 1979. The analogue \\
service was switched off in 2012. Sky Italia was bought in 2014.
"""
    document = parse_document(text, name="sky")
    corpus = build_corpus(document.title, list(document.sections))
    asked = {q.prompt: q.answer for q in when_questions(corpus)}
    assert asked["In which year was BSkyB's digital service officially launched under the "
                 "name Sky Digital?"] == "1998"
    assert not any("Bryggen" in prompt for prompt in asked)  # two clauses, not one subject


def test_a_second_clause_with_its_own_subject_is_left_out_and_the_kind_named() -> None:
    from content.generate_mcq import _predicate, _shared_head

    assert _predicate(" fragmented into rival khanates, and in 1368 the Yuan dynasty was "
                      "overthrown by the Ming.") == " fragmented into rival khanates"
    assert _predicate(" was founded in 1948 and moved to Geneva, and later grew.") == (
        " was founded in 1948 and moved to Geneva, and later grew")
    assert _predicate(" thus became the first woman to win.") == " became the first woman to win"
    assert _shared_head("African Region", ["European Region", "Americas Region"]) == "region"
    assert _shared_head("Mongol Empire", ["Persia", "Afghanistan"]) is None
    assert _shared_head("Canary Islands", ["Balearic Islands"]) is None  # "which islands was"


def test_a_passive_inside_a_subordinate_clause_is_not_asked_about() -> None:
    from content.generate_when import when_questions

    text = """# Engines

## Babbage

While work on the Difference Engine was stalled, Babbage conceived a far more general \
machine, beginning in 1834. The Analytical Engine was described in print in 1842. Lovelace \
was knighted in 1838 and is regarded as a pioneer. The Science Museum was opened in 1857.
"""
    document = parse_document(text, name="engines")
    prompts = {q.prompt for q in when_questions(build_corpus(document.title,
                                                             list(document.sections)))}
    assert "In which year was the Analytical Engine described in print?" in prompts
    assert "In which year was Lovelace knighted?" in prompts
    assert not any("while" in prompt.lower() for prompt in prompts)


def test_the_treaty_is_left_alone_when_several_treaties_are_named() -> None:
    text = """# Europe

## Treaties

The Treaty of Paris was signed in 1951. The Merger Treaty was signed in 1965. The treaty \
was concluded for fifty years.
"""
    document = parse_document(text, name="eu")
    corpus = build_corpus(document.title, list(document.sections))
    assert corpus.resolved("The treaty was concluded") == "The treaty was concluded"


def test_a_name_before_a_noun_is_not_the_subject() -> None:
    from content.generate_mcq import _predicate

    assert _predicate(" games are now recognised as the first Paralympic Games.") is None
    assert _predicate(" also has a base in Geneva.") == " also has a base in Geneva"


def test_a_treaty_with_namesakes_is_asked_with_what_it_did_and_a_battle_is_never_founded() -> None:
    text = """# Europe

## Treaties

The Treaty of Paris, signed on 18 April 1951, established the European Coal and Steel \
Community (ECSC). The Battle of Hastings in 1066 founded a new kingdom.
"""
    document = parse_document(text, name="eu")
    prompts = {q.prompt for q in year_questions(build_corpus(document.title,
                                                             list(document.sections)))}
    assert ("In which year was the Treaty of Paris, which established the European Coal and "
            "Steel Community, signed?") in prompts
    assert not any("founded?" in prompt for prompt in prompts)


def test_a_description_of_the_subject_after_who_is_not_asked() -> None:
    text = """# Games

## Founders

Ludwig Guttmann, a German-born neurologist who had fled in 1939, led the spinal centre at \
Stoke Mandeville. George Averoff paid for the stadium in Athens. Pierre de Coubertin founded \
the committee in Paris.
"""
    document = parse_document(text, name="games")
    corpus = build_corpus(document.title, list(document.sections))
    assert not any(q.prompt.startswith("Who,") for q in subject_questions(corpus))


def test_an_aside_about_the_person_asked_for_is_left_out_of_who() -> None:
    text = """# Suez

## Aftermath

Anthony Eden, whose health had been poor, resigned as prime minister on 9 January 1957 and \
was succeeded by Harold Macmillan. Dwight Eisenhower, who was standing for re-election, \
opposed the attack. Sergei Witte instead negotiated a shortcut across Manchuria. Harold \
Macmillan became prime minister in 1957.
"""
    document = parse_document(text, name="suez")
    prompts = {q.prompt for q in subject_questions(build_corpus(document.title,
                                                                list(document.sections)))}
    assert ("Who resigned as prime minister on 9 January 1957 and was succeeded by Harold "
            "Macmillan?") in prompts
    assert "Who opposed the attack?" in prompts
    assert not any(prompt.startswith("Who,") or "instead" in prompt for prompt in prompts)


def test_a_date_of_a_second_predicate_is_not_asked_of_the_first() -> None:
    from content.generate_when import when_questions

    text = """# Railways

## Modernisation

Electrification was carried out in stages over the century and was completed in 2002. The \
Amur bridge was opened in 1916.
"""
    document = parse_document(text, name="rail")
    prompts = {q.prompt for q in when_questions(build_corpus(document.title,
                                                             list(document.sections)))}
    assert "In which year was the Amur bridge opened?" in prompts
    assert not any("lectrification" in prompt for prompt in prompts)


def test_options_that_are_all_acts_are_asked_about_as_an_act() -> None:
    text = """# Votes

## Laws

The Municipal Franchise Act of 1869 allowed unmarried women ratepayers to vote in borough \
elections, and the Local Government Act of 1894 let women vote in parish elections. In April \
1913 the government passed the Prisoners Act, known as the "Cat and Mouse Act". The \
Representation of the People Act received royal assent on 6 February 1918.
"""
    document = parse_document(text, name="votes")
    corpus = build_corpus(document.title, list(document.sections))
    prompts = {q.prompt for q in subject_questions(corpus)}
    assert "Which act received royal assent on 6 February 1918?" in prompts


def test_a_day_or_a_span_before_the_subject_stays_in_front_of_who() -> None:
    text = """# Tudors

## Ministers

From 1536 to 1541 the minister Thomas Cromwell directed the dissolution of the monasteries. \
On 16 May 1532 the minister Thomas More resigned the great seal. In 1540 the minister \
Stephen Gardiner attacked the reformers at court. In 1529 the minister Thomas Wolsey lost \
his office.
"""
    document = parse_document(text, name="tudors")
    prompts = {q.prompt: q.answer
               for q in subject_questions(build_corpus(document.title, list(document.sections)))}
    assert prompts["From 1536 to 1541, who directed the dissolution of the monasteries?"] == (
        "Thomas Cromwell")
    assert prompts["On 16 May 1532, who resigned the great seal?"] == "Thomas More"


def test_a_nationality_in_a_who_question_is_shared_by_every_option() -> None:
    # review r29: "Who was a French theologian …?" beside the German Luther and Tetzel
    text = """# Reform

## Reformers

John Calvin was a French theologian born in Noyon. Martin Luther was a German monk who \
wrote the theses. Johann Tetzel was a German friar who sold indulgences. Johann Eck was a \
German theologian who debated at Leipzig. Guillaume Farel was a French reformer who \
preached in Geneva.
"""
    document = parse_document(text, name="reform")
    asked = {q.answer: q for q in subject_questions(build_corpus(document.title,
                                                                 list(document.sections)))}
    for question in asked.values():
        if "French" in question.prompt:
            assert not {"Martin Luther", "Johann Tetzel", "Johann Eck"} & set(
                question.distractors)
    assert any("German" in q.prompt for q in asked.values())


def test_an_aside_about_the_person_s_party_is_not_asked_of_the_person() -> None:
    text = """# War

## Election

In November 1860 the lawyer Abraham Lincoln of the Republican Party, founded in 1854, won \
the presidency. In 1859 the lawyer Edwin Stanton of the Ohio legislature defended a \
congressman. In 1858 the senator Stephen Douglas won a debate. In 1856 the soldier John \
Brown fought in Kansas. In 1857 the judge Roger Taney ruled on Dred Scott.
"""
    document = parse_document(text, name="war")
    prompts = [q.prompt for q in subject_questions(build_corpus(document.title,
                                                                list(document.sections)))]
    assert not any("who, founded" in prompt or "who legislature" in prompt for prompt in prompts)


def test_a_country_is_asked_about_among_countries_and_never_as_a_place() -> None:
    # whole-bank review of 09123af: "In November 1898, which place backed down and
    # withdrew?" with France among Morocco and the South African Republic
    from content.gazetteer import COUNTRIES

    text = """# The Scramble for Africa

## Fashoda

In 1898 a French expedition reached Fashoda on the Nile. Morocco and Tunisia were already \\
under French influence, and the South African Republic was fighting Britain. In November \\
1898 France backed down and withdrew. France hoped to build a belt of territory from west \\
to east across Africa.
"""
    document = parse_document(text, name="fashoda")
    asked = subject_questions(build_corpus(document.title, list(document.sections)))
    assert "In November 1898, which country backed down and withdrew?" in {
        candidate.prompt for candidate in asked}
    assert not [candidate for candidate in asked if "which place" in candidate.prompt.lower()]
    for candidate in asked:
        assert {candidate.answer, *candidate.distractors} <= COUNTRIES, candidate


def test_a_second_subject_after_a_comma_ends_the_predicate() -> None:
    # whole-bank review of 09123af: "Which country kept the region of Posen, Austria kept
    # Galicia?"
    text = """# The Congress of Vienna

## Borders

In 1815 Russia took most of the Duchy of Warsaw. Prussia kept the region of Posen, Austria \\
kept Galicia. Britain kept Malta and the Cape Colony.
"""
    document = parse_document(text, name="vienna")
    prompts = {candidate.prompt for candidate in subject_questions(
        build_corpus(document.title, list(document.sections)))}
    assert "Which country kept the region of Posen?" in prompts
    assert not [prompt for prompt in prompts if "Austria kept" in prompt]
