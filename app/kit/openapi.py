"""Response headers in the OpenAPI document: each header Pintu sends, described once, and how a
route declares the ones its success answers carry that nothing else tells (`sends`).

Most headers follow from what a route is and are documented by the document's builder
(app.server.openapi) without any declaration: X-Request-ID on every answer, RateLimit and
Cache-Control on answers to a key, Idempotent-Replayed on a POST that takes an Idempotency-Key,
Retry-After on 429 and 503. What only the endpoint's code knows — that it sets an ETag or a
Location, or keeps its answer out of caches — the route states with
`openapi_extra=sends(ETAG, LOCATION)`, next to the code that sets them.
"""

from __future__ import annotations

from typing import Any

X_REQUEST_ID = "X-Request-ID"
RATE_LIMIT = "RateLimit"
RATE_LIMIT_POLICY = "RateLimit-Policy"
RETRY_AFTER = "Retry-After"
ETAG = "ETag"
LOCATION = "Location"
IDEMPOTENT_REPLAYED = "Idempotent-Replayed"
CACHE_CONTROL = "Cache-Control"
WWW_AUTHENTICATE = "WWW-Authenticate"

# The extension a route's `openapi_extra` carries to the builder, which removes it.
SENDS = "x-pintu-sends"

_SECONDS = {"type": "string", "pattern": r"^\d+$"}

HEADERS: dict[str, dict[str, Any]] = {
    X_REQUEST_ID: {
        "description": "The request's id, as sent (letters, digits, `-`, `_`, `.`; up to 64) "
        "or made by Pintu; it is in the server's log line and in a problem's `request_id`.",
        "schema": {"type": "string"},
    },
    RATE_LIMIT: {
        "description": "The key's standing in this minute's window: `\"per-key\";r=<requests "
        "left>;t=<seconds until it resets>` (draft-ietf-httpapi-ratelimit-headers).",
        "schema": {"type": "string"},
    },
    RATE_LIMIT_POLICY: {
        "description": 'The key\'s limit: `"per-key";q=<requests>;w=60` (a window of 60 seconds).',
        "schema": {"type": "string"},
    },
    RETRY_AFTER: {
        "description": "Seconds to wait before trying again.",
        "schema": _SECONDS,
    },
    ETAG: {
        "description": 'The record\'s version, a quoted number such as `"7"`: send it as '
        "`If-Match` with a change.",
        "schema": {"type": "string", "pattern": r'^"\d+"$'},
    },
    LOCATION: {
        "description": "The path of the record just made.",
        "schema": {"type": "string"},
    },
    IDEMPOTENT_REPLAYED: {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same Idempotency-Key (nothing was done again); absent otherwise.",
        "schema": {"type": "string", "enum": ["true"]},
    },
    CACHE_CONTROL: {
        "description": "`no-store`: the answer may hold personal data or a secret, and no "
        "cache may keep it.",
        "schema": {"type": "string", "enum": ["no-store"]},
    },
    WWW_AUTHENTICATE: {
        "description": "`Bearer`: send an API key as `Authorization: Bearer <key>`.",
        "schema": {"type": "string", "enum": ["Bearer"]},
    },
}


def sends(*headers: str, **extra: Any) -> dict[str, Any]:
    """A route's `openapi_extra` naming the headers its success answers carry (`ETAG`,
    `LOCATION`, `CACHE_CONTROL`, `RATE_LIMIT`) that the builder cannot tell from the route;
    `extra` is the rest of the route's `openapi_extra`."""
    unknown = set(headers) - set(HEADERS)
    if unknown:
        raise ValueError(f"no such documented header: {sorted(unknown)}")
    return {**extra, SENDS: list(headers)}
