"""Second names a document gives in passing, so one body is never offered beside itself.

"The Council of the European Union, often called the Council of Ministers", "Gavi, the
Vaccine Alliance", "the Church of the East (also known as the Nestorian Church)": the
second name shares the first's key (content/terms.py, `Lexicon.key`), so it is neither a
wrong option for the first nor a second right one.
"""

from __future__ import annotations

import re

_WORD = r"[A-Z][\w’'-]*"
# "Council of the European Union": capitalised words, joined by "of (the)", "for", "and"
_NAME = rf"{_WORD}(?:\s+(?:(?:of|for|and|de|on)\s+(?:the\s+)?)?{_WORD})*"
_ONE_NAME = rf"{_WORD}(?:\s+(?:(?:of|for|de|on)\s+(?:the\s+)?)?{_WORD})*"  # no "and"
_CALLED = (r"(?:(?:often|also|commonly|usually|sometimes|formerly|officially|popularly)\s+)?"
           r"(?:called|known\s+as|named|referred\s+to\s+as)")
_PATTERNS = (
    # "X, often called (the) Y," / "X (also known as Y)"
    re.compile(rf"(?:the\s+)?(?P<first>{_NAME}),?\s+\(?{_CALLED}\s+(?:the\s+)?"
               rf"(?P<second>{_NAME})(?=[,.;)]|\s+[a-z])"),
    # "… and Gavi, the Vaccine Alliance.": an aside closing the sentence is a name in its own
    # right (one followed by a comma may be the next item of a list)
    re.compile(rf"(?P<first>\b{_ONE_NAME}),\s+the\s+(?P<second>{_WORD}(?:\s+{_WORD})+)\.$"),
)


def find_aliases(sentence: str) -> dict[str, str]:
    """Second name -> first name, for the names a sentence gives twice."""
    found: dict[str, str] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            first = match["first"].strip().removeprefix("The ")
            second = match["second"].strip()
            if first != second and first[:1].isupper() and second[:1].isupper():
                found[second] = first
    return found
