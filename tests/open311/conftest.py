"""A running Pintu (`pintu serve` on loopback, on a database of its own) holding complaints an
Open311 client may and may not see, for tests that talk to it as a real client does.

What is seeded, by name:
- `place`: a walk-in pothole complaint whose description, address and follow-up note hold the
  complainant's name, phone and e-mail; assigned to Kelurahan Gambir's office, accepted, with a
  follow-up;
- `closed`: a walk-in waste complaint, rejected (closed in Open311);
- `old`: a walk-in drain complaint reported 100 days ago (outside the default window);
- `person`: a walk-in bansos complaint (about a person: never in Open311);
- `jaki_public`: a public JAKI pothole report with a photo;
- `jaki_private`: a JAKI pothole report its reporter kept private;
- `jaki_person`: a public JAKI report about social aid (about a person).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree as ET

import httpx
import pytest

from app.kit.timeutil import JAKARTA, now
from tests.factories import GAMBIR, GAMBIR_OFFICE, jaki_report, walk_in_body
from tests.faults.conftest import Served, serving

CLIENT_CHANNEL = "whatsapp"
# What must never appear in any Open311 answer: the complainants' identifiers and names, as
# given and as Pintu stores or masks them.
NIK, PHONE, EMAIL, NAME = "3171014505900002", "0812-3456-7890", "siti@example.com", "Siti Rahmawati"
JAKI_NIK, JAKI_PHONE, JAKI_NAME = "3171061205880003", "0812-9876-5432", "Budi Santoso"
SECRETS = (
    NIK,
    PHONE,
    "081234567890",
    "+6281234567890",
    "6281234567890",
    "0812 3456 7890",
    EMAIL,
    NAME,
    "Rahmawati",
    JAKI_NIK,
    JAKI_PHONE,
    "081298765432",
    "+6281298765432",
    JAKI_NAME,
    "Santoso",
)


@dataclass
class Open311Server:
    base_url: str
    admin: dict[str, str]
    client_key: str
    desk_key: str
    # Tracking numbers of the seeded complaints, by name (module docstring).
    numbers: dict[str, str] = field(default_factory=dict)
    unit_name: str = ""
    finish_by: str = ""

    @property
    def root(self) -> str:
        return self.base_url + "/open311/v2"


def parse_xml(content: bytes) -> ET.Element:
    """An answer of the server under test, as XML."""
    return ET.fromstring(content)  # noqa: S314  # the test's own server's answer


def _w3c(moment: datetime) -> str:
    return moment.astimezone(JAKARTA).replace(microsecond=0).isoformat()


def _created(response: httpx.Response, status: int = 201) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return dict(response.json())


def _seed(http: httpx.Client, admin: dict[str, str]) -> Open311Server:
    client = _created(
        http.post(
            "/v1/api-keys",
            json={"name": "Bot WhatsApp", "role": "client", "channel_code": CLIENT_CHANNEL},
            headers=admin,
        )
    )
    desk = _created(
        http.post("/v1/api-keys", json={"name": "Meja 1", "role": "desk"}, headers=admin)
    )
    server = Open311Server(str(http.base_url), admin, client["key"], desk["key"])

    def complaint(name: str, **body: Any) -> dict[str, Any]:
        made = _created(http.post("/v1/complaints", json=walk_in_body(**body), headers=admin))
        server.numbers[name] = made["tracking_number"]
        return made

    place = complaint(
        "place",
        category="jalan",
        description=f"Jalan berlubang besar depan rumah {NAME}; kabari {PHONE} atau {EMAIL}.",
        address=f"Jl. Medan Merdeka Selatan No. 8 (rumah {NAME})",
        reported_at=_w3c(now() - timedelta(hours=1)),
    )
    assigned = _created(
        http.post(
            f"/v1/complaints/{place['id']}/assignments",
            json={"unit_code": GAMBIR_OFFICE, "note": "Mohon dicek ke lokasi."},
            headers=admin,
        )
    )
    server.finish_by = assigned["finish_by"]
    _created(http.post(f"/v1/assignments/{assigned['id']}/accept", headers=admin), 200)
    _created(
        http.post(
            f"/v1/assignments/{assigned['id']}/follow-ups",
            json={"note": f"Sudah dicek bersama {NAME}, telp {PHONE}; penambalan pekan depan."},
            headers=admin,
        )
    )
    server.unit_name = _created(http.get(f"/v1/units/{GAMBIR_OFFICE}"), 200)["name"]

    closed = complaint(
        "closed",
        category="sampah",
        description="Sampah menumpuk di pinggir kali, tidak diangkut seminggu.",
        reported_at=_w3c(now() - timedelta(days=2)),
    )
    _created(
        http.post(
            f"/v1/complaints/{closed['id']}/status",
            json={"status": "rejected", "note": "Sudah ditangani RW setempat."},
            headers=admin,
        ),
        200,
    )
    complaint(
        "old",
        category="saluran",
        description="Saluran tersumbat, air meluap ke jalan saat hujan.",
        reported_at=_w3c(now() - timedelta(days=100)),
    )
    complaint("person", category="bansos", reported_at=_w3c(now() - timedelta(hours=2)))

    created = _w3c(now() - timedelta(hours=3))
    reports = [
        jaki_report(id="JAKI-O311-PUBLIC", created_at=created, updated_at=created),
        jaki_report(
            id="JAKI-O311-PRIVATE",
            created_at=created,
            updated_at=created,
            is_public=False,
            description="Lubang di gang belakang rumah, laporan pribadi.",
        ),
        jaki_report(
            id="JAKI-O311-PERSON",
            created_at=created,
            updated_at=created,
            category="Bantuan Sosial",
            description="Bansos tidak cair bulan ini.",
            kelurahan_code=GAMBIR,
        ),
    ]
    batch = _created(
        http.post("/v1/jaki/reports/batch", json={"reports": reports}, headers=admin), 200
    )
    assert batch["errors"] == [], batch
    mirrored = _created(
        http.get("/v1/complaints", params={"channel": "jaki", "limit": 100}, headers=admin), 200
    )
    for item in mirrored["items"]:
        name = {
            "JAKI-O311-PUBLIC": "jaki_public",
            "JAKI-O311-PRIVATE": "jaki_private",
            "JAKI-O311-PERSON": "jaki_person",
        }[item["external_id"]]
        server.numbers[name] = item["tracking_number"]
    return server


# Where the discovery document says Pintu is reached (a name, never looked up or called).
PUBLIC_BASE_URL = "https://pintu.jakarta.example"


@pytest.fixture(scope="module")
def open311(scratch) -> Iterator[Open311Server]:
    """Pintu served on loopback with the seeded complaints (module docstring); one per test
    module, so that what one module sends does not show in another's lists."""
    with serving(scratch.create("open311"), PUBLIC_BASE_URL=PUBLIC_BASE_URL) as served:
        assert isinstance(served, Served)
        admin = {"Authorization": f"Bearer {served.admin_key}"}
        with httpx.Client(base_url=served.base_url, timeout=30) as http:
            yield _seed(http, admin)
