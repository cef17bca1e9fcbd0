"""Refusals in Open311's shape: `[{"code": 400, "description": "…"}]`, or
`<errors><error><code>400</code><description>…</description></error></errors>` for a path that
ends in `.xml`, with the same HTTP status.

Which exception means which refusal is decided once, by the app's own handlers (app.kit.problems:
validation, domain refusals, an unreachable database, a bug); this module only reshapes their
problem document. Three statuses change on the way, as GeoReport v2 asks: malformed input is 400
(Pintu's 422), and a missing or unusable `api_key` is 403 (Pintu's 401). Every description names
the refused field (`start_date: …`) and, like the problem document, never echoes a value.

What app.server's middleware refuses before a route runs (a body over the size limit or too slow,
a request cut by shutdown) and a method the path does not take stay problem+json: the route has
not been reached, so nothing knows yet that an Open311 client is asking.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import ValidationError

from app.kit.errors import AppError
from app.open311 import xml
from app.open311.schemas import Format, Open311Error

JSON_MEDIA = "application/json; charset=utf-8"
XML_MEDIA = "text/xml; charset=utf-8"
# Pintu's status -> GeoReport v2's for the same refusal.
_STATUS = {422: 400, 401: 403}
# Headers of a problem answer worth keeping (the rest describe the problem document itself).
_KEPT_HEADERS = ("retry-after", "ratelimit", "ratelimit-policy", "allow")


class Open311Refusal(AppError):
    """A refusal GeoReport v2 defines with its own status (400 for a bad parameter, 403 for
    the api_key, 404 for an unknown id), naming the field."""

    type, title = "open311", "Open311 request refused"

    def __init__(self, status: int, detail: str, *, field: str) -> None:
        super().__init__(detail, field=field)
        self.status = status


def refused_fields(
    exc: ValidationError, rename: Mapping[str, str] | None = None
) -> RequestValidationError:
    """A model's validation error as the request's own (rendered like any malformed input),
    each field named as the client sent it: `rename` maps a model's dotted field (or its first
    part) to the form's name."""
    names = rename or {}
    errors = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        dotted = ".".join(loc)
        named = names.get(dotted) or (names.get(loc[0]) if loc else None) or dotted or "body"
        errors.append({**error, "loc": ("body", named)})
    return RequestValidationError(errors)


def format_of(path: str) -> Format:
    """The representation a path asks for; JSON unless it ends in `.xml`."""
    return Format.XML if path.endswith(".xml") else Format.JSON


def render_errors(path: str, errors: list[Open311Error], status: int) -> Response:
    """Refusals in the format `path` asks for."""
    if format_of(path) is Format.XML:
        body = xml.render("errors", "error", errors)
        return Response(body, status_code=status, media_type=XML_MEDIA)
    payload = json.dumps([e.model_dump() for e in errors], ensure_ascii=False).encode()
    return Response(payload, status_code=status, media_type=JSON_MEDIA)


def _description(problem: dict[str, Any]) -> str:
    """What a problem document says is wrong, field first."""
    errors = problem.get("errors") or []
    if errors:
        return "; ".join(f"{e['field']}: {e['detail']}" for e in errors)
    return str(problem.get("detail") or problem.get("title") or "Request refused")


def _wrong_format(exc: Exception) -> bool:
    return isinstance(exc, RequestValidationError) and any(
        tuple(e.get("loc") or ()) == ("path", "format") for e in exc.errors()
    )


async def _handled(request: Request, exc: Exception) -> Response:
    """The answer the app's own handler gives `exc` (by the nearest class it has one for)."""
    handlers = request.app.exception_handlers
    for cls in type(exc).__mro__:
        handler = handlers.get(cls)
        if handler is not None:
            answer: Response = await handler(request, exc)
            return answer
    raise exc  # not reached: the app handles Exception itself


async def refusal(request: Request, exc: Exception) -> Response:
    """The Open311 answer to an exception raised while serving an Open311 path."""
    path = request.url.path
    if _wrong_format(exc):
        described = Open311Error(
            code=404, description="format: a path ends in .json or .xml, nothing else"
        )
        return render_errors(path, [described], 404)
    problem_answer = await _handled(request, exc)
    problem = json.loads(bytes(problem_answer.body))
    status = _STATUS.get(problem_answer.status_code, problem_answer.status_code)
    answer = render_errors(
        path, [Open311Error(code=status, description=_description(problem))], status
    )
    for name in _KEPT_HEADERS:
        if name in problem_answer.headers:
            answer.headers[name] = problem_answer.headers[name]
    return answer


class Open311Route(APIRoute):
    """An APIRoute whose every refusal, from validation to a failed commit, is rendered in
    Open311's format. Unlike the API's other routes it takes no Idempotency-Key: a POST
    authenticates with the `api_key` in its body, not with a bearer key the guard could
    store answers under."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:  # every exception: none may reach the client as a 500 page
                return await refusal(request, exc)

        return run
