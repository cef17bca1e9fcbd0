"""Every problem `type` Pintu answers with, in one place: its status, title, when it happens and
what the client should do. `/problems/{type}` serves one page each (app.server.docs), and a test
holds every type the code can send to having an entry here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProblemType:
    """One kind of refusal, as its page describes it."""

    slug: str
    status: int
    title: str
    when: str
    what_to_do: str


_TYPES = [
    ProblemType(
        "bad-request",
        400,
        "Bad request",
        "The request cannot be taken as sent, for a reason the detail names.",
        "Read `detail` and `field`, correct the request and send it again.",
    ),
    ProblemType(
        "ambiguous-request",
        400,
        "Ambiguous request",
        "A header that must come once (Authorization, Idempotency-Key) came several times, so "
        "Pintu cannot tell which one was meant.",
        "Send the header once; `field` names it.",
    ),
    ProblemType(
        "unauthorized",
        401,
        "Authentication required",
        "No API key was sent, or the key is unknown, revoked or expired.",
        "Send a valid key as `Authorization: Bearer pintu_…`; ask an administrator for a new "
        "one if yours was revoked or has expired.",
    ),
    ProblemType(
        "forbidden",
        403,
        "Not allowed for this role",
        "The key is valid, but its role may not call this endpoint, or not for this channel or "
        "unit (docs/access.md lists who may do what).",
        "Use a key of a role that may, or ask an administrator; retrying will not help.",
    ),
    ProblemType(
        "not-found",
        404,
        "Not found",
        "No such path, or no such record — or a record outside what the key may see, which is "
        "answered the same way so that ids cannot be probed.",
        "Check the path and the id (a path with a trailing slash names the one without it in "
        "`detail`); check the key's scope.",
    ),
    ProblemType(
        "method-not-allowed",
        405,
        "Method not allowed",
        "The path exists but does not take this method.",
        "Use one of the methods the `Allow` header lists.",
    ),
    ProblemType(
        "request-timeout",
        408,
        "Request too slow",
        "The request's headers or its body did not arrive in time; the connection is closed.",
        "Send the request again, all of it at once.",
    ),
    ProblemType(
        "conflict",
        409,
        "Conflict",
        "The change is not allowed in the record's current state (a status move that does not "
        "exist, a code already taken), another request changed the same record at the same "
        "time, or a request with the same Idempotency-Key is still running.",
        "Read the record again and decide; after a crossing with another request, or with "
        "`Retry-After`, the same request may simply be retried.",
    ),
    ProblemType(
        "beyond-calendar",
        409,
        "Beyond the working-day calendar",
        "A deadline counted in working days would fall after the last day the holiday calendar "
        "covers (or the count would start before its first), so it cannot be counted honestly.",
        "Give the deadline as a day (`respond_by`, `finish_by`) if the endpoint takes one; "
        "otherwise the operator ships the next year's calendar (docs/operations.md).",
    ),
    ProblemType(
        "precondition-failed",
        412,
        "The resource has changed",
        "`If-Match` names a version that is no longer current: someone changed the record "
        "since you read it.",
        "Read the record again (the `ETag` header of this answer is its current version), "
        "check the change still makes sense, and send it with the new `If-Match`.",
    ),
    ProblemType(
        "payload-too-large",
        413,
        "Request body too large",
        "The body is larger than the endpoint accepts (1 MiB for most, more for the JAKI "
        "feed's batches).",
        "Send less: split a batch into smaller ones.",
    ),
    ProblemType(
        "validation",
        422,
        "Request is not valid",
        "A field is missing, malformed or refused by a rule of the data (an unknown code, a "
        "date out of order, a NIK that cannot be one). Values are never echoed.",
        "Fix each field `errors` names (`field`, `detail`) and send the request again.",
    ),
    ProblemType(
        "precondition-required",
        428,
        "If-Match required",
        "A partner key (agency, integration, client) changed a record without naming the "
        "version it read.",
        "Read the record, then send its `ETag` as `If-Match` with the change.",
    ),
    ProblemType(
        "rate-limited",
        429,
        "Too many requests",
        "The key has used its requests for this minute, has too many requests in progress at "
        "once, or the client sent too many keys or receipt codes that are not valid.",
        "Wait the seconds `Retry-After` gives, then retry; `RateLimit` shows what is left.",
    ),
    ProblemType(
        "internal",
        500,
        "Internal server error",
        "Pintu failed in a way it did not expect. It is logged with the request's id.",
        "Retry later; if it persists, report the `request_id` of the answer.",
    ),
    ProblemType(
        "unavailable",
        503,
        "Service temporarily unavailable",
        "The database cannot be reached or is overloaded.",
        "Retry after the seconds `Retry-After` gives.",
    ),
    ProblemType(
        "schema-outdated",
        503,
        "Schema is not at head",
        "The readiness probe found the database schema older (or newer) than the code expects.",
        "Operators: run `pintu migrate`. Clients: retry later.",
    ),
    ProblemType(
        "shutting-down",
        503,
        "Server is shutting down",
        "The server stopped before this request finished; nothing of it was kept.",
        "Retry it (with the same Idempotency-Key, if it was a POST).",
    ),
    ProblemType(
        "http-error",
        400,
        "HTTP error",
        "A refusal of the HTTP layer that has no type of its own; `status` gives its kind.",
        "Read `status` and `detail`.",
    ),
    ProblemType(
        "open311",
        400,
        "Open311 request refused",
        "An Open311 GeoReport v2 request was refused (a bad parameter, no usable `api_key`, an "
        "unknown id). Open311 clients get it in GeoReport v2's own error list, not as "
        "problem+json.",
        "Read the error's `description`: it names the field (docs/open311.md).",
    ),
]

PROBLEM_TYPES: dict[str, ProblemType] = {t.slug: t for t in _TYPES}
