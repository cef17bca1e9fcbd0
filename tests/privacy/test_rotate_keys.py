"""Rotating the personal-data keys (`pintu rotate-keys`) on a database of its own, with
committed data: a dump before and after, an interrupted run continued, a half-rotated database
searched, and the old key retired."""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Update, text

from app import cli
from app.kit.config import get_settings
from app.kit.rekey import Tally
from app.kit.security import BlindIndex, get_blind_index, get_cipher, key_id_of
from app.models.roles import Role
from app.privacy import rotation, service as privacy_service
from tests.assignments.test_lifecycle import assign
from tests.factories import GAMBIR_OFFICE, jaki_report, walk_in_body

A, B = os.urandom(32), os.urandom(32)
BLIND_A, BLIND_B = os.urandom(32), os.urandom(32)
_SETTINGS = ("PII_ENCRYPTION_KEY", "PII_ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "BLIND_INDEX_KEYS")

PEOPLE = [
    {"name": "Siti Rahmawati", "nik": "3171014505900002", "phone": "0812-3456-7890",
     "email": "siti@example.com"},
    {"name": "Budi Santoso", "nik": "3171061205880003", "phone": "0813-1111-2222",
     "email": "budi@example.com"},
    {"name": "Dewi Lestari", "nik": "3174054107920004", "phone": "0857-2222-3333",
     "email": "dewi@example.com"},
]  # fmt: skip
# How each identifier may be written in the clear (as given, normalised, digits only).
PLAIN = [
    value
    for p in PEOPLE
    for value in (
        p["nik"],
        p["email"],
        p["phone"],
        "+62" + p["phone"].replace("-", "")[1:],
        p["phone"].replace("-", ""),
    )
]
# Tables holding sealed values or blind indexes, and the others a dump reads too.
SEALED = ("complaints", "jaki_reports", "events", "webhook_subscriptions", "idempotent_responses")


def _b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


@pytest.fixture
def use_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Configure the keys as the environment would (the app reads the process-wide cipher and
    blind index on every use); put back afterwards, with the logging `pintu` configures."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def use(**settings: str) -> None:
        for name in _SETTINGS:
            if name in settings:
                monkeypatch.setenv(name, settings[name])
            else:
                monkeypatch.delenv(name, raising=False)
        for cached in (get_settings, get_cipher, get_blind_index):
            cached.cache_clear()

    yield use
    monkeypatch.undo()
    for cached in (get_settings, get_cipher, get_blind_index):
        cached.cache_clear()
    root.handlers[:], root.level = handlers, level


def key_a(use: Callable[..., None]) -> None:
    """Before rotation: the single-key settings (key id 1)."""
    use(PII_ENCRYPTION_KEY=_b64(A), BLIND_INDEX_KEY=_b64(BLIND_A))


def keys_b_and_a(use: Callable[..., None]) -> None:
    """Rotating: B newest, A (the single setting, key id 1) still configured."""
    use(
        PII_ENCRYPTION_KEY=_b64(A),
        PII_ENCRYPTION_KEYS=f"b:{_b64(B)}",
        BLIND_INDEX_KEY=_b64(BLIND_A),
        BLIND_INDEX_KEYS=f"b:{_b64(BLIND_B)}",
    )


def key_b_only(use: Callable[..., None]) -> None:
    """After rotation: A retired."""
    use(PII_ENCRYPTION_KEYS=f"b:{_b64(B)}", BLIND_INDEX_KEYS=f"b:{_b64(BLIND_B)}")


async def seed(own) -> dict[str, Any]:
    """Complaints with personal data in every table that seals it, all under the keys now in
    force; what the API showed of them, to compare after."""
    desk, admin = own.auth(Role.DESK), own.auth(Role.ADMIN)
    complaints, codes = [], {}
    for n, person in enumerate(PEOPLE * 2):
        response = await own.client.post(
            "/v1/complaints",
            json=walk_in_body(
                complainant=person, description=f"Bansos belum diterima, laporan ke-{n + 1}."
            ),
            headers={**desk, "Idempotency-Key": str(uuid.uuid4())},
        )
        assert response.status_code == 201, response.text
        complaints.append(response.json()["id"])
        codes[response.json()["tracking_number"]] = response.json()["receipt_code"]
    # Held by a unit: its events carry the complaint sealed for the agency.
    await assign(own.client, desk, complaints[0], unit_code=GAMBIR_OFFICE)
    report = jaki_report(device_id="android-7f3a", reporter={**PEOPLE[0], "phone": "081234567890"})
    batch = await own.client.post(
        "/v1/jaki/reports/batch", json={"reports": [report]}, headers=own.auth(Role.INTEGRATION)
    )
    assert batch.status_code == 200 and batch.json()["created"] == 1, batch.text
    hook = await own.client.post(
        "/v1/webhooks",
        json={"url": "https://93.184.215.14/hooks/pintu", "event_types": ["*"]},
        headers=admin,
    )
    assert hook.status_code == 201, hook.text
    return {"complaints": complaints, "codes": codes, "shown": await shown(own, complaints)}


async def shown(own, ids: list[str]) -> list[dict[str, Any]]:
    """What a desk key reads of each complaint's complainant, unmasked."""
    out = []
    for complaint_id in ids:
        got = await own.client.get(f"/v1/complaints/{complaint_id}", headers=own.auth(Role.DESK))
        assert got.status_code == 200, got.text
        out.append(got.json()["complainant"])
    return out


async def dump(own) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as stored: a SQL dump in the test (pg_dump of another major
    version may not be at hand)."""
    async with own.engine.connect() as conn:
        tables = (
            await conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            )
        ).scalars()
        dumped = {}
        for table in list(tables):
            # Table names from the catalogue, quoted.
            rows = await conn.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608
            dumped[table] = [dict(row) for row in rows.mappings()]
        return dumped


def assert_no_plaintext(dumped: dict[str, list[dict[str, Any]]]) -> None:
    for table, rows in dumped.items():
        for row in rows:
            for column, value in row.items():
                stored = value if isinstance(value, bytes) else str(value).encode()
                for plain in PLAIN:
                    assert plain.encode() not in stored, f"{table}.{column} holds an identifier"


def sealed_values(dumped: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str, bytes]]:
    """Every ciphertext of the dump: (table, column, value)."""
    return [
        (table, column, value)
        for table in SEALED
        for row in dumped[table]
        for column, value in row.items()
        if value is not None and column.endswith(("_encrypted", "_sealed"))
    ]


def indexes(dumped: dict[str, list[dict[str, Any]]]) -> list[bytes]:
    return [
        row[f"{field}_index"]
        for row in dumped["complaints"]
        for field in ("nik", "phone", "email")
        if row[f"{field}_index"] is not None
    ]


def under_a(key: bytes = BLIND_A) -> set[bytes]:
    """Every identifier's blind index under the blind key `key`."""
    blind = BlindIndex(key)
    digests = set()
    for p in PEOPLE:
        digests.add(blind.digest("nik", p["nik"]))
        digests.add(blind.digest("phone", "+62" + p["phone"].replace("-", "")[1:]))
        digests.add(blind.digest("email", p["email"]))
    return digests


async def run(*args: str) -> int:
    """`pintu rotate-keys` as run from a shell (in a thread: it runs its own event loop)."""
    return await asyncio.to_thread(cli.main, ["rotate-keys", *args])


class Interrupted(Exception):
    pass


async def rotate_one_batch(own) -> None:
    """A run killed after its first batch committed."""

    def report(line: str) -> None:
        if ": batch 1:" in line:
            raise Interrupted

    with pytest.raises(Interrupted):
        await rotation.rotate_keys(own.app.state.session_factory, batch_size=2, report=report)


async def export_count(own, nik: str) -> int:
    async with own.app.state.session_factory() as session, session.begin():
        return len((await privacy_service.export(session, nik)).document.complaints)


async def same_person_found(own, person: dict[str, str], channels=("walk_in",)) -> dict[str, str]:
    """The evidence of the best candidate an unsaved complaint of `person` finds."""
    body = walk_in_body(complainant=person, description="Bansos belum diterima juga.")
    response = await own.client.post(
        "/v1/dedup/matches",
        json={"complaint": body, "channels": list(channels), "limit": 20},
        headers=own.auth(Role.DESK),
    )
    assert response.status_code == 200, response.text
    candidates = response.json()["candidates"]
    assert candidates, "nothing found"
    return {e["signal"]: e["outcome"] for e in candidates[0]["evidence"]}


async def tracked(own, number: str, code: str) -> int:
    got = await own.client.get(f"/v1/track/{number}", headers={"Receipt-Code": code})
    return got.status_code


async def test_rotation_rewrites_every_value_and_the_api_reads_the_same(
    own_database, use_keys, capsys, monkeypatch
):
    own = own_database
    monkeypatch.setenv("DATABASE_URL", own.url)
    key_a(use_keys)
    seeded = await seed(own)
    # One value as written before key ids (version 1: no id, the legacy key's).
    nonce = os.urandom(12)
    legacy = b"\x01" + nonce + AESGCM(A).encrypt(nonce, PEOPLE[1]["email"].encode(), b"email")
    async with own.engine.begin() as conn:
        await conn.execute(
            text("UPDATE complaints SET email_encrypted = :blob WHERE id = :id"),
            {"blob": legacy, "id": uuid.UUID(seeded["complaints"][1])},
        )
    before = await dump(own)
    assert_no_plaintext(before)
    assert {key_id_of(v) for _, _, v in sealed_values(before)} == {"1"}
    assert {t for t, _, _ in sealed_values(before)} == set(SEALED)
    assert set(indexes(before)) <= under_a() and indexes(before)

    keys_b_and_a(use_keys)
    await rotate_one_batch(own)  # killed after its first batch
    # Run again: it continues, and what the first run did is not done twice.
    assert await run("--batch-size", "2") == 0
    out, err = capsys.readouterr()
    assert "complaints: 7 examined, 5 rewritten, 2 already under the newest keys" in out
    assert "every sealed value is under the newest encryption key" in out
    for plain in PLAIN:
        assert plain not in out + err

    after = await dump(own)
    assert_no_plaintext(after)
    assert {key_id_of(v) for _, _, v in sealed_values(after)} == {"b"}
    assert not set(indexes(after)) & under_a()
    assert set(indexes(after)) == under_a(BLIND_B)
    # Nothing but the sealed values and indexes changed: not a version, not a time.
    for table in SEALED:
        assert len(after[table]) == len(before[table])
    old_rows = {row["id"]: row for row in before["complaints"]}
    for row in after["complaints"]:
        old = old_rows[row["id"]]
        kept = {k for k in row if not k.endswith(("_encrypted", "_index"))}
        assert {k: row[k] for k in kept} == {k: old[k] for k in kept}
    assert await shown(own, seeded["complaints"]) == seeded["shown"]

    # Nothing is left: a check writes nothing and says so.
    assert await run("--check") == 0
    assert "complaints: 7 examined, 0 to rewrite" in capsys.readouterr().out
    assert {t: rows for t, rows in (await dump(own)).items() if t in SEALED} == {
        t: after[t] for t in SEALED
    }

    # Receipt codes are kept only as hashes under the blind key of their day: they match
    # while that key is configured.
    number, code = next(iter(seeded["codes"].items()))
    assert await tracked(own, number, code) == 200

    # A retired: everything still reads and is found.
    key_b_only(use_keys)
    assert await shown(own, seeded["complaints"]) == seeded["shown"]
    assert await export_count(own, PEOPLE[0]["nik"]) == 3  # two walk-ins and JAKI
    evidence = await same_person_found(own, PEOPLE[1])
    assert evidence["nik"] == "equal" and evidence["phone"] == "equal"
    agency = await own.client.get("/v1/events", headers=own.auth(Role.AGENCY))
    assert agency.status_code == 200 and agency.json()["items"], agency.text
    jaki = await own.client.get(
        "/v1/complaints", params={"channel": "jaki"}, headers=own.auth(Role.ADMIN)
    )
    [mirrored] = jaki.json()["items"]
    got = await own.client.get(f"/v1/complaints/{mirrored['id']}", headers=own.auth(Role.ADMIN))
    assert got.status_code == 200 and got.json()["complainant"]["nik"] == PEOPLE[0]["nik"]
    # ... but for a receipt code issued under A's blind key (docs/operations.md).
    assert await tracked(own, number, code) == 404


async def test_a_half_rotated_database_still_answers_every_search(
    own_database, use_keys, monkeypatch
):
    own = own_database
    key_a(use_keys)
    seeded = await seed(own)
    keys_b_and_a(use_keys)
    await rotate_one_batch(own)
    half = await dump(own)
    ids = {key_id_of(row["nik_encrypted"]) for row in half["complaints"] if row["nik_encrypted"]}
    assert ids == {"1", "b"}  # half way
    rows = [r for r in half["complaints"] if r["nik_index"] is not None]
    assert {r["nik_index"] in under_a() for r in rows} == {True, False}

    # Every person's complaints are found, whichever key each is under.
    for person, held in zip(PEOPLE, (3, 2, 2), strict=True):  # Siti: on JAKI too
        assert await export_count(own, person["nik"]) == held
        evidence = await same_person_found(own, person)
        assert evidence["nik"] == "equal" and evidence["phone"] == "equal"
    # Complaints written now are under B, and find those under A.
    fresh = await own.client.post(
        "/v1/complaints",
        json=walk_in_body(complainant=PEOPLE[2]),
        headers=own.auth(Role.DESK),
    )
    assert fresh.status_code == 201, fresh.text
    assert await export_count(own, PEOPLE[2]["nik"]) == 3
    async with own.engine.connect() as conn:
        blob = await conn.scalar(
            text("SELECT nik_encrypted FROM complaints WHERE id = :id"),
            {"id": uuid.UUID(fresh.json()["id"])},
        )
    assert key_id_of(blob) == "b"
    # Every receipt code works, and every complaint reads as before.
    for number, code in seeded["codes"].items():
        assert await tracked(own, number, code) == 200
    assert await shown(own, seeded["complaints"]) == seeded["shown"]


async def test_a_value_under_a_key_not_configured_stops_the_rotation_clearly(
    own_database, use_keys, capsys, monkeypatch
):
    own = own_database
    monkeypatch.setenv("DATABASE_URL", own.url)
    key_a(use_keys)
    await seed(own)
    # A retired before the rotation ran: nothing is overwritten, the error names the key.
    key_b_only(use_keys)
    before = await dump(own)
    assert await run() == 2
    out, err = capsys.readouterr()
    assert "rotate-keys: complaints: a nik ciphertext is sealed under key id '1'" in err
    assert "not configured (configured: b)" in err
    for plain in PLAIN:
        assert plain not in out + err
    assert {t: rows for t, rows in (await dump(own)).items() if t in SEALED} == {
        t: before[t] for t in SEALED
    }
    # And the API says the same, as a server error without the value.
    got = await own.client.get("/v1/complaints", headers=own.auth(Role.DESK))
    assert got.status_code == 500
    for plain in PLAIN:
        assert plain not in got.text


class Meddling:
    """A session whose first UPDATE is preceded by `meddle`: another transaction changing rows
    between the rotation's read and its write, as the API may."""

    def __init__(self, session, meddle) -> None:
        self.session, self.meddle, self.meddled = session, meddle, False

    async def execute(self, statement, *args, **kwargs):
        if isinstance(statement, Update) and not self.meddled:
            self.meddled = True
            await self.meddle()
        return await self.session.execute(statement, *args, **kwargs)


async def test_a_row_changed_between_read_and_write_is_not_overwritten(own_database, use_keys):
    own = own_database
    key_a(use_keys)
    await seed(own)
    keys_b_and_a(use_keys)
    async with own.engine.connect() as conn:
        first, second = (
            await conn.execute(text("SELECT id FROM complaints ORDER BY id LIMIT 2"))
        ).scalars()

    async def meddle() -> None:
        async with own.engine.begin() as conn:
            # An erasure of the first row's phone, and a status move of the second.
            await conn.execute(
                text(
                    "UPDATE complaints SET phone_encrypted = NULL, phone_index = NULL "
                    "WHERE id = :id"
                ),
                {"id": first},
            )
            await conn.execute(
                text("UPDATE complaints SET status = 'verified' WHERE id = :id"), {"id": second}
            )

    [complaints] = [t for t in rotation.sealed_tables() if t.name == "complaints"]
    tally = Tally("complaints")
    async with own.app.state.session_factory() as session, session.begin():
        await complaints.rotate(
            Meddling(session, meddle),
            tally,
            size=2,
            cipher=get_cipher(),
            blind=get_blind_index(),
        )
    assert (tally.examined, tally.rewritten, tally.raced) == (2, 1, 1)
    query = "SELECT nik_encrypted, phone_encrypted, status FROM complaints WHERE id = :id"
    async with own.engine.connect() as conn:
        kept = (await conn.execute(text(query), {"id": first})).one()
        moved = (await conn.execute(text(query), {"id": second})).one()
    # The erasure stands; the row waits for the next run, still under A.
    assert kept.phone_encrypted is None and key_id_of(kept.nik_encrypted) == "1"
    # The status move stands, and the row is under B.
    assert moved.status == "verified" and key_id_of(moved.nik_encrypted) == "b"

    again = await rotation.rotate_keys(own.app.state.session_factory, batch_size=2)
    assert again.raced == 0
    async with own.engine.connect() as conn:
        kept = (await conn.execute(text(query), {"id": first})).one()
    assert kept.phone_encrypted is None and key_id_of(kept.nik_encrypted) == "b"
