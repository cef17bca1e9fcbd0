"""Plain async factories with keyword overrides, going through the real API."""

from __future__ import annotations

from typing import Any

import httpx

GAMBIR = "31.71.01.1001"  # Kelurahan Gambir, where Balai Kota stands
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
