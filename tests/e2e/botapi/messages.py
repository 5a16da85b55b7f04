"""Checks and JSON shapes for what the bot sends: texts, keyboards, polls, files.

The checks mirror Telegram's own answers (wording included where known), so a bot
that would fail against Telegram fails here too.
"""

from __future__ import annotations

import random
import struct
from typing import Any

from tests.e2e.botapi.errors import bad_request
from tests.e2e.botapi.parsing import UploadedFile, visible_text

JSON = dict[str, Any]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_POLL_QUESTION = 300
MAX_POLL_OPTION = 100
MAX_POLL_OPTIONS = 12
MAX_EXPLANATION = 200
MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files ("file is too big")


def checked_text(text: Any, parse_mode: Any) -> str:
    """The visible text of a message, or Telegram's 400 for empty/too long/bad HTML."""
    if not isinstance(text, str) or not text:
        raise bad_request("message text is empty")
    shown = visible_text(text, parse_mode if isinstance(parse_mode, str) else None)
    if not shown.strip():
        raise bad_request("message text is empty")
    if len(shown) > MAX_TEXT:
        raise bad_request("message is too long")
    return shown


def checked_caption(caption: Any, parse_mode: Any) -> str | None:
    """The visible caption, or a 400 when it is too long or its HTML is broken."""
    if caption is None or caption == "":
        return None
    shown = visible_text(str(caption), parse_mode if isinstance(parse_mode, str) else None)
    if len(shown) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return shown


def checked_markup(markup: Any) -> JSON | None:
    """The inline keyboard to echo back in the Message (other keyboards are not echoed)."""
    if markup is None or not isinstance(markup, dict):
        return None
    rows = markup.get("inline_keyboard")
    if rows is None:
        return None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard: field \"inline_keyboard\" must be an Array")
    for row in rows:
        for button in row:
            _check_button(button)
    return {"inline_keyboard": rows}


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    data = button.get("callback_data")
    if data is not None and len(str(data).encode("utf-8")) > MAX_CALLBACK_DATA:
        raise bad_request("BUTTON_DATA_INVALID")
    actions = set(button) - {"text", "style", "icon_custom_emoji_id"}
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )


def build_poll(params: JSON, poll_id: str, rng: random.Random) -> JSON:
    """The Poll object for a sendPoll call, valid for PTB 22.8 / Bot API 9.6."""
    question = params.get("question")
    if not isinstance(question, str) or not question.strip():
        raise bad_request("poll question must be non-empty")
    shown_question = visible_text(question, params.get("question_parse_mode"))
    if len(shown_question) > MAX_POLL_QUESTION:
        raise bad_request(f"poll question length must not exceed {MAX_POLL_QUESTION}")
    options = [_option_text(option) for option in params.get("options") or []]
    if len(options) < 2:
        raise bad_request("poll must have at least 2 option")
    if len(options) > MAX_POLL_OPTIONS:
        raise bad_request(f"poll can't have more than {MAX_POLL_OPTIONS} options")
    poll_type = params.get("type") or "regular"
    if poll_type not in ("regular", "quiz"):
        raise bad_request("poll type is invalid")
    poll: JSON = {
        "id": poll_id,
        "question": shown_question,
        "options": [
            {"text": text, "voter_count": 0, "persistent_id": f"{rng.getrandbits(32):08x}"}
            for text in options
        ],
        "total_voter_count": 0,
        "is_closed": bool(params.get("is_closed", False)),
        "is_anonymous": bool(params.get("is_anonymous", True)),
        "type": poll_type,
        "allows_multiple_answers": bool(params.get("allows_multiple_answers", False)),
        "allows_revoting": bool(params.get("allows_revoting", poll_type != "quiz")),
        "members_only": bool(params.get("members_only", False)),
    }
    if poll_type == "quiz":
        poll["correct_option_ids"] = _correct_options(params, len(options))
        explanation = params.get("explanation")
        if explanation:
            shown = visible_text(str(explanation), params.get("explanation_parse_mode"))
            if len(shown) > MAX_EXPLANATION:
                raise bad_request("explanation is too long")
            poll["explanation"] = shown
    for key in ("open_period", "close_date"):
        if params.get(key) is not None:
            poll[key] = params[key]
    return poll


def _option_text(option: Any) -> str:
    text = option.get("text") if isinstance(option, dict) else option
    if not isinstance(text, str) or not text.strip():
        raise bad_request("poll options must be non-empty")
    if len(text) > MAX_POLL_OPTION:
        raise bad_request(f"poll options length must not exceed {MAX_POLL_OPTION}")
    return text


def _correct_options(params: JSON, count: int) -> list[int]:
    ids = params.get("correct_option_ids")
    if ids is None and params.get("correct_option_id") is not None:
        ids = [params["correct_option_id"]]
    if not isinstance(ids, list) or not ids:
        raise bad_request("quiz poll must have a correct option")
    if not all(isinstance(i, int) and 0 <= i < count for i in ids):
        raise bad_request("wrong correct option ID")
    if len(ids) > 1 and not params.get("allows_multiple_answers"):
        raise bad_request("wrong correct option ID")
    return ids


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG (the bot's charts); 800x600 for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return 800, 600


def file_ids(seq: int) -> tuple[str, str]:
    """A file_id / file_unique_id pair shaped like Telegram's."""
    return f"BQACAgIAAxkDAAI{seq:08d}", f"AgAD{seq:08d}"


def photo_sizes(upload: UploadedFile | None, file_id: str, seq: int) -> list[JSON]:
    """PhotoSize list: a thumbnail and the full picture."""
    size = len(upload.data) if upload else 0
    width, height = png_size(upload.data) if upload else (800, 600)
    unique = file_ids(seq)[1]
    scale = max(1, max(width, height) // 90)
    return [
        {"file_id": f"{file_id}-s", "file_unique_id": f"{unique}s",
         "width": max(1, width // scale), "height": max(1, height // scale), "file_size": 1024},
        {"file_id": file_id, "file_unique_id": unique,
         "width": width, "height": height, "file_size": size},
    ]


def document(upload: UploadedFile | None, file_id: str, seq: int) -> JSON:
    """Document object for a sent file."""
    doc: JSON = {"file_id": file_id, "file_unique_id": file_ids(seq)[1]}
    if upload is not None:
        doc["file_name"] = upload.filename
        doc["mime_type"] = upload.content_type or "application/octet-stream"
        doc["file_size"] = len(upload.data)
    return doc
