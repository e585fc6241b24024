"""Request middleware: a request id and one log line per request; a cap on body size; and a
start-up failure reported as one line.

Both are plain ASGI middleware (no ``BaseHTTPMiddleware``), so streaming uploads pass
through untouched and an exception keeps its traceback.

The log line holds the method, the route's path *template* (``/v1/candidates/{candidate_id}``),
the status and the duration: never a body, a query string, a header value or a token,
so no résumé text, name, e-mail or phone number can reach the logs.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import REQUEST_ID_HEADER, error_response, unexpected_error_response
from recommender.errors import RecommenderError

logger = logging.getLogger("recommender.api")

# An unmatched path is whatever the client typed (a mistyped URL can hold an e-mail or a
# name), so it is never logged.
UNMATCHED_PATH = "(no matching route)"


def _path_template(scope: Scope) -> str:
    """``/v1/candidates/{candidate_id}`` rather than the real id; never the query string."""
    path = str(scope.get("path", ""))
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    if not template:
        return UNMATCHED_PATH
    # Depending on the FastAPI version the route's template may lack the prefixes of the
    # routers it was included in ("/v1"); those are literal, so take them from the path.
    actual, templated = path.split("/"), str(template).split("/")
    prefix = "/".join(actual[: max(1, len(actual) - len(templated) + 1)])
    return prefix + str(template)


class RequestContextMiddleware:
    """Give each request an id (echoed in ``X-Request-ID``), log it, answer crashes with a 500."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        # Starlette's request.state reads this dict, so handlers see the id too.
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status_code = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status_code, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status_code = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # The traceback, never the request: bodies and headers stay out of the log.
            logger.exception("unhandled error", extra={"request_id": request_id})
            if response_started:
                raise
            status_code = 500
            await unexpected_error_response(request_id)(scope, receive, send)
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            method, path = scope["method"], _path_template(scope)
            logger.info(
                "request_id=%s method=%s path=%s status=%d duration_ms=%.1f",
                request_id,
                method,
                path,
                status_code,
                duration_ms,
                extra={
                    "request_id": request_id,
                    "method": method,
                    "path": path,
                    "status": status_code,
                    "duration_ms": round(duration_ms, 1),
                },
            )


class BodySizeLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` before reading them into memory.

    A declared ``Content-Length`` over the limit is answered 413 at once; a chunked body
    is counted as it streams and stops at the limit with a 413 ``HTTPException`` (the one
    exception type FastAPI's body parsing passes on rather than turning into a 400).
    """

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return f"the request body is over the {self.max_bytes:,} byte limit"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None and declared > self.max_bytes:
            await error_response(413, "file_too_large", self._message())(scope, receive, send)
            return

        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, counted_receive, send)


class StartupFailureMiddleware:
    """Report a start-up stopped by a library error as one line, not as Starlette's traceback.

    A broken role profile or a missing model package is the operator's to fix, and the
    message says how; the server logs it ("lifespan.startup.failed") and exits non-zero.
    The exception itself still propagates, so in-process hosts (``TestClient``) raise it.
    Any other exception keeps its traceback.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return

        async def send_one_line(message: Message) -> None:
            if message["type"] == "lifespan.startup.failed":
                # Sent from inside Starlette's ``except`` block: the error being handled.
                error = sys.exc_info()[1]
                if isinstance(error, RecommenderError):
                    message = {**message, "message": "start-up failed: " + " ".join(str(error).split())}
            await send(message)

        await self.app(scope, receive, send_one_line)
