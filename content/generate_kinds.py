"""Questions on the kinds of one thing that a document tells apart.

"Basaltic magma contains relatively little silica …", "Andesitic magma has …", "Rhyolitic
magma is rich in silica …": a text that describes three magmas one after another asks the
learner to tell them apart, so each description becomes "Which kind of magma contains
relatively little silica …?" with the other magmas as wrong options. The wrong options are
things the learner met, of exactly the same kind, each described differently: what a
teacher writes on a science text, where names and dates are few.

A family is a head noun with at least three kinds the document describes: modified nouns
that open a sentence as its subject ("A fringing reef grows …", "The Greenland ice sheet
covers …") and single terms defined as one ("An atoll is a ring-shaped … reef").
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from content.candidate import Candidate
from content.corpus import Corpus, Sentence, close_runs
from content.definitions import definitions
from content.inflection import is_plural
from content.text import STOPWORDS, contains_words, short_hash

MIN_FAMILY = 3
MAX_OPTIONS = 4
MAX_PREDICATE_WORDS = 30
MAX_EXPLANATION = 200

_AUXILIARIES = frozenset(
    "is are was were has have had can could may might will would must".split())
_ADVERBS = frozenset(
    "also usually often typically generally normally mostly mainly largely commonly then "
    "still always rarely sometimes".split())
# adverbs that lean on the sentence before ("also": besides which?): left out of the stem
_LEANING_ADVERBS = frozenset({"also", "then", "still"})
# what may follow a verb in -s: "contains relatively little", "covers about 1.7 million"
_OBJECT_OPENERS = frozenset(
    "the a an its their his her relatively about between in on from into to through with "
    "at by up out over more most some no little much many few only all both each every "
    "almost nearly roughly around".split())
# a predicate that compares or points back needs the sentence before it
_LEANS = re.compile(
    r"\b(?:this|these|those|such|latter|former|same|other|another|others|both|either|"
    r"neither|instead|too|likewise|similarly|however)\b", re.IGNORECASE)
_COMPARATIVE = re.compile(
    r"\b(?:larger|smaller|bigger|higher|lower|greater|wider|deeper|longer|shorter|older|"
    r"younger|hotter|cooler|colder|warmer|thicker|thinner|faster|slower|more|less|fewer)\b",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][a-z\-]+")
# "High clouds are cirrus, cirrocumulus and cirrostratus": what the kind holds, which asked
# as "Which clouds are cirrus …?" reads backwards (review r20)
_MEMBERS = re.compile(r"^(?:is|are|was|were)\s+(?!an?\s|the\s)[a-z-]+(?:,\s+[a-z-]+)*,?\s+"
                      r"(?:and|or)\s+[a-z-]+$")


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of a family's head noun, and the sentence that describes it."""

    term: str  # as an option shows it: "Basaltic magma", "Atoll"
    head: str  # "magma", "reef"
    plural: bool
    sentence: Sentence
    predicate: str  # "contains relatively little silica, about 45 to 52 per cent"
    proper: bool = False  # "Greenland ice sheet": asked "Which ice sheet …?", not "which kind"


def kind_questions(corpus: Corpus) -> list[Candidate]:
    """One question per described kind, in a family of at least three kinds."""
    by_head: dict[str, list[Kind]] = defaultdict(list)
    for kind in sorted(_described(corpus) + _defined(corpus), key=lambda k: k.sentence.index):
        if contains_words(corpus.title, kind.term):
            continue  # "Coral reefs" in a course on coral reefs is the whole, not a kind
        if all(other.term.lower() != kind.term.lower() for other in by_head[kind.head]):
            by_head[kind.head].append(kind)
    questions: list[Candidate] = []
    for head, kinds in by_head.items():
        for family in _families(kinds):
            for kind in family:
                candidate = _question(corpus, head, kind, family)
                if candidate is not None:
                    questions.append(candidate)
    return questions


def _families(kinds: list[Kind]) -> list[list[Kind]]:
    """Kinds described close together, at least three of them: a text tells kinds apart
    one after another. Kinds far apart are often sorted another way ("dormant" and
    "extinct" volcanoes beside a "shield" volcano) or one holds the other ("white blood
    cells", "plasma cells")."""
    return [family for family in close_runs(kinds, lambda kind: kind.sentence)
            if len(family) >= MIN_FAMILY]


def _described(corpus: Corpus) -> list[Kind]:
    found: list[Kind] = []
    for sentence in corpus.sentences:
        if not (sentence.bullet or sentence.vague):
            found.extend(_clause_kinds(sentence, corpus))
    return found


# where a clause with its own subject may open: "Terminal moraines mark …, lateral moraines
# form …, and medial moraines run …"
_CLAUSE_OPENING = re.compile(r"(?:;|,)\s+(?:and\s+)?")


