"""Explanations that add the fact's context instead of restating the answer.

Feedback already shows the answer and quotes the source sentence; what helps a learner
remember is what the lesson says around it. The explanation is the sentence after the
source in its lesson (or the one before, when the source ends a paragraph), if it stands
alone, fits the 200-character limit and is not what another question asks about;
otherwise the generator's own line stays.
"""

from __future__ import annotations

from content.text import fold, opens_vaguely, split_sentences

MAX_EXPLANATION = 200


def in_context(lesson_text: str, source: str, asked: frozenset[str] = frozenset()) -> str | None:
    """The lesson's sentence next to `source` (after it, else before it), or None.

    `asked` holds the folded sentences other questions are about: an explanation quoting
    one would answer that question before it is asked.
    """
    last = fold(source.split(". ")[-1]).strip()
    for paragraph in lesson_text.split("\n"):
        sentences = split_sentences(paragraph)
        folded = [fold(sentence).strip() for sentence in sentences]
        for index, sentence in enumerate(folded):
            if sentence and (sentence == last or last.endswith(sentence)):
                neighbours = sentences[index + 1 : index + 2] + sentences[max(0, index - 1) : index]
                usable = (text for text in neighbours if fold(text).strip() not in asked)
                return next((text for text in usable if _usable(text, source)), None)
    return None


def _usable(text: str, source: str) -> bool:
    return (
        len(text) <= MAX_EXPLANATION
        and len(text.split()) >= 5
        and not opens_vaguely(text)
        and fold(text) not in fold(source)
    )


def asked_sentences(sources: list[str]) -> frozenset[str]:
    """The folded sentences of these sources, for `in_context`'s `asked`."""
    found: set[str] = set()
    for source in sources:
        for paragraph in source.split("\n"):
            found.update(fold(sentence).strip() for sentence in split_sentences(paragraph))
    return frozenset(found)
