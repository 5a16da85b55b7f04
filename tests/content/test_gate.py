"""The bar above validation: what a strict reviewer refused, refused here too."""

from __future__ import annotations

import pytest

from content.balance import balanced
from content.candidate import Candidate
from content.gate import unfit
from content.gazetteer import place_kind
from content.terms import build_lexicon, extract_named


def _candidate(
    kind: str, answer: str = "x", *, tags: tuple[str, ...] = (), **rest: object
) -> Candidate:
    fields: dict[str, object] = {
        "lesson": 0,
        "kind": kind,
        "prompt": "Fill in the blank: The Antarctic Treaty was signed in _____.",
        "answer": answer,
        "distractors": ("a", "b", "c"),
        "explanation": "e",
        "source": "The Antarctic Treaty was signed in 1959.",
        "tags": tags,
    }
    fields.update(rest)
    return Candidate(**fields)  # type: ignore[arg-type]


def test_blanks_on_generic_phrases_are_refused_and_blanks_on_facts_kept() -> None:
    assert unfit(_candidate("cloze", "international relations", tags=("concept",))) is not None
    assert unfit(_candidate("cloze", "1959", tags=("year",))) is None


def test_false_statements_swap_only_dates() -> None:
    swapped_place = _candidate(
        "true_false", "False", tags=("Bosnia",), statement="NATO had a mandate in Egypt."
    )
    swapped_year = _candidate(
        "true_false", "False", tags=("1959",), statement="The Antarctic Treaty was signed in 1961."
    )
    assert unfit(swapped_place) is not None
    assert unfit(swapped_year) is None


def test_true_statements_need_a_name_or_date_and_a_readable_length() -> None:
    platitude = "peacekeeping operations play a crucial role in fostering stability."
    assert unfit(_candidate("true_false", "True", statement=platitude)) is not None
    long = "In 1959 " + " ".join(["word"] * 40) + "."
    assert unfit(_candidate("true_false", "True", statement=long)) is not None
    dated = "The Antarctic Treaty was signed in 1959."
    assert unfit(_candidate("true_false", "True", statement=dated)) is None


def test_praise_is_not_a_which_question() -> None:
    praise = _candidate("mcq", "NATO", prompt="Which organisation plays a vital role in peace?")
    fact = _candidate("mcq", "NATO", prompt="Which organisation led ISAF in Afghanistan?")
    assert unfit(praise) is not None
    assert unfit(fact) is None


def test_places_have_kinds_so_a_sea_is_not_offered_for_a_country() -> None:
    assert place_kind("Atlantic") == place_kind("Red Sea") == "water"
    assert place_kind("Balkans") == place_kind("Iberian Peninsula") == "region"
    assert place_kind("France") == place_kind("Ottoman Empire") == "land"
    assert place_kind("Canary Islands") == "islands"


def test_a_title_is_not_a_place_and_an_acting_acronym_is_an_organisation() -> None:
    sentences = [
        "ITV announced a bid for the rights.",
        "Customers needed a Sky+ PVR to record.",
        "Bethencourt took the title of King of the Canary Islands.",
    ]
    lexicon = build_lexicon(sentences)
    typed = {t.text: t.type.value for s in sentences for t in extract_named(s, lexicon)}
    assert typed.get("ITV") == "organisation"
    assert "PVR" not in typed  # a product: no clear type, no question
    assert typed.get("King of the Canary Islands") != "place"


def test_one_question_per_sentence_and_balanced_verdicts() -> None:
    same = "The Antarctic Treaty was signed in 1959."
    cloze = _candidate("cloze", "1959", tags=("year",), source=same)
    statement = _candidate("true_false", "False", tags=("1959",), source=same)
    truths = [
        _candidate("true_false", "True", source=f"Fact number {n} happened in 19{n}0.")
        for n in range(1, 5)
    ]
    scores = {id(cloze): 3.0, id(statement): 2.0}
    kept = balanced([cloze, statement, *truths], lambda c: scores.get(id(c), 1.0))
    assert cloze in kept and statement not in kept
    verdicts = [c.answer for c in kept if c.kind == "true_false"]
    assert abs(verdicts.count("True") - verdicts.count("False")) <= 1


