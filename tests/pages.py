"""Walking a list page by page as a client does: `limit`, then each page's `next_cursor` as
`cursor` until it is null."""

from __future__ import annotations

from typing import Any

import httpx


async def walk(
    client: httpx.AsyncClient,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    **params: Any,
) -> list[list[dict[str, Any]]]:
    """Every page of a list, in order; each answer checked to be a cursor page without the
    deprecation header (it pages the way that stays)."""
    pages: list[list[dict[str, Any]]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await client.get(path, params=query, headers=headers or {})
        assert response.status_code == 200, response.text
        assert "deprecation" not in response.headers
        body = response.json()
        pages.append(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 1000, "the cursor does not move on"


async def refuses_a_tampered_cursor(
    client: httpx.AsyncClient, path: str, *, headers: dict[str, str] | None = None
) -> None:
    """A cursor changed by the client is a 422 naming `cursor`; sent with `offset`, 422 naming
    `offset`."""
    for cursor in ("not-a-cursor", "WzEsMiwzLDQsNV0"):  # the second is [1,2,3,4,5]
        response = await client.get(path, params={"cursor": cursor}, headers=headers or {})
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["field"] == "cursor"
    both = await client.get(path, params={"cursor": "x", "offset": 1}, headers=headers or {})
    assert both.status_code == 422 and both.json()["field"] == "offset", both.text
