"""Duplicate matching latency on a large mirror, and the import rate with the matching indexes.

    .venv/bin/python bench/bench_dedup.py [--reports 1000000] [--requests 2000] [--concurrency 4]
                                         [--workers 1] [--database URL]

Imports a synthetic JAKI export (spread over three years, as a mirror of that size would be)
with `pintu import-jaki`'s code, starts `pintu serve` (`--workers` uvicorn workers, one by
default) and sends `POST /v1/dedup/matches` for walk-in complaints written by the demo
generator (a third restate a mirrored report), `--concurrency` at a time. Prints p50/p95/p99
next to `GET /healthz` under the same load (the floor of an HTTP round trip here), and the
query plan of one candidate search.
With `--database`, measures on a database already mirrored with the same export and skips the
import (migrate it and run `pintu dedup-reindex` after a change of the matching columns).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import text

from app.demo.generator import walk_in_complaints
from app.kit.db import create_engine, create_session_factory
from app.mirror.importer import Progress, import_file, open_export
from bench.common import export_file, fresh_database, machine, serving

DAYS = 3 * 365


def _say(line: str) -> None:
    print(line, flush=True)


async def _import(url: str, path: Path) -> tuple[float, int]:
    engine = create_engine(url, pool_size=2)
    try:
        summary = await import_file(create_session_factory(engine), path, progress=Progress())
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
        return summary.rate, summary.totals.created
    finally:
        await engine.dispose()


def _sample(path: Path, count: int, seed: int = 3) -> list[dict[str, Any]]:
    """Every n-th report of the export: the sources walk-in complaints restate."""
    import json

    rng = random.Random(seed)
    keep: list[dict[str, Any]] = []
    with open_export(path) as lines:
        for n, line in enumerate(lines, start=1):
            if len(keep) < count:
                keep.append(json.loads(line))
            elif rng.random() < count / n:
                keep[rng.randrange(count)] = json.loads(line)
    return keep


async def _load(
    base: str, key: str, requests: list[tuple[str, str, Any]], concurrency: int
) -> list[float]:
    """Send every request, `concurrency` at a time; the latency of each, in milliseconds."""
    queue = list(reversed(requests))
    latencies: list[float] = []
    headers = {"Authorization": f"Bearer {key}"}

    async def worker(client: httpx.AsyncClient) -> None:
        while queue:
            method, path, body = queue.pop()
            started = time.perf_counter()
            response = await client.request(method, path, json=body, headers=headers)
            latencies.append(1000 * (time.perf_counter() - started))
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {response.text[:300]}")

    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies


def _desk_key(base: str, admin: str) -> str:
    """A desk key that the rate limit counts but never refuses (the admin key's limit, 1,200 a
    minute by default, would refuse the load)."""
    response = httpx.post(
        f"{base}/v1/api-keys",
        json={"name": "bench dedup", "role": "desk", "rate_limit_per_minute": 1_000_000},
        headers={"Authorization": f"Bearer {admin}"},
        timeout=30,
    )
    response.raise_for_status()
    return str(response.json()["key"])


def _percentiles(values: list[float]) -> dict[str, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98]}


async def _plan(url: str, body: dict[str, Any]) -> str:
    """EXPLAIN of the candidate search for one complaint."""
    from app.complaints.schemas import ComplaintCreate
    from app.dedup.service import side_of_body
    from app.matching import repository, service

    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            side = await side_of_body(session, ComplaintCreate.model_validate(body))
            stmt, values = repository.candidate_statement(service.window_for(side))
            expanded = stmt.compile(dialect=engine.dialect).construct_expanded_state(values)
            args = [expanded.parameters[name] for name in expanded.positiontup or []]
            raw = await (await session.connection()).get_raw_connection()
            assert raw.driver_connection is not None
            rows = await raw.driver_connection.fetch(f"EXPLAIN {expanded.statement}", *args)
            return "\n".join(r[0] for r in rows)
    finally:
        await engine.dispose()


@contextlib.contextmanager
def _database(url: str | None) -> Iterator[str]:
    """The database given (migrated to this version), or a fresh one dropped afterwards."""
    if url is None:
        with fresh_database("dedup") as fresh:
            yield fresh
        return
    from app.kit.migrate import upgrade

    upgrade(url)
    yield url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers (default 1)")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="measure on this database, already mirrored (by an earlier run's import, kept), "
        "instead of importing into a fresh one: for comparing changes to the search",
    )
    args = parser.parse_args()
    _say(f"duplicate matching latency, {machine()}")
    path = export_file(args.reports, days=DAYS)
    sources = _sample(path, max(1, args.requests // 3))
    end = max(r["created_at"] for r in sources)
    bodies = list(
        walk_in_complaints(
            args.requests,
            jaki=sources,
            duplicate_share=0.33,
            start=datetime.fromisoformat(end),
            days=DAYS,
        )
    )
    with _database(args.database) as url:
        if args.database is None:
            rate, created = asyncio.run(_import(url, path))
            _say(f"imported {created:,} reports at {rate:,.0f}/s (with the matching indexes)")
        with serving(url, workers=args.workers) as (base, admin):
            key = _desk_key(base, admin)
            matches = [("POST", "/v1/dedup/matches", {"complaint": b}) for b in bodies]
            asyncio.run(_load(base, key, matches[:50], args.concurrency))  # warm up
            floor = _percentiles(
                asyncio.run(
                    _load(base, key, [("GET", "/healthz", None)] * args.requests, args.concurrency)
                )
            )
            started = time.perf_counter()
            latencies = asyncio.run(_load(base, key, matches, args.concurrency))
            elapsed = time.perf_counter() - started
        seen = _percentiles(latencies)
        plan = asyncio.run(_plan(url, bodies[0]))
    _say(
        f"\nPOST /v1/dedup/matches, {len(latencies):,} requests at concurrency "
        f"{args.concurrency}, {args.workers} worker{'s' if args.workers > 1 else ''}"
    )
    _say(f"  {len(latencies) / elapsed:,.0f} requests/s")
    for name in ("p50", "p95", "p99"):
        _say(
            f"  {name}: {seen[name]:6.1f} ms   (GET /healthz {floor[name]:5.1f} ms; "
            f"{seen[name] / floor[name]:.1f}x)"
        )
    _say("  targets: p95 <= 50 ms, p99 <= 100 ms")
    _say("\nplan of one candidate search:\n" + plan)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