def test_a_blank_inside_a_longer_name_is_refused() -> None:
    court = "Fill in the blank: In July 2013, the _____ of Justice found for Sky."
    assert unfit(_candidate("cloze", "High Court", tags=("organisation",), prompt=court))
    hospital = "Fill in the blank: Fleming worked in the _____'s Hospital, Paddington."
    assert unfit(_candidate("cloze", "Inoculation Department of St Mary",
                            tags=("organisation",), prompt=hospital))
    span = "Fill in the blank: Scott's Discovery Expedition of _____–04 set up its base."
    assert unfit(_candidate("cloze", "1901", tags=("year",), prompt=span))


def test_a_blank_after_a_month_is_a_date_not_part_of_a_name() -> None:
    may = "Fill in the blank: In May _____, Setanta Sports won two packages."
    assert unfit(_candidate("cloze", "2006", tags=("year",), prompt=may)) is None


def test_an_explanation_gives_the_next_sentence_unless_another_question_asks_it() -> None:
    from content.explain import asked_sentences, in_context

    lesson = (
        "The Antarctic Treaty was signed in 1959 by twelve states. It entered into force in 1961. "
        "Its secretariat has been based in Buenos Aires since 2004.\n"
        "Mining is banned by a protocol that entered into force in 1998."
    )
    first = "The Antarctic Treaty was signed in 1959 by twelve states."
    secretariat = "Its secretariat has been based in Buenos Aires since 2004."
    # "It entered ..." leans on the sentence before it: not an explanation on its own
    assert in_context(lesson, first) is None
    assert in_context(lesson, secretariat) is None  # its neighbour leans back too
    mining = "Mining is banned by a protocol that entered into force in 1998."
    assert in_context(lesson, mining) is None  # alone in its paragraph
    plain = "Apollo 11 landed in 1969 on the Moon. Neil Armstrong stepped out first that day."
    assert in_context(plain, "Apollo 11 landed in 1969 on the Moon.") == (
        "Neil Armstrong stepped out first that day.")
    asked = asked_sentences(["Neil Armstrong stepped out first that day."])
    assert in_context(plain, "Apollo 11 landed in 1969 on the Moon.", asked) is None


def test_a_date_blank_must_date_a_milestone_not_a_figure() -> None:
    figure = "Fill in the blank: As of 31 March _____, Sky had 3,393,000 Sky+ users."
    launch = "Fill in the blank: BSkyB launched its HDTV service on 22 May _____."
    assert unfit(_candidate("cloze", "2008", tags=("year",), prompt=figure)) is not None
    assert unfit(_candidate("cloze", "2006", tags=("year",), prompt=launch)) is None


def test_stems_that_point_back_or_echo_the_answer_are_refused() -> None:
    they = _candidate("mcq", "Michael Collins",
                      prompt="Who flew Columbia in lunar orbit while they were on the Moon?")
    former = _candidate("mcq", "Edward", prompt="Who set up the aforementioned Ralph as earl?")
    channel = _candidate("cloze", "England", tags=("place",),
                         prompt="Fill in the blank: They held ports opposite _____ across the "
                                "English Channel.")
    normans = _candidate("cloze", "1066", tags=("year",),
                         prompt="Fill in the blank: In _____ the Normans conquered the land they "
                                "had long raided.")
    assert unfit(they) is not None
    assert unfit(former) is not None
    assert unfit(channel) is not None
    assert unfit(normans) is None  # "they" has "the Normans" to point to


def test_a_stem_naming_the_region_or_continent_only_as_the_region_is_refused() -> None:
    vague = _candidate("mcq", "African Union",
                       prompt="Which organisation keeps the peace across the continent?")
    named = _candidate("mcq", "African Union",
                       prompt="Which organisation keeps the peace in the region of Darfur?")
    assert unfit(vague) is not None
    assert unfit(named) is None


