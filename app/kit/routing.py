"""The route class every router uses: each POST accepts an `Idempotency-Key`.

Stored responses are kept per API key, so the guard needs the caller; the kit knows no API keys,
so `idempotent_route(caller)` makes the class around the dependency that authenticates one
(anything with a `key_id`). `app.auth` makes the one the API uses (`app.auth.PintuRoute`).

The key's dependency claims it in the request's transaction before the endpoint runs; the
route's handler hands it the finished response, which it stores before the transaction commits
(the session's dependency commits after it, in the same exit stack)."""

# No `from __future__ import annotations`: the guard is made inside a function, and FastAPI
# reads its parameters' annotations as objects (a string could not name the closure's `caller`).
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any, Protocol

from fastapi import Depends, Header, Request, Response
from fastapi.routing import APIRoute

from app.kit.db import SessionDep
from app.kit.errors import AmbiguousRequest, error_responses
from app.kit.idempotency import service as idempotency

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=idempotency.HEADER,
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        # No example: a fixed one is what generated clients send, and every request after the
        # first would then collide with it.
        description="A string of your own, new for each request (a fresh UUID is best), that "
        "names this request: a retry with the same key and body gets the first response again "
        "(with `Idempotent-Replayed: true`) instead of creating a second record; the same key "
        "with another request is refused (422). Kept 24 hours, per API key.",
    ),
]


class Caller(Protocol):
    """Who sent the request, as far as idempotency cares: the API key's id (None: no stored key,
    e.g. the development key from the settings)."""

    @property
    def key_id(self) -> uuid.UUID | None: ...


def idempotent_route(caller: Callable[..., Any]) -> type[APIRoute]:
    """A route class whose POSTs take an Idempotency-Key, stored per the key `caller` returns."""

    async def idempotency_guard(
        request: Request,
        session: SessionDep,
        principal: Annotated[Caller, Depends(caller)],
        key: IdempotencyKey = None,
    ) -> AsyncIterator[None]:
        """Replay, refuse or claim the request's Idempotency-Key; store the response it gets."""
        if len(request.headers.getlist(idempotency.HEADER)) > 1:
            raise AmbiguousRequest(
                "Send one Idempotency-Key header; this request has several.",
                field=idempotency.HEADER,
            )
        if key is None or principal.key_id is None:
            yield
            return
        url = request.url
        hashed = idempotency.request_hash(request.method, url.path, url.query, await request.body())
        pending = await idempotency.begin(session, principal.key_id, key, hashed)
        request.state.idempotency = pending
        yield
        await idempotency.finish(session, pending)

    class IdempotentRoute(APIRoute):
        """An APIRoute whose POSTs take an Idempotency-Key."""

        def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
            methods = {method.upper() for method in kwargs.get("methods") or ()}
            if "POST" in methods:
                kwargs["dependencies"] = [
                    *(kwargs.get("dependencies") or ()),
                    Depends(idempotency_guard, scope="function"),
                ]
                kwargs["responses"] = {
                    **error_responses(409, 413, 422),
                    **(kwargs.get("responses") or {}),
                }
            super().__init__(path, endpoint, **kwargs)

        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def run(request: Request) -> Response:
                response = await handler(request)
                pending = getattr(request.state, "idempotency", None)
                if pending is not None:
                    pending.response = response
                return response

            return run

    return IdempotentRoute
