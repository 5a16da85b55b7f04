"""The document model every reader produces and every later step reads.

A reader (one per file format, `content/readers/`) turns a file into a `Document`: a title and
sections, each a run of blocks. Lessons and questions are built from sections, never from a
file format.

How a block reads inside a lesson (the lesson text a learner sees in Telegram and in the
terminal, and the text question sources are quoted from) is decided here, once:
- paragraph: its words on one line (inline markup is dropped: no asterisks, link text only);
- bullets: one "• item" line per item, "1. item" for a numbered list;
- subheading: the heading's words on a line of their own;
- table: one line per row, cells joined by " · " ("Year: 1990 · Event: Founded" when the
  table has a header row);
- code: the block verbatim.
Blocks are separated by a blank line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PARAGRAPH = "paragraph"
BULLETS = "bullets"
SUBHEADING = "subheading"
TABLE = "table"
CODE = "code"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, a list (with the paragraph that introduced it), a sub-heading, a table
    (`items` are its rendered rows) or a code block.

    Question generators read `text` of paragraphs and `items` of lists and tables.
    """

    kind: str  # PARAGRAPH | BULLETS | SUBHEADING | TABLE | CODE
    text: str = ""
    items: tuple[str, ...] = ()
    lead: str = ""
    ordered: bool = False


@dataclass(slots=True)
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    sections: tuple[Section, ...]


def block_text(block: Block) -> str:
    """How a block reads inside a lesson."""
    if block.kind == BULLETS:
        if block.ordered:
            return "\n".join(f"{number}. {item}" for number, item in enumerate(block.items, 1))
        return "\n".join(f"• {item}" for item in block.items)
    if block.kind == TABLE:
        return "\n".join(block.items)
    return block.text


def section_text(section: Section) -> str:
    return "\n\n".join(block_text(block) for block in section.blocks)


def block_words(block: Block) -> int:
    """Words a learner reads in this block (what lesson sizes are measured in)."""
    return len(block_text(block).split())
