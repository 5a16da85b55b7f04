"""A document's sections into lessons of reading size, with titles and stable ids.

- A section up to SPLIT_ABOVE_WORDS words is one lesson with the section's title.
- A longer section, or the text of a document without headings, is cut into pieces of about
  MIN_WORDS-MAX_WORDS words at paragraph boundaries (`content/chunks.py`: cuts are chosen
  locally); a paragraph longer than MAX_WORDS is cut at sentence ends first.
- Titles: a section's first piece keeps the section title; later pieces are "Section:
  subject" (a sub-heading the piece opens with, else its main subject, `content/titles.py`).
  In a document without headings every piece is titled by its subject.
- Ids: the first piece keeps the id a whole section always had, a hash of the course id and
  the section title (with its occurrence), so a section that grows past the limit keeps its
  learners' progress on its opening. A later piece hashes the section's key and the first
  words of its own text: editing another lesson, or this lesson anywhere but its opening
  words, keeps its id. A content title is never part of an id (it may change when the text
  does).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from content import chunks
from content.chunks import MAX_WORDS, Unit
from content.document import (
    BULLETS,
    PARAGRAPH,
    SUBHEADING,
    Block,
    Document,
    Section,
    block_text,
    block_words,
)
from content.model import Lesson
from content.pages import split_pages
from content.readers.structure import CLOSING_TITLE, INTRO_TITLE
from content.text import fold_key, short_hash
from content.titles import Rarity, rarity_of, title_for

SPLIT_ABOVE_WORDS = 750
ANCHOR_WORDS = 12

_SENTENCE_GAP = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|Lt|Sgt|Capt|Jr|Sr|Inc|Ltd|Co|No|Vol|vs|etc|"
    r"approx|Fig|fig|e\.g|i\.e|U\.S|U\.N|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec))\.$"
)


@dataclass(frozen=True, slots=True)
class _Piece:
    """One lesson to be: its blocks, the section it came from, and what its id hashes."""

    section: Section
    blocks: tuple[Block, ...]
    key: tuple[str, ...]
    first: bool


def make_lessons(course_id: str, document: Document) -> tuple[list[Section], list[Lesson]]:
    """Lessons in reading order, and for each the section (title + blocks) it was made from."""
    pieces = list(_pieces(document))
    texts = ["\n\n".join(block_text(block) for block in piece.blocks) for piece in pieces]
    headed = any(section.title not in (INTRO_TITLE, CLOSING_TITLE) for section in document.sections)
    # subjects are only needed for pieces cut from a longer text
    cut = not headed or any(not piece.first for piece in pieces)
    rarity = rarity_of(texts) if cut else Rarity()
    sections: list[Section] = []
    lessons: list[Lesson] = []
    taken: set[str] = {section.title.lower() for section in document.sections}
    for index, (piece, text) in enumerate(zip(pieces, texts, strict=True)):
        title = _title(piece, text, document.title, rarity, taken, headed=headed)
        taken.add(title.lower())
        lesson_id = "l" + short_hash(course_id, *piece.key, size=5)
        section = Section(title, list(piece.blocks))
        sections.append(section)
        lessons.append(
            Lesson(
                id=lesson_id,
                course_id=course_id,
                index=index,
                title=title,
                text=text,
                pages=split_pages(text),
            )
        )
    return sections, lessons


def _pieces(document: Document) -> Iterator[_Piece]:
    occurrences: Counter[str] = Counter()
    for section in document.sections:
        occurrence = occurrences[section.title]
        occurrences[section.title] += 1
        key = (section.title, str(occurrence))
        words = sum(block_words(block) for block in section.blocks)
        if words <= SPLIT_ABOVE_WORDS and (section.title != INTRO_TITLE or words <= MAX_WORDS):
            yield _Piece(section, tuple(section.blocks), key, True)
            continue
        anchors: Counter[str] = Counter()
        units, blocks = _units(section.blocks)
        for number, span in enumerate(chunks.cut(units)):
            piece_blocks = _join(blocks, span)
            anchor = _anchor(piece_blocks)
            seen = anchors[anchor]
            anchors[anchor] += 1
            piece_key = key if number == 0 else (*key, anchor, str(seen))
            yield _Piece(section, piece_blocks, piece_key, number == 0)


def _units(blocks: Sequence[Block]) -> tuple[list[Unit], list[list[Block]]]:
    """Units that stay together, and the blocks of each.

    A sub-heading stays with what follows it, a list with the paragraph that introduces it;
    a paragraph over MAX_WORDS becomes one unit per sentence.
    """
    units: list[Unit] = []
    groups: list[list[Block]] = []
    pending: list[Block] = []
    for block in blocks:
        if block.kind == SUBHEADING:
            pending.append(block)
            continue
        if block.kind == BULLETS and block.lead and groups and not pending:
            previous = groups[-1][-1]
            if previous.kind == PARAGRAPH and previous.text == block.lead:
                groups[-1].append(block)
                units[-1] = _unit(groups[-1])
                continue
        if block.kind == PARAGRAPH and block_words(block) > MAX_WORDS:
            for number, sentence in enumerate(_sentence_pieces(block.text)):
                group = [*pending, _continued(sentence, number)]
                pending = []
                groups.append(group)
                units.append(_unit(group))
            continue
        group = [*pending, block]
        pending = []
        groups.append(group)
        units.append(_unit(group))
    if pending:
        groups.append(pending)
        units.append(_unit(pending))
    return units, groups


_CONTINUED = "paragraph-continued"


def _continued(sentence: str, number: int) -> Block:
    """A sentence of a long paragraph; all but the first join the one before in a lesson."""
    return Block(PARAGRAPH if number == 0 else _CONTINUED, sentence)


def _unit(group: Sequence[Block]) -> Unit:
    text = "\n\n".join(block_text(block) for block in group)
    return Unit(text, len(text.split()), opens_topic=group[0].kind == SUBHEADING)


def _join(groups: Sequence[Sequence[Block]], span: range) -> tuple[Block, ...]:
    """The blocks of a piece, sentences of one paragraph joined back into it."""
    blocks: list[Block] = []
    for index in span:
        for block in groups[index]:
            if block.kind == _CONTINUED and blocks and blocks[-1].kind == PARAGRAPH:
                blocks[-1] = Block(PARAGRAPH, f"{blocks[-1].text} {block.text}")
            elif block.kind == _CONTINUED:
                blocks.append(Block(PARAGRAPH, block.text))
            else:
                blocks.append(block)
    return tuple(blocks)


def _sentence_pieces(paragraph: str) -> list[str]:
    """Sentences of a paragraph (a cheap splitter that skips "U.N." and "Dr."); a sentence
    still over MAX_WORDS is cut into word runs, so no lesson outgrows its limit."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_GAP.finditer(paragraph):
        head = paragraph[start : match.start()]
        if _ABBREVIATION.search(head[-12:]):
            continue
        sentences.append(head)
        start = match.end()
    sentences.append(paragraph[start:])
    result: list[str] = []
    for sentence in sentences:
        words = sentence.split(" ")
        for offset in range(0, len(words), MAX_WORDS):
            result.append(" ".join(words[offset : offset + MAX_WORDS]))
    return [sentence for sentence in result if sentence]


