"""The push endpoint under load: first send and re-send of the same batches.

    .venv/bin/python bench/bench_http_batch.py [--reports 50000] [--concurrency 2]

Starts `pintu serve` (one uvicorn worker) on a fresh database, posts the reports to
`POST /v1/jaki/reports/batch` in batches of 1,000, then posts the very same batches again and
checks that the second pass wrote nothing (no row inserted or updated, no history line).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import text

from app.demo.generator import jaki_reports
from app.kit.db import create_engine
from bench.common import fresh_database, machine, serving

WRITES = """
SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)
FROM pg_stat_user_tables WHERE relname IN ('complaints', 'jaki_reports', 'complaint_events')
"""


async def writes_so_far(url: str) -> tuple[int, int]:
    """(rows written to the mirror's tables, history lines) as PostgreSQL counts them."""
    # The server's idle connections report their counts within PostgreSQL's 10 s idle interval.
    await asyncio.sleep(11)
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT pg_stat_clear_snapshot()"))
            written = await conn.scalar(text(WRITES))
            events = await conn.scalar(text("SELECT count(*) FROM complaint_events"))
            return int(written or 0), int(events or 0)
    finally:
        await engine.dispose()


async def send_all(base: str, key: str, batches: list[bytes], concurrency: int) -> float:
    """Post every batch, `concurrency` at a time; returns reports per second."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in batches:
        queue.put_nowait(body)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    sent = 0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal sent
        while not queue.empty():
            body = queue.get_nowait()
            response = await client.post("/v1/jaki/reports/batch", content=body, headers=headers)
            response.raise_for_status()
            sent += 1000

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return sent / (time.monotonic() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50_000)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    reports = list(jaki_reports(args.reports))
    batches = [
        json.dumps({"reports": reports[i : i + 1000]}).encode()
        for i in range(0, len(reports), 1000)
    ]
    with fresh_database("http") as url, serving(url) as (base, key):
        first = asyncio.run(send_all(base, key, batches, args.concurrency))
        before = asyncio.run(writes_so_far(url))
        again = asyncio.run(send_all(base, key, batches, args.concurrency))
        after = asyncio.run(writes_so_far(url))
    print(f"first send:  {first:>7,.0f} reports/s  (target >= 5,000)")
    print(f"re-send:     {again:>7,.0f} reports/s  = {again / first:.1f}x the first (target >= 3x)")
    print(
        f"rows written by the re-send: {after[0] - before[0]}, "
        f"history lines added: {after[1] - before[1]}"
    )
    print(
        f"({args.reports:,} reports in batches of 1,000, concurrency {args.concurrency}, "
        f"1 uvicorn worker; {machine()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
