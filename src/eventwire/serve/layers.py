"""The plain ASGI layers in front of the application, which answer what needs no database:
security headers, the Host check, the token check of writes, admission, the body's size and
time; and ``TimedHeaders``, uvicorn's protocol with a deadline for a request's headers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, MutableMapping
from typing import Any

from fastapi.responses import JSONResponse
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .settings import Limits, Tokens, _refusal

MAX_HEADERS = 65_536  # bytes of one request's line and headers (httptools itself sets no limit)
# The page loads only its own files; styles may be set by the map library's code.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Secured:
    """Adds the security headers to every response (plain ASGI: no per-request task, unlike
    Starlette's BaseHTTPMiddleware)."""

    RAW = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.RAW if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, with_headers)


SAFE = ("GET", "HEAD", "OPTIONS")


async def _answer(
    send: Any, status: int, detail: str, headers: dict[str, str] | None = None, close: bool = False
) -> None:
    """A JSON error answered from an ASGI layer; ``close``: the request's body was not read,
    so the connection is closed rather than read on to find the next request."""
    extra = {**(headers or {}), **({"Connection": "close"} if close else {})}
    response = JSONResponse({"detail": detail}, status_code=status, headers=extra)
    await response({"type": "http"}, _nothing, send)


async def _nothing() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


def host_name(value: str) -> str:
    """The host of a Host header or of an address (``[::1]:8000`` -> ``::1``), lower case."""
    value = value.strip().lower()
    if value.startswith("["):  # an IPv6 address and maybe a port
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:  # a name or IPv4 address with a port
        value = value.split(":")[0]
    return value.rstrip(".")


class Hosts:
    """Serves only requests whose Host header names this server (400 otherwise): a page
    elsewhere whose name an attacker points at this address (DNS rebinding) cannot read
    the API from a browser. ``*`` among ``allowed`` allows every name."""

    def __init__(self, app: Any, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {host_name(a) for a in allowed}

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and "*" not in self.allowed:
            host = host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                detail = f"the host {host!r} is not served here (serve --allowed-host names it)"
                await _answer(send, 400, detail, close=True)
                return
        await self.app(scope, receive, send)


class Authorize:
    """Refuses a write (any method but GET, HEAD and OPTIONS) without the token before a
    byte of its body is read: 403 when writes are disabled, 401 for a missing or wrong
    token."""

    def __init__(self, app: Any, tokens: Tokens | None) -> None:
        self.app, self.tokens = app, tokens

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE:
            header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            refusal = _refusal(self.tokens, header)
            if refusal is not None:
                status, detail = refusal
                challenge = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
                await _answer(send, status, detail, challenge, close=True)
                return
        await self.app(scope, receive, send)


class Admission:
    """At most ``limit`` requests handled at once: another waits for its turn up to ``wait``
    seconds, then gets 503 with Retry-After. Under overload latency stays bounded (a
    request either starts within ``wait`` or is told to come back) instead of every request
    queueing for a thread."""

    def __init__(self, app: Any, limit: int, wait: float) -> None:
        self.app, self.limit, self.wait = app, limit, wait
        self.slots: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.slots is None:
            self.slots = asyncio.Semaphore(self.limit)
        try:
            async with asyncio.timeout(self.wait):
                await self.slots.acquire()
        except TimeoutError:
            detail = f"busy: {self.limit} requests are being answered; try again shortly"
            await _answer(send, 503, detail, {"Retry-After": "1"}, close=scope["method"] not in SAFE)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()


class BodyLimit:
    """Reads a write's body before the app sees it, within bounds: over ``limit`` bytes it
    is refused (413), by its Content-Length or, when it comes in chunks, as soon as the
    bytes read pass the limit; not all there within ``timeout`` seconds, it is refused too
    (408), so a client sending slowly holds no memory or connection for long."""

    def __init__(self, app: Any, limit: int, timeout: float) -> None:
        self.app, self.limit, self.timeout = app, limit, timeout

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE:
            await self.app(scope, receive, send)
            return
        too_big = f"request body larger than {self.limit} bytes"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _answer(send, 413, too_big, close=True)
            return
        body = bytearray()
        deadline = asyncio.get_running_loop().time() + self.timeout
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                await _answer(send, 408, f"request body not received within {self.timeout:g} s", close=True)
                return
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _answer(send, 413, too_big, close=True)
                return
            if not message.get("more_body", False):
                break
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                later: dict[str, Any] = await receive()  # the app waits for a disconnect
                return later
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


class TimedHeaders(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol, with a deadline for a request's headers. uvicorn's
    keep-alive timer runs from the end of an answer only until the next byte arrives, so a
    client sending its headers a byte at a time (slowloris) holds a connection forever, and
    httptools takes headers of any size. Here the same timer (``timeout_keep_alive``, the
    header timeout) runs from the connection's opening and from each answer until a
    request's headers are complete, and headers over MAX_HEADERS bytes get 431."""

    header_bytes = 0  # of the request whose headers are awaited
    feeding = False  # in uvicorn's data_received

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def _await_headers(self) -> None:
        self.header_bytes = 0
        HttpToolsProtocol._unset_keepalive_if_required(self)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def _unset_keepalive_if_required(self) -> None:
        if not self.feeding:  # the bytes that arrive do not stop the clock: complete headers do
            super()._unset_keepalive_if_required()

    def data_received(self, data: bytes) -> None:
        waiting = self.timeout_keep_alive_task is not None
        self.feeding = True
        try:
            super().data_received(data)
        finally:
            self.feeding = False
        if waiting and self.timeout_keep_alive_task is not None:  # the headers are not complete yet
            self.header_bytes += len(data)
            if self.header_bytes > MAX_HEADERS and not self.transport.is_closing():
                self.transport.write(
                    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                    b"content-length: 0\r\nconnection: close\r\n\r\n"
                )
                self.transport.close()

    def on_headers_complete(self) -> None:
        HttpToolsProtocol._unset_keepalive_if_required(self)
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.timeout_keep_alive_task is not None:  # uvicorn armed it: this answer ended idle
            self._await_headers()


def uvicorn_options(limits: Limits) -> dict[str, Any]:
    """uvicorn's settings for ``limits`` (with TimedHeaders as its HTTP protocol)."""
    return {"http": TimedHeaders, "timeout_keep_alive": limits.header_timeout}
