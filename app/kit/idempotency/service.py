"""Idempotency keys: the first response to a request is stored and replayed to its retries.

The request's transaction takes an advisory lock on (API key, Idempotency-Key) before it does
anything, and stores its response in the same transaction as what it created: a retry that
arrives while the first is running cannot take the lock (409); one that arrives after sees the
stored response (replayed); and if the first failed, nothing was stored and nothing created,
so the retry runs afresh. Only successful (2xx) responses are stored.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from app.kit.errors import Conflict, InvalidInput
from app.kit.idempotency import repository
from app.kit.idempotency.model import IdempotentResponse
from app.kit.rekey import Sealed, SealedTable
from app.kit.security import get_cipher
from app.kit.timeutil import now

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
RETENTION = timedelta(hours=24)
# Headers worth replaying; the rest (dates, rate limits, request ids) belong to the retry.
_KEPT_HEADERS = ("content-type", "location", "etag")
_CIPHER_FIELD = "idempotent_response"
# Expired responses removed by each stored one: keeps the table at about a day's worth.
_PURGE_BATCH = 10


class Replay(Exception):
    """The request was answered before: send the stored response again."""

    def __init__(self, response: Response) -> None:
        super().__init__("replay")
        self.response = response


@dataclass(slots=True)
class Pending:
    """A request under an Idempotency-Key whose response is still to be stored."""

    api_key_id: uuid.UUID
    key_hash: bytes
    request_hash: bytes
    response: Response | None = None


def key_hash(key: str) -> bytes:
    """The stored form of a client's Idempotency-Key (clients may put anything in it)."""
    return hashlib.sha256(key.encode()).digest()


def request_hash(method: str, path: str, query: str, body: bytes) -> bytes:
    """What makes two requests the same: method, path, query and body; a JSON body compares by
    content, so a retry that orders its keys or spaces differently is still the same."""
    try:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query.encode(), canonical):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


def _lock_id(api_key_id: uuid.UUID, hashed_key: bytes) -> int:
    return int.from_bytes(
        hashlib.sha256(api_key_id.bytes + hashed_key).digest()[:4], "big", signed=True
    )


async def begin(
    session: AsyncSession, api_key_id: uuid.UUID, key: str, hashed_request: bytes
) -> Pending:
    """Claim `key` for this request: raises Replay if it was answered, 409 if a request with it
    is running, 422 if it was used for a different request."""
    hashed_key = key_hash(key)
    if not await repository.try_lock(session, _lock_id(api_key_id, hashed_key)):
        raise Conflict(
            "A request with this Idempotency-Key is still being processed; retry shortly.",
            field=HEADER,
            headers={"Retry-After": "1"},
        )
    stored = await repository.get(session, api_key_id, hashed_key, now())
    if stored is not None:
        if stored.request_hash != hashed_request:
            raise InvalidInput(
                "This Idempotency-Key was used for a different request; use a new key.",
                field=HEADER,
            )
        raise Replay(_replayed(stored))
    return Pending(api_key_id, hashed_key, hashed_request)


async def finish(session: AsyncSession, pending: Pending) -> None:
    """Store the response in the request's own transaction (a 2xx only)."""
    response = pending.response
    if response is None or not 200 <= response.status_code < 300:
        return
    body = bytes(response.body)
    current = now()
    headers = {name: response.headers[name] for name in _KEPT_HEADERS if name in response.headers}
    await repository.save(
        session,
        {
            "api_key_id": pending.api_key_id,
            "key_hash": pending.key_hash,
            "request_hash": pending.request_hash,
            "status_code": response.status_code,
            "headers": headers,
            # Bodies hold the complainant's data as the caller saw it: encrypted at rest.
            "body_encrypted": get_cipher().encrypt(_CIPHER_FIELD, body.decode()),
            "created_at": current,
            "expires_at": current + RETENTION,
        },
    )
    await repository.purge_expired(session, current, limit=_PURGE_BATCH)


def _replayed(stored: IdempotentResponse) -> Response:
    body = get_cipher().decrypt(_CIPHER_FIELD, stored.body_encrypted).encode()
    headers = {**stored.headers, REPLAYED_HEADER: "true"}
    headers.pop("content-type", None)
    return Response(
        body,
        status_code=stored.status_code,
        headers=headers,
        media_type=stored.headers.get("content-type", "application/json"),
    )


# For `pintu rotate-keys` (app.kit.rekey): the stored responses carry personal data too.
SEALED_TABLES = (
    SealedTable(IdempotentResponse.__table__, (Sealed("body_encrypted", _CIPHER_FIELD),)),  # type: ignore[arg-type]
)
