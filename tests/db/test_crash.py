"""A process SIGKILLed between answers loses none it had committed (both backends)."""

from __future__ import annotations

import asyncio
import signal
import sys
import textwrap
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from db import queries
from db.engine import create_engine, create_session_factory

SEEN_BEFORE_KILL = 25

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import UTC, datetime, timedelta
    from db import queries
    from db.engine import create_engine, create_session_factory

    async def main(url: str) -> None:
        factory = create_session_factory(create_engine(url))
        now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
        async with factory() as session, session.begin():
            await queries.get_or_create_learner(session, learner_id=1, now=now)
        for index in range(100_000):
            async with factory() as session, session.begin():
                await queries.record_answer(
                    session, learner_id=1, question_id=f"q{index}", answer_key=f"k{index}",
                    chosen=0, correct=True, rating=3, answered_at=now + timedelta(seconds=index),
                )
            print(index, flush=True)  # only after the commit returned

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_sigkill_loses_no_committed_answer(engine: AsyncEngine, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    await engine.dispose()
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        str(script),
        url,
        stdout=asyncio.subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    committed = -1
    while committed < SEEN_BEFORE_KILL - 1:
        line = await asyncio.wait_for(child.stdout.readline(), timeout=60)
        assert line, "child exited early"
        committed = int(line)
    child.send_signal(signal.SIGKILL)
    await child.wait()
    assert child.returncode == -signal.SIGKILL

    reopened = create_engine(url)
    try:
        async with create_session_factory(reopened)() as session:
            answers = await queries.list_answers(session, learner_id=1)
    finally:
        await reopened.dispose()
    keys = [answer.answer_key for answer in answers]
    assert len(keys) == len(set(keys))
    assert {f"k{index}" for index in range(committed + 1)} <= set(keys)
    # nothing half-written: the answers present are a gap-free prefix
    assert set(keys) == {f"k{index}" for index in range(len(keys))}
