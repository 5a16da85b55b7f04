"""A question before validation and ids: what every generator returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Candidate:
    """`answer` is the right option's text; `distractors` the wrong ones, in ranked order.

    `fixed_order` keeps options as given (True/False) instead of shuffling them.
    `aliases` are other spellings of the answer that must not appear in the prompt.
    """

    lesson: int
    kind: str
    prompt: str
    answer: str
    distractors: tuple[str, ...]
    explanation: str
    source: str
    aliases: tuple[str, ...] = ()
    fixed_order: bool = False
    statement: str = ""  # the sentence a learner must judge or complete, for stand-alone checks
    tags: tuple[str, ...] = field(default=())
    # what the id hashes instead of `answer` when the answer is drawn from a pool that edits
    # elsewhere may change ("which is NOT listed?": the outsider), so the id stays put
    identity: str = ""
