"""Questions about facts spread over the course: acronyms, dates, order of events."""

from __future__ import annotations

import random
import re

from content.candidate import Candidate
from content.corpus import Corpus
from content.date_options import pick_dates
from content.distractors import (
    ACRONYM_SIMILARITY_LIMIT,
    MIN_ERA_GAP_YEARS,
    clashes,
)
from content.terms import NAMED, TermType, classify_name
from content.text import STOPWORDS, fold_key, short_hash

_CONNECTORS = frozenset({"of", "and", "for", "in", "the", "on"})
_ADJECTIVE_ENDING = re.compile(r"(?:al|ive|ic|ary|ous|ian|an|ese|ish)$")


def _rng(*parts: str) -> random.Random:
    return random.Random(short_hash(*parts, size=8))


# The words that say what kind of body a name is: only these are swapped for each other
# ("International Committee" -> "International Conference"), and places for places.
_KIND_WORDS = frozenset(
    "Committee Commission Conference Convention Council Congress Court Corps Company "
    "Corporation Agency Alliance Association Union Organisation Organization Federation "
    "Force Forces Fund Group Mission Movement Office Operation Party Programme Program "
    "Society Service Services Assembly Authority Board Bureau Centre Center Institute "
    "League Network Partnership Treaty Pact Protocol Agreement".split()
)


def acronym_questions(corpus: Corpus) -> list[Candidate]:
    """ "What does ISAF stand for?" with wrong expansions that fit the same letters."""
    found: list[Candidate] = []
    words = vocabulary(corpus)
    for short, long_form in corpus.lexicon.acronyms.items():
        sentence = next((s for s in corpus.sentences if f"({short}" in s.text), None)
        if sentence is None:
            continue
        distractors = letter_fits(long_form, words, corpus)
        if len(distractors) < 2:
            continue
        rng = _rng(corpus.title, "acronym", short)
        rng.shuffle(distractors)
        found.append(
            Candidate(
                lesson=sentence.lesson,
                kind="acronym",
                prompt=f"What does {short} stand for?",
                answer=long_form,
                distractors=tuple(distractors[:3]),
                explanation=f"{short} stands for {long_form}.",
                source=sentence.text,
                tags=(short,),
            )
        )
    return found


def _other_era(corpus: Corpus, long_form: str, place: str) -> bool:
    """ "African Union Mission in Sardinia": a place the document knows from another age."""
    mine, its = corpus.eras.get(fold_key(long_form)), corpus.eras.get(fold_key(place))
    return mine is not None and its is not None and abs(mine - its) > MIN_ERA_GAP_YEARS


def vocabulary(corpus: Corpus) -> dict[str, set[str]]:
    """Capitalised words of the course's names, by role: "first", "middle", "last", "place".

    Heading words join the middle role: they are the course's own vocabulary.
    """
    roles: dict[str, set[str]] = {"first": set(), "middle": set(), "last": set(), "place": set()}
    for heading in [corpus.title, *corpus.lesson_titles]:
        for word in re.findall(r"[A-Z][a-z]{3,}\b(?![’'-])", heading)[1:]:
            if word.lower() not in STOPWORDS and not word.endswith("ing"):
                roles["middle"].add(word)
    for kind, entries in corpus.pools.items():
        for entry in entries:
            if entry.acronym or kind not in NAMED:
                continue
            words = entry.text.split()
            if kind is TermType.PLACE and len(words) == 1:
                roles["place"].add(words[0])
                continue
            if len(words) < 2:
                continue
            roles["first"].add(words[0])
            roles["last"].add(words[-1])
            roles["middle"].update(word for word in words[1:-1] if word not in _CONNECTORS)
    roles["middle"] -= roles["first"] - {
        word for e in corpus.pools.get(TermType.ORG, []) for word in e.text.split()[1:-1]
    }
    return roles


