"""The process's instruments: HTTP requests and the database pool.

In multiprocess mode (PROMETHEUS_MULTIPROC_DIR set before this module is first imported, see
`multiproc`) their values live in files shared by the workers; otherwise in this process.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead
from sqlalchemy.ext.asyncio import AsyncEngine

from app.metrics.multiproc import ENV

MULTIPROCESS_DIR = os.environ.get(ENV) or None
# No `*_created` series beside each counter and histogram: Prometheus does not need them, and
# they would double the series the request counters make.
disable_created_metrics()

REGISTRY = CollectorRegistry()

HTTP_REQUESTS = Counter(
    "http_requests",
    "HTTP requests answered, by method, route template and status",
    ["method", "route", "status"],
    registry=REGISTRY,
)
# From a few milliseconds (a cached read) to the body timeout; the p95 alert is at 0.5 s.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from the request's arrival to the end of its answer, by method and route template",
    ["method", "route"],
    buckets=BUCKETS,
    registry=REGISTRY,
)
# Summed over the live worker processes.
POOL_SIZE = Gauge(
    "pintu_db_pool_size",
    "Connections the pools keep (DB_POOL_SIZE per worker)",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)
POOL_MAX = Gauge(
    "pintu_db_pool_max",
    "Connections the pools may open at most (pool size plus overflow)",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)
POOL_CHECKED_OUT = Gauge(
    "pintu_db_pool_checked_out",
    "Connections in use by requests and background work",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)
POOL_OVERFLOW = Gauge(
    "pintu_db_pool_overflow",
    "Connections open beyond the pool size",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)


def sample_pool(engine: AsyncEngine | None) -> None:
    """Note this process's pool as it is now."""
    if engine is None:
        return
    pool = engine.sync_engine.pool
    size = getattr(pool, "size", None)
    if size is None:  # a pool without a size (NullPool): nothing to say
        return
    size_now = size()
    overflow = pool.overflow()  # type: ignore[attr-defined]
    POOL_SIZE.set(size_now)
    POOL_MAX.set(size_now + pool._max_overflow)  # type: ignore[attr-defined]
    POOL_CHECKED_OUT.set(pool.checkedout())  # type: ignore[attr-defined]
    # Negative while the pool has not opened all its connections yet.
    POOL_OVERFLOW.set(max(overflow, 0))


def forget_process(pid: int | None = None) -> None:
    """A worker stops: its live gauges (the pool) leave the sums; its counts stay."""
    if MULTIPROCESS_DIR:
        mark_process_dead(pid or os.getpid(), MULTIPROCESS_DIR)


_LIVE_FILE = re.compile(r"^gauge_live\w*_(\d+)\.db$")


def _forget_dead_workers(directory: str) -> None:
    """A worker killed without a clean stop leaves its pool gauges behind: drop those of
    processes that no longer exist."""
    for path in Path(directory).glob("gauge_live*_*.db"):
        match = _LIVE_FILE.match(path.name)
        if match is None:
            continue
        pid = int(match.group(1))
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                mark_process_dead(pid, directory)
        except PermissionError:
            pass  # alive, someone else's


class _Families:
    def __init__(self, families: Iterable[Metric]) -> None:
        self._families = list(families)

    def collect(self) -> Iterable[Metric]:
        return self._families


def exposition(read_from_database: Iterable[Metric]) -> bytes:
    """The text format: every worker's instruments, then what was read from the database."""
    if MULTIPROCESS_DIR:
        _forget_dead_workers(MULTIPROCESS_DIR)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=MULTIPROCESS_DIR)
        instruments = generate_latest(registry)
    else:
        instruments = generate_latest(REGISTRY)
    return instruments + generate_latest(_Families(read_from_database))  # type: ignore[arg-type]
