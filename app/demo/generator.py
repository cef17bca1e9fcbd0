"""Synthetic JAKI reports and walk-in complaints for demos, load tests and matching experiments.

Everything is drawn from a seeded `random.Random`, so the same arguments give the same output.
The data is realistic but invented: names are common Indonesian names, NIKs and phone numbers
are well-formed but random, points lie near the reference point of a real kelurahan.
`jaki_reports_with_origin` and `walk_ins_with_sources` also give the ground truth: the kelurahan
each report was placed around, and which JAKI report each walk-in complaint restates. The pieces
they are made of (one report, one walk-in body, a person, a point, a desk time …) are public too,
so the matcher's lab can make look-alikes the same way.
"""

from __future__ import annotations

import calendar
import csv
import gzip
import io
import json
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.demo import follow_ups, phrasing, recall, scenes
from app.demo.names import full_name
from app.demo.words import words

__all__ = [
    "DEFAULT_START",
    "Kelurahan",
    "as_wib",
    "desk_complainant",
    "desk_days_after",
    "desk_time",
    "format_phone",
    "jaki_address",
    "jaki_follow_ups",
    "jaki_report",
    "jaki_reports",
    "jaki_reports_with_origin",
    "load_kelurahan",
    "new_person",
    "point_near",
    "walk_in_body",
    "walk_in_complaints",
    "walk_ins_with_sources",
    "write_jsonl",
]

REGIONS_CSV = Path(__file__).resolve().parents[2] / "migrations" / "data" / "jakarta_regions.csv"
WIB = timezone(timedelta(hours=7))
DEFAULT_START = datetime(2026, 11, 27, tzinfo=WIB)
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = -6.40, -5.10, 106.30, 107.00
_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(6.2))

STATUS_WEIGHTS = dict(Menunggu=20, Koordinasi=5, Disposisi=10, Proses=25, Selesai=37, Ditolak=3)
# JAKI's words: (Pintu's code, weight among JAKI reports, weight at the walk-in desk)
CATEGORIES: dict[str, tuple[str, float, float]] = {
    "Bantuan Sosial": ("bansos", 7, 30),
    "Pertanahan": ("pertanahan", 3, 18),
    "Administrasi Kependudukan": ("kependudukan", 5, 10),
    "Kesehatan": ("kesehatan", 4, 8),
    "Pendidikan": ("pendidikan", 3, 7),
    "Jalan Rusak": ("jalan", 14, 5),
    "Saluran Air, Kali/Sungai": ("saluran", 10, 3),
    "Banjir": ("saluran", 6, 1),
    "Sampah": ("sampah", 14, 3),
    "Penerangan Jalan Umum": ("penerangan_jalan", 8, 2),
    "Parkir Liar": ("ketertiban", 8, 2),
    "Pedagang Kaki Lima": ("ketertiban", 6, 1),
    "Air Bersih": ("air_bersih", 5, 3),
    "Perizinan": ("perizinan", 3, 3),
    "Transportasi": ("transportasi", 3, 1),
    "Pohon Tumbang": ("lainnya", 0.6, 1.5),  # names Pintu does not know (~1%)
    "Fasilitas Umum": ("lainnya", 0.4, 1.5),
}
JAKI_TO_PINTU = {word.lower(): code for word, (code, _, _) in CATEGORIES.items()}
PERSON_CATEGORIES = frozenset(
    ("Bantuan Sosial", "Pertanahan", "Administrasi Kependudukan", "Kesehatan", "Pendidikan")
)
# Reports per hour of the day: mostly daytime, a little at night.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 9, 8, 7, 7, 7, 6, 6, 7, 7, 7, 6, 4, 3, 2)
# Registration regions outside Jakarta: Kab. Bogor, Kota Bekasi, Kota Depok, Kab. Bekasi,
# Kota Tangerang, Kab. Tangerang, Kota Tangerang Selatan.
NEARBY_NIK_REGIONS = words("320101, 327501, 327504, 327603, 321601, 367101, 360303, 367403")
MOBILE_PREFIXES = words("811, 812, 813, 821, 822, 852, 853, 857, 858, 877, 878, 895, 896, 881, 838")


