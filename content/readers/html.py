"""Web pages through trafilatura: the main content only, as headings, paragraphs, lists, tables.

trafilatura (Apache-2.0, maintained, the best-scoring open main-content extractor in
published comparisons) drops what is not the article: menus, headers and footers, cookie
banners, sidebars, comments. We ask for its XML output, which keeps the structure (`head`,
`p`, `list`/`item`, `table`/`row`/`cell`, `quote`, `code`) and map it to our elements.
The page's `<title>` is the course title when the content does not open with a heading.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from content.errors import ContentError
from content.readers.structure import Code, Element, Heading, Items, Paragraph, Table


def read_html(data: bytes, *, where: str) -> Iterator[Element]:
    """Elements of a page's main content; ContentError when the page has none."""
    import trafilatura
    from lxml import etree

    result = trafilatura.extract(
        data,
        output_format="xml",
        with_metadata=True,
        include_tables=True,
        include_formatting=False,
        include_links=False,
        include_images=False,
        include_comments=False,
        deduplicate=False,
    )
    if not result:
        raise ContentError(f"{where}: no readable text in this page (no main content found)")
    try:
        root = etree.fromstring(result.encode("utf-8"))
    except etree.XMLSyntaxError as error:  # trafilatura's own output: should not happen
        raise ContentError(f"{where}: could not read the page ({error})") from error
    main = root.find("main")
    if main is None:
        raise ContentError(f"{where}: no readable text in this page (no main content found)")
    elements = list(_elements(main))
    if not any(not isinstance(element, Heading) for element in elements):
        raise ContentError(f"{where}: no readable text in this page (no main content found)")
    title = (root.get("title") or "").strip()
    if title and not (elements and isinstance(elements[0], Heading)):
        yield Heading(0, title)
    yield from elements


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def _elements(main: Any) -> Iterator[Element]:
    for node in main:
        tag = node.tag
        if tag == "head":
            rend = node.get("rend") or "h2"
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            yield Heading(level, _text(node))
        elif tag == "list":
            items = tuple(_text(item) for item in node.iter("item"))
            yield Items(items, (node.get("rend") or "") == "ol")
        elif tag == "table":
            rows = [
                (tuple(_text(cell) for cell in row.iter("cell")), row) for row in node.iter("row")
            ]
            header = bool(rows) and all(
                cell.get("role") == "head" for cell in rows[0][1].iter("cell")
            )
            yield Table(tuple(cells for cells, _row in rows), header)
        elif tag == "code":
            yield Code("".join(node.itertext()))
        elif tag in ("p", "quote"):
            yield Paragraph(_text(node))
        else:
            text = _text(node)
            if text:
                yield Paragraph(text)
