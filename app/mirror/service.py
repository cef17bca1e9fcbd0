"""Mirroring JAKI reports: classify each version (created, updated, unchanged, stale) and write
a batch with a few bulk statements; a report that still fails is retried alone."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.auth.service import Principal
from app.channels import service as channels_service
from app.complaints import service as complaints_service
from app.errors import error_message, field_path
from app.mirror import repository
from app.mirror.mapping import (
    ALIAS_SOURCE,
    STATUS_FROM_JAKI,
    KelurahanLocator,
    Place,
    category_code,
)
from app.mirror.repository import JAKI_CHANNEL, Stored
from app.mirror.schemas import BatchResult, JakiReportIn, ReportError
from app.models import Channel
from app.regions import service as regions_service
from app.security import get_blind_index, get_cipher
from app.timeutil import now
from app.validation import as_utc

logger = logging.getLogger(__name__)

FEED_ACTOR = Principal(key_id=None, name="JAKI feed", role=Role.INTEGRATION)
_locator: KelurahanLocator | None = None


@dataclass(slots=True)
class Candidate:
    """A report of the batch: as sent, and once validated, what Pintu derives from it."""

    index: int
    raw: dict[str, Any]
    id: str
    updated_at: datetime
    content_hash: bytes
    report: JakiReportIn | None = None
    kelurahan_code: str = ""
    kelurahan_source: str = "feed"
    distance_m: float | None = None

    @property
    def valid(self) -> JakiReportIn:
        assert self.report is not None, "validated before use"
        return self.report


@dataclass(slots=True)
class Context:
    channel: Channel
    aliases: dict[str, str]
    locator: KelurahanLocator
    kelurahan_codes: frozenset[str]
    actor: Principal


@dataclass(slots=True)
class Plan:
    """What one batch will write."""

    result: BatchResult = field(default_factory=BatchResult)
    new: list[Candidate] = field(default_factory=list)
    changed: list[tuple[Candidate, Stored]] = field(default_factory=list)


def _report_id(raw: dict[str, Any]) -> str | None:
    value = raw.get("id")
    if isinstance(value, str) and 0 < len(value.strip()) <= 100 and value.isprintable():
        return value.strip()  # as the schema reads it
    return None


def _quick_time(value: Any) -> datetime | None:
    """updated_at read without the full schema, when it is a plain ISO 8601 string."""
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def _content_hash(raw: dict[str, Any]) -> bytes:
    # The report as sent, but for updated_at, with its keys in order, under the blind-index key:
    # the content holds personal data, so an unkeyed hash would let a dump be brute-forced.
    # Hashing what was sent (not the validated model) lets an unchanged report be recognised
    # without validating it: a re-sent batch costs a fraction of the first.
    content = {key: value for key, value in raw.items() if key != "updated_at"}
    # ensure_ascii: escapes whatever a client sent, lone surrogates included.
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return get_blind_index().digest("jaki_content", canonical)


def _validate(c: Candidate) -> ReportError | None:
    try:
        c.report = JakiReportIn.model_validate(c.raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        return ReportError(
            index=c.index,
            id=_report_id(c.raw),
            field=field_path(first["loc"]) if first["loc"] else None,
            detail=error_message(first),
        )
    c.id, c.updated_at = c.report.id, c.report.updated_at
    return None


def parse(raw_reports: Sequence[Any], result: BatchResult) -> list[Candidate]:
    """Read each report of the batch: a JSON object, or a line of JSON text. A report whose id
    and updated_at can be read at a glance is validated only if it has to be written."""
    candidates = []
    for index, item in enumerate(raw_reports):
        raw = item
        if isinstance(item, str | bytes):
            try:
                raw = json.loads(item)
            except ValueError:
                result.errors.append(ReportError(index=index, detail="not valid JSON"))
                continue
        if not isinstance(raw, dict):
            result.errors.append(ReportError(index=index, detail="a report is a JSON object"))
            continue
        report_id, updated_at = _report_id(raw), _quick_time(raw.get("updated_at"))
        c = Candidate(
            index,
            raw,
            report_id or "",
            updated_at or datetime.min.replace(tzinfo=UTC),
            _content_hash(raw),
        )
        if report_id is None or updated_at is None:
            error = _validate(c)
            if error is not None:
                result.errors.append(error)
                continue
        candidates.append(c)
    return candidates


def newest_per_id(candidates: list[Candidate], result: BatchResult) -> list[Candidate]:
    """One version per JAKI id: the newest updated_at, the later one on a tie; others stale."""
    winners: dict[str, Candidate] = {}
    for c in candidates:
        held = winners.get(c.id)
        if held is None or c.updated_at >= held.updated_at:
            winners[c.id] = c
        if held is not None:
            result.stale += 1
    return list(winners.values())


async def _locator_for(session: AsyncSession) -> KelurahanLocator:
    # Regions change only by migration: read once per process.
    global _locator
    if _locator is None:
        points = await regions_service.kelurahan_points(session)
        _locator = KelurahanLocator(Place(code, lat, lon) for code, lat, lon in points)
    return _locator


async def context(session: AsyncSession, actor: Principal) -> Context:
    """What every report of a batch is read against."""
    locator = await _locator_for(session)
    return Context(
        channel=await channels_service.get(session, JAKI_CHANNEL),
        aliases=await repository.aliases(session, ALIAS_SOURCE),
        locator=locator,
        kelurahan_codes=locator.codes,
        actor=actor,
    )


def _place(c: Candidate, ctx: Context) -> ReportError | None:
    report = c.valid
    if report.kelurahan_code is not None:
        if report.kelurahan_code not in ctx.kelurahan_codes:
            return ReportError(
                index=c.index,
                id=report.id,
                field="kelurahan_code",
                detail=f"{report.kelurahan_code} is not a known kelurahan code.",
            )
        c.kelurahan_code, c.kelurahan_source = report.kelurahan_code, "feed"
    else:
        assert report.lat is not None and report.lon is not None  # checked by the schema
        c.kelurahan_code, c.distance_m = ctx.locator.nearest(report.lat, report.lon)
        c.kelurahan_source = "nearest_point"
    return None


def classify(candidates: list[Candidate], stored: dict[str, Stored], ctx: Context) -> Plan:
    """Sort each version into created, updated, unchanged or stale; validate only what will
    be written."""
    plan = Plan()
    for c in candidates:
        held = stored.get(c.id)
        if held is not None and c.updated_at < held.jaki_updated_at:
            plan.result.stale += 1
            continue
        if (
            held is not None
            and c.updated_at == held.jaki_updated_at
            and c.content_hash == held.content_hash
        ):
            plan.result.unchanged += 1
            continue
        refusal = (_validate(c) if c.report is None else None) or _place(c, ctx)
        if refusal is not None:
            plan.result.errors.append(refusal)
        elif held is None:
            plan.new.append(c)
        else:
            plan.changed.append((c, held))
    plan.result.created, plan.result.updated = len(plan.new), len(plan.changed)
    return plan


def _complaint_columns(c: Candidate, ctx: Context) -> dict[str, Any]:
    r = c.valid
    return {
        "status": STATUS_FROM_JAKI[r.status].value,
        "source_status": r.status,
        "category_code": category_code(r.category, ctx.aliases),
        "description": r.description,
        "kelurahan_code": c.kelurahan_code,
        "kecamatan_code": c.kelurahan_code[:8],
        "kabkota_code": c.kelurahan_code[:5],
        "address": r.address,
        "lat": r.lat,
        "lon": r.lon,
        "reported_at": r.created_at,
        **complaints_service.sealed_complainant(r.reporter),
    }


def _detail_columns(c: Candidate) -> dict[str, Any]:
    r = c.valid
    return {
        "jaki_status": r.status,
        "category_text": r.category,
        "is_public": r.is_public,
        "photo_urls": [str(url) for url in r.photo_urls],
        "support_count": r.support_count,
        "follow_ups": [
            {"at": f.at.isoformat(), "unit": f.unit, "note": f.note} for f in r.follow_ups
        ],
        "raw_encrypted": get_cipher().encrypt("jaki_raw", json.dumps(r.model_extra))
        if r.model_extra
        else None,
        "raw_fields": sorted(r.model_extra) if r.model_extra else None,
        "kelurahan_source": c.kelurahan_source,
        "kelurahan_distance_m": None if c.distance_m is None else round(c.distance_m, 1),
        "jaki_created_at": r.created_at,
        "jaki_updated_at": r.updated_at,
        "content_hash": c.content_hash,
    }


def _event(ctx: Context, complaint_id: uuid.UUID, **fields: Any) -> dict[str, Any]:
    return {
        "complaint_id": complaint_id,
        "actor_key_id": ctx.actor.key_id,
        "actor_name": ctx.actor.name,
        "actor_role": ctx.actor.role.value,
        "occurred_at": now(),
        "from_status": None,
        "to_status": None,
        "changes": None,
        **fields,
    }


async def write(session: AsyncSession, plan: Plan, ctx: Context) -> None:
    """Insert the new reports and apply the changed ones, with their history lines."""
    recorded_at = now()
    numbers = (
        await complaints_service.tracking_numbers(
            session, ctx.channel, len(plan.new), at=recorded_at
        )
        if plan.new
        else []
    )
    complaints, details, events = [], [], []
    for c, number in zip(plan.new, numbers, strict=True):
        complaint_id = uuid.uuid4()
        columns = _complaint_columns(c, ctx)
        complaints.append(
            {
                "id": complaint_id,
                "tracking_number": number,
                "channel_code": JAKI_CHANNEL,
                "external_id": c.id,
                "created_at": recorded_at,
                "updated_at": recorded_at,
                "created_by_key_id": ctx.actor.key_id,
                "version": 1,
                "rt": None,
                "rw": None,
                **columns,
            }
        )
        details.append({"complaint_id": complaint_id, **_detail_columns(c)})
        events.append(
            _event(
                ctx,
                complaint_id,
                kind="created",
                to_status=columns["status"],
                note=f"Mirrored from JAKI ({c.valid.status}).",
            )
        )
    await repository.insert_reports(session, complaints, details, events)

    complaints, details, events = [], [], []
    for c, held in plan.changed:
        columns = _complaint_columns(c, ctx)
        complaints.append(
            {
                "id": held.complaint_id,
                "updated_at": recorded_at,
                "version": held.version + 1,
                **columns,
            }
        )
        details.append({"complaint_id": held.complaint_id, **_detail_columns(c)})
        changes = {
            name: {"from": old, "to": new}
            for name, old, new in (
                ("jaki_status", held.jaki_status, c.valid.status),
                ("category", held.category_code, columns["category_code"]),
                ("kelurahan_code", held.kelurahan_code, columns["kelurahan_code"]),
            )
            if old != new
        }
        status_moved = held.status != columns["status"]
        events.append(
            _event(
                ctx,
                held.complaint_id,
                kind="jaki_updated",
                from_status=held.status if status_moved else None,
                to_status=columns["status"] if status_moved else None,
                changes=changes or None,
                note=f"JAKI update of {c.updated_at.isoformat()}.",
            )
        )
    await repository.update_reports(session, complaints, details, events)


@dataclass(slots=True)
class Prepared:
    """A batch checked without the database: its valid reports and what was refused."""

    candidates: list[Candidate]
    result: BatchResult


def prepare(raw_reports: Sequence[Any]) -> Prepared:
    """Validate and deduplicate a batch, without the database."""
    result = BatchResult()
    return Prepared(newest_per_id(parse(raw_reports, result), result), result)


async def ingest(
    session: AsyncSession, actor: Principal, raw_reports: Sequence[Any] | Prepared
) -> BatchResult:
    """Mirror a batch of JAKI reports; each report is stored or refused on its own."""
    prepared = raw_reports if isinstance(raw_reports, Prepared) else prepare(raw_reports)
    candidates, result = prepared.candidates, prepared.result
    ctx = await context(session, actor)
    try:
        async with session.begin_nested():
            plan = await _plan(session, candidates, ctx)
            await write(session, plan, ctx)
        result.add(plan.result)
    except repository.WRITE_REFUSED:
        # A report the checks let through but the database refused, or another writer that
        # mirrored the same id meanwhile: go one report at a time so only the culprit fails.
        logger.warning("bulk mirror write failed; retrying %d reports one by one", len(candidates))
        for c in candidates:
            try:
                async with session.begin_nested():
                    plan = await _plan(session, [c], ctx)
                    await write(session, plan, ctx)
                result.add(plan.result)
            except repository.WRITE_REFUSED as exc:
                result.errors.append(
                    ReportError(
                        index=c.index,
                        id=c.id,
                        detail=f"the database refused this report ({type(exc).__name__})",
                    )
                )
    result.errors.sort(key=lambda e: e.index)
    return result


async def _plan(session: AsyncSession, candidates: list[Candidate], ctx: Context) -> Plan:
    stored = await repository.stored_versions(session, [c.id for c in candidates])
    return classify(candidates, stored, ctx)
