"""Queries for matching: candidates by index (never a scan of the mirror), candidates found and
decided, learned models and name frequencies."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    LargeBinary,
    Select,
    String,
    Text,
    any_,
    bindparam,
    delete,
    func,
    literal,
    select,
    text,
    union,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, REGCONFIG, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit import paging
from app.models import Complaint, DedupCandidate, DedupModel, DedupNameCount, JakiReport

_TOKEN = re.compile(r"^[a-z0-9_]+$")
_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON = 111_320.0 * 0.9942  # cos(6.2 deg): Jakarta's latitude


@dataclass(frozen=True, slots=True)
class Window:
    """Where and when to look for earlier reports of the same problem."""

    channels: Sequence[str]
    reported_at: datetime
    kelurahan_code: str
    category_code: str
    tokens: Sequence[str]
    lat: float | None
    lon: float | None
    # A NIK's and a phone's blind index under every configured key (one, but while the keys
    # are rotated): the route matches any.
    nik_indexes: Sequence[bytes]
    phone_indexes: Sequence[bytes]
    exclude: uuid.UUID | None
    # The complaint's street and gang names, each with its kabupaten/kota (textnorm.place_keys).
    place_keys: Sequence[str] = ()
    place_days: int = 60
    street_days: int = 180
    person_days: int = 365
    after_days: int = 2
    radius_m: float = 300.0


# What scoring and showing a candidate need; never the tsvectors or ciphertexts it does not use.
CANDIDATE_COLUMNS = (
    Complaint.id,
    Complaint.channel_code,
    Complaint.external_id,
    Complaint.tracking_number,
    Complaint.status,
    Complaint.category_code,
    Complaint.kelurahan_code,
    Complaint.description,
    Complaint.address,
    Complaint.rt,
    Complaint.rw,
    Complaint.lat,
    Complaint.lon,
    Complaint.reported_at,
    Complaint.updated_at,
    Complaint.match_text,
    Complaint.place_record,
    Complaint.complainant_name,
    Complaint.nik_index,
    Complaint.phone_index,
    Complaint.phone_encrypted,
    Complaint.duplicate_of_id,
    JakiReport.jaki_status,
    JakiReport.jaki_updated_at,
)


def tsquery_text(tokens: Sequence[str]) -> str | None:
    """`a | b | c` over the tokens that are safe in a tsquery, or None if there are none."""
    safe = sorted({t for t in tokens if _TOKEN.match(t)})
    return " | ".join(f"'{t}'" for t in safe) or None


async def candidates(session: AsyncSession, w: Window) -> Sequence[Any]:
    """Possible duplicates of one complaint (see `candidate_statement`)."""
    # A plan made for this complaint's own values: the generic plan PostgreSQL settles on for a
    # prepared statement after a few runs cannot know how many rows a kelurahan or a time
    # window holds, and took about a third longer here.
    connection = await session.connection()
    await connection.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    # On the connection, not through the ORM session: plain rows, and the ORM's handling of a
    # result took a few milliseconds of every search.
    stmt, values = candidate_statement(w)
    return (await connection.execute(stmt, values)).all()


@dataclass(frozen=True, slots=True)
class _Shape:
    """Which routes a search takes: one statement per shape, built once."""

    nik: bool
    phone: bool
    words: bool
    places: bool
    point: bool
    exclude: bool


def candidate_statement(w: Window) -> tuple[Select[Any], dict[str, Any]]:
    """Possible duplicates of one complaint, each found through an index: the same NIK or phone
    within a year; the same kelurahan within the window, best text match first; the same
    category in the kecamatan, best text match first; the same street or gang named in the
    kecamatan over `street_days`, newest first, and the same in the kabupaten/kota; points
    within `radius_m`, nearest first. At most `PER_ROUTE` from a route (half that for the
    kecamatan's; `STREET_ROUTE` for each of the street's).

    The statement and the values to run it with: statements are built once per shape (which
    routes the complaint allows) and bound to each search's values, since building one took
    about as long as PostgreSQL took to run it."""
    query = tsquery_text(w.tokens)
    has_point = w.lat is not None and w.lon is not None
    shape = _Shape(
        nik=bool(w.nik_indexes),
        phone=bool(w.phone_indexes),
        words=query is not None,
        places=bool(w.place_keys),
        point=has_point,
        exclude=w.exclude is not None,
    )
    until = w.reported_at + timedelta(days=w.after_days)
    values: dict[str, Any] = {
        "channels": list(w.channels),
        "since": w.reported_at - timedelta(days=w.place_days),
        "until": until,
        "kelurahan": w.kelurahan_code,
        "kecamatan": w.kelurahan_code[:8],
    }
    if shape.exclude:
        values["exclude"] = w.exclude
    if shape.nik or shape.phone:
        values["person_since"] = w.reported_at - timedelta(days=w.person_days)
        if shape.nik:
            values["nik"] = list(w.nik_indexes)
        if shape.phone:
            values["phone"] = list(w.phone_indexes)
    if shape.words:
        values.update(query=query, category=w.category_code)
    if shape.places:
        values.update(
            place_keys=list(w.place_keys),
            street_since=w.reported_at - timedelta(days=w.street_days),
        )
    if has_point:
        assert w.lat is not None and w.lon is not None
        dlat, dlon = w.radius_m / _M_PER_DEG_LAT, w.radius_m / _M_PER_DEG_LON
        values.update(
            lat=w.lat,
            lon=w.lon,
            south=w.lat - dlat,
            north=w.lat + dlat,
            west=w.lon - dlon,
            east=w.lon + dlon,
        )
    return _statement(shape), values


# At most this many candidates from a route (half for the category's): 15 found every true
# report that 20 found on the labelled sets, with fewer to compare (bench/README.md).
PER_ROUTE = 15
# The street route's share in the kecamatan, and again in the kabupaten/kota.
STREET_ROUTE = 6


@lru_cache(maxsize=64)
def _statement(shape: _Shape) -> Select[Any]:
    in_scope: list[ColumnElement[bool]] = [
        Complaint.channel_code.in_(bindparam("channels", expanding=True))
    ]
    if shape.exclude:
        in_scope.append(Complaint.id != bindparam("exclude", type_=Complaint.id.type))
    until = bindparam("until", type_=Complaint.reported_at.type)
    routes: list[Select[Any]] = []
    for wanted, column, name in (
        (shape.nik, Complaint.nik_index, "nik"),
        (shape.phone, Complaint.phone_index, "phone"),
    ):
        if wanted:
            routes.append(
                select(Complaint.id)
                .where(
                    column == any_(bindparam(name, type_=ARRAY(LargeBinary()))),
                    Complaint.reported_at.between(
                        bindparam("person_since", type_=Complaint.reported_at.type), until
                    ),
                )
                .where(*in_scope)
                .limit(PER_ROUTE)
            )
    recent = Complaint.reported_at.between(
        bindparam("since", type_=Complaint.reported_at.type), until
    )
    in_kelurahan = Complaint.kelurahan_code == bindparam("kelurahan", type_=String())
    if shape.words:
        ts = func.to_tsquery(literal("simple", REGCONFIG), bindparam("query", type_=String()))
        rank = func.ts_rank(Complaint.match_vector, ts)
        routes.append(
            select(Complaint.id)
            .where(in_kelurahan, recent, *in_scope)
            .order_by(rank.desc())
            .limit(PER_ROUTE)
        )
        # The same category in the kecamatan (a report filed under the kelurahan next door):
        # ranked, not filtered, by the words, since a match on common words would make
        # PostgreSQL read a large part of the full-text index.
        routes.append(
            select(Complaint.id)
            .where(
                Complaint.kecamatan_code == bindparam("kecamatan", type_=String()),
                Complaint.category_code == bindparam("category", type_=String()),
                recent,
                *in_scope,
            )
            .order_by(rank.desc())
            .limit(PER_ROUTE // 2)
        )
    else:
        routes.append(
            select(Complaint.id)
            .where(in_kelurahan, recent, *in_scope)
            .order_by(Complaint.reported_at.desc())
            .limit(PER_ROUTE)
        )
    if shape.places:
        # The same street or gang named, whatever the words say, over a longer window: a problem
        # left unsolved brings its reporter's neighbours to the desk months on, and a JAKI
        # report's kelurahan is often the one nearest its point, across a kelurahan's or a
        # kecamatan's boundary from the desk's. The newest in the complaint's own kecamatan,
        # then the newest in its kabupaten/kota: a common name is in many kecamatan, and one
        # ordering over both would read every report of the name in the kota.
        named = Complaint.place_keys.overlap(bindparam("place_keys", type_=ARRAY(Text())))
        street_window = Complaint.reported_at.between(
            bindparam("street_since", type_=Complaint.reported_at.type), until
        )
        in_kecamatan = Complaint.kecamatan_code == bindparam("kecamatan", type_=String())
        for narrower in ((in_kecamatan,), ()):
            routes.append(
                select(Complaint.id)
                .where(named, *narrower, street_window, *in_scope)
                .order_by(Complaint.reported_at.desc())
                .limit(STREET_ROUTE)
            )
    if shape.point:
        box = func.box(
            func.point(bindparam("west", type_=Float()), bindparam("south", type_=Float())),
            func.point(bindparam("east", type_=Float()), bindparam("north", type_=Float())),
        )
        point = func.point(Complaint.lon, Complaint.lat)
        here = func.point(bindparam("lon", type_=Float()), bindparam("lat", type_=Float()))
        # One GiST index holds the point and the time: both conditions in one scan.
        routes.append(
            select(Complaint.id)
            .where(Complaint.lat.is_not(None), point.op("<@")(box), recent, *in_scope)
            .order_by(point.op("<->")(here))
            .limit(PER_ROUTE)
        )
    found = union(*routes).subquery()
    stmt: Select[Any] = (
        select(*CANDIDATE_COLUMNS)  # type: ignore[assignment]  # a row of many typed columns
        .join(found, found.c.id == Complaint.id)
        .outerjoin(JakiReport, JakiReport.complaint_id == Complaint.id)
    )
    return stmt


async def get_model(session: AsyncSession, version: int) -> DedupModel | None:
    return await session.get(DedupModel, version)


async def newest_model_version(session: AsyncSession) -> int | None:
    """The newest learned model's version; None if none was stored."""
    return await session.scalar(select(func.max(DedupModel.version)))


