"""The matcher: finding earlier reports of the same problem, scoring them, and keeping what was
found and decided. It reads complaint rows but never changes one, and calls no other domain's
service but the reference data (categories, regions): the complaints domain asks it for
candidates at intake, the duplicates domain (app.dedup) records decisions through it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.categories import all_categories, get_category
from app.kit import paging
from app.kit.refcache import KeyedReferenceCache, ReferenceCache
from app.kit.security import get_blind_index, get_cipher
from app.kit.textnorm import name_tokens, place_keys
from app.kit.timeutil import now
from app.matching import repository
from app.matching.features import NameFrequencies, Side, compare, distance_m
from app.matching.model import RULES, Model, Pair, Scored, fit, order_violations, shipped
from app.matching.repository import Window
from app.models import Complaint, DedupCandidate
from app.regions import kelurahan_points

DEFAULT_CHANNELS = ("jaki",)
SHOWN = ("match", "review")


@dataclass(frozen=True, slots=True)
class Match:
    """A possible duplicate: its row, its score and what the score rests on."""

    row: Row[Any]
    scored: Scored
    comparison: dict[str, str]
    distance_m: float | None


async def _read_model(session: AsyncSession, version: int) -> Model:
    stored = await repository.get_model(session, version)
    assert stored is not None  # models are never deleted
    return Model(stored.weights, version)


async def _model_in_use(session: AsyncSession) -> list[int]:
    version = await repository.newest_model_version(session)
    return [] if version is None else [version]


# Learned models never change once stored, so one parsed per version is safe to keep; the one in
# use is read at start-up.
_models = KeyedReferenceCache("matching.models", _read_model, warm=_model_in_use)


async def _model(session: AsyncSession, version: int | None) -> Model:
    """The learned model `version`, or the one Pintu ships with (None)."""
    if version is None:
        return shipped()
    return await _models.get(session, version)


@dataclass(frozen=True, slots=True)
class _Reference:
    """Categories (code -> person or place) and kelurahan codes: reference data that only a
    migration changes, read once per process rather than on every search."""

    kinds: dict[str, str]
    kelurahan: frozenset[str]


async def _read_reference(session: AsyncSession) -> _Reference:
    categories = await all_categories(session)
    points = await kelurahan_points(session)
    return _Reference({c.code: c.kind for c in categories}, frozenset(p[0] for p in points))


_reference = ReferenceCache("matching.reference", _read_reference)


async def reference(session: AsyncSession) -> _Reference:
    """Category kinds and kelurahan codes, as this process read them."""
    return await _reference.get(session)


async def _kind(session: AsyncSession, category_code: str) -> str:
    """`person` or `place`."""
    kinds = (await reference(session)).kinds
    if category_code not in kinds:  # added since this process read them
        return (await get_category(session, category_code)).kind
    return kinds[category_code]


def also_indexes(field: str, blob: bytes | None) -> tuple[bytes, ...]:
    """A stored NIK's or phone's blind index under every configured key, while several are (a
    database half way through `pintu rotate-keys`), worked out from its ciphertext; nothing
    otherwise."""
    blind = get_blind_index()
    if blob is None or not blind.rotating:
        return ()
    return tuple(blind.digests(field, get_cipher().decrypt(field, blob)))


def side_of_complaint(c: Complaint) -> Side:
    return Side.of(
        category_code=c.category_code,
        kelurahan_code=c.kelurahan_code,
        reported_at=c.reported_at,
        description=c.description,
        address=c.address,
        rt=c.rt,
        rw=c.rw,
        lat=c.lat,
        lon=c.lon,
        nik_index=c.nik_index,
        phone_index=c.phone_index,
        name=c.complainant_name,
        status=c.status,
        updated_at=c.updated_at,
        match_text=c.match_text,
        place=c.place_record,
        nik_also=also_indexes("nik", c.nik_encrypted),
        phone_also=also_indexes("phone", c.phone_encrypted),
    )


def _side_of_row(row: Row[Any]) -> Side:
    return Side.of(
        category_code=row.category_code,
        kelurahan_code=row.kelurahan_code,
        reported_at=row.reported_at,
        description=row.description,
        address=row.address,
        rt=row.rt,
        rw=row.rw,
        lat=row.lat,
        lon=row.lon,
        nik_index=row.nik_index,
        phone_index=row.phone_index,
        name=row.complainant_name,
        status=row.status,
        updated_at=row.jaki_updated_at or row.updated_at,
        match_text=row.match_text,
        place=row.place_record,
    )


def _indexes(index: bytes | None, also: Sequence[bytes]) -> list[bytes]:
    """What the person routes match: the index, and the same value's under the other keys."""
    if index is None:
        return []
    return [index, *(i for i in also if i != index)]