def test_stems_saying_by_then_or_this_thing_are_refused() -> None:
    then = _candidate("cloze", "Georgia", tags=("place",),
                      prompt="Fill in the blank: By then there were Normans serving in _____.")
    this = _candidate("cloze", "2005", tags=("year",),
                      prompt="Fill in the blank: Prior to October _____, this platform was "
                             "launched.")
    assert unfit(then) is not None
    assert unfit(this) is not None


@pytest.mark.parametrize("stem", [
    "Because of this, Ethelred fled to Normandy in _____.",
    "A few weeks after the deal, ITV went to the _____ to get an injunction.",
    "Within 30 days, over 100,000 digiboxes had been sold by _____.",
    "Within two months of the launch, BSkyB reached 3.5 million households by mid-_____.",
    "The Normans were now free to take some minor cities in _____.",
    "The combined process was first measured in _____.",
    "In _____ she found that thorium also emitted such rays.",
    "The first came in _____, when Denmark joined.",
    "Encouraged by that success, de Lesseps began work in _____.",
    "Work to build the canal began in _____.",
    "The Normans lost Butrint in _____, after the death of Robert.",
    "The league also fought pirates, whose leader was executed in _____.",
    # blind review r19
    "In the early _____, however, deep drilling passed through a kilometre of limestone.",
    "The first servicing mission, STS-61, was flown in _____.",
    "Other important members joined in _____.",
    "Less than two months later, the authorities closed the border in _____.",
    # blind reviews r21 and r22
    "In _____ the bacterium was identified in Hong Kong by Alexandre Yersin.",
    "The term was popularised in _____ by the historian Arnold Toynbee.",
    "The first, the duodenum, is about _____ centimetres long.",
    "Hale then secured a 200-inch reflector on Palomar Mountain, completed in _____.",
    "The bees deposit the liquid in cells until the water falls below _____ per cent.",
    "Together with its longest tributary, the Missouri, it forms a system of _____ km.",
    "In _____ the pope threatened him with excommunication.",
    # blind review r24
    "In _____ Johann Tetzel was selling indulgences nearby.",
    "The second branch is called adaptive immunity, also known as _____.",
    "The name itself is modern: Richthofen coined it in _____.",
    "So much water was locked up on land that sea level was _____ metres lower.",
    "The greatest test came in October _____, when Italy invaded Abyssinia.",
    # blind review r27: the one thing named before "it" cannot be what "it" is
    "In the United States it is often called the war of _____.",
    "The Library of Congress bought it in _____ for 10 million US dollars.",
    # blind review r28
    "At the end of the fourteenth century it struggled against pirates until _____.",
    "During the First World War, in _____, it was moved for safety to a station.",
    "From September _____ the authorities began force-feeding hunger strikers.",
    "In _____ France drew a different lesson and built its own nuclear weapons.",
    "A war against Holland between _____ and 1441 ended in a peace at Copenhagen.",
    # blind review r29
    "Brunelleschi completed the dome in _____ without a wooden centring.",
    "In _____ Ballard returned with the submersible Alvin.",
    # blind review r34
    "In all about _____ people were officially sentenced to death.",
    "In the Thermidorian Reaction that followed, risings in Paris in _____ were crushed.",
    "Around _____ passengers travelled on the first day.",
    "The United States paid the French company 40 million dollars in _____.",
    "After a first counterattack failed, the towns formed a confederation in _____.",
    "The column fell to a height of about 76 centimetres in _____.",
    "The coin was debased, and in _____ Alexios I replaced it.",
    "Many historians date its height from the late 1580s to _____.",
    "The modern revival is associated above all with a congress of _____.",
    # blind review r38
    "To solve this, two seismologists introduced a new scale in _____.",
    "The scale is logarithmic: each whole number means about _____ times more energy.",
    "Almost two centuries later, in _____, smallpox was declared eradicated.",
    "Descartes lived in the Republic for about _____ years.",
    "The breakthrough came on 13 September _____, with a by-election.",
    # whole-bank review of 09123af
    "On 11 April _____ Truman relieved him of command and replaced him with Ridgway.",
    "Pope Leo X threatened him with excommunication in the bull Exsurge Domine (June _____).",
    "Meanwhile Jebe and Subutai raided around the Caspian and in _____ defeated an army.",
    "Militant attacks nonetheless continued, and in March _____ Mary Richardson struck.",
    "Robert William Thomson had patented a similar idea in _____.",
    "In the treaty signed later that year, Italy recognised Ethiopia's independence in _____.",
    "The engineer Nathan Roberts designed the answer: _____ locks in two parallel flights.",
])
def test_stems_that_lean_on_the_sentence_before_are_refused(stem: str) -> None:
    assert _leaning_reason(stem) == "the stem leans on something it does not name"


