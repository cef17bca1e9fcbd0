"""Waiting for an app's key cache: until it listens, every request reads its key and counts it in
the database, as a worker does while the cache is off."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI


async def key_cache_on(app: FastAPI) -> None:
    """Wait (at most 5 s) until `app`'s key cache listens for changes to keys."""
    for _ in range(100):
        if app.state.keys.listening:
            break
        await asyncio.sleep(0.05)
    assert app.state.keys.listening
