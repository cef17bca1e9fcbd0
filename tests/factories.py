"""Plain async factories with keyword overrides, going through the real API; and one that writes
past it what older versions may have stored (store_raw_past_the_checks)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.events import NewEvent
from app.kit.security import get_cipher
from app.kit.timeutil import now
from app.matching.model import RULES
from app.models import DedupCandidate
from app.models.roles import Role
from tests.matching.test_model import PERSON

GAMBIR = "31.71.01.1001"  # Kelurahan Gambir, where Balai Kota stands
GAMBIR_OFFICE = "kelurahan-31.71.01.1001"  # its kelurahan office, the test agency key's unit
CLIENT_CHANNEL = "whatsapp"  # the test client key's channel (a WhatsApp bot's backend)


def bound_to(role: Role) -> dict[str, str | None]:
    """What the tests' key of `role` is bound to: an agency key to Gambir's kelurahan office,
    a client key to the WhatsApp channel, no other key to anything."""
    return {
        "unit_code": GAMBIR_OFFICE if role is Role.AGENCY else None,
        "channel_code": CLIENT_CHANNEL if role is Role.CLIENT else None,
    }


CIKINI = "31.71.06.1003"  # Kelurahan Cikini, Kecamatan Menteng

WALK_IN = {
    "category": "bansos",
    "description": "Bansos BPNT bulan Oktober belum diterima, padahal sudah terdaftar di DTKS.",
    "kelurahan_code": GAMBIR,
    "address": "Jl. Medan Merdeka Selatan No. 8",
    "rt": "5",
    "rw": "3",
    "lat": -6.1815,
    "lon": 106.8283,
    "complainant": {
        "name": "Siti Rahmawati",
        "nik": "3171014505900002",
        "phone": "0812-3456-7890",
        "email": "siti@example.com",
    },
}


def jaki_report(**overrides: Any) -> dict[str, Any]:
    """A valid JAKI report in the feed's shape (docs/jaki-feed.md), with `overrides` applied."""
    report: dict[str, Any] = {
        "id": "JAKI-2026-0000001",
        "created_at": "2026-10-03T07:41:12+07:00",
        "updated_at": "2026-10-03T07:41:12+07:00",
        "status": "Menunggu",
        "category": "Jalan Rusak",
        "description": "jln rusak parah dpn SDN 03, udh bbrp kali motor jatoh. tlg diperbaiki",
        "lat": -6.1862,
        "lon": 106.8556,
        "address": "Jl. Cikini Raya Gg. 5 No. 12, RT 05/RW 03",
        "kelurahan_code": CIKINI,
        "reporter": {"name": "Budi Santoso", "nik": "3171061205880003", "phone": "0812-9876-5432"},
        "is_public": True,
        "photo_urls": ["https://jaki.jakarta.go.id/media/r/0000001-1.jpg"],
        "support_count": 3,
        "follow_ups": [],
    }
    report.update(overrides)
    return report


def bare_event(complaint_id: uuid.UUID | None = None, type_: str = "complaint.created") -> NewEvent:
    """An event about a complaint (made up unless given), carrying only its id: for tests of
    the outbox and delivery themselves."""
    complaint_id = complaint_id or uuid.uuid4()
    return NewEvent(
        type=type_,
        object_id=complaint_id,
        object_version=1,
        complaint_id=complaint_id,
        occurred_at=now(),
        data={"id": str(complaint_id)},
    )


def walk_in_body(**overrides: Any) -> dict[str, Any]:
    """A valid walk-in complaint body with `overrides` applied."""
    body = {**WALK_IN, "complainant": dict(WALK_IN["complainant"])}
    body.update(overrides)
    return body


async def create_complaint(
    client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    """Record a complaint through POST /v1/complaints and return its JSON."""
    response = await client.post("/v1/complaints", json=walk_in_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def mirror_jaki_report(
    client: httpx.AsyncClient, feed: dict[str, str], reader: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    """Push one JAKI report through the feed's batch endpoint; return it as a complaint."""
    report = jaki_report(**overrides)
    response = await client.post("/v1/jaki/reports/batch", json={"reports": [report]}, headers=feed)
    assert response.status_code == 200 and response.json()["errors"] == [], response.text
    page = await client.get(
        "/v1/complaints", params={"channel": "jaki", "limit": 100}, headers=reader
    )
    [complaint] = [c for c in page.json()["items"] if c["external_id"] == report["id"]]
    return dict(complaint)


# Fields Pintu does not interpret as a row stored before they were checked may hold them: lone
# surrogates, which no JSON encoder writes, in a value, a nested name and a list; and as reads
# show them.
UNWRITABLE_RAW = {"device": "android \ud800", "meta": {"k\udfff": ["x\udbff", 1]}}
UNWRITABLE_RAW_SHOWN = {"device": "android \ufffd", "meta": {"k\ufffd": ["x\ufffd", 1]}}


async def store_raw_past_the_checks(
    session: AsyncSession, complaint_id: uuid.UUID | str, raw: dict[str, Any]
) -> None:
    """Overwrite a mirrored report's uninterpreted fields with `raw`, encrypted with the app's
    own cipher but without the checks a report passes on its way in."""
    blob = get_cipher().encrypt("jaki_raw", json.dumps(raw))
    updated = await session.execute(
        text("UPDATE jaki_reports SET raw_encrypted = :blob WHERE complaint_id = :id"),
        {"blob": blob, "id": uuid.UUID(str(complaint_id))},
    )
    assert updated.rowcount == 1  # type: ignore[attr-defined]


def decided_pair(
    complaint_id: uuid.UUID,
    candidate_id: uuid.UUID,
    *,
    rule: str,
    duplicate: bool,
    nik: str,
    distance: str,
    state: str | None = None,
) -> DedupCandidate:
    """A candidate pair a person has decided (what GET /v1/dedup/review leaves behind), to add
    to a session: its comparison holds every signal of `rule`, as the person-problem example
    of the model's tests has them, with `nik`, `distance` and `state` (if given) as given."""
    comparison = {**PERSON, "nik": nik, "distance": distance}
    if state is not None:
        comparison["state"] = state
    comparison = {s: comparison[s] for f in RULES[rule].values() for s in f} | comparison
    return DedupCandidate(
        complaint_id=complaint_id,
        candidate_id=candidate_id,
        score=0.5,
        band="review",
        rule=rule,
        comparison=comparison,
        decision="match" if duplicate else "not_match",
        decided_at=now(),
        decided_by_name="uji",
        decided_by_role="desk",
    )