@dataclass(frozen=True, slots=True)
class Kelurahan:
    """A kelurahan with its reference point and the names of its kecamatan and kota."""

    code: str
    name: str
    kecamatan: str
    kota: str
    lat: float
    lon: float

    @property
    def kota_short(self) -> str:
        """The kota as units name it: "Jakarta Pusat", "Kepulauan Seribu"."""
        return self.kota.removeprefix("Kota Administrasi ").removeprefix("Kabupaten Administrasi ")


@lru_cache(maxsize=1)
def _kelurahan() -> tuple[Kelurahan, ...]:
    with REGIONS_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = {r["code"]: r["name"].strip() for r in rows}
    parent = {r["code"]: r["parent_code"] for r in rows}
    found = []
    for r in rows:
        if r["level"] == "kelurahan" and r["lat"] and r["lon"]:
            kec = r["parent_code"]
            lat, lon = float(r["lat"]), float(r["lon"])
            found.append(
                Kelurahan(r["code"], names[r["code"]], names[kec], names[parent[kec]], lat, lon)
            )
    return tuple(found)


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(k.code for k in _kelurahan())


def load_kelurahan() -> list[Kelurahan]:
    """Jakarta's kelurahan with their reference points, from migrations/data."""
    return list(_kelurahan())


def _kecamatan_prefixes() -> tuple[str, ...]:
    return tuple(sorted({k.code[:8].replace(".", "") for k in _kelurahan()}))


def as_wib(moment: datetime | None) -> datetime:
    """`moment` in WIB (a naive one is taken as WIB); `DEFAULT_START` for None."""
    if moment is None:
        return DEFAULT_START
    return moment.replace(tzinfo=WIB) if moment.tzinfo is None else moment.astimezone(WIB)


def _iso(moment: datetime) -> str:
    return moment.astimezone(WIB).isoformat(timespec="seconds")


def point_near(rng: random.Random, lat: float, lon: float, radius_m: float) -> tuple[float, float]:
    """A uniform point within `radius_m` of (lat, lon), kept inside Jakarta's box."""
    r, angle = radius_m * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
    lat += r * math.sin(angle) / _M_PER_DEG_LAT
    lon += r * math.cos(angle) / _M_PER_DEG_LON
    return (round(min(max(lat, LAT_MIN), LAT_MAX), 6), round(min(max(lon, LON_MIN), LON_MAX), 6))


def _nearest(lat: float, lon: float) -> Kelurahan:
    def d2(k: Kelurahan) -> float:
        return ((k.lat - lat) * _M_PER_DEG_LAT) ** 2 + ((k.lon - lon) * _M_PER_DEG_LON) ** 2

    return min(_kelurahan(), key=d2)


def _nik(rng: random.Random, female: bool) -> str:
    """Region of registration + DDMMYY (women +40 on the day) + serial."""
    region = rng.choice(_kecamatan_prefixes() if rng.random() < 0.85 else NEARBY_NIK_REGIONS)
    year, month = rng.randint(1950, 2006), rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1]) + (40 if female else 0)
    return f"{region}{day:02d}{month:02d}{year % 100:02d}{rng.randint(1, 2999):04d}"


def _phone(rng: random.Random) -> str:
    """A mobile number written as people write them: 08…, 628…, +62…, with or without dashes."""
    national = rng.choice(MOBILE_PREFIXES) + "".join(
        str(rng.randrange(10)) for _ in range(rng.choice((7, 8, 8, 9)))
    )
    return format_phone(rng, national)


def format_phone(rng: random.Random, national: str) -> str:
    """A national mobile number (without 0 or 62) written in one of the ways people write it."""
    head, mid, tail = national[:3], national[3:7], national[7:]
    shapes = ("0{}{}{}", "0{}{}{}", "0{}-{}-{}", "+62{}{}{}", "62{}{}{}", "+62 {} {} {}")
    return rng.choice(shapes).format(head, mid, tail)


def new_person(rng: random.Random) -> dict[str, Any]:
    """A new person: a name, a NIK and a phone."""
    female = rng.random() < 0.5
    return {"name": full_name(rng, female), "nik": _nik(rng, female), "phone": _phone(rng)}


def _created_at(rng: random.Random, start: datetime, days: int) -> datetime:
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    day -= timedelta(days=rng.randint(1, days))
    hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
    return day + timedelta(hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60))