def window_for(
    complaint: Side, channels: Sequence[str] = DEFAULT_CHANNELS, exclude: uuid.UUID | None = None
) -> Window:
    """Where and when to look for earlier reports of `complaint`."""
    return Window(
        channels=channels,
        reported_at=complaint.reported_at,
        kelurahan_code=complaint.kelurahan_code,
        category_code=complaint.category_code,
        tokens=sorted(complaint.tokens),
        lat=complaint.lat,
        lon=complaint.lon,
        nik_indexes=_indexes(complaint.nik_index, complaint.nik_also),
        phone_indexes=_indexes(complaint.phone_index, complaint.phone_also),
        exclude=exclude,
        place_keys=place_keys(complaint.kelurahan_code, complaint.address),
    )


async def find(
    session: AsyncSession,
    complaint: Side,
    *,
    channels: Sequence[str] = DEFAULT_CHANNELS,
    exclude: uuid.UUID | None = None,
    model: Model | None = None,
) -> tuple[list[Match], Model]:
    """Every candidate found for `complaint`, scored, best first (below the bands too), and
    the model that scored them (`model`, or the one in use)."""
    rule = await _kind(session, complaint.category_code)
    counts, total, version = await repository.lookups(session, complaint.name)
    model = model or await _model(session, version)
    names = NameFrequencies(counts, total)
    rows = await repository.candidates(session, window_for(complaint, channels, exclude))
    found = []
    for row in rows:
        other = _side_of_row(row)
        comparison = compare(complaint, other, names, rare_name_below=model.rare_name_below)
        found.append(
            Match(row, model.score(rule, comparison), comparison, distance_m(complaint, other))
        )
    found.sort(key=lambda m: (-m.scored.score, m.row.reported_at))
    return found, model


def shown(found: list[Match], limit: int, model: Model) -> list[Match]:
    """The candidates a caller sees, with their evidence: those in the match or review band,
    at most `limit`."""
    first = [m for m in found if m.scored.band in SHOWN][:limit]
    return [
        replace(m, scored=model.score(m.scored.rule, m.comparison, explain=True)) for m in first
    ]


async def remember(
    session: AsyncSession, complaint_id: uuid.UUID, found: list[Match], model: Model
) -> None:
    """Keep the candidates in the bands, for the review queue and for learning."""
    at = now()
    await repository.save_candidates(
        session,
        [
            {
                "complaint_id": complaint_id,
                "candidate_id": m.row.id,
                "score": m.scored.score,
                "band": m.scored.band,
                "rule": m.scored.rule,
                "comparison": m.comparison,
                "model_version": model.version,
                "found_at": at,
            }
            for m in found
            if m.scored.band in SHOWN
        ],
    )


async def score_pair(
    session: AsyncSession, complaint: Complaint, other: Complaint
) -> tuple[Scored, dict[str, str], Model]:
    mine = side_of_complaint(complaint)
    counts, total, version = await repository.lookups(session, mine.name)
    model = await _model(session, version)
    comparison = compare(
        mine,
        side_of_complaint(other),
        NameFrequencies(counts, total),
        rare_name_below=model.rare_name_below,
    )
    rule = await _kind(session, complaint.category_code)
    return model.score(rule, comparison), comparison, model


async def record_decision(
    session: AsyncSession,
    principal: Principal,
    complaint: Complaint,
    candidate: Complaint,
    decision: str,
) -> DedupCandidate:
    """Record who decided what about a pair (`match` or `not_match`), scoring it now if it was
    never found. The caller has locked both complaints."""
    stored = await repository.get_candidate(session, complaint.id, candidate.id)
    if stored is None:
        scored, comparison, model = await score_pair(session, complaint, candidate)
        stored = await repository.add_candidate(
            session,
            DedupCandidate(
                complaint_id=complaint.id,
                candidate_id=candidate.id,
                score=scored.score,
                band=scored.band,
                rule=scored.rule,
                comparison=comparison,
                model_version=model.version,
                found_at=now(),
            ),
        )
    stored.decision, stored.decided_at = decision, now()
    stored.decided_by_key_id = principal.key_id
    stored.decided_by_name, stored.decided_by_role = principal.name, principal.role.value
    await session.flush()
    return stored


