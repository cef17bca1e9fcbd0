"""One key floods the list endpoint; how fast do the probes still answer?

    .venv/bin/python bench/bench_flood.py [--size 1000000] [--duration 15] [--flood 300]

`pintu serve` (one uvicorn worker, as configured by default) on the benchmark database of
`bench/dataset.py`. One viewer key, its rate limit set far above what the run sends (so the
flood stays "within its rate limit"), keeps `--flood` connections each sending
`GET /v1/complaints?limit=100` the moment the previous answer arrives, for `--duration` seconds.
Meanwhile `GET /healthz` and `GET /readyz` are sent at a fixed rate on connections of their own,
each latency counted from when the probe was due. The same probes on the idle server are the
baseline; the ratio is the flood's p99 over the idle p99.

It runs twice: with the default limit of requests in progress per key (MAX_IN_FLIGHT_PER_KEY),
and with the limit lifted (as Pintu was before it had one), so the difference is measured in the
same run. Every load is bounded in time and sent to loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.auth import service as auth_service
from app.kit.config import get_settings
from app.kit.db import create_engine, create_session_factory
from app.models.roles import Role
from bench import dataset, load
from bench.common import machine, running

HOST = "127.0.0.1"
UNLIMITED = 1_000_000  # requests a minute: the flood never meets the rate limit
PROBE_RATE = 20.0  # probes a second, each kind
LIFTED = 10_000  # requests in progress per key: no limit in practice


def _say(line: str = "") -> None:
    print(line, flush=True)


async def _viewer_key(url: str) -> str:
    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            _, secret = await auth_service.create_key(
                session,
                name=f"bench flood {uuid.uuid4().hex[:6]}",
                role=Role.VIEWER,
                rate_limit_per_minute=UNLIMITED,
            )
            return secret
    finally:
        await engine.dispose()


def _pintu(url: str, in_flight: int) -> Any:
    env = {
        "DATABASE_URL": url,
        "ADMIN_API_KEY": "bench-admin-" + uuid.uuid4().hex,
        "PINTU_DEMO": "no",
        "MAX_IN_FLIGHT_PER_KEY": str(in_flight),
    }
    argv = [sys.executable, "-m", "app.cli", "serve", "--host", HOST, "--workers", "1"]
    return running(argv, env, "/readyz")


async def _probes(port: int, duration: float) -> dict[str, load.Result]:
    healthz, readyz = (load.request("GET", path) for path in ("/healthz", "/readyz"))
    results = await asyncio.gather(
        load.open_loop(HOST, port, [healthz], rate=PROBE_RATE, duration=duration, connections=4),
        load.open_loop(HOST, port, [readyz], rate=PROBE_RATE, duration=duration, connections=4),
    )
    return {"healthz": results[0], "readyz": results[1]}


async def _flooded(
    port: int, key: str, flood: int, duration: float
) -> tuple[load.Result, dict[str, load.Result]]:
    listing = load.request("GET", "/v1/complaints?limit=100", {"Authorization": f"Bearer {key}"})
    flooding = asyncio.create_task(
        load.closed(HOST, port, [listing], concurrency=flood, duration=duration + 2)
    )
    await asyncio.sleep(1.5)  # every flood connection open and sending
    probes = await _probes(port, duration)
    return await flooding, probes


def _row(name: str, idle: load.Result, busy: load.Result) -> str:
    p99_idle, p99_busy = idle.percentile(99), busy.percentile(99)
    return (
        f"  {name:9} {idle.percentile(50):8.2f} {p99_idle:8.2f} {busy.percentile(50):9.2f} "
        f"{p99_busy:9.2f} {max(busy.latencies_ms):9.1f} {p99_busy / p99_idle:8.1f}"
        + ("" if busy.failures == 0 else f"   {busy.failures} failed: {dict(busy.statuses)}")
    )


def _run(url: str, key: str, in_flight: int, args: argparse.Namespace) -> None:
    with _pintu(url, in_flight) as port:
        asyncio.run(_probes(port, 2))  # warm
        idle = asyncio.run(_probes(port, args.duration / 2))
        flood, busy = asyncio.run(_flooded(port, key, args.flood, args.duration))
    statuses = ", ".join(f"{n:,} × {s}" for s, n in sorted(flood.statuses.items()))
    _say(f"\nMAX_IN_FLIGHT_PER_KEY={in_flight}: the flood got {statuses} ({flood.rate:,.0f}/s)")
    columns = ("idle p50", "p99", "flood p50", "p99", "max", "p99 ×")
    _say(f"  {'probe, ms':9} " + " ".join(f"{c:>{max(8, len(c))}}" for c in columns))
    for name in ("healthz", "readyz"):
        _say(_row(name, idle[name], busy[name]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of flood")
    parser.add_argument("--flood", type=int, default=300, help="concurrent list requests")
    args = parser.parse_args()
    default = get_settings().max_in_flight_per_key
    _say(f"One key floods GET /v1/complaints?limit=100 with {args.flood} connections, {machine()}")
    url = dataset.ensure(args.size)
    key = asyncio.run(_viewer_key(url))
    _run(url, key, default, args)
    _run(url, key, LIFTED, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