def _leaning_reason(stem: str) -> str | None:
    return unfit(_candidate("cloze", "1013", tags=("year",), prompt=f"Fill in the blank: {stem}"))


@pytest.mark.parametrize("stem", [
    "Richthofen coined the term Seidenstraße in _____ after the Chinese silk trade.",
    "The second of the Punic Wars began in _____.",
    "In _____ the Hansa founded a trading post nearby Bergen.",
    "The largest coral reef system in the world was protected in _____.",
    "The First World War ended in _____.",
    "The first recognised global-scale bleaching event occurred in _____.",
    "Babbage designed the Difference Engine and built it in _____.",
    "In _____ the Normans conquered the land it had long raided.",
    "In _____ France took a different view from Britain.",
    "In _____ Ballard returned to the wreck with the submersible Alvin.",
    "The war that followed the Congress of Vienna began in _____.",
    "The Dutch East India Company was the first company to issue shares, in _____.",
    "On the first day of the Battle of the Somme, _____ soldiers fell.",
    "The brain contains about _____ billion neurons and a similar number of glial cells.",
    "After Luther refused to recant, Charles V declared him an outlaw in _____.",
    "In _____ Henry Hudson met Samuel de Champlain and gave him a map.",
])
def test_a_superlative_or_ordinal_that_says_of_what_stands_alone(stem: str) -> None:
    assert _leaning_reason(stem) != "the stem leans on something it does not name"


@pytest.mark.parametrize("stem", [
    "The oceans supply most water vapour, because they cover about _____ percent of the Earth.",
    "In _____ the prize was divided between Henri Becquerel and Pierre and Marie Curie.",
])
def test_a_pronoun_or_first_name_the_stem_itself_explains_stands_alone(stem: str) -> None:
    candidate = _candidate("cloze", "71", tags=("number",), prompt=f"Fill in the blank: {stem}")
    assert unfit(candidate) != "the stem leans on something it does not name"


def test_a_true_statement_dates_a_milestone_as_false_ones_do() -> None:
    undated = "Lübeck gave German merchants direct access to the Baltic."
    candidate = _candidate("true_false", "True", statement=undated,
                           prompt=f"True or false? {undated}")
    assert unfit(candidate) == "a true statement must date a milestone, as the false ones do"


def test_a_true_statement_opening_with_a_link_to_the_sentence_before_is_refused() -> None:
    statement = "In addition, the Hansa founded a trading post in Bergen in 1360."
    linked = _candidate("true_false", "True", statement=statement,
                        prompt=f"True or false? {statement}")
    alone = "The Hansa founded a trading post in Bergen in 1360."
    plain = _candidate("true_false", "True", statement=alone, prompt=f"True or false? {alone}")
    assert unfit(linked) is not None and "leans" in str(unfit(linked))
    assert unfit(plain) is None


def test_a_named_treaty_or_league_stands_alone() -> None:
    for stem in ("The Treaty of Utrecht was signed in _____.",
                 "The Hanseatic League was founded in _____."):
        candidate = _candidate("cloze", "1474", tags=("year",), prompt=f"Fill in the blank: {stem}")
        assert unfit(candidate) is None


def test_a_bare_many_is_refused() -> None:
    many = _candidate("cloze", "1098", tags=("year",), prompt=(
        "Fill in the blank: Many joined the Armenian state in _____."))
    assert unfit(many) == "the stem leans on something it does not name"
    named = _candidate("cloze", "1098", tags=("year",), prompt=(
        "Fill in the blank: Many Normans joined the Armenian state in _____."))
    assert unfit(named) is None


