"""One data subject, Siti, with data in every place Pintu keeps it; and Budi, who is not her."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text

from app.models import PersonalDataRead
from app.models.roles import Role
from tests.factories import create_complaint, jaki_report

NIK = "3171014505900002"
NAME = "Siti Rahmawati"
PHONE = "+6281234567890"
EMAIL = "siti@example.com"
# How her identifiers may appear in the clear anywhere in a dump of a row.
WRITTEN = (NIK, "3171 0145 0590 0002", NAME, "081234567890", "0812 3456 7890", PHONE, EMAIL)
BUDI_NIK = "3171061205880003"
GAMBIR_OFFICE = "kelurahan-31.71.01.1001"  # the unit of the `auth(Role.AGENCY)` key
BATCH = "/v1/jaki/reports/batch"

SITI_REPORTER = {"name": NAME, "nik": NIK, "phone": "+62 812 3456 7890", "email": EMAIL}


def siti_on_jaki(**overrides):
    """Her JAKI report about her social aid, with a field Pintu does not interpret."""
    return jaki_report(
        **{
            "id": "JAKI-2026-0000777",
            "category": "Bantuan Sosial",
            "description": f"BPNT blm cair 3 bulan. a.n. {NAME} NIK 3171 0145 0590 0002",
            "address": "Jl. Cikini Raya No. 3, RT 02/RW 01",
            "reporter": SITI_REPORTER,
            "device_id": "android-7f3a",
            "follow_ups": [
                {
                    "at": "2026-10-04T09:15:00+07:00",
                    "unit": "Kelurahan Cikini",
                    "note": f"Ibu {NAME} sudah dihubungi di 0812-3456-7890",
                }
            ],
            **overrides,
        }
    )


def budi_on_jaki(**overrides):
    """Someone else's report: a pothole, by Budi."""
    return jaki_report(**{"id": "JAKI-2026-0000888", **overrides})


@dataclass(slots=True)
class Held:
    walk_in: uuid.UUID
    jaki: uuid.UUID
    budi: uuid.UUID
    assignment: uuid.UUID


async def push(client, headers, *reports):
    response = await client.post(BATCH, json={"reports": list(reports)}, headers=headers)
    assert response.status_code == 200 and response.json()["errors"] == [], response.text
    return response.json()


async def complaint_id(session, external_id: str) -> uuid.UUID:
    return (
        await session.execute(
            text("SELECT id FROM complaints WHERE channel_code = 'jaki' AND external_id = :e"),
            {"e": external_id},
        )
    ).scalar_one()


async def hold_data_about_siti(client, auth, session) -> Held:
    """Her JAKI report, her walk-in complaint routed to a unit with a follow-up that names her,
    a read of her data in the audit log; and Budi's report."""
    await push(client, auth(Role.INTEGRATION), siti_on_jaki(), budi_on_jaki())
    walk_in = await create_complaint(
        client,
        auth(Role.DESK),
        description=f"Bansos BPNT belum diterima. {NAME} minta dihubungi di 0812 3456 7890.",
    )
    assigned = await client.post(
        f"/v1/complaints/{walk_in['id']}/assignments",
        json={"unit_code": GAMBIR_OFFICE, "note": f"Mohon hubungi Ibu {NAME}."},
        headers=auth(Role.DESK),
    )
    assert assigned.status_code == 201, assigned.text
    assignment = assigned.json()["id"]
    unit = auth(Role.AGENCY)
    # A partner key names the version it read.
    etag = (await client.get(f"/v1/assignments/{assignment}", headers=unit)).headers["etag"]
    unit = {**unit, "If-Match": etag}
    accepted = await client.post(f"/v1/assignments/{assignment}/accept", headers=unit)
    assert accepted.is_success
    unit = {**unit, "If-Match": accepted.headers["etag"]}
    followed = await client.post(
        f"/v1/assignments/{assignment}/follow-ups",
        json={"note": f"Sudah bertemu {NAME}; NIK {NIK} dicek di DTKS.", "photo_urls": []},
        headers=unit,
    )
    assert followed.status_code == 201, followed.text
    held = Held(
        walk_in=uuid.UUID(walk_in["id"]),
        jaki=await complaint_id(session, "JAKI-2026-0000777"),
        budi=await complaint_id(session, "JAKI-2026-0000888"),
        assignment=uuid.UUID(assignment),
    )
    session.add(
        PersonalDataRead(
            complaint_id=held.walk_in,
            key_name="Meja pengaduan 1",
            role="desk",
            endpoint="GET /v1/complaints/{ref}",
        )
    )
    await session.flush()
    return held


async def dump(session, table: str, key: str, value) -> str:
    """The rows as PostgreSQL prints them: what a database dump would show of them."""
    query = f"SELECT string_agg(t::text, E'\\n') FROM {table} t WHERE {key} = :v"  # noqa: S608
    return (await session.execute(text(query), {"v": value})).scalar_one() or ""
