"""Text documents into the document model: Markdown (markdown-it-py) or plain text.

`parse_document` is the entry point for text whose format is not known from a file name:
Markdown when any line is an ATX heading (`#`), plain text otherwise. Files go through
`content/readers/`, which picks the reader by suffix.
"""

from __future__ import annotations

import re

from content.document import Document
from content.readers.markdown import read_markdown
from content.readers.plain import looks_like_heading, read_plain
from content.readers.structure import CLOSING_TITLE, INTRO_TITLE, assemble

__all__ = [
    "CLOSING_TITLE",
    "INTRO_TITLE",
    "clean_inline",
    "looks_like_markdown",
    "looks_like_heading",
    "parse_document",
    "parse_markdown",
    "parse_plain",
]

_ATX = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.M)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(\S(?:.*?\S)?)\1")


def clean_inline(text: str) -> str:
    """Drop inline Markdown (links, emphasis, code ticks), keeping the words.

    For comparing text that may still carry markup (`content/validate.py`); lesson text
    itself never does.
    """
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text))


def parse_markdown(text: str, *, name: str) -> Document:
    return assemble(read_markdown(text), name=name)


def parse_plain(text: str, *, name: str) -> Document:
    return assemble(read_plain(text), name=name)


def looks_like_markdown(text: str) -> bool:
    """Plain text files written in Markdown: any line is an ATX heading (`# Title`)."""
    return _ATX.search(text) is not None


def parse_document(text: str, *, name: str) -> Document:
    """Markdown when any line is an ATX heading, plain text otherwise."""
    if looks_like_markdown(text):
        return parse_markdown(text, name=name)
    return parse_plain(text, name=name)