def _updated_at(rng: random.Random, status: str, created: datetime, start: datetime) -> datetime:
    if status == "Menunggu":
        hours = 0.0 if rng.random() < 0.5 else rng.uniform(0, 2)
    else:
        mean = {"Koordinasi": 30, "Disposisi": 40, "Proses": 80, "Selesai": 120}.get(status, 48)
        hours = rng.uniform(0.5, 3) + rng.expovariate(1 / mean)
    updated = created + timedelta(seconds=round(hours * 3600))
    return max(created, min(updated, start - timedelta(seconds=1)))


def jaki_follow_ups(
    rng: random.Random,
    report: dict[str, Any],
    place: Kelurahan,
    created: datetime,
    updated: datetime,
) -> list[dict[str, str]]:
    """The follow-ups of a report in `report["status"]`: who answered, when, in what words."""
    status, category = report["status"], report["category"]
    if status == "Menunggu":
        return []
    dinas, sudin = follow_ups.AGENCIES.get(category, ("Dinas Lingkungan Hidup", "Kelurahan {kel}"))
    slots = {"dinas": dinas, "sudin": sudin.format(kota=place.kota_short, kel=place.name)}
    local = rng.choice((f"Kelurahan {place.name}",) * 3 + (f"Kecamatan {place.kecamatan}",))
    final = {
        "Koordinasi": (local, follow_ups.NOTE_COORDINATE),
        "Disposisi": (dinas, follow_ups.NOTE_DISPOSE),
        "Proses": (slots["sudin"], follow_ups.NOTE_PROCESS),
        "Selesai": (slots["sudin"], follow_ups.NOTE_DONE),
        "Ditolak": (local, follow_ups.NOTE_REJECTED),
    }[status]
    steps = [(local, follow_ups.NOTE_RECEIVED), (dinas, follow_ups.NOTE_DISPOSE), final]
    if status not in ("Proses", "Selesai"):
        del steps[1]
    steps = steps[-rng.randint(1, len(steps)) :]
    span = (updated - created).total_seconds()
    moments = [*sorted(rng.uniform(0, span) for _ in steps[:-1]), span]
    return [
        {
            "at": _iso(created + timedelta(seconds=round(s))),
            "unit": unit,
            "note": rng.choice(notes).format_map(slots),
        }
        for s, (unit, notes) in zip(moments, steps, strict=True)
    ]


def jaki_address(rng: random.Random, scene: dict[str, Any], place: Kelurahan) -> str:
    """The address of `scene` in `place` as a JAKI report gives it, in one of its shapes."""
    street, gang, no = f"Jl. {scene['street']}", scene["gang"], scene["no"]
    rt, rw = scene["rt"], scene["rw"]
    where = f"{street} Gg. {gang}" if scene["in_gang"] else street
    kota = ("Kota " if place.code[:5] != "31.01" else "Kab. ") + place.kota_short
    return rng.choice(
        (
            f"{where} No. {no}, RT {rt:02d}/RW {rw:02d}",
            f"{where} No. {no}, RT {rt:02d}/RW {rw:02d}, Kel. {place.name}",
            f"{where} No.{no}, RT.{rt}/RW.{rw}, {place.name}, Kec. {place.kecamatan}, {kota}",
            f"Gg. {gang} No. {no} RT {rt:03d}/RW {rw:03d}, {street}",
        )
    )


def jaki_report(
    rng: random.Random, serial: int, created: datetime, place: Kelurahan, start: datetime
) -> dict[str, Any]:
    """One JAKI report in the feed's shape, number `serial`, created at `created` around `place`
    and last updated before `start`."""
    category = rng.choices(list(CATEGORIES), [w for _, w, _ in CATEGORIES.values()])[0]
    status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
    updated = _updated_at(rng, status, created, start)
    scene = scenes.new_scene(rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5])
    lat, lon = point_near(rng, place.lat, place.lon, 600)
    report: dict[str, Any] = {
        "id": f"JAKI-{created.year}-{serial:07d}",
        "created_at": _iso(created),
        "updated_at": _iso(updated),
        "status": status,
        "category": category,
        "description": phrasing.informal(
            rng, category, scene, place=category not in PERSON_CATEGORIES
        ),
        "lat": lat,
        "lon": lon,
    }
    if rng.random() < 0.90:
        report["address"] = jaki_address(rng, scene, place)
    if rng.random() < 0.85:
        report["kelurahan_code"] = place.code
    reporter = None
    if rng.random() >= 0.25:
        person, kind = new_person(rng), rng.random()
        reporter = {k: v for k, v in person.items() if not (k == "phone" and kind < 0.35)}
        if kind > 0.75:
            del reporter["nik"]
    report["reporter"] = reporter
    report["is_public"] = rng.random() < 0.8
    photos = rng.choices((0, 1, 2, 3), (20, 45, 25, 10))[0]
    report["photo_urls"] = [
        f"https://jaki.jakarta.go.id/media/r/{serial:07d}-{k}.jpg" for k in range(1, photos + 1)
    ]
    support = min(200, int(rng.paretovariate(1.2)) - 1) if report["is_public"] else 0
    report["support_count"] = support
    report["follow_ups"] = jaki_follow_ups(rng, report, place, created, updated)
    if rng.random() < 0.01:
        report["channel_detail"] = rng.choice(("android", "ios"))
    return report


