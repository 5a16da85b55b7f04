"""A stand-in Telegram Bot API server for end-to-end tests and benchmarks of peacebot.

Usage::

    async with BotApiServer() as server:
        app = ApplicationBuilder().token(server.token).base_url(server.base_url).build()
        ...
        alice = server.user("Alice")
        server.send_text(alice, "/start")
        [reply] = await server.wait_sent(alice.id)
"""

from tests.e2e.botapi.calls import Call
from tests.e2e.botapi.errors import ApiError
from tests.e2e.botapi.faults import SEND_METHODS, Faults, LimitChecker, LimitPolicy, LimitViolation
from tests.e2e.botapi.parsing import UploadedFile
from tests.e2e.botapi.ptb import application_builder, polling, serving_webhook
from tests.e2e.botapi.server import DEFAULT_TOKEN, BotApiServer
from tests.e2e.botapi.users import FakeChat, FakeUser
from tests.e2e.botapi.webhook import SECRET_HEADER, Delivery, post_webhook

__all__ = [
    "DEFAULT_TOKEN",
    "SECRET_HEADER",
    "SEND_METHODS",
    "ApiError",
    "BotApiServer",
    "Call",
    "Delivery",
    "FakeChat",
    "FakeUser",
    "Faults",
    "LimitChecker",
    "LimitPolicy",
    "LimitViolation",
    "UploadedFile",
    "application_builder",
    "polling",
    "post_webhook",
    "serving_webhook",
]
