"""Which bot processes share the database right now, so they can share one send budget.

Each instance holds a session-level advisory lock in its own namespace, on one connection
kept for its lifetime; PostgreSQL drops the lock the moment that connection goes (a clean
stop, a crash, kill -9), so counting the granted locks of the namespace counts the live
instances. Nothing to create or clean up, no table, no heartbeat. SQLite: one process.
"""

from __future__ import annotations

import contextlib
import logging
import secrets

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

logger = logging.getLogger(__name__)

INSTANCE_NAMESPACE = 0x70656164  # "pead"; the learner locks use 0x70656163 ("peac")
_HOLD = text("SELECT pg_advisory_lock(:namespace, :key)")
_RELEASE = text("SELECT pg_advisory_unlock(:namespace, :key)")
# Advisory locks belong to one database; pg_locks shows the whole server's.
_COUNT = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND classid = CAST(:namespace AS oid) AND objsubid = 2 "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)


class InstanceRegistry:
    """This process's place among the instances on one PostgreSQL database."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._held: AsyncConnection | None = None
        self._joined = False  # between join and leave, even while the lock is being retaken
        self.key = secrets.randbelow(2**31 - 1) + 1

    @property
    def shared(self) -> bool:
        return self._engine.dialect.name == "postgresql"

    async def join(self) -> None:
        """Hold this instance's lock (PostgreSQL only); joining twice changes nothing."""
        if not self.shared or self._held is not None:
            return
        self._joined = True
        connection = await self._engine.connect()
        try:
            await connection.execute(_HOLD, {"namespace": INSTANCE_NAMESPACE, "key": self.key})
            await connection.commit()  # the lock is the session's: it outlives the transaction
        except BaseException:
            await connection.invalidate()  # never pooled with the lock perhaps taken
            await connection.close()
            raise
        self._held = connection

    async def count(self) -> int:
        """Live instances (at least this one); 1 on SQLite or before joining.

        Counted on the connection holding the lock, so a lost one is noticed: when the
        database restarts (or ends the session) every instance's lock is gone, and counting
        on without them would give each instance the whole budget. The lost connection is
        dropped, the lock taken again on a new one, and the count asked again."""
        if not self.shared or not self._joined:
            return 1
        if self._held is None:  # retaking the lock failed last time (the database away)
            await self.join()
            assert self._held is not None
        try:
            return await self._count_on(self._held)
        except Exception as error:
            lost, self._held = self._held, None
            await lost.invalidate()  # its session, and any lock it still had, end here
            await lost.close()
            await self.join()
            if self._held is None:
                raise RuntimeError("the instance lock could not be taken again") from error
            return await self._count_on(self._held)

    @staticmethod
    async def _count_on(connection: AsyncConnection) -> int:
        result = await connection.execute(_COUNT, {"namespace": INSTANCE_NAMESPACE})
        await connection.commit()  # not idle in a transaction between counts
        return max(1, int(result.scalar_one()))

    async def leave(self) -> None:
        """Let go of the lock, and of the connection that held it (not back to the pool: a
        pooled connection would keep a session lock). A crash lets go the same way: the
        server ends the session."""
        self._joined = False
        if self._held is None:
            return
        held, self._held = self._held, None
        try:
            await held.execute(_RELEASE, {"namespace": INSTANCE_NAMESPACE, "key": self.key})
            await held.commit()
        except Exception as error:  # the connection is gone, and the lock with it
            logger.debug("instance lock: the connection was already gone: %r", error)
        finally:
            with contextlib.suppress(Exception):
                await held.invalidate()
                await held.close()
