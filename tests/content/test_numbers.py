"""Counts and measures asked as blanks, with figures of the same size as wrong options."""

from __future__ import annotations

from content.corpus import Corpus, build_corpus
from content.generate_numbers import _near_figures, number_questions
from content.parse import parse_document

CANAL = """# The canal

## Building

Estimates suggest that around 12,000 workers died during the French period. About 5,600 \
workers died during the American construction period. More than 125 countries use the canal \
every year. The lock chambers were finished within 30 days of the flood. Some 8,000 of the \
20,000 troops were Normans. The first gold medal was won in the 500 metres by a skater. The \
oceans hold about 97 percent of the water on the planet. In the Bay of Fundy in eastern \
Canada the difference between high and low water can exceed 15 metres. The highest lock \
gates of the canal stand about 24 metres tall. The deepest cut was dug to about 40 metres.
"""


def _corpus(text: str) -> Corpus:
    document = parse_document(text, name="figures")
    return build_corpus(document.title, list(document.sections))


def _asked() -> dict[str, tuple[str, tuple[str, ...]]]:
    corpus = _corpus(CANAL)
    return {q.prompt: (q.answer, q.distractors) for q in number_questions(corpus)}


def test_an_exact_or_about_figure_is_blanked_with_its_noun_kept() -> None:
    asked = _asked()
    answer, wrong = asked["Fill in the blank: About _____ workers died during the American "
                          "construction period."]
    assert answer == "5,600"
    assert "12,000" in wrong  # the document's other figure for workers
    assert any(float(w.replace(",", "")) < 5600 for w in wrong)
    assert any(float(w.replace(",", "")) > 5600 for w in wrong)
    answer, wrong = asked["Fill in the blank: The oceans hold about _____ percent of the water "
                          "on the planet."]
    assert answer == "97" and all(float(w) < 100 for w in wrong)


def test_bounds_durations_names_and_paired_figures_are_left_alone() -> None:
    prompts = " ".join(_asked())
    assert "More than _____" not in prompts  # every smaller option would be true too
    assert "within _____ days" not in prompts
    assert "_____ metres by a skater" not in prompts  # "the 500 metres" is a race
    assert "8,000 of the _____" not in prompts and "_____ of the 20,000" not in prompts
    assert "exceed _____" not in prompts  # 10 metres is exceeded too (review r42)


def test_wrong_figures_are_rounded_as_the_answer_is() -> None:
    assert all(option.endswith("00,000") for option in _near_figures("400,000", percent=False))
    assert all(option.endswith("0") for option in _near_figures("240", percent=False))
    # a figure precise to fifty gets figures precise to fifty, not round thousands beside it
    assert {"1,100", "1,600"} <= set(_near_figures("1,350", percent=False))
    assert all(option.endswith("50") or option.endswith("00")
               for option in _near_figures("1,350", percent=False))
    assert all(float(option) < 100 for option in _near_figures("97", percent=True))


def test_an_about_figure_has_no_wrong_option_it_could_also_mean() -> None:
    # blind review r19: "about 5 litres" beside 4, which is about 5 too
    text = ("# Heart\n\n## Output\n\nStroke volume multiplied by heart rate gives the cardiac "
            "output, about 5 litres per minute at rest. Roughly 1,350 volcanoes on land are "
            "considered potentially active.\n")
    corpus = _corpus(text)
    asked = {q.answer: q.distractors for q in number_questions(corpus)}
    for answer, wrong in asked.items():
        value = float(answer.replace(",", ""))
        others = [float(w.replace(",", "")) for w in wrong]
        assert len(others) == 3
        assert all(abs(other - value) >= 0.3 * value for other in others), (answer, wrong)
    assert set(asked) == {"5", "1,350"}


def test_a_share_above_half_gets_shares_above_half_and_points_apart() -> None:
    # review r20: "Most of the Earth's water … about _____ percent" beside 40 and 48
    text = ("# Water\n\n## Oceans\n\nMost of the Earth's water is found in the oceans, which "
            "hold about 97 percent of the total.\n")
    corpus = _corpus(text)
    (question,) = number_questions(corpus)
    wrong = [float(option) for option in question.distractors]
    assert question.answer == "97"
    assert all(50 < option < 100 and abs(option - 97) >= 8 for option in wrong), wrong


def test_a_clause_number_is_a_label_not_a_figure() -> None:
    text = ("# Charter\n\n## Clauses\n\nClause 40 adds that no one will be denied justice by "
            "the king's courts in England.\n")
    corpus = _corpus(text)
    assert number_questions(corpus) == []


def test_wrong_figures_are_written_as_the_answer_is() -> None:
    # review r28: "1371" beside "2,335", and "3.8" among whole kilometres
    text = """# Falls

## Heights

Angel Falls in Venezuela drops 979 metres from the edge of a table mountain. Tugela Falls \
in South Africa drops 948 metres in five steps. A cable car in the Alps climbs 2335 metres \
to the summit. Niagara Falls has cut a gorge about 11 kilometres long since the ice age. The \
Horseshoe Falls crest is about 3.8 kilometres upstream of the old crest.
"""
    asked = {q.answer: q.distractors for q in number_questions(_corpus(text))}
    assert "979" in asked
    big = [option for option in asked["979"] if float(option.replace(",", "")) >= 1000]
    assert big and all("," in option for option in big)
    assert "11" in asked
    assert not any("." in option for option in asked["11"])


def test_a_figure_left_open_by_or_more_is_not_blanked() -> None:
    # review r29: "may reach _____ metres or more": 30 and 45 are as true as 60
    text = """# Forest

## Layers

The emergent trees may reach 60 metres or more above the ground. The canopy lies about 30 \
metres up and holds most of the leaves. The understorey is about 10 metres tall.
"""
    asked = {q.answer for q in number_questions(_corpus(text))}
    assert "60" not in asked
    assert "30" in asked


def test_no_wrong_figure_is_twice_an_about_answer() -> None:
    # review r34: a river of 12,800 km offered beside the Amazon's 6,400
    from content.generate_numbers import _far_figures

    for answer in ("6,400", "1,350", "75", "58"):
        value = float(answer.replace(",", ""))
        offered = [float(figure.replace(",", "")) for figure in
                   _far_figures(answer, percent=False)]
        assert offered and all(figure < 1.7 * value for figure in offered)