def letter_fits(long_form: str, vocabulary: dict[str, set[str]], corpus: Corpus) -> list[str]:
    """Swap one word for another with the same initial, in the same role."""
    words = long_form.split()
    results: list[str] = []
    for index, word in enumerate(words):
        if word in _CONNECTORS or not word[:1].isupper():
            continue
        if word in vocabulary["place"]:
            role = "place"
        elif word in _KIND_WORDS:
            role = "first" if index == 0 else "last" if index == len(words) - 1 else "middle"
        else:
            continue  # "Red Cross" -> "Recognition Cross" reads as nonsense (blind review r4)
        kinds = {known for group in vocabulary.values() for known in group} & _KIND_WORDS
        for other in sorted(vocabulary["place"] if role == "place" else kinds):
            same_shape = (
                other[0] == word[0]
                and other.endswith("s") == word.endswith("s")
                and (
                    role == "place"
                    or bool(_ADJECTIVE_ENDING.search(other)) == bool(_ADJECTIVE_ENDING.search(word))
                )
            )
            if other == word or not same_shape:
                continue
            if role == "place" and _other_era(corpus, long_form, other):
                continue
            option = " ".join([*words[:index], other, *words[index + 1 :]])
            if option in corpus.lexicon.names or clashes(
                option, [long_form, *results], limit=ACRONYM_SIMILARITY_LIMIT
            ):
                continue
            results.append(option)
    return results


def year_questions(corpus: Corpus) -> list[Candidate]:
    """ "In which year did the Battle of Hastings take place?", "… was the Treaty of Utrecht
    signed?"; "Which years did the Crimean War span?" for a span."""
    found: list[Candidate] = []
    for item in corpus.dated:
        prompt = _when_prompt(item.label, item.date.type, item.sentence.text)
        prompt = prompt.replace(item.label, _which_one(item.label, item.sentence.text), 1)
        rng = _rng(corpus.title, "year", item.sentence.text, item.date.text)
        distractors = pick_dates(corpus, item.date, stem=prompt, count=3, rng=rng,
                                 source=item.sentence.text)
        if len(distractors) < 2 or re.search(r"\b(?:1[0-9]{3}|20[0-9]{2})", item.label):
            continue
        if not _happens(item.label):
            continue  # "the year for the English High Court": a body has no one date
        found.append(
            Candidate(
                lesson=item.sentence.lesson,
                kind="mcq",
                prompt=prompt,
                answer=item.date.text,
                distractors=tuple(distractors),
                explanation=f"The lesson dates {item.label} to {item.date.text}.",
                source=item.sentence.text,
                tags=("date",),
            )
        )
    return found


# A mission or a conference series runs for years or recurs: one year does not date it
_HAPPENING_HEADS = frozenset(
    "War Wars Battle Siege Congress Treaty Accord Accords Agreement Revolution Crisis Summit "
    "Convention Declaration Protocol Uprising Campaign Crusade Invasion Conquest Pact "
    "Charter".split()
)
_SIGNED = frozenset("Treaty Accord Accords Agreement Pact".split())
_ADOPTED = frozenset("Convention Declaration Protocol Charter".split())


# What the sentence says happened in that year, as a question's verb: the Merger Treaty
# "took effect in 1967", it was not signed then; the Second World War "ended in 1945"
_VERBS = (
    (r"\b(?:began|begun|started|broke\s+out)\b", "did {label} begin"),
    (r"\bended\b", "did {label} end"),
    (r"\b(?:took|takes)\s+effect\b", "did {label} take effect"),
    (r"\b(?:entered|came)\s+into\s+force\b", "did {label} enter into force"),
    (r"\bsign(?:ed|ing)\b", "was {label} signed"),
    (r"\badopt(?:ed|ion)\b", "was {label} adopted"),
    (r"\b(?:fought|took\s+place|was\s+held|were\s+held)\b", "did {label} take place"),
)


# "the Treaty of Paris": there are many; the sentence says which by what it did
_NAMESAKE = re.compile(
    r"^the\s+(?:Treaty|Treaties|Peace|Congress|Battle|Siege|Council)\s+of\s+[A-Z]")
