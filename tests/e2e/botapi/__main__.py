"""``python -m tests.e2e.botapi --port N``: run the stand-in server until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from tests.e2e.botapi.server import DEFAULT_TOKEN, BotApiServer


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.botapi", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--enforce-limits", action="store_true",
                        help="answer 429 to messages over Telegram's limits")
    parser.add_argument("--rate-429", type=float, default=0.0)
    parser.add_argument("--rate-5xx", type=float, default=0.0)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds added to answers")
    return parser.parse_args()


async def _serve(args: argparse.Namespace) -> None:
    server = BotApiServer(
        args.token, host=args.host, port=args.port, seed=args.seed,
        enforce_limits=args.enforce_limits,
    )
    server.faults.set_rates(rate_429=args.rate_429, rate_5xx=args.rate_5xx)
    server.faults.slow(args.delay)
    async with server:
        print(f"stand-in Bot API at {server.base_url} token {server.token}", flush=True)
        await asyncio.Event().wait()


def main() -> None:
    """Serve until Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(_parse_args()))


if __name__ == "__main__":
    main()
