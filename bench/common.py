"""Shared by the benchmarks: a database server, fresh databases, a cached synthetic export."""

from __future__ import annotations

import asyncio
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.kit.db import async_url

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def server_url() -> str:
    """BENCH_DATABASE_URL, or an embedded PostgreSQL of the benchmarks' own."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    from app.kit.embedded import start_embedded_postgres

    return start_embedded_postgres(ROOT / ".data" / "bench-pg")


async def admin(url: str, statement: str) -> list[Any]:
    """Run one statement outside a transaction (CREATE DATABASE and the like); its rows."""
    engine = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            result = await conn.execute(text(statement))
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()


@contextmanager
def fresh_database(purpose: str) -> Iterator[str]:
    """A new, migrated database, dropped afterwards."""
    from app.kit.migrate import upgrade

    server = server_url()
    name = f"pintu_bench_{purpose}_{uuid.uuid4().hex[:8]}"
    asyncio.run(admin(server, f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        asyncio.run(admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def export_file(count: int, *, days: int = 90) -> Path:
    """A synthetic JAKI export of `count` reports over `days` (made once, then reused)."""
    from app.demo.generator import jaki_reports, write_jsonl

    RESULTS.mkdir(parents=True, exist_ok=True)
    span = "" if days == 90 else f"-{days}d"
    path = RESULTS / f"jaki-{count}{span}.jsonl.gz"
    if not path.exists():
        started = time.monotonic()
        print(f"writing a synthetic export of {count:,} reports …", flush=True)
        partial = path.with_suffix(".partial")
        write_jsonl(jaki_reports(count, days=days), partial, gzip_output=True)
        partial.rename(path)
        print(f"  done in {time.monotonic() - started:.0f}s", flush=True)
    return path


def machine() -> str:
    """One line on where the figures come from."""
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base: str, path: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(240):
        if process.poll() is not None:
            raise RuntimeError(f"the server at {base} exited with {process.returncode}")
        try:
            if httpx.get(base + path, timeout=1).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the server at {base} did not become ready")


@contextmanager
def running(argv: list[str], env: dict[str, str], ready: str) -> Iterator[int]:
    """A server started as `argv --port <free port>` with `env` added, once `ready` answers
    below 500; yields its port, and stops it when the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [*argv, "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}", ready, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=60)


@contextmanager
def serving(url: str, *, workers: int = 1, log_level: str = "WARNING") -> Iterator[tuple[str, str]]:
    """`pintu serve` (`workers` uvicorn workers) on the database `url`, until the block ends;
    yields its base URL and an admin key."""
    key = "bench-" + secrets.token_urlsafe(32)
    env = {"DATABASE_URL": url, "ADMIN_API_KEY": key, "PINTU_DEMO": "no", "LOG_LEVEL": log_level}
    argv = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1"]
    with running([*argv, "--workers", str(workers)], env, "/readyz") as port:
        yield f"http://127.0.0.1:{port}", key