async def review_queue(
    session: AsyncSession, *, limit: int, cursor: str | None, offset: int | None = None
) -> tuple[list[tuple[Complaint, list[Row[Any]]]], str | None, int]:
    """Complaints waiting for a person's look at their review-band candidates: a page, the
    next page's cursor and how many wait in all."""
    paging.one_way(cursor, offset)
    after = paging.decode_cursor(cursor, datetime, uuid.UUID) if cursor else None
    found, total = await repository.review_queue(
        session, limit=limit + 1, offset=offset, after=after
    )
    page, last = paging.page_of(found, limit)
    complaints = [c for c, _ in page]
    rows = await repository.open_review_candidates(session, [c.id for c in complaints])
    by_complaint: dict[uuid.UUID, list[Row[Any]]] = {}
    for row in rows:
        by_complaint.setdefault(row.complaint_id, []).append(row)
    next_cursor = paging.encode_cursor(last[1], last[0].id) if last else None
    return [(c, by_complaint.get(c.id, [])) for c in complaints], next_cursor, total


async def decisions(
    session: AsyncSession,
    *,
    since: datetime | None,
    until: datetime | None = None,
    limit: int,
    cursor: str | None,
    offset: int | None = None,
) -> tuple[Sequence[DedupCandidate], str | None, int]:
    """Pairs decided in [since, until), oldest decision first: a page, the next page's cursor
    and how many there are."""
    paging.one_way(cursor, offset)
    after = paging.decode_cursor(cursor, datetime, uuid.UUID, uuid.UUID) if cursor else None
    rows, total = await repository.decisions(
        session, since=since, until=until, limit=limit + 1, offset=offset, after=after
    )
    page, last = paging.page_of(rows, limit)
    if last is None:
        return page, None, total
    assert last.decided_at is not None  # a decided pair
    return page, paging.encode_cursor(last.decided_at, last.complaint_id, last.candidate_id), total


async def refresh_name_counts(session: AsyncSession, channels: tuple[str, ...] = ("jaki",)) -> int:
    """Count the name tokens of the complainants in `channels`; how many names were counted."""
    counts: dict[str, int] = {}
    total = 0
    stmt = select(Complaint.complainant_name).where(
        Complaint.channel_code.in_(channels), Complaint.complainant_name.is_not(None)
    )
    async for name in await session.stream_scalars(stmt.execution_options(yield_per=10_000)):
        tokens = set(name_tokens(name))
        if tokens:
            total += 1
            for token in tokens:
                counts[token] = counts.get(token, 0) + 1
    await repository.replace_name_counts(session, counts, total)
    return total


@dataclass(slots=True)
class Training:
    ok: bool
    lines: list[str]


async def train_from_decisions(
    session: AsyncSession, *, min_per_class: int, store: bool
) -> Training:
    """Learn weights from the decided pairs; store them as the newest model."""
    pairs = [
        Pair(r.rule, r.comparison, r.decision == "match")
        for r in await repository.all_decisions(session)
    ]
    lines = []
    for rule in RULES:
        dup = sum(p.duplicate for p in pairs if p.rule == rule)
        other = sum(not p.duplicate for p in pairs if p.rule == rule)
        lines.append(f"{rule} rule: {dup:,} duplicates, {other:,} non-duplicates decided")
        if min(dup, other) < min_per_class:
            lines.append(
                f"not enough decisions to learn the {rule} rule (needs {min_per_class} of each)"
            )
            return Training(False, lines)
    weights = fit(pairs)
    for rule, learned in weights["rules"].items():
        bands = learned["bands"]
        lines.append(f"{rule} bands: match >= {bands['match']}, review >= {bands['review']}")
    violations = order_violations(weights)
    if violations:
        # fit keeps the orders; this guards a model made any other way from being stored.
        lines += [f"out of order: {v}" for v in violations]
        lines.append("refused: the weights break the declared order of their levels")
        return Training(False, lines)
    if store:
        stored = await repository.add_model(session, f"{len(pairs)} decisions", weights)
        lines.append(f"stored as model version {stored.version}; it is used from now on")
    return Training(True, lines)


async def candidate(
    session: AsyncSession, complaint_id: uuid.UUID, candidate_id: uuid.UUID
) -> DedupCandidate | None:
    """The stored pair, if it was ever found or decided."""
    return await repository.get_candidate(session, complaint_id, candidate_id)