_DID = re.compile(r"\b(established|created|ended|founded|set\s+up|formed|launched)\s+"
                  r"(the\s+[^,.;()]{3,60}?)\s*(?=\(|,|\.|;|$)")


def _which_one(label: str, sentence: str) -> str:
    """ "the Treaty of Paris, which established the European Coal and Steel Community," """
    if not _NAMESAKE.match(label):
        return label
    at = sentence.find(label.removeprefix("the "))
    found = _DID.search(sentence[at:]) if at >= 0 else None
    return f"{label}, which {found[1]} {found[2]}," if found else label


def _fits(asked: str, heads: set[str]) -> bool:
    """Agreements are signed, adopted, take effect; wars and battles begin, end, happen."""
    if heads & (_SIGNED | _ADOPTED):
        return not asked.startswith(("did {label} begin", "did {label} end"))
    return not asked.startswith(("was {label} signed", "was {label} adopted",
                                 "did {label} take effect", "did {label} enter"))


# "the establishment of X" asked as "was X established": reviewers refused "In which year
# was the establishment of …?" and "did the implementation of … span"
_NOMINAL_DONE = {
    "establishment": "established", "formation": "formed", "creation": "created",
    "founding": "founded", "signing": "signed", "deployment": "deployed",
    "launch": "launched", "implementation": "implemented", "adoption": "adopted",
}
_MISSION_HEADS = frozenset("Force Forces Mission Operation Contingent".split())
_NOMINAL_LABEL = re.compile(rf"^the\s+({'|'.join(_NOMINAL_DONE)})\s+of\s+(?P<thing>.+)$")


def _when_prompt(label: str, kind: TermType, sentence: str = "") -> str:
    if kind is not TermType.DECADE and (nominal := _NOMINAL_LABEL.match(label)):
        years = "years" if kind is TermType.RANGE else "year"
        done = _NOMINAL_DONE[nominal[1]]
        if done == "implemented" and nominal["thing"].split()[-1] in _MISSION_HEADS:
            done = "deployed"  # a force is deployed, not implemented (review r17)
        return f"In which {years} was {nominal['thing']} {done}?"
    if kind is TermType.RANGE:
        return f"Which years did {label} span?"
    noun = "decade" if kind is TermType.DECADE else "year"
    heads = set(label.split())
    if heads & (_SIGNED | _ADOPTED | _HAPPENING_HEADS):
        at = sentence.find(label.removeprefix("the "))
        near = sentence[at: at + len(label) + 80] if at >= 0 else ""  # the label's own verb
        for pattern, asked in _VERBS:
            if re.search(pattern, near) and _fits(asked, heads):
                return f"In which {noun} {asked.format(label=label)}?"
        if heads & {"Battle", "Siege", "Congress", "Summit", "Conference"}:
            return f"In which {noun} did {label} take place?"  # an event of days
    if heads & _SIGNED:  # "the Outer Space Treaty of 1967", no verb beside it
        return f"In which {noun} was {label} signed?"
    if heads & _ADOPTED:  # "In which year was the Universal Declaration …?" has no verb
        return f"In which {noun} was {label} adopted?"
    return f"In which {noun} was {label}?"  # "the formation of …" (reviews: not "the lesson")


# "NATO's involvement in the Balkans" lasted a decade: any year of it is also right
_LASTING = frozenset(
    "involvement presence role operations activities engagement efforts work support "
    "cooperation partnership relationship rule occupation membership participation".split())


def _happens(label: str) -> bool:
    """A label for something that happened: an event's name or a phrase like "the formation
    of", not something that lasted ("the involvement of")."""
    words = label.split()
    if _LASTING & {word.lower().strip("’'s") for word in words}:
        return False
    name = label.removeprefix("the ")
    if name[:1].isupper() and classify_name(name) is TermType.ORG:
        return False  # a body lasts: "the United States Congress" sits, it did not happen
    if any(word in _HAPPENING_HEADS for word in words):
        return True
    return any(word.islower() and word not in {"the", "of", "and", "in", "for"} for word in words)
