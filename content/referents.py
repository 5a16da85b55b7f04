"""Who "she" or "he" is: the person a pronoun points back to, so a question can name them.

A biography says "In 1921 she travelled to the United States" twenty times; as a question
that stem does not stand alone, and refusing it leaves a course about Marie Curie with no
questions at all. The person is found the way a careful reader finds them: the one person
named in the sentences just before (in the same lesson) whose given name or title says
"she" or "he", or says neither ("Zhang Qian"), and who is not introduced as a relative
("his wife, Anne Milbanke. Her parents …": Ada's); with two who could be meant, nobody
("Marie Curie met Harriet Brooks. In 1907 she left …"). When a lesson opens with a
pronoun, a course titled with a person's name points at that person.
The name then stands in the question where the pronoun stood; the quoted source sentence
stays as written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from content.candidate import Candidate
from content.corpus import Corpus, Sentence
from content.people import FEMALE_TITLES, MALE_TITLES, given_name_first, given_names
from content.terms import TermType
from content.text import STOPWORDS, fold_key, leans_back

LOOK_BACK = 4  # sentences: further back, a reader loses the thread too

_FEMALE_NAMES = frozenset("""Agnes Alice Alison Amelia Ana Angela Anna Anne Barbara Caroline
Catherine Charlotte Christine Clara Diana Dorothy Eleanor Elizabeth Emily Emma Gertrude Grace
Harriet Helen Isabella Jane Jennifer Julia Katherine Laura Louise Lucy Margaret Maria Marie
Mary Olga Rachel Rebecca Rosa Rosalind Sarah Sophia Sophie Susan Ada Augusta Beatrice Edith
Eva Eve Ève Florence Frances Hannah Ida Irene Irène Joan Josephine Judith Lillian Lise Martha
Matilda Maud Mildred Nancy Ruth Sylvia Victoria Virginia Hélène Marguerite Simone Hedwig Bertha
Ingrid Astrid Karen Kathleen Dolores Teresa Lucia Isabel""".split())
_EITHER = frozenset({"Andrea", "Jean", "Jan", "Francis"})
_PRONOUN = re.compile(r"\b(?:she|he|her|his|him)\b", re.I)
_FEMALE_PRONOUNS = frozenset({"she", "her"})
_KIN_BEFORE = re.compile(
    r"\b(?:her|his|their)\s+(?:[a-z-]+\s+){0,2}(?:daughter|son|wife|husband|sister|brother|"
    r"mother|father|child|children|niece|nephew|cousin|aunt|uncle|friend|pupil|student|"
    r"assistant|son-in-law|daughter-in-law)s?,?\s+(?:[a-z-]+\s+)?$")
# "presented her with", "her to": "her" as an object, not an owner
_OBJECT_AFTER = re.compile(
    r"^\s*(?:with|to|in|on|at|as|for|from|by|and|that|a|an|the|into|over|after|before|"
    r"[.,;:!?)]|$)")


def gender(name: str, before: str = "") -> str | None:
    """ "f", "m" or None, from the given name or a title written just before the name."""
    title = before.split()[-1] if before.split() else ""
    if title in FEMALE_TITLES:
        return "f"
    if title in MALE_TITLES:
        return "m"
    first = name.split()[0] if name.split() else ""
    if first in _EITHER or first not in given_names():
        return None
    return "f" if first in _FEMALE_NAMES else "m"


def referents(corpus: Corpus) -> dict[int, str]:
    """Sentence index -> the person its first he/she/his/her stands for, where a reader
    could tell."""
    found: dict[int, str] = {}
    title_gender = gender(corpus.title) if given_name_first(corpus.title) else None
    for position, sentence in enumerate(corpus.sentences):
        pronoun = _first_pronoun(sentence)
        if pronoun is None:
            continue
        wanted = "f" if pronoun.group().lower() in _FEMALE_PRONOUNS else "m"
        name = _look_back(corpus, position, wanted, found)
        if name is _NOBODY:
            name = corpus.title if title_gender == wanted else None
        if name:
            found[sentence.index] = name
    return found


def _first_pronoun(sentence: Sentence) -> re.Match[str] | None:
    """The first he/she/his/her with no person named before it in its own sentence."""
    found = _PRONOUN.search(sentence.text)
    if found is None:
        return None
    if any(term.type is TermType.PERSON and term.start < found.start()
           for term in sentence.terms):
        return None
    return found


_NOBODY = ""  # nobody who could be meant: the course's own person may be

# "Orhan went on to …", "In 1326 Orhan took …": a capitalised subject before a verb
_SUBJECT_NAME = re.compile(
    r"^(?:(?:In|By|On|After)\s+(?:[A-Z][a-z]+\s+)?\d{3,4}s?,?\s+)?"
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
    r"\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)?\b")


def _unknown_actor(corpus: Corpus, sentence: Sentence) -> bool:
    """A sentence whose subject is a name no list types: a person the resolver cannot see
    may be the one a later "he" means (a review found "his forces" given to the father when
    the son, untyped, had been named in between)."""
    found = _SUBJECT_NAME.match(sentence.text)
    if found is None:
        return False
    name = found.group(1)
    first = name.split()[0]
    if (" " in name or first.lower() in corpus.lexicon.lower_words
            or first.lower() in STOPWORDS or first in given_names()
            or re.search(r"(?:ing|ly|s|ish|ese|ian|an|ist|ism|en)$", first)):
        # "Working in a shed …", "Europeans called him …", "Maria moved …" (a first name,
        # which the resolver reads as its person's), "Nobel Prize": not an unseen person
        return False
    return not any(term.start <= found.start(1) < term.end or found.start(1) <= term.start
                   < found.end(1) for term in sentence.terms)


def _one_per_person(fitting: dict[str, str]) -> dict[str, str]:
    """ "Calvin" and "John Calvin" are one person: the surname goes, the full name stays."""
    names = list(fitting.values())
    return {key: name for key, name in fitting.items()
            if not any(other != name and other.endswith(" " + name) for other in names)}


def _look_back(corpus: Corpus, position: int, wanted: str,
               found: dict[int, str]) -> str | None:
    """The name meant, None when a reader could not tell, or _NOBODY.

    Only one person may fit: after "Marie Curie met Harriet Brooks", "she" could be
    either, and the nearer one is as often wrong as right."""
    sentence = corpus.sentences[position]
    own = {term.key for term in sentence.terms if term.type is TermType.PERSON}
    fitting: dict[str, str] = {}
    for other in reversed(corpus.sentences[max(0, position - LOOK_BACK):position]):
        if other.lesson != sentence.lesson:
            break
        if _unknown_actor(corpus, other):
            return None  # "Orhan went on to take Nicaea": someone no list could type
        for term in other.terms:
            if term.type is not TermType.PERSON or _KIN_BEFORE.search(other.text[: term.start]):
                continue  # "her daughter Irène": a relative of whoever "her" is
            said = gender(term.text, other.text[: term.start])
            if said in (wanted, None):
                fitting.setdefault(term.key, term.text)
        carried = found.get(other.index)
        if carried and gender(carried) == wanted:
            fitting.setdefault(fold_key(carried), carried)
    if not fitting:
        return _NOBODY
    fitting = _one_per_person(fitting)
    if len(fitting) > 1:
        return None  # two could be meant: a reader could not tell either
    key, name = next(iter(fitting.items()))
    return None if key in own else name


def resolve_pronouns(corpus: Corpus) -> dict[int, str]:
    """Find every sentence's referent, and let a sentence that leaned only on its opening
    pronoun ("She chose …") stand alone: its questions will name the person."""
    names = referents(corpus)
    for sentence in corpus.sentences:
        name = names.get(sentence.index)
        if name and sentence.leans:
            sentence.leans = leans_back(_named(sentence.text, name))
    return names


def with_referent(candidate: Candidate, name: str | None) -> Candidate:
    """The candidate with its stem's first pronoun replaced by the person's name (unless
    that person is what is asked)."""
    if name is None or fold_key(name) in {fold_key(candidate.answer),
                                          *map(fold_key, candidate.aliases)}:
        return candidate
    prompt = _named(candidate.prompt, name)
    statement = _named(candidate.statement, name) if candidate.statement else ""
    distractors = tuple(option for option in candidate.distractors
                        if fold_key(option) != fold_key(name))  # now named in the stem
    if (prompt == candidate.prompt or len(distractors) < 2
            or _other_gender_left(prompt, name)):
        return candidate  # "When William King was created earl …, she became …": who?
    return replace(candidate, prompt=prompt, statement=statement, distractors=distractors)


def _other_gender_left(stem: str, name: str) -> bool:
    """A pronoun of the other gender still in the stem, which the name does not answer."""
    said = gender(name)
    left = {found.group().lower() for found in _PRONOUN.finditer(stem)}
    if said == "f":
        return bool(left & {"he", "his", "him"})
    if said == "m":
        return bool(left & {"she", "her"})
    return bool(left)


def _named(stem: str, name: str) -> str:
    found = _PRONOUN.search(stem)
    if found is None:
        return stem
    word = found.group().lower()
    after = stem[found.end():]
    if word == "his" or (word == "her" and not _OBJECT_AFTER.match(after)):
        said = f"{name}’s" if "’" in stem else f"{name}'s"
    else:
        said = name
    return stem[: found.start()] + said + after
