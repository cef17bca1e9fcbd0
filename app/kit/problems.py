"""RFC 9457 problem+json, the rendering: the problem document of a refusal, from a handler or
straight from ASGI middleware, and the exception handlers that turn every exception a request
can raise into one (never a bare 500)."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path
from starlette.types import Scope, Send

from app.kit.errors import (
    PROBLEM_JSON,
    AppError,
    FieldError,
    Problem,
    error_message,
    field_path,
    problem_type,
)
from app.kit.sqlstate import Refusal, refusal

logger = logging.getLogger(__name__)


def _base_url(app: Any) -> str | None:
    # The app's settings; an app made without them (a test's) has paths for types.
    settings = getattr(getattr(app, "state", None), "settings", None)
    return getattr(settings, "public_base_url", None)


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
        type=problem_type(type_, _base_url(request.app)),
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
        "type": problem_type(type_, _base_url(scope.get("app"))),
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


async def _dbapi_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    kind = refusal(exc)
    if kind is Refusal.UNAVAILABLE:
        return await _database_unavailable(request, exc)
    if kind in {Refusal.CROSSED, Refusal.RACE_LOST}:
        # Two requests crossed (a serialization failure or a deadlock, which the database
        # rolled back), or a uniqueness or reference check lost a race with another request
        # (the services check first, so only concurrent writers get here): nothing was written
        # for this one, and a retry succeeds.
        if kind is Refusal.RACE_LOST:
            logger.info("integrity conflict: %s", type(exc.orig).__name__)
        return problem_response(
            request,
            status=409,
            type_="conflict",
            title="Conflict",
            detail="Another request changed the same record at the same time; retry.",
        )
    if kind is Refusal.BAD_VALUE:
        # A value validation let through that PostgreSQL cannot take: still the client's input.
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