def test_a_bare_first_name_or_a_relative_of_one_leans_on_the_paragraph() -> None:
    for stem in ("William invaded Scotland in _____, riding as far as Abernethy.",
                 "In _____, Jean's nephew Maciot sold the rights to Enrique Pérez."):
        candidate = _candidate("cloze", "1072", tags=("year",), prompt=f"Fill in the blank: {stem}")
        assert unfit(candidate) == "the stem leans on something it does not name"
    named = _candidate("cloze", "1072", tags=("year",),
                       prompt="Fill in the blank: William the Conqueror invaded Scotland in _____.")
    assert unfit(named) is None
    assert place_kind("Jerusalem") == "city" and place_kind("Macedonia") == "land"


def test_it_after_a_thing_in_the_stem_stands_alone_but_not_at_the_start() -> None:
    inside = _candidate("mcq", "Joseph Priestley", tags=("person",), prompt=(
        "Who showed in 1771 that a sprig of mint let a mouse live in it again?"))
    assert unfit(inside) is None
    opening = _candidate("cloze", "Geneva", tags=("place",), prompt=(
        "Fill in the blank: In October 1863 it hosted a conference in _____."))
    assert unfit(opening) == "the stem leans on something it does not name"


def test_the_second_of_a_pair_of_names_and_a_continent_for_a_region() -> None:
    paired = _candidate("cloze", "Roger Slack", tags=("person",), prompt=(
        "Fill in the blank: The pathway was described by Marshall Hatch and _____ in the 1960s."))
    assert unfit(paired) is not None
    assert place_kind("Africa") == "continent" and place_kind("Anatolia") == "region"
    assert place_kind("Australia") == "land"


@pytest.mark.parametrize("stem", [
    "Strong territorial states such as _____, Sweden, Poland and Muscovy resented them.",
    "An alliance of Britain, France, the Ottoman Empire, and _____ joined forces.",
])
def test_a_blank_in_a_list_of_names_is_refused(stem: str) -> None:
    candidate = _candidate("cloze", "Denmark", tags=("place",), prompt=f"Fill in the blank: {stem}")
    assert unfit(candidate) is not None


def test_the_process_leans_unless_the_stem_says_which() -> None:
    leaning = _candidate("cloze", "William the Lion", tags=("person",), prompt=(
        "Fill in the blank: The process was continued under David's successors, under _____."))
    assert unfit(leaning) == "the stem leans on something it does not name"
    defined = _candidate("definition", "Photosynthesis", prompt=(
        "What is the process by which plants use light to build sugar called?"))
    assert unfit(defined) is None


def test_a_which_question_needs_a_name_date_or_number_to_single_out_its_answer() -> None:
    vague = _candidate("mcq", "United Nations", tags=("organisation",), prompt=(
        "Which organisation, while not a military alliance in the traditional sense, partners "
        "closely with regional alliances to execute peacekeeping missions?"))
    assert unfit(vague) is not None
    named = _candidate("mcq", "Joint Harbour Commission", tags=("organisation",),
                       prompt="Which organisation met every spring in Riga?")
    assert unfit(named) is None


def test_a_name_the_lesson_or_course_title_holds_is_not_asked() -> None:
    from content.gate import named_in_title

    england = _candidate("cloze", "England", tags=("place",),
                         prompt="Fill in the blank: The Normans were in contact with _____.")
    assert named_in_title(england, "England") is not None
    assert named_in_title(england, "Scotland") is None
    curie = _candidate("mcq", "Marie Curie", tags=("person",),
                       prompt="Who became the first woman to receive a Nobel Prize?")
    assert named_in_title(curie, "Marie Curie") is not None
    assert named_in_title(_candidate("cloze", "1951", tags=("year",)), "Treaty of Paris (1951)")
    assert named_in_title(_candidate("cloze", "1903", tags=("year",)), "The Nobel Prizes") is None


