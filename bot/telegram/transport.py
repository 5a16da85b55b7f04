"""The HTTP client under python-telegram-bot: aiohttp behind PTB's `BaseRequest` interface.

PTB's default transport (httpx over httpcore) spends about 1 ms of CPU per Bot API request
on its connection-pool bookkeeping; aiohttp does the same request in about a quarter of that
(benchmarks/README.md): most of the CPU a busy bot spends outside the tutor. PTB keeps
everything above the wire: parameters, the rate limiter, errors from Telegram; this module
only moves bytes and maps network failures onto PTB's `TimedOut` and `NetworkError`, as its
own `HTTPXRequest` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

if TYPE_CHECKING:
    from telegram._utils.types import ODVInput

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
WRITE_TIMEOUT = 30.0  # photo and document uploads
POOL_TIMEOUT = 15.0
# At Telegram's 30 messages/s far fewer than 16 requests are ever in flight. (With PTB's
# default httpx transport a bigger pool also cost CPU: httpcore checks every pooled
# connection on every request.)
CONNECTION_POOL_SIZE = 16

# (read, write, connect, pool) seconds; None waits without limit, as in PTB.
Timeouts = tuple[float | None, float | None, float | None, float | None]


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded pool of keep-alive connections.

    The session is opened in `initialize` (aiohttp wants a running event loop) and closed in
    `shutdown`; PTB calls both, and `initialize` after `shutdown` opens a fresh one.
    """

    __slots__ = ("_defaults", "_pool_size", "_session", "_timeouts")

    def __init__(self, *, connection_pool_size: int = 1, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0) -> None:
        self._pool_size = connection_pool_size
        self._defaults: Timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[tuple[Timeouts, bool], aiohttp.ClientTimeout] = {}

    @property
    def read_timeout(self) -> float | None:
        """PTB adds the long-poll time of getUpdates to this."""
        return self._defaults[0]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            # trust_env: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as httpx (PTB's default) honours.
            self._session = aiohttp.ClientSession(connector=connector, trust_env=True)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("this AiohttpRequest is not initialized")
        given = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        chosen: Timeouts = tuple(  # type: ignore[assignment]
            default if value is BaseRequest.DEFAULT_NONE else value
            for value, default in zip(given, self._defaults, strict=True)
        )
        uploads = request_data is not None and request_data.contains_files
        body, headers = _body(request_data)
        try:
            async with self._session.request(
                method, url, data=body, headers=headers,
                timeout=self._timeout(chosen, uploads=uploads),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeouts subclass it
            raise TimedOut(f"aiohttp.{type(error).__name__}: timed out") from error
        except aiohttp.ClientError as error:
            # The class name helps when the message is empty (a server that hung up).
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

    def _timeout(self, chosen: Timeouts, *, uploads: bool) -> aiohttp.ClientTimeout:
        """PTB's four timeouts in aiohttp's terms, built once per combination.

        aiohttp has no write timeout: an upload gets a total limit of write + read instead.
        Waiting for a pooled connection and opening one share aiohttp's `connect` limit.
        """
        key = (chosen, uploads)
        timeout = self._timeouts.get(key)
        if timeout is None:
            read, write, connect, pool = chosen
            total = read + write if uploads and read is not None and write is not None else None
            waiting = None if connect is None or pool is None else connect + pool
            timeout = aiohttp.ClientTimeout(total=total, connect=waiting, sock_connect=connect,
                                            sock_read=read)
            self._timeouts[key] = timeout
        return timeout


_PLAIN_HEADERS = {"User-Agent": BaseRequest.USER_AGENT}
_FORM_HEADERS = _PLAIN_HEADERS | {"Content-Type": "application/x-www-form-urlencoded"}


def _body(request_data: RequestData | None) -> tuple[bytes | aiohttp.FormData | None,
                                                      dict[str, str]]:
    """Form fields as PTB prepared them (complex values already JSON text); files multipart.

    Fields are encoded here rather than handed to aiohttp as a dict: for a dict aiohttp builds
    a `FormData`, multipart writer and random boundary included, only to urlencode it.
    """
    if request_data is None:
        return None, _PLAIN_HEADERS
    if not request_data.contains_files:
        return request_data.url_encoded_parameters().encode(), _FORM_HEADERS
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form, _PLAIN_HEADERS


def make_request(pool_size: int = CONNECTION_POOL_SIZE) -> AiohttpRequest:
    """The transport for Bot API calls, with the timeouts peacebot uses everywhere."""
    return AiohttpRequest(connection_pool_size=pool_size, read_timeout=READ_TIMEOUT,
                          write_timeout=WRITE_TIMEOUT, connect_timeout=CONNECT_TIMEOUT,
                          pool_timeout=POOL_TIMEOUT)
