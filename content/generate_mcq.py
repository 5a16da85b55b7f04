"""Wh-questions about a sentence's subject: "NATO has been ..." -> "Which organisation has ...?".

The subject may follow a discourse marker ("Moreover, the AU's Peace and Security Council
coordinates ..."), an opening clause ("Despite challenges ..., NATO continues ...") or be
followed by an aside ("The United Nations, while not a military alliance ..., partners ...").
The question noun follows the answer's head word, so a treaty is asked about as an
agreement and a council as a body, with wrong options of the same kind when there are enough.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from lemminflect import getAllLemmas

from content.candidate import Candidate
from content.corpus import Corpus, Sentence
from content.distractors import name_class, pick_terms
from content.gazetteer import COUNTRIES, PLACE_HEADS, place_kind
from content.generate_text import aliases_of, context_keys
from content.name_types import role_class
from content.people import DEMONYM
from content.referents import gender, referents
from content.terms import Term, TermType
from content.text import contains_words, fold_key, short_hash, without_discourse
from content.verbs import OPENING_DATE

_NOUNS = {
    TermType.ORG: "organisation",
    TermType.MISSION: "mission",
    TermType.EVENT: "event",
    TermType.PLACE: "place",
    TermType.PERSON: "person",
}
# an opening clause that still reads well before "which ...": participles and prepositions
_CLAUSE = re.compile(
    r"^(?:Established|Founded|Created|Formed|Launched|Signed|Despite|During|After|Since|"
    r"Following|Throughout|Under|Through|Within|Beyond|In\s+(?:1[0-9]{3}|20[0-9]{2}))\b[^,;]*,\s+$"
)
# "In 1226 the Emperor Frederick II made …": the time moves to the end of the question
_TIME_OPENING = re.compile(
    r"^(?P<when>(?:In|On|By|Around|From|Until|After|Before)\s+(?:the\s+)?"
    r"(?:(?:early|mid|late)\s+)?(?:[0-9]{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:1[0-9]{3}|20[0-9]{2})s?"
    # "On 31 October 1517 Luther sent …", "From 1536 to 1541 Thomas Cromwell directed …"
    r"(?:\s+to\s+(?:1[0-9]{3}|20[0-9]{2}))?)"
    # (never "William and his wife Mary took …": two people did it; review r39)
    r"\s*,?\s+(?P<rest>(?:the\s+)?)(?P<role>(?:[A-Z][\w-]+\s+)?(?:(?!and\b)[a-z][\w-]*\s+){0,4})$"
)
_OF_PLACE = re.compile(r"^\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
_TITLE_BEFORE = re.compile(
    r"\b(?:Duke|Duchess|King|Queen|Count|Countess|Prince|Princess|Pope|Emperor|Empress|"
    r"President|General|Admiral|Commander|Sir|Lord|Lady|Bishop|Abbot)\s+$"
)
_NEW_CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?=(?:in|on|by|after|the|a|an|its|his|her|their|it|they|"
    r"he|she|this)\b|[A-Z0-9])|"
    # "… was knighted in 1966 and is regarded as …": one predicate is one question
    r"\s+and\s+(?=(?:is|are|has|have)\b)|"
    # "Prussia kept the region of Posen, Austria kept Galicia": a second subject after a
    # comma, with its own verb (whole-bank review of 09123af: "Which country kept the
    # region of Posen, Austria kept Galicia?")
    r",\s+(?=[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:[a-z]+ed|kept|took|won|became|held|"
    r"gave|made|lost|fell|led|got|went|sent|left|built|began)\b)")
# "The Rome games are now recognised …": the name was a modifier, the subject a noun
_NOUN_SUBJECT = re.compile(
    r"^\s+(?!also\b|still\b|then\b|now\b|later\b|soon\b|often\b|never\b|[a-z]+ly\b)[a-z]+\s+"
    r"(?:is|are|was|were|has|have|had)\b|"
    # "Love waves generally travel …": a plural noun, then an adverb, then the verb
    r"^\s+[a-z]+s\s+[a-z]+ly\b")
# "Geneva, in neutral Switzerland, was chosen …": where it lies gives it away
_PLACE_ASIDE = re.compile(r"^,\s+(?:in|on|near|at|beside|by)\s+[^,;]*,\s+(?=[a-z])")
# "Who, secretary of the Smithsonian, flew …?", "Who, often called the father of soil
# conservation, led …?": awkward (review r35), and a clue besides
_PERSON_ASIDE = re.compile(r"^,\s+[a-z][^,;]{2,80},\s+(?=[a-z])")
_ANAPHORA = re.compile(r"\b(?:these|those|this|such)\s+(?!as\b)[a-z]+", re.I)
_PROPER_POSSESSIVE = re.compile(r"^(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*[’']s\s+$")


def _rng(*parts: str) -> random.Random:
    return random.Random(short_hash(*parts, size=8))


def subject_questions(corpus: Corpus) -> list[Candidate]:
    """One wh-question per sentence whose grammatical subject is a typed name, or "he" or
    "she" standing for a person a reader can tell (content/referents.py)."""
    names = referents(corpus)
    found: list[Candidate] = []
    for sentence in corpus.sentences:
        candidate = _subject_question(corpus, sentence)
        if candidate is None and (name := names.get(sentence.index)):
            candidate = _pronoun_subject_question(corpus, sentence, name)
        if candidate is not None:
            found.append(candidate)
    return found


# "He suggested …", "In 1559 he founded …": the pronoun is the subject, a date may open
# (the date openings content/verbs.py reads)
_PRONOUN_SUBJECT = re.compile(
    rf"^(?:{OPENING_DATE.pattern.removeprefix('^')})?(?P<pronoun>[Hh]e|[Ss]he)\s+(?=[a-z])")


def _pronoun_subject_question(corpus: Corpus, sentence: Sentence,
                              name: str) -> Candidate | None:
    """ "He suggested that a fringing reef first grows …" after a sentence naming Charles
    Darwin: "Who suggested that …?", asked of the sentence with the name where the pronoun
    stood; the quoted source stays the sentence as written."""
    found = _PRONOUN_SUBJECT.match(sentence.text)
    if found is None or " " not in name:
        return None  # "Byron": Lord Byron or his daughter Ada Byron, the text has both
    start, end = found.span("pronoun")
    shift = len(name) - (end - start)
    person = Term(name, TermType.PERSON, start, start + len(name), fold_key(name))
    named = Sentence(
        sentence.text[:start] + name + sentence.text[end:], sentence.lesson, sentence.index,
        sentence.previous, bullet=sentence.bullet,
        terms=[person, *(replace(term, start=term.start + shift, end=term.end + shift)
                         for term in sentence.terms if term.start >= end)],
    )
    candidate = _subject_question(corpus, named)
    return None if candidate is None else replace(candidate, source=sentence.text)


def _subject_question(corpus: Corpus, sentence: Sentence) -> Candidate | None:
    named = sentence.named()
    if not named or sentence.bullet:
        return None
    subject = named[0]
    if subject.type not in _NOUNS:
        return None
    opening = without_discourse(sentence.text[: subject.start])
    rest = re.sub(r"^\s*\([^)]*\)", "", sentence.text[subject.end :])
    of_place = ""
    if subject.type is TermType.PERSON:  # "Duke William II of Normandy conquered ..."
        found = _OF_PLACE.match(rest)
        of_place = found.group(0) if found else ""  # part of the name: "William II of Normandy"
        rest = rest[len(of_place):]
        opening = _TITLE_BEFORE.sub("", opening)
    predicate = _predicate(corpus.resolved(rest))
    if predicate is None or (of_place and (predicate.startswith(",") or _noun_first(predicate))):
        # "Abraham Lincoln of the Republican Party, founded in 1854, won …", "Vincent
        # Schaefer of the General Electric laboratory showed …": the "of" went on
        return None
    timed = _TIME_OPENING.match(opening)
    when = ""
    if timed is not None and (not timed["role"] or subject.type is TermType.PERSON):
        # "In 1771 the English clergyman and chemist Joseph Priestley showed …": "In 1771,
        # who showed …?" (the nationality and the trade would point at the name; the time
        # stays in front, where it cannot seem to date the last phrase instead)
        opening = timed["rest"]
        when = timed["when"] + ", "
    if subject.type is TermType.PERSON and not when and _role_opening(opening):
        opening = ""  # "The Flemish cartographer Gerardus Mercator published …": "Who …?"
    lead = _lead(opening)
    if lead is None or (lead and when):
        return None
    if subject.type is TermType.PLACE and (aside := _PLACE_ASIDE.match(predicate)):
        predicate = " " + predicate[aside.end():]  # "Which city, in neutral Switzerland, …"
    if subject.type is TermType.PERSON and (aside := _PERSON_ASIDE.match(predicate)):
        # "Who, whose health had been poor, resigned …?": the aside is a clue, and clumsy
        predicate = " " + predicate[aside.end():]
    if re.match(r",\s+(?:a|an)\s", predicate):
        return None  # "Who, a German-born neurologist who …, led …?": a clue, and clumsy
    answer = subject.text
    if subject.acronym and subject.text in corpus.lexicon.acronyms:
        answer = corpus.lexicon.acronyms[subject.text]
    if subject.type is TermType.PERSON and " " not in answer:
        full = _full_name(corpus, answer)  # "Dunant" beside "Louis Appia": "Henry Dunant"
        if full is None:
            return None  # "Bethencourt": Jean or Maciot, the text has both
        answer = full
    if of_place and _namesakes(corpus, answer):  # "William II of Normandy", not "Ivan III
        answer += of_place.rstrip()              # of Moscow" beside plain names
    if subject.type is not TermType.PERSON and (re.match(r"\s+(?:were|are|have)\b", rest)
                                                or _plural_verb(predicate)):
        return None  # "Which organisation were …", "Which place rise …": a plural's verb
    long_subject = Term(
        answer,
        subject.type,
        subject.start,
        subject.end,
        subject.key,
        acronym=subject.acronym and answer == subject.text,
    )
    noun, distractors = _options(corpus, sentence, long_subject, f"{lead} {predicate}")
    if subject.type is TermType.PERSON:
        distractors = _of_gender(distractors, predicate)
        distractors = _of_origin(corpus, distractors, predicate)
    if name_class(answer) is not None and len({option.split()[-1]
                                                for option in (answer, *distractors)}) == 1:
        noun = answer.split()[-1].lower()  # "Which act received royal assent …?", not agreement
    if subject.type is TermType.PLACE and answer in COUNTRIES:
        # "Which country dissolved …", with countries only: France among Morocco and the
        # South African Republic was the odd one out (whole-bank review of 09123af)
        distractors = [option for option in distractors if option in COUNTRIES]
        noun = "country"
    elif subject.type is TermType.PLACE:
        kinds = {place_kind(option, corpus.lexicon.place_kinds)
                 for option in (answer, *distractors)}
        # "Which region was certified …", "Which city was one of the largest …"
        noun = _shared_head(answer, distractors) or ("city" if kinds == {"city"} else noun)
    if noun == "place":
        return None  # "Which place backed down and withdrew?" reads as no teacher writes
    asked = "who" if subject.type is TermType.PERSON else f"which {noun}"
    which = asked if lead or when else asked[:1].upper() + asked[1:]
    prompt = f"{when}{lead}{which}{predicate}?"
    aliases = aliases_of(corpus, subject)
    if (
        len(distractors) < 2
        or len(prompt) > 300
        or _ANAPHORA.search(prompt)
        or any(contains_words(prompt, alias) for alias in aliases)
    ):
        return None
    return Candidate(
        lesson=sentence.lesson,
        kind="mcq",
        prompt=prompt,
        answer=answer,
        distractors=tuple(distractors),
        explanation=f"The lesson says this of {answer}.",
        source=sentence.text,
        aliases=aliases,
        statement=prompt,
        tags=(subject.type.value,),
    )


_HE = re.compile(r"\b(?:he|his|him|himself)\b")
# (and "Who became the first woman member of Parliament?": not James McCombs; review r37)
_SHE = re.compile(r"\b(?:she|her|hers|herself|first\s+woman|first\s+female)\b")


def _of_gender(people: list[str], predicate: str) -> list[str]:
    """ "Who described a fault …, which he called a transform fault?": not Marie Tharp
    (review r24); a person whose given name says neither stays."""
    if _HE.search(predicate):
        return [person for person in people if gender(person) != "f"]
    if _SHE.search(predicate):
        return [person for person in people if gender(person) != "m"]
    return people


def _plural_verb(predicate: str) -> bool:
    """ "rise from the middle of the Pacific": a verb in its plain form, said of a plural
    ("the Hawaiian Islands rise"; review r36)."""
    words = predicate.split()
    if not words or not words[0].isalpha() or not words[0].islower():
        return False
    return words[0] in getAllLemmas(words[0]).get("VERB", ()) and not words[0].endswith("s")


def _noun_first(predicate: str) -> bool:
    """The predicate opens with a word that can only be a noun ("laboratory showed …")."""
    words = predicate.split()
    lemmas = getAllLemmas(words[0]) if words and words[0].isalpha() else {}
    return bool(lemmas) and set(lemmas) <= {"NOUN"}


_ORIGIN_WORD = re.compile(rf"\b[A-Z][a-z]+{DEMONYM.pattern.removesuffix('$')}\b")


def _of_origin(corpus: Corpus, people: list[str], predicate: str) -> list[str]:
    """ "Who was a French theologian born in Noyon?": only people the document says are
    French, or the nationality answers it (review r29: Luther and Tetzel beside Calvin)."""
    said = {word for word in _ORIGIN_WORD.findall(predicate)
            if word in corpus.lexicon.origins.values()}
    if not said:
        return people
    return [person for person in people if corpus.lexicon.origins.get(person) in said]


def _shared_head(answer: str, distractors: list[str]) -> str | None:
    """ "African Region" beside "European Region": "region"; mixed kinds: None."""
    heads = {option.split()[-1] for option in (answer, *distractors)}
    head = heads.pop() if len(heads) == 1 else ""
    return head.lower() if head in PLACE_HEADS and not head.endswith("s") else None


def _namesakes(corpus: Corpus, name: str) -> bool:
    """Another person of the document with the same first name ("William the Lion")."""
    first = name.split()[0]
    return any(entry.text != name and entry.text.split()[0] == first
               for entry in corpus.pools.get(TermType.PERSON, []))


def _full_name(corpus: Corpus, surname: str) -> str | None:
    """The one longer name of a person the document also calls by `surname`; the surname
    when there is none; None when two people share it."""
    longer = {entry.text for entry in corpus.pools.get(TermType.PERSON, [])
              if entry.text.endswith(" " + surname)}
    if len(longer) > 1:
        return None
    return longer.pop() if longer else surname


def _predicate(rest: str) -> str | None:
    """ " has been ..." or ", while ..., partners ..." -> the text after the subject."""
    if re.match(r"\s+(?:and|or|of|in)\b|\s+(?:for|on|de|von)\s+[A-Z]", rest):
        return None  # "Geneva Society for Public Welfare": the name goes on
    if re.match(r",\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s+and\s+[A-Z]", rest):
        return None  # "John Enders, Thomas Weller and Frederick Robbins grew …": three did it
    if _NOUN_SUBJECT.match(rest):
        return None
    rest = re.sub(r"^\s+(?:itself|himself|herself|themselves)\b", "", rest)
    # "Marie Curie thus became …": "thus" leans on the sentence before; the fact does not
    rest = re.sub(r"^(\s+)(?:thus|therefore|hence|consequently|accordingly),?\s+", r"\1", rest)
    if re.match(r"\s+(?:instead|then|again|likewise|similarly|meanwhile)\b", rest):
        return None  # "Who instead negotiated …": instead of what, only the paragraph says
    rest = rest.split(";")[0]  # "…; it later moved …": the second clause leans on "it"
    if ":" in rest:
        return None  # "… made one notable discovery: in the early 1920s he …": what, after
    # "… fragmented into rival khanates, and in 1368 the Yuan dynasty was overthrown":
    # the second clause has its own subject, which the question would not ask about
    rest = _NEW_CLAUSE.split(rest, maxsplit=1)[0]
    aside = re.match(r",\s+[^,;]{3,80},\s+[a-z]", rest)
    if not re.match(r"\s+[a-z]", rest) and aside is None:
        return None
    predicate = rest.rstrip().rstrip(".!")
    if re.search(r"\s(?:and|or|but)$", predicate):
        return None  # "learned the craft in Cologne and, while in Bruges, printed …"
    return predicate if predicate.endswith(tuple("abcdefghijklmnopqrstuvwxyz)0123456789")) else None


_ROLE_OPENING = re.compile(r"^[Tt]he\s+(?:[A-Z][\w-]*\s+)?(?:[a-z][\w-]*\s+){0,3}$")


def _role_opening(opening: str) -> bool:
    """ "The English mathematician ": only who the person was, which the question drops
    (the nationality and the trade would point at the answer, as after a date)."""
    words = opening.split()
    return bool(_ROLE_OPENING.match(opening)) and role_class(words[-1].lower()) is not None


def _lead(opening: str) -> str | None:
    """What stays before "which": nothing, or an opening clause that reads well before it."""
    if opening in ("", "The ", "the ") or _PROPER_POSSESSIVE.match(opening):
        return ""  # "the AU's Peace and Security Council": the owner is named in the source
    if _CLAUSE.match(opening):
        return opening
    return None


def _options(corpus: Corpus, sentence: Sentence, answer: Term, said: str) -> tuple[str, list[str]]:
    """The question noun and wrong options: same kind of thing when there are enough."""
    rng = _rng(corpus.title, "mcq", sentence.text, sentence.named()[0].text)
    context = context_keys(sentence, sentence.named()[0])
    kind = name_class(answer.text)
    pool_kinds = {entry.key: name_class(entry.text) for entry in corpus.pools.get(answer.type, [])}
    attempts: list[tuple[str, frozenset[str]]] = []
    if kind is not None:
        other = frozenset(key for key, value in pool_kinds.items() if value != kind)
        attempts.append((kind, other))
    general = "of these" if answer.type is TermType.EVENT and kind else _NOUNS[answer.type]
    if kind is None:  # "BBC": no court, committee or treaty beside it
        classed = frozenset(key for key, value in pool_kinds.items() if value is not None)
        attempts.append((general, classed))
    elif kind == "court":
        pass  # what "found that … infringed" is a court or nothing: no general fall-back
    else:  # a treaty among treaties and unclassed events, never beside a war
        classed_apart = frozenset(key for key, value in pool_kinds.items()
                                  if value is not None and value != kind)
        attempts.append((general, classed_apart))
    if answer.acronym:  # "NATO" with no long form in the document: names written out too
        attempts += [(noun, exclude | {"acronym"}) for noun, exclude in attempts]
    for noun, exclude in attempts:
        distractors = pick_terms(
            corpus,
            replace(answer, acronym=False) if "acronym" in exclude else answer,
            stem=said,
            lesson=sentence.lesson,
            count=3,
            rng=rng,
            exclude_keys=exclude,
            source=sentence.text,
            context=context,
            refused=lambda option: _alike(corpus, option, said),
        )
        if len(distractors) >= 2:
            return noun, distractors
    return attempts[-1][0], []


def _alike(corpus: Corpus, option: str, said: str) -> bool:
    keys = [key for key, surfaces in corpus.surfaces.items() if option in surfaces]
    return any(corpus.says_alike(key, said) for key in keys)
