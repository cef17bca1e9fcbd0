"""Mirroring JAKI reports: classify each version (created, updated, unchanged, stale) and write
a batch with a few bulk statements; a report that still fails is retried alone."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.channels import get_channel
from app.complaints import (
    bulk_insert,
    bulk_update,
    derived_columns,
    event_row,
    personal_indexes,
    tracking_numbers,
)
from app.kit.security import get_cipher
from app.kit.sqlstate import database_unavailable
from app.kit.timeutil import now
from app.mirror import repository
from app.mirror.mapping import ALIAS_SOURCE, STATUS_FROM_JAKI, CategoryNames
from app.mirror.repository import JAKI_CHANNEL, Stored
from app.mirror.schemas import BatchResult, ReportError
from app.mirror.versions import Candidate, Prepared, prepare, validate
from app.models import Channel
from app.models.roles import Role
from app.privacy import (
    NOT_STORED_NOTE,
    anonymised_complaint,
    anonymised_jaki,
    erased_among,
    hold_off_erasure,
    person_categories,
    redactor_for,
)
from app.regions import KelurahanLocator, kelurahan_locator

logger = logging.getLogger(__name__)

FEED_ACTOR = Principal(key_id=None, name="JAKI feed", role=Role.INTEGRATION)


@dataclass(slots=True)
class Context:
    channel: Channel
    categories: CategoryNames
    locator: KelurahanLocator
    kelurahan_codes: frozenset[str]
    actor: Principal
    # Categories about a person, read once a batch has a report to anonymise.
    person_categories: frozenset[str] | None = None


@dataclass(slots=True)
class Plan:
    """What one batch will write."""

    result: BatchResult = field(default_factory=BatchResult)
    new: list[Candidate] = field(default_factory=list)
    changed: list[tuple[Candidate, Stored]] = field(default_factory=list)


async def context(session: AsyncSession, actor: Principal) -> Context:
    """What every report of a batch is read against."""
    locator = await kelurahan_locator(session)
    return Context(
        channel=await get_channel(session, JAKI_CHANNEL),
        categories=CategoryNames(await repository.aliases(session, ALIAS_SOURCE)),
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
        named = ctx.locator.named(report.address, report.lat, report.lon) or ctx.locator.named(
            report.description, report.lat, report.lon, after_marker=True
        )
        if named is not None:
            (c.kelurahan_code, c.distance_m), c.kelurahan_source = named, "address"
        else:
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
        # A report whose reporter's data was erased stays anonymised, whoever JAKI names now.
        c.anonymise = held is not None and held.personal_data_erased_at is not None
        if (
            held is not None
            and c.updated_at == held.jaki_updated_at
            and c.same_content(held.content_hash)
        ):
            plan.result.unchanged += 1
            continue
        refusal = (validate(c) if c.report is None else None) or _place(c, ctx)
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
    columns = {
        "status": STATUS_FROM_JAKI[r.status].value,
        "source_status": r.status,
        "category_code": ctx.categories.code(r.category),
        "description": r.description,
        "address": r.address,
        "lat": r.lat,
        "lon": r.lon,
        "reported_at": r.created_at,
        **derived_columns(
            description=r.description,
            address=r.address,
            kelurahan_code=c.kelurahan_code,
            person=r.reporter,
        ),
    }
    if not c.anonymise:
        return columns
    assert ctx.person_categories is not None  # read by _honour_erasures
    return anonymised_complaint(
        columns,
        redactor_for(r.reporter),
        about_person=columns["category_code"] in ctx.person_categories,
    )


def _detail_columns(c: Candidate) -> dict[str, Any]:
    r = c.valid
    details = {
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
        "kelurahan_source": c.kelurahan_source,
        "kelurahan_distance_m": None if c.distance_m is None else round(c.distance_m, 1),
        "jaki_created_at": r.created_at,
        "jaki_updated_at": r.updated_at,
        "content_hash": c.stored_hash,
    }
    if not c.anonymise:
        return details
    return anonymised_jaki(details, redactor_for(r.reporter))


def _event(ctx: Context, complaint_id: uuid.UUID, kind: str, **fields: Any) -> dict[str, Any]:
    return event_row(complaint_id, ctx.actor, kind, at=now(), **fields)


async def write(session: AsyncSession, plan: Plan, ctx: Context) -> None:
    """Insert the new reports and apply the changed ones, with their history lines."""
    recorded_at = now()
    numbers = (
        await tracking_numbers(session, ctx.channel, len(plan.new), at=recorded_at)
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
                "personal_data_erased_at": recorded_at if c.anonymise else None,
                **columns,
            }
        )
        details.append({"complaint_id": complaint_id, **_detail_columns(c)})
        note = f"Mirrored from JAKI ({c.valid.status})."
        if c.anonymise:
            note += " " + NOT_STORED_NOTE
        events.append(_event(ctx, complaint_id, "created", to_status=columns["status"], note=note))
    await bulk_insert(session, complaints, details, events)

    complaints, details, events = [], [], []
    for c, held in plan.changed:
        columns = _complaint_columns(c, ctx)
        complaints.append(
            {
                "id": held.complaint_id,
                "updated_at": recorded_at,
                "version": held.version + 1,
                "personal_data_erased_at": held.personal_data_erased_at
                or (recorded_at if c.anonymise else None),
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
                "jaki_updated",
                from_status=held.status if status_moved else None,
                to_status=columns["status"] if status_moved else None,
                changes=changes or None,
                note=f"JAKI update of {c.updated_at.isoformat()}.",
            )
        )
    await bulk_update(session, complaints, details, events)


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
    except repository.WRITE_REFUSED as exc:
        if database_unavailable(exc):
            raise  # the database went away: no report is to blame, the page is not stored
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
                if database_unavailable(exc):
                    raise
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
    # Before anything is read: an erasure must not commit between what this batch reads and
    # what it writes.
    await hold_off_erasure(session)
    stored = await repository.stored_versions(session, [c.id for c in candidates])
    plan = classify(candidates, stored, ctx)
    await _honour_erasures(session, plan, ctx)
    return plan


async def _honour_erasures(session: AsyncSession, plan: Plan, ctx: Context) -> None:
    """Mark the reports whose reporter's NIK was erased on request, with one query per batch."""
    written = [*plan.new, *(c for c, _ in plan.changed)]
    # Each NIK under every blind-index key: a tombstone written before the newest key came in
    # is not rewritten by `pintu rotate-keys` (it has no NIK to index again).
    niks = {
        c.id: personal_indexes("nik", c.valid.reporter.nik)
        for c in written
        if c.valid.reporter is not None and c.valid.reporter.nik is not None
    }
    erased = await erased_among(session, {i for indexes in niks.values() for i in indexes})
    for c in written:
        if any(i in erased for i in niks.get(c.id, ())):
            c.anonymise = True
    if ctx.person_categories is None and any(c.anonymise for c in written):
        ctx.person_categories = await person_categories(session)
