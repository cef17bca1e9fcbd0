"""The API's hot paths next to a bare app doing the same work, on a million complaints.

    .venv/bin/python bench/bench_api.py [--size 1000000] [--duration 8] [--concurrency 16]

Builds (or reuses) the benchmark database of `bench/dataset.py`, then starts, side by side,
`pintu serve` (one uvicorn worker) and the bare Starlette + asyncpg app of `bench/bare_app.py`
(one uvicorn worker), checks that both give the same JSON, and loads each in turn with the same
load generator (`bench/load.py`):

- read: `GET /v1/complaints/{id}` with a viewer key, random ids: the top rate (closed loop,
  `--concurrency` connections) and the latency of both at the same rate, half the lower of
  the two top rates (open loop);
- list: `GET /v1/complaints?region=<kelurahan>&status=…&limit=50`, the same two figures;
- intake: `POST /v1/complaints` of walk-in complaints (a third restate a mirrored report) with a
  desk key, 4 at a time, next to `GET /healthz` under the same load;
- scale-out: the read at the top rate with `pintu serve --workers 2`, and checks that the
  workers share their state: one rate limit per key, one complaint per idempotency key, a
  revoked key refused by every worker at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import text

from app.auth import service as auth_service
from app.demo.generator import walk_in_complaints
from app.kit.db import create_engine, create_session_factory
from app.mirror.importer import open_export
from app.models.roles import Role
from bench import dataset, load
from bench.common import export_file, machine, running

HOST = "127.0.0.1"
UNLIMITED = 1_000_000  # requests a minute (the most a key may have): counted, never refused here


def _say(line: str = "") -> None:
    print(line, flush=True)


# --- servers -------------------------------------------------------------------------------


def pintu(url: str, admin_key: str, workers: int = 1) -> Any:
    """`pintu serve` as an operator runs it (its request log on, at INFO, to /dev/null)."""
    env = {
        "DATABASE_URL": url,
        "ADMIN_API_KEY": admin_key,
        "PINTU_DEMO": "no",
        # One key carries the whole load here (16 connections): the per-key bound on requests
        # in progress is lifted, as the rate limit is, to measure the hot path itself
        # (bench/bench_flood.py measures the bound).
        "MAX_IN_FLIGHT_PER_KEY": "1000",
    }
    argv = [sys.executable, "-m", "app.cli", "serve", "--host", HOST, "--workers", str(workers)]
    return running(argv, env, "/readyz")


def bare(url: str) -> Any:
    argv = [sys.executable, "-m", "uvicorn", "bench.bare_app:app", "--host", HOST]
    argv += ["--no-access-log", "--log-level", "warning", "--loop", "uvloop"]
    argv += ["--http", "httptools"]
    return running(argv, {"DATABASE_URL": url}, "/v1/complaints/x")


# --- data ----------------------------------------------------------------------------------


async def _prepare(url: str, samples: int) -> dict[str, Any]:
    """A viewer and a desk key for the run, random complaint ids and (kelurahan, status)
    pairs to list."""
    engine = create_engine(url, pool_size=2)
    try:
        async with create_session_factory(engine)() as session:
            keys = {}
            for role in (Role.VIEWER, Role.DESK):
                _, keys[role.value] = await auth_service.create_key(
                    session,
                    name=f"bench {role.value} {uuid.uuid4().hex[:6]}",
                    role=role,
                    rate_limit_per_minute=UNLIMITED,
                )
            await session.commit()
            ids = [
                str(r[0])
                for r in await session.execute(
                    text(
                        "SELECT id FROM complaints TABLESAMPLE SYSTEM (2) "
                        "WHERE channel_code = 'jaki' LIMIT :n"
                    ),
                    {"n": samples},
                )
            ]
            pairs = [
                (r[0], r[1])
                for r in await session.execute(
                    text(
                        "SELECT kelurahan_code, status FROM complaints TABLESAMPLE SYSTEM (1) "
                        "WHERE channel_code = 'jaki' LIMIT 2000"
                    )
                )
            ]
    finally:
        await engine.dispose()
    random.Random(5).shuffle(ids)
    return {"keys": keys, "ids": ids, "pairs": pairs}


def _walk_ins(count: int, end: datetime) -> list[dict[str, Any]]:
    """Walk-in complaints written by the demo generator; a third restate a mirrored report."""
    path = export_file(dataset.SEED_REPORTS, days=dataset.DAYS)
    sources = []
    with open_export(path) as lines:
        for n, line in enumerate(lines):
            if n % 97 == 0:
                sources.append(json.loads(line))
    return list(
        walk_in_complaints(count, jaki=sources, duplicate_share=0.33, start=end, days=dataset.DAYS)
    )


# --- measuring -----------------------------------------------------------------------------


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _run(coro: Any) -> load.Result:
    result: load.Result = asyncio.run(coro)
    if result.failures:
        raise RuntimeError(f"refused requests: {dict(result.statuses)}; {result.sample[:300]!r}")
    return result


def _top(port: int, requests: list[bytes], args: argparse.Namespace) -> load.Result:
    _run(load.closed(HOST, port, requests, concurrency=args.concurrency, duration=2))  # warm
    return _run(
        load.closed(HOST, port, requests, concurrency=args.concurrency, duration=args.duration)
    )


def _at(port: int, requests: list[bytes], rate: float, args: argparse.Namespace) -> load.Result:
    return _run(load.open_loop(HOST, port, requests, rate=rate, duration=args.duration))


def _same_json(pintu_port: int, bare_port: int, paths: list[str], key: str) -> None:
    for path in paths:
        ours = httpx.get(f"http://{HOST}:{pintu_port}{path}", headers=_auth(key)).json()
        theirs = httpx.get(f"http://{HOST}:{bare_port}{path}").json()
        if ours != theirs:
            raise RuntimeError(f"{path}: Pintu and the bare app disagree:\n{ours}\n{theirs}")


def _compare(
    name: str,
    ours_port: int,
    bare_port: int,
    ours: list[bytes],
    theirs: list[bytes],
    args: argparse.Namespace,
) -> dict[str, float]:
    bare_top = _top(bare_port, theirs, args)
    our_top = _top(ours_port, ours, args)
    # Both loaded at the same rate, half the lower top rate: a load both carry. (At half the
    # bare app's top rate Pintu would be past its own, and p99 would measure its queue.)
    rate = min(bare_top.rate, our_top.rate) / 2
    bare_half = _at(bare_port, theirs, rate, args)
    our_half = _at(ours_port, ours, rate, args)
    _say(f"\n{name}")
    _say(f"  {'':28} {'bare app':>12} {'Pintu':>12} {'ratio':>8}")
    _say(
        f"  {'top rate, requests/s':28} {bare_top.rate:12,.0f} {our_top.rate:12,.0f} "
        f"{our_top.rate / bare_top.rate:8.2f}   (target >= 0.60)"
    )
    for p in (50, 99):
        b, o = bare_half.percentile(p), our_half.percentile(p)
        target = "   (target <= 1.50)" if p == 99 else ""
        _say(f"  {f'p{p} at {rate:,.0f}/s, ms':28} {b:12.2f} {o:12.2f} {o / b:8.2f}{target}")
    return {"top": our_top.rate, "bare_top": bare_top.rate}


def _intake(port: int, url: str, key: str, count: int) -> None:
    end = dataset.latest_reported(url)
    bodies = _walk_ins(count + 40, end)
    posts = [
        load.request(
            "POST",
            "/v1/complaints",
            {
                **_auth(key),
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
            },
            json.dumps(body).encode(),
        )
        for body in bodies
    ]
    health = [load.request("GET", "/healthz")]
    asyncio.run(load.each_once(HOST, port, posts[:40], concurrency=4))  # warm up
    floor = _run(load.closed(HOST, port, health, concurrency=4, duration=3))
    result = _run(load.each_once(HOST, port, posts[40:], concurrency=4))
    found = sum(1 for body in result.bodies if json.loads(body)["possible_duplicates"])
    _say(f"\nintake: POST /v1/complaints, {count} walk-in complaints, 4 at a time")
    _say(f"  {result.rate:,.0f} complaints/s; {found} with possible duplicates")
    for p in (50, 95, 99):
        ms, base = result.percentile(p), floor.percentile(p)
        target = f"   {ms / 80:.2f}x the target of 80 ms" if p == 95 else ""
        _say(f"  p{p}: {ms:6.1f} ms   ({ms / base:4.0f}x GET /healthz, {base:.1f} ms){target}")


def _admin_call(port: int, admin: str, method: str, path: str, body: Any = None) -> Any:
    response = httpx.request(
        method, f"http://{HOST}:{port}{path}", json=body, headers=_auth(admin), timeout=30
    )
    response.raise_for_status()
    return response.json()


async def _window_total(url: str, key: str) -> int:
    from app.kit.security import hash_api_key

    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            total = await conn.scalar(
                text("SELECT sum(count) FROM rate_limit_windows WHERE key_hash = :h"),
                {"h": hash_api_key(key)},
            )
            return int(total or 0)
    finally:
        await engine.dispose()


def _scale_out(
    url: str, admin: str, reads: list[str], one_worker: float, args: argparse.Namespace
) -> None:
    with pintu(url, admin, workers=2) as port:
        viewer = _admin_call(
            port,
            admin,
            "POST",
            "/v1/api-keys",
            {"name": "bench scale", "role": "viewer", "rate_limit_per_minute": UNLIMITED},
        )["key"]
        top = _top(port, [load.request("GET", p, _auth(viewer)) for p in reads], args)
        _say("\nscale-out: the read with pintu serve --workers 2")
        _say(
            f"  top rate {top.rate:,.0f} requests/s; {top.rate / one_worker:.2f}x one worker "
            f"({one_worker:,.0f}/s) on the same two cores"
        )

        # One rate limit across both workers, and every request counted.
        if datetime.now().second > 40:
            time.sleep(61 - datetime.now().second)
        limit = 300
        limited = _admin_call(
            port,
            admin,
            "POST",
            "/v1/api-keys",
            {"name": "bench limited", "role": "viewer", "rate_limit_per_minute": limit},
        )["key"]
        burst = [load.request("GET", reads[n % len(reads)], _auth(limited)) for n in range(600)]
        result = asyncio.run(load.each_once(HOST, port, burst, concurrency=args.concurrency))
        time.sleep(1)  # one background write later
        counted = asyncio.run(_window_total(url, limited))
        _say(
            f"  rate limit {limit}/min, 600 requests over {args.concurrency} connections: "
            f"{result.statuses[200]} let through, {result.statuses[429]} refused (429); "
            f"{counted} counted in PostgreSQL"
        )

        # One complaint per idempotency key, whichever worker each retry reaches.
        desk = _admin_call(
            port,
            admin,
            "POST",
            "/v1/api-keys",
            {"name": "bench desk", "role": "desk", "rate_limit_per_minute": UNLIMITED},
        )["key"]
        [body] = _walk_ins(1, dataset.latest_reported(url))
        same = load.request(
            "POST",
            "/v1/complaints",
            {
                **_auth(desk),
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
            },
            json.dumps(body).encode(),
        )
        posted = asyncio.run(load.each_once(HOST, port, [same] * 20, concurrency=20))
        made = {json.loads(b)["id"] for b in posted.bodies if b and b.startswith(b'{"id"')}
        _say(
            f"  20 concurrent POSTs with one Idempotency-Key: {len(made)} complaint made; "
            f"answers {dict(sorted(posted.statuses.items()))}"
        )

        # A revoked key is refused by both workers at once.
        doomed = _admin_call(
            port, admin, "POST", "/v1/api-keys", {"name": "bench doomed", "role": "viewer"}
        )
        doomed_reads = [load.request("GET", p, _auth(doomed["key"])) for p in reads[:200]]
        warm = asyncio.run(load.each_once(HOST, port, doomed_reads, concurrency=args.concurrency))
        _admin_call(port, admin, "POST", f"/v1/api-keys/{doomed['id']}/revoke")
        after = asyncio.run(load.each_once(HOST, port, doomed_reads, concurrency=args.concurrency))
        _say(
            f"  a key revoked through one worker: before {warm.statuses[200]} of 200 reads "
            f"answered; right after, {after.statuses[200]} answered, {after.statuses[401]} refused"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--intake", type=int, default=400, help="complaints to post")
    parser.add_argument("--only", choices=["read", "list", "intake", "scale"], action="append")
    args = parser.parse_args()
    only = set(args.only or ["read", "list", "intake", "scale"])
    _say(f"API hot paths, {machine()}")
    url = dataset.ensure(args.size)
    prepared = asyncio.run(_prepare(url, 20_000))
    keys, ids, pairs = prepared["keys"], prepared["ids"], prepared["pairs"]
    reads = [f"/v1/complaints/{i}" for i in ids]
    lists = [f"/v1/complaints?region={k}&status={s}&limit=50" for k, s in pairs]
    admin = "bench-admin-" + uuid.uuid4().hex
    viewer = _auth(keys["viewer"])
    one_worker = 0.0
    with pintu(url, admin) as ours, bare(url) as theirs:
        _same_json(ours, theirs, reads[:20] + lists[:5], keys["viewer"])
        _say("Pintu and the bare app give the same JSON (checked on 25 responses)")
        if "read" in only:
            one_worker = _compare(
                f"read: GET /v1/complaints/{{id}}, {args.concurrency} connections",
                ours,
                theirs,
                [load.request("GET", p, viewer) for p in reads],
                [load.request("GET", p) for p in reads],
                args,
            )["top"]
        if "list" in only:
            _compare(
                "list: GET /v1/complaints?region=<kelurahan>&status=<status>&limit=50",
                ours,
                theirs,
                [load.request("GET", p, viewer) for p in lists],
                [load.request("GET", p) for p in lists],
                args,
            )
        if "intake" in only:
            _intake(ours, url, keys["desk"], args.intake)
    if "scale" in only:
        if not one_worker:
            with pintu(url, admin) as ours:
                one_worker = _top(ours, [load.request("GET", p, viewer) for p in reads], args).rate
        _scale_out(url, admin, reads, one_worker, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
