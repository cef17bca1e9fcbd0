"""Shutdown drains: a request in flight when the server is told to stop still gets its answer."""

from __future__ import annotations

import asyncio
import signal

import asyncpg
import httpx
import pytest

from tests.factories import walk_in_body


async def test_a_request_in_flight_at_sigterm_completes_and_the_server_exits_cleanly(
    private_postgres, served
):
    async with httpx.AsyncClient(base_url=served.base_url, timeout=30) as http:
        made = await http.post(
            "/v1/api-keys",
            json={"name": "meja", "role": "desk"},
            headers={"Authorization": f"Bearer {served.admin_key}"},
        )
        desk = {"Authorization": f"Bearer {made.json()['key']}"}
        complaint = (await http.post("/v1/complaints", json=walk_in_body(), headers=desk)).json()

        # Hold the complaint's row: the correction below waits for it, in flight.
        holder = await asyncpg.connect(private_postgres.url)
        try:
            lock = holder.transaction()
            await lock.start()
            await holder.execute(
                "SELECT 1 FROM complaints WHERE id = $1 FOR UPDATE", complaint["id"]
            )
            in_flight = asyncio.create_task(
                http.patch(
                    f"/v1/complaints/{complaint['id']}",
                    json={"description": "Dikoreksi saat server berhenti."},
                    headers=desk,
                )
            )
            await asyncio.sleep(1.0)
            assert not in_flight.done()

            served.process.send_signal(signal.SIGTERM)
            await asyncio.sleep(1.0)
            # No new connections once shutdown began.
            with pytest.raises(httpx.TransportError):
                async with httpx.AsyncClient(base_url=served.base_url, timeout=2) as fresh:
                    await fresh.get("/healthz")
            await lock.rollback()
        finally:
            await holder.close()

        response = await asyncio.wait_for(in_flight, timeout=20)

    assert response.status_code == 200, response.text
    assert response.json()["description"] == "Dikoreksi saat server berhenti."
    assert await asyncio.to_thread(served.process.wait, 20) == 0