def _anchor(blocks: Sequence[Block]) -> str:
    words = fold_key(" ".join(block_text(block) for block in blocks[:2])).split()
    return " ".join(words[:ANCHOR_WORDS])


def _title(
    piece: _Piece,
    text: str,
    course_title: str,
    rarity: Rarity,
    taken: set[str],
    *,
    headed: bool,
) -> str:
    """The section title, "Section: subject", or (text outside any heading) the subject."""
    section = piece.section
    by_content = section.title == INTRO_TITLE and not (headed and piece.first)
    if not by_content and piece.first:
        return section.title
    if not by_content and piece.blocks[0].kind == SUBHEADING:
        return _unique(f"{section.title}: {piece.blocks[0].text}", taken)
    subject = title_for(text, title=course_title, rarity=rarity, taken=taken)
    subject = subject or _opening_words(text)
    return _unique(subject if by_content else f"{section.title}: {subject}", taken)


def _opening_words(text: str) -> str:
    words = text.split()[:6]
    return " ".join(words).rstrip(".,;:") + "…"


def _unique(title: str, taken: set[str]) -> str:
    """The title, numbered when another lesson has it (`taken` is lower-cased)."""
    if title.lower() not in taken:
        return title
    number = 2
    while f"{title} ({number})".lower() in taken:
        number += 1
    return f"{title} ({number})"
