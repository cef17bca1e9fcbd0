"""Several worker processes, one view: prometheus-client's multiprocess mode.

Each `pintu serve` worker keeps its counts in files under PROMETHEUS_MULTIPROC_DIR (the
variable prometheus-client itself reads, when it is first imported), and a scrape of any worker
adds up all of them. The directory must be writable and should be a tmpfs (the production image
has a read-only root filesystem); its files are removed at each start. This module does not
import prometheus-client, so the server can set the variable before anything does.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

ENV = "PROMETHEUS_MULTIPROC_DIR"


class NoMetricsDirectory(Exception):
    """Several workers, and nowhere to keep their counts."""


def prepare(workers: int) -> Path | None:
    """Before the workers start: the directory their counts go to, emptied of a previous run's
    (None: one worker and no directory set, so counts stay in the process). With several
    workers and none set, a temporary one is made and removed at exit."""
    given = os.environ.get(ENV)
    if not given and workers <= 1:
        return None
    if given:
        path = Path(given)
        try:
            path.mkdir(parents=True, exist_ok=True)
            for stale in path.glob("*.db"):
                stale.unlink()
        except OSError as exc:
            raise NoMetricsDirectory(
                f"{ENV} ({given}) cannot be written: {exc.strerror}; point it to a tmpfs"
            ) from exc
        return path
    try:
        made = tempfile.mkdtemp(prefix="pintu-metrics-")
    except OSError as exc:
        raise NoMetricsDirectory(
            f"several workers need a directory for their metrics and no temporary one can be "
            f"made; set {ENV} to a writable tmpfs path"
        ) from exc
    atexit.register(shutil.rmtree, made, True)
    os.environ[ENV] = made  # read by every worker process
    return Path(made)