def _clause_kinds(sentence: Sentence, corpus: Corpus) -> list[Kind]:
    """The kinds that open the sentence or one of its clauses, each with what its own
    clause says of it (up to where the next kind's clause opens)."""
    text = sentence.text.rstrip(".!")
    openings = [(0, 0)] + [(found.start(), found.end())
                           for found in _CLAUSE_OPENING.finditer(text)]
    kinds: list[tuple[int, Kind]] = []
    for at, (_cut, start) in enumerate(openings):
        kind = _subject_kind(text[start:].split(), corpus, sentence, first=start == 0)
        if kind is not None:
            kinds.append((at, kind))
    found: list[Kind] = []
    for number, (at, kind) in enumerate(kinds):
        if number + 1 < len(kinds):  # the predicate ends where the next kind's clause opens
            end = openings[kinds[number + 1][0]][0]
            clause = text[openings[at][1]:end]
            kind = replace(kind, predicate=_predicate_in(clause, kind.predicate))
        found.append(kind)
    return found


def _predicate_in(clause: str, predicate: str) -> str:
    """The part of `predicate` inside `clause` (the kind's own clause)."""
    at = clause.find(" ".join(predicate.split()[:2]))
    return clause[at:].strip(" ,;") if at >= 0 else ""


def _subject_kind(words: list[str], corpus: Corpus, sentence: Sentence, *,
                  first: bool) -> Kind | None:
    """ "The Greenland ice sheet covers about …": a modified noun opening the sentence (or
    a clause of it) as its subject, and what the rest says of it."""
    start = 1 if words and words[0] in {"A", "An", "The", "a", "an", "the"} else 0
    if first and (single := _single_kind(words[start:], corpus, sentence)) is not None:
        return single
    for size in (2, 3):
        subject = words[start:start + size]
        rest = words[start + size:]
        if len(subject) < size or len(rest) < 3:
            return None
        if not all(_WORD.fullmatch(word) for word in subject) or any(
                word.lower() in STOPWORDS for word in subject) or subject[-1][:1].isupper():
            return None  # "The Olympic Games are …" is a name, not a kind of games
        if not first and subject[0][:1].isupper() and not _proper(corpus, subject[0]):
            return None  # a clause inside a sentence opens in lower case or with a name
        verb_at = _verb_position(rest, plural=is_plural(subject[-1]))
        if verb_at is None:
            continue
        predicate = " ".join(rest[verb_at:])
        proper = _proper(corpus, subject[0])
        term = " ".join(subject)
        head = subject[-1]
        return Kind(term=term[0].upper() + term[1:], head=_family_head(head),
                    plural=is_plural(head), proper=proper, sentence=sentence,
                    predicate=predicate)
    return None


def _single_kind(words: list[str], corpus: Corpus, sentence: Sentence) -> Kind | None:
    """ "An atoll is a ring-shaped or horseshoe-shaped reef …": one word defined as a kind of
    a head noun, which joins that noun's family."""
    if len(words) < 5 or words[1] != "is" or words[2] not in {"a", "an"}:
        return None
    term = words[0]
    if not _WORD.fullmatch(term) or term.lower() in STOPWORDS or _proper(corpus, term):
        return None
    predicate = " ".join(words[1:])
    head = _phrase_head(" ".join(words[2:]))
    if not head or head == term.lower() or is_plural(head):
        return None
    return Kind(term=term[0].upper() + term[1:], head=head, plural=False, sentence=sentence,
                predicate=predicate)


_QUALIFIER = re.compile(r"\b(?:that|which|who|whose|with|of|in|on|from|for|made|used|"
                        r"found|built|where|when)\b")


def _phrase_head(phrase: str) -> str:
    """The last word of the noun phrase opening `phrase`: "a ring-shaped or horseshoe-shaped
    reef, often topped by …" -> "reef" ("" when it does not end in a plain word)."""
    noun_phrase = _QUALIFIER.split(phrase.split(",")[0])[0].split()
    last = noun_phrase[-1].lower() if noun_phrase else ""
    return last if last.isalpha() and last not in STOPWORDS else ""


def _verb_position(rest: list[str], *, plural: bool) -> int | None:
    """Where the verb stands after the subject (adverbs before it skipped), or None."""
    at = 0
    while at < len(rest) and rest[at].lower() in _ADVERBS:
        at += 1
    if at >= len(rest) - 1 or not rest[at].isalpha():
        return None  # "Mass bleaching events, in which …": a verb is not followed by a comma
    verb, following = rest[at].lower(), rest[at + 1].lower()
    if verb in _AUXILIARIES:
        return _first_kept(rest, at)
    if verb in STOPWORDS or not verb.islower():
        return None
    # "efforts arose": a noun in -s is followed by a verb; after an adverb ("also runs
    # parallel", "also take up") the next word is the verb
    inflected = (verb.endswith("s") and not verb.endswith(("ss", "us"))) or verb.endswith("ed")
    # a plural subject's verb has no -s: "Lateral moraines form along …"
    base = plural and not verb.endswith("s") and verb.isalpha()
    opens_object = following in _OBJECT_OPENERS or following[:1].isdigit()
    if at > 0 or base or (inflected and opens_object):
        return _first_kept(rest, at)
    return None


