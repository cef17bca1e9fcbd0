"""RFC 9457 problem+json: one error base class and the handlers that render every refusal."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path
from starlette.types import Scope, Send

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://pintu.jakarta.go.id/problems/"


class FieldError(BaseModel):
    """One refused field: where it is, in dotted form, and what is wrong with it."""

    field: str = Field(examples=["complainant.nik"])
    detail: str = Field(examples=["NIK must be 16 digits"])


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=[PROBLEM_BASE + "validation"])
    title: str = Field(examples=["Request is not valid"])
    status: int = Field(examples=[422])
    detail: str | None = Field(default=None, examples=["complainant.nik: NIK must be 16 digits"])
    instance: str | None = Field(default=None, examples=["/v1/complaints"])
    field: str | None = Field(default=None, examples=["complainant.nik"])
    errors: list[FieldError] | None = None
    request_id: str | None = None


class AppError(Exception):
    """A refusal Pintu means to give: rendered as problem+json with its status and type."""

    status: int = 400
    type: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.field = field
        self.headers = dict(headers) if headers else {}


class AmbiguousRequest(AppError):
    status, type, title = 400, "ambiguous-request", "Ambiguous request"


class NotFound(AppError):
    status, type, title = 404, "not-found", "Not found"


class Conflict(AppError):
    status, type, title = 409, "conflict", "Conflict"


class InvalidInput(AppError):
    status, type, title = 422, "validation", "Request is not valid"


class Unauthorized(AppError):
    status, type, title = 401, "unauthorized", "Authentication required"


class Forbidden(AppError):
    status, type, title = 403, "forbidden", "Not allowed for this role"


class PayloadTooLarge(AppError):
    status, type, title = 413, "payload-too-large", "Request body too large"


class PreconditionFailed(AppError):
    status, type, title = 412, "precondition-failed", "The resource has changed"


class PreconditionRequired(AppError):
    status, type, title = 428, "precondition-required", "If-Match required"


class TooManyRequests(AppError):
    status, type, title = 429, "rate-limited", "Too many requests"


class ServiceUnavailable(AppError):
    status, type, title = 503, "unavailable", "Service temporarily unavailable"


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given problem statuses, 429 with 401 (keys are rate
    limited), and 503 (any endpoint that reads the database answers it while PostgreSQL is
    unreachable)."""
    if 401 in statuses and 429 not in statuses:
        statuses = (*statuses, 429)  # every endpoint that takes a key counts it against a limit
    if 401 in statuses and 400 not in statuses:
        statuses = (400, *statuses)  # two Authorization headers are refused
    statuses = (*statuses, 503) if 503 not in statuses else statuses
    descriptions = {
        400: "The request is ambiguous: a header that must come once (Authorization, "
        "Idempotency-Key) came several times",
        401: "No API key, or one that is unknown, revoked or expired",
        403: "The key's role may not call this endpoint",
        404: "No such object, or it is outside the key's scope",
        409: "The move is not allowed in the object's current state, or a request with the "
        "same Idempotency-Key is still running",
        412: "If-Match names a version that is no longer current: fetch it again",
        413: "The request body is larger than the endpoint accepts",
        422: "The request is not valid; `errors` names each field",
        428: "A partner key must send If-Match naming the version it read (not `*`)",
        429: "The key has used its requests for this minute, has too many requests in "
        "progress, or the client sent too many keys that are not valid; see Retry-After",
        503: "The database is unreachable; retry later",
    }
    return {
        status: {
            "model": Problem,
            "description": descriptions.get(status, "Error"),
            "content": {PROBLEM_JSON: {}},
        }
        for status in statuses
    }


