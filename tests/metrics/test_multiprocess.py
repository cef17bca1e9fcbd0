"""Several workers, one view: counts from every process add up, and the pool gauges of a
process that is gone leave the sums, whether it stopped cleanly or not."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from app.metrics import multiproc

ROOT = Path(__file__).resolve().parents[2]

WORKER = """
import sys
from app.metrics.instruments import HTTP_REQUESTS, POOL_SIZE, forget_process
HTTP_REQUESTS.labels("GET", "/v1/regions/{code}", "200").inc(int(sys.argv[1]))
POOL_SIZE.set(5)
if sys.argv[2] == "clean":
    forget_process()
"""

SCRAPE = """
import sys
from app.metrics.instruments import POOL_SIZE, exposition
POOL_SIZE.set(7)
sys.stdout.write(exposition([]).decode())
"""


def _python(code: str, *args: str, directory: Path) -> str:
    env = {**os.environ, multiproc.ENV: str(directory)}
    done = subprocess.run(  # noqa: S603 - this interpreter, our code
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_counts_of_every_worker_add_up_and_gone_workers_leave_the_pool_sums(tmp_path):
    _python(WORKER, "2", "clean", directory=tmp_path)
    _python(WORKER, "3", "killed", directory=tmp_path)  # its pool gauge stays behind

    text = _python(SCRAPE, directory=tmp_path)

    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    labels = (("method", "GET"), ("route", "/v1/regions/{code}"), ("status", "200"))
    assert samples["http_requests_total", labels] == 5
    assert samples["pintu_db_pool_size", ()] == 7  # the scraping process's alone


def test_the_directory_is_emptied_at_start(tmp_path, monkeypatch):
    (tmp_path / "counter_123.db").write_bytes(b"old")
    (tmp_path / "keep.txt").write_text("not ours")
    monkeypatch.setenv(multiproc.ENV, str(tmp_path))

    assert multiproc.prepare(workers=1) == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_one_worker_keeps_its_counts_in_the_process(monkeypatch):
    monkeypatch.delenv(multiproc.ENV, raising=False)
    assert multiproc.prepare(workers=1) is None
    assert multiproc.ENV not in os.environ


def test_several_workers_get_a_temporary_directory(monkeypatch, tmp_path):
    monkeypatch.delenv(multiproc.ENV, raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again

    made = multiproc.prepare(workers=4)

    assert made is not None and made.parent == tmp_path and made.is_dir()
    assert os.environ[multiproc.ENV] == str(made)


def test_several_workers_and_no_writable_place_refuse_to_start(monkeypatch):
    monkeypatch.setenv(multiproc.ENV, "/proc/pintu-metrics")  # never writable
    with pytest.raises(multiproc.NoMetricsDirectory, match="tmpfs"):
        multiproc.prepare(workers=2)
