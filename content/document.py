"""The document model every reader produces and every later step reads.

A reader (one per file format) turns a file into a `Document`: a title and sections, each a
run of blocks. Lessons and questions are built from sections, never from a file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, a bullet list (with the paragraph that introduced it), or a sub-heading."""

    kind: str  # "paragraph" | "bullets" | "subheading"
    text: str = ""
    items: tuple[str, ...] = ()
    lead: str = ""


@dataclass(slots=True)
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    sections: tuple[Section, ...]


def block_text(block: Block) -> str:
    """How a block reads inside a lesson (bullets as "• item" lines)."""
    if block.kind == "bullets":
        return "\n".join(f"• {item}" for item in block.items)
    return block.text


def section_text(section: Section) -> str:
    return "\n\n".join(block_text(block) for block in section.blocks)