async def add_model(session: AsyncSession, source: str, weights: dict[str, Any]) -> DedupModel:
    model = DedupModel(source=source, weights=weights)
    session.add(model)
    await session.flush()
    return model


# The row under this token holds how many named complainants were counted.
TOTAL_TOKEN = ""


# Never a name token (those have no spaces): where `lookups` returns the model version.
_MODEL_ROW = " model"


async def lookups(
    session: AsyncSession, tokens: Sequence[str]
) -> tuple[dict[str, int], int, int | None]:
    """In one round trip: how many mirrored complainants carry each of `tokens`, how many were
    counted, and the newest learned model's version (None: none was stored)."""
    connection = await session.connection()
    counts = dict((await connection.execute(_LOOKUPS, {"tokens": [*tokens, TOTAL_TOKEN]})).all())
    return counts, counts.pop(TOTAL_TOKEN, 0), counts.pop(_MODEL_ROW) or None


# Built once, like the candidate statement: it runs in every search.
_LOOKUPS = union_all(
    select(DedupNameCount.token, DedupNameCount.count).where(
        DedupNameCount.token.in_(bindparam("tokens", expanding=True))
    ),
    select(literal(_MODEL_ROW), func.coalesce(func.max(DedupModel.version), 0)),
)


async def replace_name_counts(session: AsyncSession, counts: dict[str, int], total: int) -> None:
    """Replace the name frequencies with new ones."""
    await session.execute(delete(DedupNameCount))
    rows = [{"token": t, "count": n} for t, n in counts.items() if 0 < len(t) <= 100]
    rows.append({"token": TOTAL_TOKEN, "count": total})
    for start in range(0, len(rows), 5000):
        await session.execute(insert(DedupNameCount), rows[start : start + 5000])


