"""The baseline of the API benchmarks: the fastest plain thing that answers like Pintu does.

A bare Starlette app on an asyncpg pool. `GET /v1/complaints/{id}` and
`GET /v1/complaints?region=<kelurahan>&status=…&limit=…` run one query each (the complaint with
its JAKI details) and return the same JSON as Pintu gives a viewer key: personal data decrypted
and masked with Pintu's own functions, the same field names and formats. What it leaves out is
what the comparison measures: no key check, no rate limit, no request log, no validation, no
ORM. It serves mirrored reports only (none of them a linked duplicate or routed to a unit).

    DATABASE_URL=… uvicorn bench.bare_app:app --no-access-log
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.kit.security import get_cipher
from app.models.statuses import JAKI_STATUS, OPEN311_STATUS, ComplaintStatus
from app.personal.email import mask_email
from app.personal.name import mask_name
from app.personal.nik import mask_nik
from app.personal.phone import mask_phone

_SELECT = """
SELECT c.id, c.tracking_number, c.channel_code, c.external_id, c.status, c.source_status,
       c.category_code, c.description, c.kelurahan_code, c.kecamatan_code, c.kabkota_code,
       c.address, c.rt, c.rw, c.lat, c.lon, c.reported_at, c.created_at, c.updated_at,
       c.complainant_name, c.nik_encrypted, c.phone_encrypted, c.email_encrypted,
       c.assigned_unit_code, c.version,
       j.complaint_id AS jaki_id, j.category_text, j.is_public, j.photo_urls, j.support_count,
       j.follow_ups, j.kelurahan_source, j.kelurahan_distance_m, j.jaki_updated_at
FROM complaints c LEFT JOIN jaki_reports j ON j.complaint_id = c.id
"""
_ONE = _SELECT + "WHERE c.id = $1"
_PAGE = (
    _SELECT + "WHERE c.kelurahan_code = $1 AND c.status = ANY($2::text[]) "
    "ORDER BY c.reported_at DESC, c.id DESC LIMIT $3"
)
_MASKS = {"nik": mask_nik, "phone": mask_phone, "email": mask_email}


def _time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _complainant(row: asyncpg.Record) -> dict[str, Any] | None:
    cipher = get_cipher()
    values: dict[str, Any] = {}
    for field, mask in _MASKS.items():
        blob = row[f"{field}_encrypted"]
        values[field] = None if blob is None else mask(cipher.decrypt(field, blob))
    name = row["complainant_name"]
    if name is None and not any(values.values()):
        return None
    return {"name": None if name is None else mask_name(name), **values, "masked": True}


def _complaint(row: asyncpg.Record) -> dict[str, Any]:
    status = ComplaintStatus(row["status"])
    jaki = None
    if row["jaki_id"] is not None:
        jaki = {
            "category_text": row["category_text"],
            "is_public": row["is_public"],
            "photo_urls": row["photo_urls"],
            "support_count": row["support_count"],
            "follow_ups": [
                {"at": _time(datetime.fromisoformat(f["at"])), "unit": f["unit"], "note": f["note"]}
                for f in row["follow_ups"]
            ],
            "kelurahan_source": row["kelurahan_source"],
            "kelurahan_distance_m": row["kelurahan_distance_m"],
            "jaki_updated_at": _time(row["jaki_updated_at"]),
            "raw_fields": None,  # like raw: only for roles that see personal data
            "raw": None,
        }
    return {
        "id": str(row["id"]),
        "tracking_number": row["tracking_number"],
        "channel": row["channel_code"],
        "external_id": row["external_id"],
        "status": status.value,
        "jaki_status": row["source_status"] or JAKI_STATUS[status],
        "open311_status": OPEN311_STATUS[status],
        "category": row["category_code"],
        "description": row["description"],
        "kelurahan_code": row["kelurahan_code"],
        "kecamatan_code": row["kecamatan_code"],
        "kabkota_code": row["kabkota_code"],
        "address": row["address"],
        "rt": row["rt"],
        "rw": row["rw"],
        "lat": row["lat"],
        "lon": row["lon"],
        "reported_at": _time(row["reported_at"]),
        "created_at": _time(row["created_at"]),
        "updated_at": _time(row["updated_at"]),
        "complainant": _complainant(row),
        "assigned_unit_code": row["assigned_unit_code"],
        "jaki": jaki,
        "duplicate_of": None,
        "version": row["version"],
    }


def _json(content: Any, status: int = 200) -> Response:
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status_code=status, media_type="application/json")


async def get_one(request: Request) -> Response:
    try:
        complaint_id = uuid.UUID(request.path_params["ref"])
    except ValueError:
        return _json({"detail": "not found"}, 404)
    async with request.app.state.pool.acquire() as conn:
        row = await conn.fetchrow(_ONE, complaint_id)
    if row is None:
        return _json({"detail": "not found"}, 404)
    return _json(_complaint(row))


async def get_page(request: Request) -> Response:
    limit = int(request.query_params.get("limit", "20"))
    region = request.query_params["region"]
    statuses = request.query_params.getlist("status")
    async with request.app.state.pool.acquire() as conn:
        rows = await conn.fetch(_PAGE, region, statuses, limit + 1)
    page = rows[:limit]
    cursor = None
    if len(rows) > limit:
        last = page[-1]
        raw = json.dumps([last["reported_at"].isoformat(), str(last["id"])])
        cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    return _json({"items": [_complaint(r) for r in page], "next_cursor": cursor, "limit": limit})


async def _init(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    url = make_url(os.environ["DATABASE_URL"])
    app.state.pool = await asyncpg.create_pool(
        user=url.username,
        password=url.password,
        host=url.query.get("host") or url.host,  # type: ignore[arg-type]
        port=url.port,
        database=url.database,
        min_size=10,
        max_size=10,
        init=_init,
        server_settings={"timezone": "UTC"},
    )
    try:
        yield
    finally:
        await app.state.pool.close()


app = Starlette(
    routes=[Route("/v1/complaints", get_page), Route("/v1/complaints/{ref}", get_one)],
    lifespan=lifespan,
)
