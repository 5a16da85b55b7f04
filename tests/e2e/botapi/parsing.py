"""Decode Bot API requests the way Telegram does, and check HTML text like Telegram does.

PTB sends every parameter as a form field: strings as they are, everything else
(numbers, booleans, lists, objects) as JSON text. Telegram decodes by the method's
schema; we approximate that with a list of fields that are always plain strings,
so a learner-visible text such as ``"42"`` or ``"true"`` is never turned into a number.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from tests.e2e.botapi.errors import ApiError

# Fields Telegram types as String: never JSON-decoded.
STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "question",
        "explanation",
        "description",
        "short_description",
        "parse_mode",
        "explanation_parse_mode",
        "question_parse_mode",
        "description_parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "action",
        "type",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "ip_address",
        "emoji",
    }
)


@dataclass(frozen=True)
class UploadedFile:
    """One file a bot uploaded in a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


def decode_value(key: str, raw: str) -> Any:
    """Turn one form field into the value Telegram would see."""
    if key in STRING_FIELDS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


async def read_params(request: web.Request) -> tuple[dict[str, Any], list[UploadedFile]]:
    """Read query string, form, multipart or JSON parameters of one Bot API call."""
    params: dict[str, Any] = {
        key: decode_value(key, value) for key, value in request.query.items()
    }
    files: list[UploadedFile] = []
    if request.method != "POST" or not request.can_read_body:
        return params, files
    ctype = request.content_type
    if ctype == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: request body must be a JSON object")
        params.update(body)
    elif ctype == "multipart/form-data":
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                data = bytes(await part.read())
                files.append(
                    UploadedFile(
                        field=part.name,
                        filename=part.filename,
                        content_type=part.headers.get("Content-Type", ""),
                        data=data,
                    )
                )
            else:
                params[part.name] = decode_value(part.name, await part.text())
    else:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, str):
                params[key] = decode_value(key, value)
    return params, files


_HTML_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
        "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji", "tg-time",
    }
)
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)?([^<>]*)(>?)")
_ENTITY_RE = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_NAMED_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _bad_entities(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def _check_tag(text: str, match: re.Match[str], stack: list[str]) -> None:
    closing, name, _attrs, end = match.groups()
    offset = _byte_offset(text, match.start())
    if not end:
        raise _bad_entities(f"Unclosed start tag at byte offset {offset}")
    tag = (name or "").lower()
    if tag not in _HTML_TAGS:
        raise _bad_entities(f'Unsupported start tag "{tag}" at byte offset {offset}')
    if not closing:
        stack.append(tag)
        return
    if not stack:
        raise _bad_entities(f'Unexpected end tag at byte offset {offset}')
    expected = stack.pop()
    if expected != tag:
        raise _bad_entities(
            f'Unmatched end tag at byte offset {offset}, expected "</{expected}>", '
            f'found "</{tag}>"'
        )


def _check_entity(text: str, index: int) -> None:
    match = _ENTITY_RE.match(text, index)
    if match is None:
        return  # a bare '&' is taken literally by Telegram
    name = match.group(1)
    if not name.startswith("#") and name.lower() not in _NAMED_ENTITIES:
        offset = _byte_offset(text, index)
        raise _bad_entities(f'Unsupported HTML entity "&{name};" at byte offset {offset}')


def html_to_plain(text: str) -> str:
    """Validate Telegram-HTML and return the text the user sees (tags removed, unescaped).

    Raises ApiError 400 "can't parse entities" where Telegram would, which catches
    content that was not escaped before being sent with ``parse_mode=HTML``.
    """
    stack: list[str] = []
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            match = _TAG_RE.match(text, index)
            assert match is not None  # the pattern always matches at '<'
            _check_tag(text, match, stack)
            index = match.end()
            continue
        if char == "&":
            _check_entity(text, index)
        out.append(char)
        index += 1
    if stack:
        raise _bad_entities(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return html.unescape("".join(out))


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text as Telegram stores it after parsing entities for ``parse_mode``."""
    if parse_mode is not None and parse_mode.upper() == "HTML":
        return html_to_plain(text)
    return text