async def save_candidates(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Store candidates found for a complaint; a decided one keeps its decision."""
    if not rows:
        return
    stmt = insert(DedupCandidate).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=[DedupCandidate.complaint_id, DedupCandidate.candidate_id],
        set_={
            "score": stmt.excluded.score,
            "band": stmt.excluded.band,
            "rule": stmt.excluded.rule,
            "comparison": stmt.excluded.comparison,
            "model_version": stmt.excluded.model_version,
        },
        where=DedupCandidate.decision.is_(None),
    )
    await session.execute(stmt)


async def get_candidate(
    session: AsyncSession, complaint_id: uuid.UUID, candidate_id: uuid.UUID
) -> DedupCandidate | None:
    return await session.get(
        DedupCandidate, (complaint_id, candidate_id), with_for_update=True, populate_existing=True
    )


async def add_candidate(session: AsyncSession, candidate: DedupCandidate) -> DedupCandidate:
    session.add(candidate)
    await session.flush()
    return candidate


def _open_review() -> tuple[Any, ...]:
    return (
        DedupCandidate.band == "review",
        DedupCandidate.decision.is_(None),
        Complaint.duplicate_of_id.is_(None),
    )


async def review_queue(
    session: AsyncSession,
    *,
    limit: int,
    offset: int | None,
    after: tuple[datetime, uuid.UUID] | None,
) -> tuple[Sequence[tuple[Complaint, datetime]], int]:
    """Complaints with undecided review-band candidates, oldest finding first (then id), after
    the cursor's, each with its first finding; and how many wait in all."""
    first_found = func.min(DedupCandidate.found_at)
    waiting = (
        select(Complaint.id, first_found.label("first_found"))
        .join(DedupCandidate, DedupCandidate.complaint_id == Complaint.id)
        .where(*_open_review())
        .group_by(Complaint.id)
        .subquery()
    )
    total = await session.scalar(select(func.count()).select_from(waiting))
    stmt = select(Complaint, waiting.c.first_found).join(waiting, waiting.c.id == Complaint.id)
    if after is not None:
        stmt = stmt.where(paging.after([waiting.c.first_found, Complaint.id], after))
    stmt = stmt.order_by(waiting.c.first_found, Complaint.id).limit(limit).offset(offset or 0)
    rows = (await session.execute(stmt)).all()
    return [(c, found) for c, found in rows], total or 0


async def open_review_candidates(
    session: AsyncSession, complaint_ids: Sequence[uuid.UUID]
) -> Sequence[Any]:
    """The undecided review-band candidates of these complaints, best first."""
    stmt = (
        select(
            DedupCandidate.complaint_id,
            DedupCandidate.candidate_id,
            DedupCandidate.score,
            DedupCandidate.band,
            DedupCandidate.found_at,
            Complaint.tracking_number,
            Complaint.external_id,
        )
        .join(Complaint, Complaint.id == DedupCandidate.candidate_id)
        .where(
            DedupCandidate.complaint_id.in_(complaint_ids),
            DedupCandidate.band == "review",
            DedupCandidate.decision.is_(None),
        )
        .order_by(DedupCandidate.score.desc())
    )
    return (await session.execute(stmt)).all()


async def decisions(
    session: AsyncSession,
    *,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int | None,
    after: tuple[datetime, uuid.UUID, uuid.UUID] | None,
) -> tuple[Sequence[DedupCandidate], int]:
    """Pairs decided in [since, until), oldest decision first (then the pair), after the
    cursor's; and how many there are."""
    where: list[ColumnElement[bool]] = [DedupCandidate.decision.is_not(None)]
    if since is not None:
        where.append(DedupCandidate.decided_at >= since)
    if until is not None:
        where.append(DedupCandidate.decided_at < until)
    total = await session.scalar(select(func.count()).select_from(DedupCandidate).where(*where))
    order = [DedupCandidate.decided_at, DedupCandidate.complaint_id, DedupCandidate.candidate_id]
    if after is not None:
        where.append(paging.after(order, after))
    stmt = select(DedupCandidate).where(*where).order_by(*order).limit(limit).offset(offset or 0)
    return (await session.scalars(stmt)).all(), total or 0


async def all_decisions(session: AsyncSession) -> Sequence[Any]:
    """Every decided pair's rule, comparison and decision: what `pintu dedup-train` learns from."""
    stmt = select(DedupCandidate.rule, DedupCandidate.comparison, DedupCandidate.decision).where(
        DedupCandidate.decision.is_not(None)
    )
    return (await session.execute(stmt)).all()
