"""A learner's data rights: export everything of theirs as JSON, delete it after confirmation.

The delete confirmation button carries the minute it was offered and expires after
`CONFIRM_MINUTES`, so an old "Yes, delete" button found days later in the chat does nothing.
"""

from __future__ import annotations

import json

from bot.tutor import actions
from bot.tutor.replies import Attachment, Choice, Reply
from bot.tutor.texts import plural
from bot.tutor.turn import Turn, notice
from db.queries.export import export_learner
from db.queries.learners import delete_learner

CONFIRM_MINUTES = 10


async def export(turn: Turn) -> list[Reply]:
    """All stored data of the learner, every answer with its question id, as a JSON file."""
    await turn.session.flush()
    data = await export_learner(turn.session, learner_id=turn.learner_id) or {}
    body = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True).encode()
    answers = len(data.get("answers", []))
    document = Attachment(filename=f"peacebot-export-{turn.learner_id}.json", data=body,
                          mime_type="application/json",
                          caption=f"Your data: profile, progress and {plural(answers, 'answer')}.")
    return [Reply(text="Here is everything I store about you.", attachment=document)]


def _minute(turn: Turn) -> int:
    return int(turn.now.timestamp() // 60)


def confirm_delete(turn: Turn) -> list[Reply]:
    """Ask before deleting; the Yes button is valid for a few minutes."""
    return [Reply(
        title="Delete all your data?",
        text="This deletes your progress, reviews, answers and settings for good. "
             "It cannot be undone.",
        choices=((Choice("Yes, delete everything", actions.confirm_delete(_minute(turn))),
                  Choice("Cancel", actions.CANCEL_DELETE)),),
    )]


async def delete(turn: Turn, offered_minute: int) -> list[Reply]:
    """Delete everything of the learner if the confirmation is recent; else a notice."""
    age = _minute(turn) - offered_minute
    if not 0 <= age <= CONFIRM_MINUTES:
        return [notice("That confirmation has expired. Send /delete again.")]
    await delete_learner(turn.session, learner_id=turn.learner_id)
    return [Reply(text="All your data has been deleted. Send /start if you want to begin again.")]


def cancel() -> list[Reply]:
    return [notice("Nothing was deleted.")]