def problem_response(
    request: Request,
    *,
    status: int,
    type_: str,
    title: str,
    detail: str | None = None,
    field: str | None = None,
    errors: Sequence[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Render one problem document."""
    body = Problem(
        type=PROBLEM_BASE + type_,
        title=title,
        status=status,
        detail=detail,
        instance=request.url.path,
        field=field,
        errors=list(errors) if errors else None,
        request_id=getattr(request.state, "request_id", None),
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


async def send_problem(
    scope: Scope,
    send: Send,
    *,
    status: int,
    type_: str,
    title: str,
    detail: str,
    headers: Sequence[tuple[bytes, bytes]] = (),
) -> None:
    """Answer with a problem document straight from ASGI middleware, where no Request exists
    and the app never saw the request; the connection is closed after it."""
    document = {
        "type": PROBLEM_BASE + type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": scope["path"],
    }
    request_id = scope.get("state", {}).get("request_id")
    if request_id:
        document["request_id"] = request_id
    body = json.dumps(document).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# A key the client made up is named back only when it cannot be a personal value put where a
# name belongs: a short name of letters, digits and _ - . that starts with a letter, with too
# few digits for a NIK, a phone number or a birth date, and no @ or space.
_ECHOABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,39}")
UNKNOWN_FIELD = "an unknown field, not named here since its name may be personal data"


def echoable(part: int | str) -> bool:
    """Whether a key (or a list position) a client sent may be named back to anyone."""
    if isinstance(part, int):
        return True  # a position in a list
    return _ECHOABLE.fullmatch(part) is not None and sum(c.isdigit() for c in part) < 6


def field_path(loc: Sequence[int | str]) -> str:
    """Where an error is, dotted; a key that may be personal data is left out, with the rest
    of the path after it."""
    # Drop the "body"/"query"/"path" prefix: clients know fields by their own names.
    parts = list(loc)
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    named = []
    for part in parts:
        if not echoable(part):
            break
        named.append(str(part))
    return ".".join(named) or "body"


def error_message(error: Mapping[str, Any]) -> str:
    """What is wrong, without the value sent (or a key that may be personal data)."""
    # Never echo the input back: for personal fields it would leak NIK or phone.
    loc = error.get("loc") or ()
    if error.get("type") == "extra_forbidden" and loc and not echoable(loc[-1]):
        return UNKNOWN_FIELD
    msg = str(error.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    errors = [FieldError(field=exc.field, detail=exc.detail or exc.title)] if exc.field else None
    headers = dict(exc.headers)
    if exc.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return problem_response(
        request,
        status=exc.status,
        type_=exc.type,
        title=exc.title,
        detail=exc.detail,
        field=exc.field,
        errors=errors,
        headers=headers or None,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        # A body that is not JSON fails at a character position, not at a field.
        FieldError(
            field="body" if e["type"] == "json_invalid" else field_path(e["loc"]),
            detail=error_message(e),
        )
        for e in exc.errors()
    ]
    detail = "; ".join(f"{e.field}: {e.detail}" for e in errors)
    return problem_response(
        request,
        status=422,
        type_="validation",
        title="Request is not valid",
        detail=detail,
        field=errors[0].field if errors else None,
        errors=errors,
    )


@lru_cache(maxsize=512)
def _pattern(template: str) -> re.Pattern[str]:
    # The app's path templates are a fixed, small set: each is compiled once, not per refusal.
    return compile_path(template)[0]


def _operations_at(request: Request, path: str) -> list[dict[str, Any]]:
    """The documented operations (by method) of every path template that matches `path`.
    Routes are looked up through the OpenAPI document, built once, since included routers are
    not a flat list of routes."""
    return [
        operations
        for template, operations in request.app.openapi()["paths"].items()
        if _pattern(template).match(path)
    ]


def _allowed_methods(request: Request) -> str | None:
    # Starlette names only the first route that matched the path; a path served by several
    # routes (GET and POST /v1/channels) must list them all (RFC 9110, 15.5.6).
    methods = {m.upper() for ops in _operations_at(request, request.url.path) for m in ops}
    if "GET" in methods:
        methods.add("HEAD")  # answered as GET without a body (app.server.head)
    return ", ".join(sorted(methods)) if methods else None


def _without_trailing_slash(request: Request) -> str | None:
    # The path the client most likely meant, when it differs only by a trailing slash. Named
    # in the 404 instead of redirecting, since a redirect's URL would take the Host header.
    path = request.url.path
    if len(path) < 2 or not path.endswith("/"):
        return None
    meant = path.rstrip("/")
    return meant if _operations_at(request, meant) else None


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:
        # The framework's only 400 is a body it cannot read (not UTF-8, nested past the
        # parser's depth): malformed input, which Pintu answers with 422 naming the field.
        return _unreadable_body(request)
    titles = {404: "Not found", 405: "Method not allowed"}
    slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    detail = exc.detail if isinstance(exc.detail, str) else None
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    if exc.status_code == 404 and (meant := _without_trailing_slash(request)):
        detail = f"No such path; without the trailing slash it is {meant}."
    return problem_response(
        request,
        status=exc.status_code,
        type_=slug,
        title=titles.get(exc.status_code, "HTTP error"),
        detail=detail,
        headers=headers or None,
    )


def _unreadable_body(request: Request) -> JSONResponse:
    detail = "The body is not JSON that can be read (it must be UTF-8)."
    return problem_response(
        request,
        status=422,
        type_="validation",
        title="Request is not valid",
        detail=f"body: {detail}",
        field="body",
        errors=[FieldError(field="body", detail=detail)],
    )


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    logger.warning("database unavailable: %s", type(exc).__name__)
    return problem_response(
        request,
        status=503,
        type_="unavailable",
        title="Service temporarily unavailable",
        detail="The database cannot be reached; retry shortly.",
        headers={"Retry-After": "5"},
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=exc)
    return problem_response(
        request,
        status=500,
        type_="internal",
        title="Internal server error",
        detail="An unexpected error occurred; it has been logged with this request's id.",
    )


# SQLSTATE classes of a server that cannot serve now: 08 connection exception, 53 insufficient
# resources (too many connections), 57 operator intervention (shutting down, starting up, a
# statement cancelled).
_UNAVAILABLE_CLASSES = ("08", "53", "57")


def _is_connection_loss(exc: DBAPIError) -> bool:
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    return (
        isinstance(exc, InterfaceError | OperationalError)
        or bool(exc.connection_invalidated)
        or sqlstate.startswith(_UNAVAILABLE_CLASSES)
    )


def database_unavailable(exc: BaseException) -> bool:
    """Whether `exc` says the database cannot be reached now (worth retrying later), rather
    than that a statement was wrong."""
    if isinstance(exc, DBAPIError):
        return _is_connection_loss(exc)
    return isinstance(exc, OSError | TimeoutError | PoolTimeout)


async def _dbapi_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    if sqlstate in {"40001", "40P01"}:
        # Serialization failure or deadlock: two requests crossed; the database rolled one
        # back. Nothing was written for it; a retry succeeds.
        return problem_response(
            request,
            status=409,
            type_="conflict",
            title="Conflict",
            detail="Another request changed the same record at the same time; retry.",
        )
    if _is_connection_loss(exc):
        return await _database_unavailable(request, exc)
    if isinstance(exc, IntegrityError) or sqlstate.startswith("23"):
        # A uniqueness or reference check lost a race with another request (the services
        # check first, so only concurrent writers get here): the client may retry.
        logger.info("integrity conflict: %s", type(exc.orig).__name__)
        return problem_response(
            request,
            status=409,
            type_="conflict",
            title="Conflict",
            detail="Another request changed the same record at the same time; retry.",
        )
    if isinstance(exc, DataError) or sqlstate.startswith("22"):
        # A value validation let through that PostgreSQL cannot take: still the client's input.
        # SQLSTATE class 22 is "data exception": bad value, not a broken server.
        logger.warning("database refused a value: %s", type(exc.orig).__name__)
        return problem_response(
            request,
            status=422,
            type_="validation",
            title="Request is not valid",
            detail="A value cannot be stored (out of range or an invalid character).",
        )
    return await _unexpected(request, exc)


async def _unencodable(request: Request, exc: Exception) -> JSONResponse:
    # Text that cannot be encoded as UTF-8 (a lone surrogate) in a field kept as given.
    return problem_response(
        request,
        status=422,
        type_="validation",
        title="Request is not valid",
        detail="Text holds characters that cannot be stored (a lone UTF-16 surrogate).",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception a request can raise to a problem+json response."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DBAPIError, _dbapi_error)
    # Connecting to PostgreSQL fails with these before SQLAlchemy can wrap anything: refused
    # or reset (ConnectionError), a Unix socket gone while the server is down (FileNotFoundError),
    # an unknown host (gaierror), any other OSError of the connection, or no answer in time.
    for connection_error in (OSError, TimeoutError, socket.gaierror):
        app.add_exception_handler(connection_error, _database_unavailable)
    # Every pooled connection busy for the pool's whole timeout: too much load, not a bug.
    app.add_exception_handler(PoolTimeout, _database_unavailable)
    app.add_exception_handler(UnicodeEncodeError, _unencodable)
    app.add_exception_handler(Exception, _unexpected)