@pytest.mark.parametrize("stem", [
    "In which year was Marie offered his professorship?",
    "Fill in the blank: Pierre, together with his brother Jacques, discovered _____.",
])
def test_a_bare_first_name_anywhere_in_the_stem_leans_on_the_paragraph(stem: str) -> None:
    assert unfit(_candidate("mcq", "1906", tags=("year",), prompt=stem, statement=stem))


def test_full_names_and_particles_are_not_bare_first_names() -> None:
    for stem in ("Fill in the blank: In 1418 Maciot de Bethencourt sold the rights in _____.",
                 "Who left Messina with a large fleet in order to reach Acre in April 1191?"):
        assert unfit(_candidate("mcq", "1418", tags=("year",), prompt=stem,
                                statement=stem)) is None


def test_it_after_only_plural_things_points_nowhere() -> None:
    stem = ("Fill in the blank: Among the documents acquired from it by the explorer Aurel "
            "Stein in _____ was a printed copy of the Diamond Sutra.")
    assert unfit(_candidate("cloze", "1907", tags=("year",), prompt=stem, statement=stem))


def test_an_initial_and_an_ampersand_stay_inside_a_name() -> None:
    sentences = ["In 1921 President Warren G. Harding presented her with radium.",
                 "The initiative was joined by the Bill & Melinda Gates Foundation."]
    lexicon = build_lexicon(sentences)
    names = [term.text for sentence in sentences for term in extract_named(sentence, lexicon)]
    assert names == ["Warren G. Harding", "Bill & Melinda Gates Foundation"]


def test_places_are_not_blanked() -> None:
    stem = "Fill in the blank: On 1 May 1191, Richard's fleet arrived at Limassol on _____."
    assert unfit(_candidate("cloze", "Cyprus", tags=("place",), prompt=stem, statement=stem))


def test_an_example_blank_and_a_year_beside_a_near_year_are_refused() -> None:
    kings = ("Fill in the blank: Norman families would provide some future kings, such as "
             "_____, and many clans.")
    assert unfit(_candidate("cloze", "Robert the Bruce", tags=("person",), prompt=kings))
    died = ("Fill in the blank: Lee Jong-wook died in office in May _____, and Anders "
            "Nordström served until Margaret Chan took office in January 2007.")
    assert unfit(_candidate("cloze", "2006", tags=("year",), prompt=died))
    far = "Fill in the blank: The Health Assembly first met in _____, and moved to Geneva in 1966."
    assert unfit(_candidate("cloze", "1948", tags=("year",), prompt=far)) is None


@pytest.mark.parametrize(("prompt", "little"), [
    ("Which country joined in 2001?", True),
    ("What is the combined process called?", True),
    ("Which body represents the citizens of the European Union?", False),
    ("In which year was the Treaty of Paris signed?", False),
])
def test_a_question_must_say_enough_to_single_out_its_answer(prompt: str, little: bool) -> None:
    candidate = _candidate("mcq", "Greece", tags=("place",), prompt=prompt, statement=prompt)
    assert (unfit(candidate) is not None) is little


def test_agreements_and_offices_named_with_of_or_on_are_typed_by_their_head() -> None:
    from content.terms import TermType, classify_name

    assert classify_name("Treaty on European Union") is TermType.EVENT
    assert classify_name("Department of Defense") is TermType.ORG


def test_the_course_s_own_subject_said_short_still_leans() -> None:
    for stem in ("Fill in the blank: The Games were first held in Athens in _____.",
                 "Which body is the Union's executive body, based in Brussels?"):
        candidate = _candidate("cloze", "1896", tags=("year",), prompt=stem, statement=stem)
        assert unfit(candidate) == "the stem leans on something it does not name"


def test_an_answer_alone_in_repeating_a_word_of_the_stem_is_a_giveaway() -> None:
    stem = "Which body, often called the Council of Ministers, brings ministers together?"
    alone = _candidate("mcq", "Council of the European Union", tags=("organisation",),
                       prompt=stem, statement=stem,
                       distractors=("European Commission", "European Parliament"))
    shared = _candidate("mcq", "Council of the European Union", tags=("organisation",),
                        prompt=stem, statement=stem,
                        distractors=("European Council", "European Commission"))
    assert unfit(alone) is not None
    assert unfit(shared) is None
    # another form of the word gives it away too (blind review r19)
    stem = "Which place was governed by the Socialist Unity Party of Germany (SED)?"
    germany = _candidate("mcq", "German Democratic Republic", tags=("place",), prompt=stem,
                         statement=stem, distractors=("Hungary", "United Kingdom"))
    assert unfit(germany) is not None