def _first_kept(rest: list[str], verb_at: int) -> int:
    """The predicate starts at the first adverb that does not lean on the sentence before."""
    at = 0
    while at < verb_at and rest[at].lower() in _LEANING_ADVERBS:
        at += 1
    return at if all(word.lower() not in _LEANING_ADVERBS for word in rest[at:verb_at]) \
        else verb_at


def _family_head(head: str) -> str:
    """ "reefs" and "reef" are one family."""
    return head[:-1] if is_plural(head) and head.endswith("s") else head


def _defined(corpus: Corpus) -> list[Kind]:
    """ "An atoll is a ring-shaped or horseshoe-shaped reef …": a one-word term defined as a
    kind of a head noun joins that noun's family (as a wrong option, and as an answer)."""
    found: list[Kind] = []
    for item in definitions(corpus):
        if item.called or not item.usable or " " in item.bare or item.plural:
            continue
        head = _phrase_head(item.definition)
        if not head or head == item.bare.lower():
            continue
        predicate = f"{item.verb} {item.definition}"
        found.append(Kind(term=item.bare[0].upper() + item.bare[1:], head=_family_head(head),
                          plural=False, sentence=item.sentence, predicate=predicate))
    return found


def _proper(corpus: Corpus, word: str) -> bool:
    """A word the document capitalises inside sentences ("Greenland"), not only at the start."""
    return word[:1].isupper() and corpus.written_inside_sentences(word)


def _question(corpus: Corpus, head: str, kind: Kind, family: list[Kind]) -> Candidate | None:
    # "…; it traps gas", ", while the …", ", and nimbostratus is …": a clause with a subject
    # of its own (", and is very hot" goes on about the kind)
    predicate = _OWN_CLAUSE.split(kind.predicate)[0]
    predicate = predicate.rstrip(" ,.")
    if (len(predicate.split()) > MAX_PREDICATE_WORDS or _LEANS.search(predicate)
            or _MEMBERS.match(predicate)
            or _COMPARATIVE.search(predicate) and " than " not in f" {predicate} "):
        return None
    others = [other for other in family if other is not kind and other.plural == kind.plural]
    if any(contains_words(predicate, other.term) or contains_words(predicate, _modifier(other))
           for other in [kind, *others]):
        return None  # the stem names an option: it gives itself or another away
    if len(others) < MIN_FAMILY - 1:
        return None
    predicate = re.sub(r"^(?:is one|are ones) that ", "", predicate)  # "is one that grows"
    rng = random.Random(short_hash(corpus.title, "kind", kind.term, size=8))
    others = others[:]
    rng.shuffle(others)
    # the same lesson's kinds first: a long document may reuse a head noun for other things
    others.sort(key=lambda other: other.sentence.lesson != kind.sentence.lesson)
    distractors = tuple(other.term for other in others[: MAX_OPTIONS - 1])
    if re.match(r"is an? ", predicate):  # "An atoll is a ring-shaped … reef that …"
        prompt = f"What {predicate} called?"
    elif kind.proper or kind.plural:
        prompt = f"Which {_named_head(kind)} {predicate}?"
    else:
        prompt = f"Which kind of {head} {predicate}?"
    return Candidate(
        lesson=kind.sentence.lesson,
        kind="mcq",
        prompt=prompt,
        answer=kind.term,
        distractors=distractors,
        explanation=_explanation(kind.sentence.text),
        source=kind.sentence.text,
        statement=f"{kind.term} {predicate}.",
        tags=("kind", head),
    )


def _explanation(sentence: str) -> str:
    """The describing sentence, cut to its first clause when long (the bot shows the whole
    paragraph around it as the fact's context)."""
    if len(sentence) <= MAX_EXPLANATION:
        return sentence
    return re.split(r"\s*;\s*|,\s+(?:while|whereas)\s+", sentence)[0][: MAX_EXPLANATION - 1] \
        .rsplit(" ", 1)[0] + "…"


_OWN_CLAUSE = re.compile(
    r"\s*;\s*|,\s+(?:but|although|though|while|whereas)\s+|"
    r",\s+and\s+(?!(?:is|are|was|were|has|have|had|can|may|usually|often)\b)")


def _modifier(kind: Kind) -> str:
    """ "Basaltic magma" -> "Basaltic"; a one-word term is its own modifier."""
    words = kind.term.split()
    return " ".join(words[:-1]) if len(words) > 1 else words[0]


def _named_head(kind: Kind) -> str:
    """The head as the question's subject: "ice sheet" after "Greenland", "cells" after
    "White blood" (an option's own words are never in the stem)."""
    words = kind.term.split()
    if kind.proper:
        while len(words) > 1 and words[0][:1].isupper():
            words = words[1:]
        return " ".join(words)
    return words[-1]
