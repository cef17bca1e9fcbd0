"""RFC 9457 problem+json, the vocabulary: one error base class and its kinds, the problem
document, the error responses each endpoint documents, and how a refused field is named without
echoing what may be personal data. Rendering them is app.kit.problems; reading PostgreSQL's
SQLSTATE is app.kit.sqlstate."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field

PROBLEM_JSON = "application/problem+json"
# Where each problem type's page is served (app.server.docs); a type is that page's URL.
PROBLEMS_PATH = "/problems/"


def problem_type(slug: str, base_url: str | None) -> str:
    """The `type` URI of a problem: its page, absolute under PUBLIC_BASE_URL when it is set (as
    RFC 9457 recommends), else the path, which a client resolves against the URL it called."""
    return f"{base_url or ''}{PROBLEMS_PATH}{slug}"


class FieldError(BaseModel):
    """One refused field: where it is, in dotted form, and what is wrong with it."""

    field: str = Field(examples=["complainant.nik"])
    detail: str = Field(examples=["NIK must be 16 digits"])


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=["https://pintu.jakarta.go.id/problems/validation"])
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