@pytest.mark.parametrize(("tag", "answer", "stem"), [
    ("person", "Joseph Priestley",
     "In 1771 the English chemist _____ showed that mint restores air."),
    ("person", "Robert Guiscard", "After the death of _____, the Normans retreated."),
    ("event", "Battle of Omdurman",
     "In September, fresh from defeating the Mahdist forces at the _____, Kitchener arrived."),
    ("event", "Mines and Collieries Act",
     "The _____ of 1842 banned women and boys under ten from working underground."),
    ("organisation", "Statistical Society of London",
     "In 1834 Babbage helped to found the _____."),
])
def test_names_are_not_blanked(tag: str, answer: str, stem: str) -> None:
    candidate = _candidate("cloze", answer, tags=(tag,), prompt=f"Fill in the blank: {stem}")
    assert unfit(candidate) == (
        "a name blanked in its sentence: the words around it fit only one option")


def test_a_quotation_the_stem_does_not_close_is_refused() -> None:
    stem = 'Fill in the blank: A laser _____ km up creates an artificial "laser guide star.'
    assert unfit(_candidate("cloze", "90", tags=("number",), prompt=stem)) == (
        "a quotation in the stem is not closed")


def test_a_slip_copied_from_the_source_is_refused() -> None:
    stem = "Who sought an annulment of his marriage to Catherine of Aragon,, who had no son?"
    candidate = _candidate("mcq", "Henry VIII", tags=("person",), prompt=stem, statement=stem)
    assert unfit(candidate) == "the stem copies a slip of its source (“Aragon,, who”)"


def test_him_is_never_who_who_is() -> None:
    stem = "Who threatened him with excommunication in the bull Exsurge Domine in June 1520?"
    candidate = _candidate("mcq", "Leo X", tags=("person",), prompt=stem, statement=stem)
    assert unfit(candidate) == "the stem leans on something it does not name"


def test_a_date_in_an_aside_is_a_side_detail() -> None:
    aside = _candidate("cloze", "1963", tags=("year",), prompt=(
        "Fill in the blank: The Arecibo telescope, completed in _____, had a fixed dish."))
    main = _candidate("cloze", "1963", tags=("year",), prompt=(
        "Fill in the blank: The Arecibo telescope was completed in _____."))
    assert unfit(aside) is not None and "aside" in str(unfit(aside))
    assert unfit(main) is None


@pytest.mark.parametrize(("tag", "stem", "aside"), [
    ("year", "Neurons meet at synapses, a term introduced by the British physiologist Charles "
             "Sherrington in _____.", True),
    ("number", "The Galápagos penguin, about _____ centimetres tall, is the only penguin "
               "breeding in the tropics.", True),
    ("number", "Pilots such as Manfred von Richthofen, credited with _____ victories, became "
               "famous as aces.", True),
    ("year", "Uncrewed test flights, including the first Saturn V launch on Apollo 4 in "
             "November _____, cleared the way for astronauts.", True),
    ("number", "The small intestine is the longest part of the tract, about _____ metres long, "
               "though shorter in a living person.", False),
])
def test_an_appositive_or_a_figure_set_between_subject_and_verb_is_a_side_detail(
        tag: str, stem: str, aside: bool) -> None:
    reason = unfit(_candidate("cloze", "50", tags=(tag,), prompt=f"Fill in the blank: {stem}"))
    assert ("aside" in str(reason)) is aside and (aside or reason is None)


def test_the_year_a_study_was_published_is_not_asked() -> None:
    blank = _candidate("cloze", "2022", tags=("year",), prompt=(
        "Fill in the blank: A genetic study published in _____ examined skeletons from two "
        "cemeteries."))
    statement = _candidate("true_false", "False", tags=("2022",), statement=(
        "A genetic study published in 2017 examined skeletons from two cemeteries."))
    assert "study" in str(unfit(blank)) and "study" in str(unfit(statement))


