"""The one place where errors become HTTP answers.

Every error body has the same shape: ``{"error": <kind>, "detail": <message>}``, where
``kind`` is a short snake-case name a client can branch on and ``detail`` says what to
fix. Library errors (:mod:`recommender.errors`) map by class:

===========================================  ======
``FileTooLargeError``                        413
``UnsupportedFileError``                     415
``EmptyDocumentError``, ``InvalidInputError``  422
``NotFoundError`` (role, candidate)          404
``ProfileDataError``, ``ModelUnavailableError``  503
anything else                                500 (logged with the request id)
===========================================  ======

Request validation errors answer 422 with one readable line per problem and the field
each one concerns, without echoing the input (it may be a résumé). A body that is not
valid JSON is one of those 422s.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from recommender.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    InvalidInputError,
    ModelUnavailableError,
    NotFoundError,
    ProfileDataError,
    RecommenderError,
    UnsupportedFileError,
)

logger = logging.getLogger("recommender.api")

REQUEST_ID_HEADER = "X-Request-ID"

# Most specific first; the first class in an error's MRO found here decides.
STATUS_BY_ERROR: dict[type[RecommenderError], int] = {
    FileTooLargeError: 413,
    UnsupportedFileError: 415,
    EmptyDocumentError: 422,
    InvalidInputError: 422,
    NotFoundError: 404,
    ProfileDataError: 503,
    ModelUnavailableError: 503,
}

_KIND_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "file_too_large",  # the same kind as the library's FileTooLargeError
    415: "unsupported_media_type",
    422: "validation_error",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    """Every error answer (for the OpenAPI docs)."""

    error: str
    detail: str


class FieldProblem(BaseModel):
    location: str
    field: str
    message: str


class ValidationErrorBody(ErrorBody):
    # A document that parses but cannot be used (no text, a bad self-assessment) is a 422
    # too, without per-field problems: the documented shape must admit both.
    errors: list[FieldProblem] = Field(
        default_factory=list, description="One entry per invalid field; absent when the document is at fault."
    )


def error_kind(error_class: type[Exception]) -> str:
    """``EmptyDocumentError`` -> ``empty_document``."""
    name = error_class.__name__.removesuffix("Error")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def status_for(error: RecommenderError) -> int | None:
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return None


def error_response(
    status_code: int, kind: str, detail: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"error": kind, "detail": detail, **extra}, status_code=status_code, headers=headers)


def unexpected_error_response(request_id: str) -> JSONResponse:
    """The 500 answer: no internals, only the id to quote (the log has the traceback)."""
    return error_response(
        500,
        "internal_error",
        f"an unexpected error occurred; quote request id {request_id} when reporting it",
        headers={REQUEST_ID_HEADER: request_id},
        request_id=request_id,
    )


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or "-")


async def _recommender_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RecommenderError)
    status_code = status_for(exc)
    if status_code is None:
        # A library error with no HTTP meaning is a bug on our side, not the client's.
        logger.error(
            "unmapped library error %s", type(exc).__name__, extra={"request_id": _request_id(request)}
        )
        return unexpected_error_response(_request_id(request))
    if status_code >= 500:
        # Profile and model problems are the operator's to fix: say so in the log too.
        logger.error("service unavailable: %s: %s", type(exc).__name__, exc)
    return error_response(status_code, error_kind(type(exc)), str(exc))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI answers a JSON body that is not UTF-8 with a bare 400; it is invalid JSON (422).
        return validation_error_response(
            [{"type": "json_invalid", "loc": ("body",), "ctx": {"error": "not UTF-8 text"}}]
        )
    kind = _KIND_BY_STATUS.get(exc.status_code) or error_kind_from_status(exc.status_code)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # Starlette's Allow names only the first route on the path (GET of GET+DELETE).
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    return error_response(exc.status_code, kind, str(exc.detail), headers=headers)


_METHODS = ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> str:
    """Every method some route answers on this request's path (each tried as the router would)."""
    routes = request.app.router.routes
    allowed = [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]
    return ", ".join(allowed)


def error_kind_from_status(status_code: int) -> str:
    try:
        phrase = HTTPStatus(status_code).phrase
    except ValueError:
        return "error"
    return re.sub(r"[^a-z]+", "_", phrase.lower()).strip("_")


def _describe(error: dict[str, Any]) -> FieldProblem:
    loc: Sequence[Any] = error.get("loc", ())
    location = str(loc[0]) if loc else "body"
    field = ".".join(str(part) for part in loc[1:])
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error") or error.get("msg", "")
        return FieldProblem(location=location, field="", message=f"the body is not valid JSON ({reason})")
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return FieldProblem(location=location, field=field, message=message)


def validation_error_response(errors: Sequence[dict[str, Any]]) -> JSONResponse:
    """422 with one line per problem, naming the field; the rejected input is never echoed."""
    problems = [_describe(e) for e in errors]
    detail = "; ".join(f"{p.field or p.location}: {p.message}" for p in problems) or "invalid request"
    return error_response(422, "validation_error", detail, errors=[p.model_dump() for p in problems])


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return validation_error_response(exc.errors())


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers; unexpected exceptions are answered by the request middleware."""
    app.add_exception_handler(RecommenderError, _recommender_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


# Shown in the OpenAPI docs of every route that can answer them.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"model": ValidationErrorBody, "description": "The request does not validate"},
    503: {"model": ErrorBody, "description": "Model or role profiles unavailable"},
}
