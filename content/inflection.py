"""English noun number for option text: "cofactor" <-> "cofactors", regular nouns only.

A word whose other number the rules cannot be sure of ("kinetics", "zooxanthellae",
"data", "criteria") gives None, and the caller leaves that option out instead of guessing.
(inflect does this too, but its typeguard instrumentation costs about 4 s at first use.)
"""

from __future__ import annotations

import re

_UNSURE = re.compile(r"(?:ics|ae|a|i|um|on|is|us|ss|ous|ese)$")
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def plural(noun: str) -> str | None:
    """The plural of a regular singular noun, or None when unsure."""
    if not noun.isalpha() or _UNSURE.search(noun):
        return None
    if _CONSONANT_Y.search(noun):
        return noun[:-1] + "ies"
    if _SIBILANT.search(noun):
        return noun + "es"
    return noun + "s"


def singular(noun: str) -> str | None:
    """The singular of a regular plural noun, or None when unsure."""
    if not noun.isalpha() or not noun.endswith("s") or noun.endswith(("ss", "us", "ics", "is")):
        return None
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if re.search(r"(?:sses|xes|zes|ches|shes)$", noun):
        return noun[:-2]
    return noun[:-1]


def is_plural(noun: str) -> bool:
    """Regular plurals and a few common nouns with Latin or Greek plurals."""
    return noun in _LATIN_PLURALS or singular(noun) is not None


_LATIN_PLURALS = frozenset({"algae", "bacteria", "fungi", "data", "media", "criteria", "phenomena",
                            "larvae", "nuclei", "people", "cattle"})