def test_a_pronoun_after_or_before_a_person_the_document_names_stands_alone() -> None:
    # the Inca Empire (a document new to the engine) lost most of its questions: no list of
    # given names knows Huáscar or Atahualpa, and "Topa Inca's son" is no first name's son
    people = frozenset({"Huáscar", "Atahualpa", "Topa Inca", "Huayna Capac"})
    stems = ["Huáscar ruled from Cusco, while his half-brother held _____.",
             "To win his freedom, Atahualpa promised a room of gold in _____.",
             "Topa Inca's son, Huayna Capac, ruled from about _____."]
    for stem in stems:
        candidate = _candidate("cloze", "1527", tags=("year",), prompt=f"Fill in the blank: {stem}")
        assert unfit(candidate, people) != "the stem leans on something it does not name"
        assert unfit(candidate) == "the stem leans on something it does not name" or (
            stem.startswith("Topa"))
    jean = _candidate("cloze", "1402", tags=("year",),
                      prompt="Fill in the blank: Jean's nephew sailed to the islands in _____.")
    assert unfit(jean, people) == "the stem leans on something it does not name"


def test_the_emperor_or_the_city_after_its_name_in_the_stem_stands_alone() -> None:
    people = frozenset({"Atahualpa", "Pizarro"})
    resolved = ["In _____ the Spanish killed Atahualpa's attendants and took the emperor prisoner.",
                "In _____ the rebels laid siege to Cusco but could not retake the city.",
                "In _____ Pizarro had only about 168 men, but they had steel swords."]
    for stem in resolved:
        candidate = _candidate("cloze", "1532", tags=("year",), prompt=f"Fill in the blank: {stem}")
        assert unfit(candidate, people) != "the stem leans on something it does not name", stem
    alone = _candidate("cloze", "1532", tags=("year",),
                       prompt="Fill in the blank: In _____ the Spanish took the emperor prisoner.")
    assert unfit(alone, people) == "the stem leans on something it does not name"


@pytest.mark.parametrize("stem", [
    "John Wycliffe (died _____) argued that Scripture outranked the papacy.",
    "Marie Curie (_____) was a Polish-born physicist and chemist.",
    "Year: 1857 · Ship or ships: HMS Agamemnon · Outcome: the cable snapped after _____ miles",
])
def test_life_dates_and_table_rows_are_not_asked(stem: str) -> None:
    tag = "number" if "miles" in stem else "year"
    candidate = _candidate("cloze", "1384", tags=(tag,), prompt=f"Fill in the blank: {stem}")
    assert unfit(candidate) is not None


@pytest.mark.parametrize("stem", [
    "The battle was fought on 25 October _____, Saint Crispin's Day.",
    "The first major scientific breakthrough came in Vienna in _____.",
])
def test_the_battle_and_the_first_breakthrough_lean_on_the_paragraph(stem: str) -> None:
    assert _leaning_reason(stem) == "the stem leans on something it does not name"


def test_a_date_given_to_the_day_or_month_marks_an_event_and_a_tally_s_date_does_not() -> None:
    # reviews r34-r36 accepted 36 of 48 year blanks with a day or month, 73 of 122 without
    assert _leaning_reason("On 3 October _____ the GDR acceded to the Federal Republic.") is None
    assert _leaning_reason("As of 31 March _____, Sky had 3,393,000 Sky+ users.") is not None


def test_a_when_question_told_against_another_event_is_refused() -> None:
    # review r37: "In which year did the Black Prince die a year before his father?"
    garbled = _candidate("mcq", "1376", tags=("date",),
                         prompt="In which year did the Black Prince die a year before his father?")
    plain = _candidate("mcq", "1376", tags=("date",),
                       prompt="In which year did the Black Prince win the Battle of Poitiers?")
    assert "garbles" in str(unfit(garbled))
    assert "garbles" not in str(unfit(plain))
