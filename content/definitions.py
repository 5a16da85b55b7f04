"""The terms a document defines, found by the shapes definitions are written in.

- "Stacks of thylakoids are called grana." / "The second stage, which builds sugar, is
  called the Calvin cycle." (a whole sentence names something);
- "… a fluid called the stroma …", "… a wasteful process called photorespiration, which
  becomes more frequent in hot, dry conditions." (a name given in passing);
- "Enzymes are proteins that act as biological catalysts." (a term and its class).

Each definition knows the sort of thing it names (a process, an idea, a measure, a living
thing, or a thing), taken from the head noun of what is named, so a question's wrong options
can be terms of the same sort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from content.corpus import Corpus, Sentence
from content.inflection import is_plural
from content.text import STOPWORDS

MIN_DEFINITION_WORDS = 4
MAX_TERM_WORDS = 4
MAX_SUBJECT_WORDS = 20
MAX_THING_WORDS = 3

_NAMING = r"(?:called|known\s+as|termed|named|referred\s+to\s+as)"
_TERM = r"(?P<term>(?:(?:the|an?)\s+)?[A-Za-z0-9][\w\-+/]*(?:\s+[A-Za-z0-9][\w\-+/]*){0,3}?)"
# (a term ends before a clause: "crevasses where the ice …", "a horn is formed")
_TERM_END = (r"\s*(?=[.;:,(]|\s+(?:or|and|because|after|from|in|for|by|where|when|that|which|"
             r"who|is|are|was|were)\s|$)")
_CALLED = re.compile(
    rf"^(?P<definition>[^;:]{{6,200}}?)\s+(?P<verb>is|are|was|were)\s+"
    rf"(?:also\s+|usually\s+|now\s+|commonly\s+|often\s+|sometimes\s+)?{_NAMING}\s+{_TERM}"
    rf"{_TERM_END}"
)
_IS_A = re.compile(
    r"^(?P<article>(?:An?|The)\s+)?(?P<term>[A-Za-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3})\s+"
    r"(?P<verb>is|are)\s+(?:simply\s+|essentially\s+|basically\s+)?"
    r"(?P<definition>(?:an?|the)?\s*[a-z][^;:]{12,160}?)\s*(?:[.;:]|$|"
    # "a snapshot of the project at one moment, together with …": the rest adds to it;
    # "the process by which plants, algae and …" goes on in a list, so it is not cut there
    r",\s+(?=(?:and|but|while|whereas|which|together|usually|often|so|although|though|"
    r"with|as|in|on)\b))"
)
_INLINE = re.compile(
    rf"(?P<before>[^,;:()]*?)\s+{_NAMING}\s+"
    r"(?P<term>(?:(?:the|an?)\s+)?[a-z][\w\-]*(?:\s+(?!(?:where|when|that|which|who|is|are|"
    r"was|were|in|on|at|of|for|by|from|with|and|or)\b)[a-z][\w\-]*){0,2})"
    r"(?=[\s.,;:)]|$)(?:,\s+(?P<rest>(?:which|that|who)\s+[^,;.]{8,90})(?=\s*(?:[.;]|$)))?"
)
# a clause of its own: ", while …", or one that names a thing itself (", stony plains are
# called regs, and bare rocky plateaus are called hamadas")
_CLAUSES = re.compile(r",\s+(?:while|whereas)\s+|[,;]\s+(?:and\s+)?(?=[a-z][a-z\s-]{0,40}?\s+"
                      r"(?:is|are|was|were)\s+(?:also\s+)?(?:called|known\s+as|termed)\s)")
_APPOSITIVE = frozenset({"", "also", "each", "now", "often", "sometimes", "usually"})
# "punished by Verhansung, meaning expulsion from the league": a term glossed in passing
_MEANING = re.compile(
    r"\b(?P<term>[A-Za-z][a-z][\w\-]{2,}),\s+(?:meaning|which\s+means|i\.e\.)\s+"
    r"(?P<definition>[a-z][^,;:.()]{8,120}?)\s*(?:[.;]|$)")
# A subject that opens like this leans on what came before or is not the thing named.
_NOT_A_SUBJECT = frozenset(
    "this these that those it its they their such because when if although though while as "
    "since in on at for by with from after before during once unless until here there then "
    "so thus hence however".split()
)
# "The second stage …" needs the lesson to say second of what.
_LEANING = frozenset(
    "first second third fourth fifth final last next other latter former same previous "
    "following above".split()
)
_NOT_A_TERM = frozenset(
    "it this that these those they he she there here one each many most some all such "
    "which what who".split()
)
_DEFINES = re.compile(r"^(?:(?:an?|the)\s+\w|[a-z]+\s+(?:that|which|who|whose|of|made)\b)")
_QUALIFIED = re.compile(
    r"\b(?:that|which|who|whose|in which|used|such as|of|from|for|made|you|we)\b")
_DETERMINERS = frozenset(
    "a an the two three four several many some each every inside outside onto into".split())

SORTS: dict[str, frozenset[str]] = {
    "process": frozenset(
        "process processes reaction reactions stage stages step steps cycle cycles pathway "
        "pathways mechanism mechanisms method methods technique techniques phase phases "
        "procedure procedures operation operations event events practice act activity "
        "change changes effect movement movements transfer flow loss release conversion "
        "transformation passage eruption eruptions melting".split()),
    "idea": frozenset(
        "idea ideas theory theories hypothesis principle principles law laws model models "
        "concept concepts view doctrine rule rules belief study science field branch "
        "discipline approach art".split()),
    "measure": frozenset(
        "range amount amounts rate rates number numbers quantity unit units measure ratio "
        "speed level levels temperature temperatures pressure".split()),
    "substance": frozenset(
        "molecule molecules ion ions compound compounds protein proteins enzyme enzymes acid "
        "acids element elements pigment pigments gas gases liquid liquids mineral minerals "
        "chemical chemicals substance substances sugar sugars salt salts fluid fluids "
        "material materials rock rocks magma lava ash sediment sediments soil".split()),
    "structure": frozenset(
        "organelle organelles sac sacs membrane membranes structure structures stack stacks "
        "layer layers tissue tissues organ organs part parts body bodies complex complexes "
        "organelle".split()),
    "place": frozenset(
        "area areas region regions zone zones place places surface surfaces site sites basin "
        "basins boundary boundaries".split()),
    # "a steep-sided, armchair-shaped hollow", "a ridge or mound of such debris"
    "landform": frozenset(
        "ridge ridges hollow hollows mound mounds peak peaks hill hills valley valleys "
        "depression depressions trench trenches cone cones mountain mountains crater craters "
        "plateau plateaus plain plains landform landforms".split()),
    "particle": frozenset(
        "particle particles droplet droplets raindrops crystal crystals grain grains fragment "
        "fragments piece pieces".split()),
    "state": frozenset(
        "situation situations condition conditions state states disease diseases disorder "
        "problem problems error errors conflict conflicts".split()),
    "tool": frozenset(
        "system systems program programs programme tool tools software application "
        "applications device devices machine machines instrument instruments".split()),
    "living": frozenset(
        "organisms organism people person animals animal plants plant bacteria species "
        "creatures cells cell algae fungi female females male males member members "
        "individual individuals caste castes insects insect bees bee".split()),
}


@dataclass(frozen=True, slots=True)
class Definition:
    term: str  # as the text writes it, with its article if it has one ("the stroma")
    definition: str  # what is named, to ask "What is <definition> called?" ("" if unusable)
    verb: str
    called: bool  # a naming sentence ("… are called X"), not "X is a Y that …"
    sentence: Sentence
    sort: str  # "process", "idea", "measure", "substance", "structure", "place" … or "thing"
    plural: bool  # what is named is plural ("sacs called thylakoids")
    # Whether a question may quote it: "This mechanism is called chemiosmosis" leans on the
    # sentence before, yet "chemiosmosis" is still a fine wrong option elsewhere.
    usable: bool = True

    @property
    def bare(self) -> str:
        """The term without a leading "the"."""
        return re.sub(r"^(?:the|an?)\s+", "", self.term)


def definitions(corpus: Corpus) -> list[Definition]:
    """Every definition the document states, at most one per term (the first usable one)."""
    found: dict[str, Definition] = {}
    for sentence in corpus.sentences:
        if sentence.bullet:
            continue
        stated: list[Definition] = []
        for clause in _CLAUSES.split(sentence.text):
            definition = _naming_sentence(clause, sentence) or _is_a(clause, sentence)
            if definition is not None:
                stated.append(definition)
        stated.extend(_named_inline(sentence))
        stated.extend(_glossed(sentence))
        for definition in stated:
            if sentence.vague:
                definition = replace(definition, usable=False)
            key = definition.bare.lower()
            if key not in found or definition.usable and not found[key].usable:
                found[key] = definition
    return list(found.values())


def sort_of(phrase: str) -> str:
    """The sort of thing `phrase` names, from its head noun (the last word before a
    qualifier): "the range of wavelengths that …" is a measure."""
    for clause in re.split(r",\s*", phrase.lower()):
        clause = _QUALIFIED.split(clause)[0]  # "an organic molecule made from …": molecule
        head_words: list[str] = []
        for word in re.findall(r"[a-z]+", clause):
            if word in STOPWORDS or word in _NOT_A_SUBJECT:
                if head_words:
                    break
                continue  # "the", "this", "because the": before the noun phrase
            head_words.append(word)
        for sort, heads in SORTS.items():
            if head_words and head_words[-1] in heads:
                return sort
    return "thing"


def _naming_sentence(clause: str, sentence: Sentence) -> Definition | None:
    match = _CALLED.match(clause)
    if match is None:
        return None
    subject = match["definition"].strip()
    if not _term_ok(match["term"]):
        return None
    words = subject.split()
    first = words[0].lower()
    named = (first not in _NOT_A_SUBJECT and len(words) <= MAX_SUBJECT_WORDS
             and not any(word.lower().strip(",") in _LEANING for word in words[:3])
             and not subject.count(",") % 2
             # "Photosystem II, whose …" is a name, not a thing being named
             and (first in {"the", "a", "an", "each", "every", "any"}
                  or _common_opening(words) or _bare_plural(words, match["verb"])))
    return Definition(match["term"].strip(), subject if named else "", match["verb"], True,
                      sentence, sort_of(subject),
                      match["verb"] in {"are", "were"}, usable=named)


def _bare_plural(words: list[str], verb: str) -> bool:
    """ "Large sand seas are called ergs", "bare rocky plateaus are called hamadas": a plural
    noun phrase (the verb says so) with no determiner, in lower case after its first word."""
    return (verb in {"are", "were"} and 2 <= len(words) <= MAX_THING_WORDS + 1
            and all(re.fullmatch(r"[a-z][a-z-]*", word) for word in words[1:])
            and re.fullmatch(r"[A-Za-z][a-z-]*", words[0]) is not None)


# Words that continue a noun phrase opening a sentence: "Organisms that …", "Stacks of …"
_NOUN_PHRASE_GOES_ON = frozenset(
    "that which who whose of in with from on at for made used found living formed beneath "
    "below above under inside near between within along across around smaller larger "
    "bigger".split())


_PARTICIPLE_FOLLOWS = frozenset("by in from with after during through for at on".split())


def _common_opening(words: list[str]) -> bool:
    """ "Organisms that …", "Stacks of thylakoids …", "Chemical reactions that …": a common
    noun phrase opens the sentence (not "Electrons then travel …")."""
    if len(words) < 2 or words[0][1:].isupper():
        return False
    follow = [word.lower().strip(",") for word in words[1:3]]
    if len(follow) > 1 and follow[0].endswith("ed") and follow[1] in _PARTICIPLE_FOLLOWS:
        return True  # "Immunity produced by …", "Protection gained by …"
    return follow[0] in _NOUN_PHRASE_GOES_ON or (
        len(follow) > 1 and words[1].islower() and follow[1] in _NOUN_PHRASE_GOES_ON)


def _term_ok(term: str) -> bool:
    words = re.sub(r"^(?:the|an?)\s+", "", term.strip()).split()
    return (0 < len(words) <= MAX_TERM_WORDS and words[0].lower() not in _NOT_A_TERM
            and words[0].lower() not in STOPWORDS)


def _named_inline(sentence: Sentence) -> list[Definition]:
    """ "… single-celled algae called zooxanthellae, which provide the coral with food …":
    the thing, the name it is given, and what the sentence says of it next."""
    found: list[Definition] = []
    for match in _INLINE.finditer(sentence.text):
        before = match["before"]
        if before.strip() in _APPOSITIVE:  # "every copy of a repository, called a clone,"
            before = sentence.text[: match.start()].rstrip().removesuffix(",")
        thing = _noun_phrase_end(before)
        term, rest = match["term"].strip(), match["rest"] or ""
        if not thing or not _term_ok(term):
            continue
        definition = ""
        if len(thing.split()) + len(rest.split()) >= 3 and rest:
            definition = f"the {thing} {rest.strip()}"
        many = is_plural(thing.split()[-1])
        found.append(Definition(term, definition, "are" if many else "is", False, sentence,
                                sort_of(thing), many))
    return found


def _glossed(sentence: Sentence) -> list[Definition]:
    found: list[Definition] = []
    for match in _MEANING.finditer(sentence.text):
        term, gloss = match["term"], match["definition"].strip()
        if term.lower() in STOPWORDS or len(gloss.split()) < MIN_DEFINITION_WORDS:
            continue
        found.append(Definition(term, gloss, "is", False, sentence, sort_of(gloss),
                                False))
    return found


def _noun_phrase_end(text: str) -> str:
    """The noun phrase ending `text`, after its determiner or preposition: "with
    single-celled algae" -> "single-celled algae"; "" when no determiner or preposition
    bounds it (a verb could be taken for part of it)."""
    words: list[str] = []
    bounded = False
    for word in reversed(text.split()):
        if not re.fullmatch(r"[a-z][\w\-]*", word) or word in STOPWORDS or word in _DETERMINERS:
            bounded = True
            break
        words.insert(0, word)
        if len(words) > MAX_THING_WORDS:
            return ""
    return " ".join(words) if bounded else ""


def _is_a(clause: str, sentence: Sentence) -> Definition | None:
    plain = _IS_A.match(clause[:1].upper() + clause[1:])
    if plain is None:
        return None
    term, text = plain["term"].strip(), plain["definition"].strip()
    words = term.split()
    if (
        words[0].lower() in _NOT_A_TERM
        or len(words) > MAX_TERM_WORDS
        or not words[0][:1].islower() and words[0] != clause.split()[0]
        or len(text.split()) < MIN_DEFINITION_WORDS
        or not _DEFINES.match(text)
        or not _QUALIFIED.search(text)
        or term[:1].isupper() and len(words) > 1
    ):
        return None
    article = (plain["article"] or "").lower()  # kept for a blank: "called _____" + "a commit"
    return Definition(article + term, text, plain["verb"], False, sentence, sort_of(text),
                      plain["verb"] == "are")
