"""Markdown through markdown-it-py (CommonMark, plus GitHub-style tables).

A real parser, not line rules: setext and ATX headings, nested lists, fenced code, escapes
and entities all mean what CommonMark says. Inline markup becomes plain words (the lesson
text format of `content/document.py`): emphasis markers go, a link keeps its text, an image
and raw HTML are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from content.readers.structure import Break, Code, Element, Heading, Items, Paragraph, Table


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(token: Token) -> str:
    """The words of an inline token, without markup."""
    parts: list[str] = []
    children = token.children or []
    for index, child in enumerate(children):
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open" and _empty_link(children, index):
            parts.append(str(child.attrs.get("href", "")))
    return "".join(parts)


def _empty_link(children: Sequence[Token], index: int) -> bool:
    return index + 1 < len(children) and children[index + 1].type == "link_close"


def read_markdown(text: str) -> Iterator[Element]:
    """Elements of a Markdown document, in order."""
    tokens = _parser().parse(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            yield Heading(int(token.tag[1:]), inline_text(tokens[index + 1]))
            index += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, index)
            yield Items(_list_items(tokens[index:end]), token.type == "ordered_list_open")
            index = end
            continue
        if token.type == "table_open":
            end = _closing(tokens, index)
            yield _table(tokens[index:end])
            index = end
            continue
        if token.type == "inline":
            yield Paragraph(inline_text(token))
        elif token.type in ("fence", "code_block"):
            yield Code(token.content)
        elif token.type == "hr":
            yield Break()
        index += 1


def _closing(tokens: Sequence[Token], start: int) -> int:
    """The index just past the token closing `tokens[start]`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index + 1
    return len(tokens)


def _list_items(tokens: Sequence[Token]) -> tuple[str, ...]:
    """One item per list item, nested items following their parent."""
    items: list[list[str]] = []
    for token in tokens:
        if token.type == "list_item_open":
            items.append([])
        elif token.type == "inline" and items:
            items[-1].append(inline_text(token))
        elif token.type in ("fence", "code_block") and items:
            items[-1].append(token.content)
    return tuple(" ".join(parts) for parts in items)


def _table(tokens: Sequence[Token]) -> Table:
    rows: list[list[str]] = []
    header = False
    for token in tokens:
        if token.type == "thead_open":
            header = True
        elif token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(inline_text(token))
    return Table(tuple(tuple(row) for row in rows), header)
