"""The learner aggregate: create on first contact, read, change settings, block, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models import (
    Learner,
    LessonProgress,
    Quiz,
    ReminderLog,
    ReviewCard,
    ReviewLog,
    SentPoll,
)
from db.queries._common import dialect_name, insert, load_by_id

# The first key of every per-learner advisory lock ("peac" in ASCII): PostgreSQL's two-key
# advisory locks live apart from its one-key (bigint) ones, and this first key keeps ours
# apart from any other two-key user of the same database.
LEARNER_LOCK_NAMESPACE = 0x70656163
_LOCK_LEARNER = text("SELECT pg_advisory_xact_lock(:namespace, :key)")


def learner_lock_key(learner_id: int) -> int:
    """The learner's second lock key: the id's low 32 bits as a signed 32-bit integer.

    Exact for ids below 2**31. Telegram ids go beyond, so two learners whose ids share their
    low 32 bits share a lock: they only ever wait for each other, never deadlock (the lock is
    the first statement and the only advisory lock a transaction takes).
    """
    return (learner_id + 2**31) % 2**32 - 2**31


async def lock_learner(session: AsyncSession, *, learner_id: int) -> None:
    """Hold the learner's lock until this transaction ends: one learner's units of work run
    one at a time across every process sharing the database.

    Call it as the transaction's first statement, before anything of the learner is read:
    under READ COMMITTED each later statement then sees what the previous holder committed.
    PostgreSQL only; on SQLite BEGIN IMMEDIATE already runs one transaction at a time, so
    nothing is sent.
    """
    if dialect_name(session) != "postgresql":
        return
    await session.execute(_LOCK_LEARNER, {"namespace": LEARNER_LOCK_NAMESPACE,
                                          "key": learner_lock_key(learner_id)})


async def get_learner(session: AsyncSession, *, learner_id: int) -> Learner | None:
    """The learner, or None if they never wrote to the bot (or were deleted)."""
    return await load_by_id(session, Learner, learner_id)


async def get_or_create_learner(
    session: AsyncSession,
    *,
    learner_id: int,
    now: datetime,
    first_name: str | None = None,
    username: str | None = None,
    language_code: str | None = None,
    quiz_size: int | None = None,
) -> Learner:
    """The learner with this id, created on first contact; refreshes names and last_seen_at.

    `quiz_size` is a new learner's starting quiz length (the model's default without it).
    INSERT ... ON CONFLICT DO NOTHING first, so two updates from a new learner arriving
    at once both succeed instead of one failing on the primary key.
    """
    defaults = {} if quiz_size is None else {"quiz_size": quiz_size}
    statement = (
        insert(session, Learner)
        .values(
            id=learner_id,
            first_name=first_name,
            username=username,
            language_code=language_code,
            created_at=now,
            last_seen_at=now,
            **defaults,
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    await session.execute(statement)
    learner = await load_by_id(session, Learner, learner_id)
    if learner is None:  # deleted between the insert and the read: only by a racing /delete
        raise LookupError(f"learner {learner_id} vanished while being created")
    # Telegram names change; keep the latest but never erase a known one with None.
    for name, value in (
        ("first_name", first_name),
        ("username", username),
        ("language_code", language_code),
    ):
        if value is not None and getattr(learner, name) != value:
            setattr(learner, name, value)
    if learner.last_seen_at < now:
        learner.last_seen_at = now
    await session.flush()
    return learner


async def mark_blocked(session: AsyncSession, *, learner_id: int, blocked: bool = True) -> None:
    """Record that the learner blocked (or unblocked) the bot.

    Blocking also clears `next_reminder_at`; whoever sees the learner again (an unblock is
    a new message) schedules the next reminder.
    """
    values: dict[str, Any] = {"blocked": blocked}
    if blocked:
        values["next_reminder_at"] = None
    await session.execute(update(Learner).where(col(Learner.id) == learner_id).values(**values))


async def delete_learner(session: AsyncSession, *, learner_id: int) -> bool:
    """Delete the learner and every row of theirs; False if there was no such learner.

    Child tables are emptied explicitly rather than trusting ON DELETE CASCADE, which
    SQLite only honours on connections with foreign keys switched on.
    """
    for model in (ReviewLog, ReviewCard, LessonProgress, Quiz, SentPoll, ReminderLog):
        await session.execute(delete(model).where(col(model.learner_id) == learner_id))
    result = await session.execute(delete(Learner).where(col(Learner.id) == learner_id))
    _forget_learner(session, learner_id)
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _forget_learner(session: AsyncSession, learner_id: int) -> None:
    """Drop the deleted learner's objects from the session so nothing stale is flushed."""
    for obj in list(session.identity_map.values()):
        owner = obj.id if isinstance(obj, Learner) else getattr(obj, "learner_id", None)
        if owner == learner_id:
            session.expunge(obj)