def jaki_reports_with_origin(
    count: int, *, seed: int = 7, start: datetime | None = None, days: int = 90
) -> Iterator[tuple[dict[str, Any], Kelurahan]]:
    """Like `jaki_reports`, with the kelurahan each report was placed around."""
    if count < 0 or days < 1:
        raise ValueError("count must be >= 0 and days >= 1")
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible on purpose
    end = as_wib(start)
    places = _kelurahan()
    every = list(places)
    rng.shuffle(every)
    weights = [0.2 if k.code.startswith("31.01") else 1.0 for k in places]
    origins = every[:count] + rng.choices(places, weights, k=max(0, count - len(places)))
    rng.shuffle(origins)
    stamps = sorted(_created_at(rng, end, days) for _ in range(count))
    for serial, (created, place) in enumerate(zip(stamps, origins, strict=True), start=1):
        yield jaki_report(rng, serial, created, place, end), place


def jaki_reports(
    count: int, *, seed: int = 7, start: datetime | None = None, days: int = 90
) -> Iterator[dict[str, Any]]:
    """`count` JAKI reports in the feed's shape (docs/jaki-feed.md), created in the `days`
    before `start` (default 2026-11-27 00:00 WIB) and ordered by creation; every kelurahan is
    the origin of at least one report when `count` >= 267."""
    for report, _ in jaki_reports_with_origin(count, seed=seed, start=start, days=days):
        yield report


