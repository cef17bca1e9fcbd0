"""The API document and the docs pages as a partner meets them, against `pintu serve` on loopback:
a Python client generated from `/openapi.json` records a complaint and reads it back, and a
headless Chromium with no way out of the machine renders `/docs` and `/redoc`."""

from __future__ import annotations

import importlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.factories import GAMBIR, walk_in_body
from tests.served import wait_until_ready

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI installs Chromium and sets this: there, a missing browser fails instead of skipping.
REQUIRE_BROWSER = os.environ.get("PINTU_REQUIRE_BROWSER") == "1"


@dataclass
class Served:
    base_url: str
    admin_key: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(scratch, tmp_path_factory) -> Iterator[Served]:
    """`pintu serve` (migrations first) on a database of its own and a free loopback port."""
    url = scratch.create("served_docs")
    port, key = _free_port(), "pintu_docs_" + secrets.token_urlsafe(32)
    log = tmp_path_factory.mktemp("served") / "server.log"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ADMIN_API_KEY": key,
        "PINTU_ENV": "development",
        "PINTU_DEMO": "no",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_SIZE": "3",
    }
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, process, within=90, log=log.read_text)
        yield Served(base, key)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# No post-hooks: the generator would run ruff on the output, which needs nothing here and must
# not make a generated client's test depend on a formatter's version.
GENERATOR_CONFIG = "post_hooks: []\npackage_name_override: pintu_client\n"


def test_a_generated_python_client_records_and_reads_a_complaint(served, tmp_path, monkeypatch):
    document = tmp_path / "openapi.json"
    document.write_bytes(httpx.get(served.base_url + "/openapi.json", timeout=30).content)
    config = tmp_path / "config.yml"
    config.write_text(GENERATOR_CONFIG)
    package = tmp_path / "pintu_client"
    done = subprocess.run(  # noqa: S603  (the test's own command)
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(document),
            "--config",
            str(config),
            "--output-path",
            str(package),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # The generator leaves out what it cannot read with a warning and still succeeds: every
    # part of the document must be read.
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr

    desk_key = httpx.post(
        served.base_url + "/v1/api-keys",
        json={"name": "Meja generated client", "role": "desk"},
        headers={"Authorization": f"Bearer {served.admin_key}"},
        timeout=30,
    ).json()["key"]

    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m == "pintu_client" or m.startswith("pintu_client.")]:
        monkeypatch.delitem(sys.modules, name)
    client_package = importlib.import_module("pintu_client")
    create_complaint = importlib.import_module("pintu_client.api.complaints.create_complaint")
    get_complaint = importlib.import_module("pintu_client.api.complaints.get_complaint")
    models = importlib.import_module("pintu_client.models")

    body = walk_in_body()
    with client_package.AuthenticatedClient(base_url=served.base_url, token=desk_key) as client:
        recorded = create_complaint.sync_detailed(
            client=client, body=models.ComplaintCreate.from_dict(body)
        )
        assert recorded.status_code == 201, recorded.content
        created = recorded.parsed
        assert isinstance(created, models.ComplaintIntakeOut)
        assert recorded.headers["Location"] == f"/v1/complaints/{created.id}"
        assert created.receipt_code

        read = get_complaint.sync(ref=created.tracking_number, client=client)

    assert isinstance(read, models.ComplaintOut)
    assert read.id == created.id
    assert read.tracking_number == created.tracking_number
    assert read.tracking_number.startswith("WI-")
    assert read.channel == "walk_in"
    assert read.category == body["category"]
    assert read.description == body["description"]
    assert read.kelurahan_code == GAMBIR
    assert read.status.value == "received"
    assert read.complainant.name == body["complainant"]["name"]
    assert read.complainant.nik == body["complainant"]["nik"]  # a desk key reads it unmasked


def _rendered(url: str, profile: Path) -> str:
    """The DOM Chromium renders at `url`, resolving no name but 127.0.0.1 (no network)."""
    assert CHROMIUM is not None
    done = subprocess.run(  # noqa: S603  (the test's own command)
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize(
    ("page", "rendered"),
    [
        # Swagger UI draws an operation block per operation, its summary inside.
        ("/docs", ['class="opblock-summary-description"', "Record a complaint"]),
        # ReDoc draws the document's title and each operation's summary in the menu.
        ("/redoc", ["Pintu", "Record a complaint", "Track a complaint with its receipt code"]),
    ],
)
def test_the_docs_pages_render_without_a_network(served, tmp_path, page, rendered):
    if CHROMIUM is None:
        if REQUIRE_BROWSER:
            pytest.fail("PINTU_REQUIRE_BROWSER=1 but no chromium on PATH")
        pytest.skip("no chromium on PATH (CI installs Debian's chromium and requires it)")
    dom = _rendered(served.base_url + page, tmp_path / "profile")
    for text in rendered:
        assert text in dom, f"{page} did not render {text!r}"
