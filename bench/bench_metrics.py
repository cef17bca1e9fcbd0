"""The metrics middleware's cost per request: the same trivial ASGI app called directly (no
server, no network) with and without `MetricsMiddleware`, a routed request (the common case) and
an unrouted one (a HEAD, a refusal before routing: the template is matched), in this process's
mode: in memory, or in files when PROMETHEUS_MULTIPROC_DIR is set.

    .venv/bin/python bench/bench_metrics.py
    PROMETHEUS_MULTIPROC_DIR=$(mktemp -d) .venv/bin/python bench/bench_metrics.py
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from app.kit.config import get_settings
from app.main import create_app
from app.metrics.middleware import MetricsMiddleware

N = 50_000


class Route:
    path = "/v1/complaints/{ref}"


async def _answer(scope: dict[str, Any], receive: Any, send: Any) -> None:
    scope["route"] = Route  # what Starlette's router leaves in the scope
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def _unrouted(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 413, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def _send(message: Any) -> None:
    return None


async def _receive() -> Any:
    return {"type": "http.request", "body": b"", "more_body": False}


async def per_call(app: Any, scope: dict[str, Any]) -> float:
    """Microseconds per request, best of five runs of N."""
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(N):
            await app(dict(scope), _receive, _send)
        runs.append((time.perf_counter() - started) / N * 1e6)
    return min(runs)


async def main() -> None:
    pintu = create_app(get_settings(), configure_logs=False)
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/v1/complaints/WI-2026-000001",
        "app": pintu,
        "headers": [],
    }
    bare = await per_call(_answer, scope)
    routed = await per_call(MetricsMiddleware(_answer), scope)
    unrouted_bare = await per_call(_unrouted, {**scope, "path": "/v1/jaki/reports/batch"})
    unrouted = await per_call(
        MetricsMiddleware(_unrouted), {**scope, "path": "/v1/jaki/reports/batch"}
    )
    mode = "files (multiprocess)" if os.environ.get("PROMETHEUS_MULTIPROC_DIR") else "memory"
    print(f"values in {mode}; best of 5 x {N:,} calls")
    print(f"routed request:   +{routed - bare:.2f} µs ({bare:.2f} -> {routed:.2f})")
    print(
        f"unrouted request: +{unrouted - unrouted_bare:.2f} µs "
        f"({unrouted_bare:.2f} -> {unrouted:.2f})"
    )


if __name__ == "__main__":
    asyncio.run(main())