def desk_time(rng: random.Random, day: date) -> datetime:
    """Mostly within the desk's hours, 08:00-09:30; a few early or late."""
    minute = rng.randint(480, 570) if rng.random() < 0.9 else rng.choice((450, 575, 600, 620))
    return datetime.combine(day, time(minute // 60, minute % 60, rng.randrange(60)), WIB)


def desk_days_after(created: datetime, end: datetime) -> list[date]:
    """Working days 1-20 days after `created` whose desk hours end before `end`."""
    days = (created.astimezone(WIB).date() + timedelta(days=k) for k in range(1, 21))
    return [d for d in days if d.weekday() < 5 and datetime.combine(d, time(10, 30), WIB) <= end]


def desk_complainant(rng: random.Random, reporter: dict[str, Any] | None) -> dict[str, Any]:
    """The JAKI reporter at the desk (same person, phone maybe written differently), or a new
    complainant; a walk-in always has a name and a NIK or phone."""
    person = new_person(rng)
    if not reporter:
        drop = rng.choice(("phone",) * 3 + ("nik",) + (None,) * 6)
        return {k: v for k, v in person.items() if k != drop}
    out = {"name": reporter.get("name") or person["name"]}
    if reporter.get("nik") or rng.random() < 0.7:
        out["nik"] = reporter.get("nik") or person["nik"]
    if phone := reporter.get("phone"):
        digits = "".join(c for c in phone if c.isdigit())
        out["phone"] = format_phone(rng, digits[2:] if digits.startswith("62") else digits[1:])
    elif "nik" not in out or rng.random() < 0.5:
        out["phone"] = person["phone"]
    return out


def walk_in_body(
    rng: random.Random, when: datetime, source: dict[str, Any] | None
) -> dict[str, Any]:
    """A walk-in complaint body reported at `when`: restating JAKI report `source` in formal
    words, or (None) a complaint of its own."""
    if source is None:
        place = rng.choice(_kelurahan())
        category = rng.choices(list(CATEGORIES), [w for _, _, w in CATEGORIES.values()])[0]
    else:
        code = source.get("kelurahan_code")
        place = next((k for k in _kelurahan() if k.code == code), None) or _nearest(
            source["lat"], source["lon"]
        )
        category = source["category"]
    scene = scenes.new_scene(rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5])
    point = None
    if source is not None:
        recall.recall_scene(source, scene)
        if source.get("lat") is not None and rng.random() < 0.85:
            point = point_near(rng, source["lat"], source["lon"], 150)
    elif rng.random() < 0.7:
        point = point_near(rng, place.lat, place.lon, 600)
    via_jaki = source is not None and rng.random() < 0.4
    gang = f" Gg. {scene['gang']}" if scene["in_gang"] else ""
    body: dict[str, Any] = {
        "channel": "walk_in",
        "category": JAKI_TO_PINTU.get(category.lower(), "lainnya"),
        "description": phrasing.formal(rng, category, scene, via_jaki=via_jaki),
        "kelurahan_code": place.code,
        "address": f"Jl. {scene['street']}{gang} No. {scene['no']}",
        "rt": f"{max(1, scene['rt']):03d}",
        "rw": f"{max(1, scene['rw']):03d}",
    }
    if point is not None:
        body["lat"], body["lon"] = point
    body["reported_at"] = _iso(when)
    body["complainant"] = desk_complainant(rng, source.get("reporter") if source else None)
    return body


def walk_ins_with_sources(
    count: int,
    *,
    seed: int = 11,
    jaki: list[dict[str, Any]] | None = None,
    duplicate_share: float = 0.3,
    start: datetime | None = None,
    days: int = 90,
) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Like `walk_in_complaints`, with the id of the JAKI report each one restates (or None):
    the answers a matching feature should find."""
    if count < 0 or days < 1 or not 0 <= duplicate_share <= 1:
        raise ValueError("count must be >= 0, days >= 1, duplicate_share within 0..1")
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible on purpose
    end = as_wib(start)
    candidates = []
    for report in jaki or []:
        created = datetime.fromisoformat(report["created_at"])
        created = created.replace(tzinfo=WIB) if created.tzinfo is None else created
        placed = report.get("lat") is not None or report.get("kelurahan_code") in _codes()
        if placed and (desk_days := desk_days_after(created, end)):
            weight = (3 if report["category"] in PERSON_CATEGORIES else 1) * (
                2 if report.get("reporter") else 1
            )
            candidates.append((rng.random() ** (1 / weight), report, desk_days))
    candidates.sort(key=lambda c: c[0], reverse=True)  # weighted sampling without replacement
    dups = min(round(count * duplicate_share), len(candidates))
    picked = [(r, desk_time(rng, rng.choice(d))) for _, r, d in candidates[:dups]]
    fresh = []
    for _ in range(count - dups):
        day = end.date() - timedelta(days=rng.randint(1, days))
        while day.weekday() >= 5 and days > 2:  # the desk opens Monday to Friday
            day = end.date() - timedelta(days=rng.randint(1, days))
        fresh.append((None, desk_time(rng, day)))
    items = [(walk_in_body(rng, when, r), r["id"] if r else None) for r, when in picked + fresh]
    items.sort(key=lambda item: item[0]["reported_at"])
    yield from items


def walk_in_complaints(
    count: int,
    *,
    seed: int = 11,
    jaki: list[dict[str, Any]] | None = None,
    duplicate_share: float = 0.3,
    start: datetime | None = None,
    days: int = 90,
) -> Iterator[dict[str, Any]]:
    """Bodies for `POST /v1/complaints` from the walk-in desk, ordered by `reported_at`. With
    `jaki`, about `duplicate_share` of them restate one of those reports in formal words: same
    reporter (when known), same kelurahan, a nearby point, 1-20 days later."""
    for body, _ in walk_ins_with_sources(
        count, seed=seed, jaki=jaki, duplicate_share=duplicate_share, start=start, days=days
    ):
        yield body


def write_jsonl(
    reports: Iterable[dict[str, Any]], path: Path, *, gzip_output: bool | None = None
) -> int:
    """Write one JSON object per line, gzip-compressed when `path` ends in .gz or when asked
    (`gzip_output=False` forces plain text); return how many were written."""
    path = Path(path)
    compress = path.name.endswith(".gz") if gzip_output is None else gzip_output
    written = 0
    with path.open("wb") as raw:
        binary = gzip.GzipFile("", "wb", fileobj=raw, mtime=0) if compress else raw
        with io.TextIOWrapper(binary, encoding="utf-8", newline="\n") as out:
            for report in reports:
                out.write(json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n")
                written += 1
    return written
