"""The OpenAPI document, as partners read it: FastAPI's, with every refusal documented as
problem+json and every response header Pintu sends documented where it sends it.

Headers follow from what each operation is, read from the document itself, so a new route gets
them without a line of its own:
- `X-Request-ID` on every answer (app.kit.logs, the outermost middleware);
- an operation that takes an API key (it has `security`): `Cache-Control: no-store` on every
  answer (app.server.nostore), `RateLimit` and `RateLimit-Policy` on its successes and on the
  429 of its limit (app.auth.deps), `WWW-Authenticate` on 401;
- an operation with an `Idempotency-Key` parameter (app.kit.routing): `Idempotent-Replayed` on
  its successes, `Retry-After` on its 409 (the same key still running);
- `Retry-After` on every 429 and 503, `ETag` (the current version) on every 412;
- what a route declares with `app.kit.openapi.sends` on its successes: `ETag`, `Location`,
  `Cache-Control` (an answer without a key that must not be cached), `RateLimit` (a key sent
  in a form).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.kit.errors import PROBLEM_JSON
from app.kit.openapi import (
    CACHE_CONTROL,
    ETAG,
    HEADERS,
    IDEMPOTENT_REPLAYED,
    RATE_LIMIT,
    RATE_LIMIT_POLICY,
    RETRY_AFTER,
    SENDS,
    WWW_AUTHENTICATE,
    X_REQUEST_ID,
)

PROBLEM_REF = "#/components/schemas/Problem"
IDEMPOTENCY_KEY = "Idempotency-Key"


def _problem_json(path: str, operation: dict[str, Any], open311_prefix: str) -> None:
    if path.startswith(open311_prefix):
        return  # Open311 answers refusals in its own format (app.open311.errors)
    for code, response in operation["responses"].items():
        content = response.get("content", {})
        if code[0] in "45" and "application/json" in content:
            content[PROBLEM_JSON] = {"schema": {"$ref": PROBLEM_REF}}
            del content["application/json"]


def headers_sent(operation: dict[str, Any], code: str) -> dict[str, bool]:
    """The headers an answer with status `code` of `operation` carries, each with whether it
    always does."""
    declared = operation.get(SENDS, [])
    keyed = bool(operation.get("security"))
    idempotent = any(
        p["in"] == "header" and p["name"] == IDEMPOTENCY_KEY
        for p in operation.get("parameters", ())
    )
    success = code.startswith("2")
    # Required only where every answer carries it: a keyed operation's answer to a request
    # that sent no key has no Cache-Control, a replay no rate limit.
    sent = {X_REQUEST_ID: True}
    if keyed:
        sent[CACHE_CONTROL] = False
    if success:
        for name in declared:
            sent[name] = False
        if RATE_LIMIT in declared:
            sent[RATE_LIMIT_POLICY] = False
        if keyed:
            # Not on a replayed answer: the stored answer is sent before the limit is counted.
            sent[RATE_LIMIT] = sent[RATE_LIMIT_POLICY] = False
        if idempotent:
            sent[IDEMPOTENT_REPLAYED] = False
    if code in {"429", "503"} or (code == "409" and idempotent):
        sent[RETRY_AFTER] = False
    if code == "429" and (keyed or RATE_LIMIT in declared):
        sent[RATE_LIMIT] = sent[RATE_LIMIT_POLICY] = False
    if code == "412":
        sent[ETAG] = False
    if code == "401" and keyed:
        sent[WWW_AUTHENTICATE] = True
    return sent


def _document_headers(operation: dict[str, Any]) -> None:
    for code, response in operation["responses"].items():
        if code == "default":
            continue
        response["headers"] = {
            name: {**HEADERS[name], "required": always}
            for name, always in sorted(headers_sent(operation, code).items())
        }
    operation.pop(SENDS, None)


def builder(app: FastAPI, *, open311_prefix: str) -> Callable[[], dict[str, Any]]:
    """The app's `openapi()`: the document, built once."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                _problem_json(path, operation, open311_prefix)
                _document_headers(operation)
        for unused in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(unused, None)
        app.openapi_schema = schema
        return schema

    return openapi
