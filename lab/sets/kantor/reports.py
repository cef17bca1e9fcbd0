"""JAKI reports written out: times, statuses with their follow-ups, ids, the feed's JSON shape."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from typing import Any

from lab.sets.kantor.people import Person, jaki_phone
from lab.sets.kantor.places import Spot, formal_address, near
from lab.sets.kantor.regions import Kelurahan
from lab.sets.kantor.world import Incident, Report, World
from lab.sets.kantor.writing import jaki_person_text, jaki_place_text

WIB = timezone(timedelta(hours=7))
START = datetime(2026, 6, 1, tzinfo=WIB)
END = datetime(2026, 11, 30, 23, 59, 59, tzinfo=WIB)
HOURS = list(range(24))
HOUR_WEIGHTS = [1, 1, 1, 1, 2, 5, 8, 10, 10, 9, 8, 7, 7, 7, 6, 6, 7, 7, 8, 9, 9, 7, 4, 2]


def jaki_moment(rng: random.Random, day: date) -> datetime:
    """When in a day someone reports in the app: mornings and evenings most."""
    hour = rng.choices(HOURS, HOUR_WEIGHTS)[0]
    return datetime(
        day.year, day.month, day.day, hour, rng.randint(0, 59), rng.randint(0, 59)
    ).replace(tzinfo=WIB)


def desk_moment(rng: random.Random, day: date) -> datetime:
    """A weekday morning at the desk (08:00–09:30, a few minutes either side)."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    minute = rng.randint(-15, 100)
    start = datetime(day.year, day.month, day.day, 8, 0, tzinfo=WIB)
    return start + timedelta(minutes=minute, seconds=rng.randint(0, 59))


def jaki_before(rng: random.Random, moment: datetime, days_lo: int, days_hi: int) -> datetime:
    """A JAKI report some days before a moment, never before START and always before it."""
    day = (moment - timedelta(days=rng.randint(days_lo, days_hi))).date()
    day = max(day, START.date())
    when = jaki_moment(rng, day)
    if when >= moment:
        when = moment - timedelta(minutes=rng.randint(30, 600))
    return max(when, START)


def file_report(
    world: World,
    incident: Incident,
    reporter: Person | None,
    created: datetime,
    told_at: Spot | None = None,
    again: bool = False,
    from_kel: Kelurahan | None = None,
) -> Report:
    """A JAKI report of an incident, in the tidy voice; told_at is where the reporter says it is
    (a neighbour standing a few houses away gives another number and point)."""
    rng = world.rng
    fam = incident.family
    days = max((created - incident.onset).days, 1)
    if fam.about == "place":
        spot = told_at or incident.spot
        text = jaki_place_text(
            rng, incident.variant, incident.facts, spot, reporter, days, fam.impacts, again
        )
        point = near(rng, spot.point, 25) if rng.random() < 0.85 else None
        address = formal_address(rng, spot) if rng.random() < 0.85 else None
        code: str | None = spot.kel.code if point is None or rng.random() < 0.92 else None
        public, support = rng.random() < 0.9, rng.choice((0, 0, 1, 2, 3, 5, 8, 13, 21))
        photos = rng.choice((0, 1, 1, 2, 2, 3))
    else:
        person = incident.person
        assert person is not None
        text = jaki_person_text(rng, incident.variant, incident.facts, person, again)
        where = from_kel or person.home.kel
        point = None
        if rng.random() < 0.35 or from_kel is not None:
            base = person.home.point if from_kel is None else (from_kel.lat, from_kel.lon)
            point = near(rng, base, 150)
        address = formal_address(rng, person.home) if rng.random() < 0.7 else None
        code = where.code
        public, support = rng.random() < 0.2, rng.choice((0, 0, 0, 0, 1, 2))
        photos = 1 if rng.random() < 0.15 else 0
    report = Report(
        incident=incident,
        reporter=reporter,
        created=created,
        description=text,
        category=rng.choice(fam.jaki_names),
        address=address,
        kelurahan_code=code,
        point=point,
        is_public=public,
        support=support,
        photos=photos,
    )
    world.reports.append(report)
    if reporter is not None:
        reporter.reports.append(len(world.reports) - 1)
    return report


def _status(rng: random.Random, age_days: float) -> str:
    words = ("Menunggu", "Koordinasi", "Disposisi", "Proses", "Selesai", "Ditolak")
    if age_days < 2:
        weights = (70, 30, 0, 0, 0, 0)
    elif age_days < 7:
        weights = (20, 20, 15, 35, 10, 0)
    elif age_days < 30:
        weights = (5, 10, 10, 30, 40, 5)
    else:
        weights = (2, 3, 5, 15, 68, 7)
    return rng.choices(words, weights)[0]


REFUSALS = (
    "Laporan tidak dapat ditindaklanjuti karena lokasi tidak ditemukan di lapangan.",
    "Bukan wewenang Pemprov DKI Jakarta; pelapor diarahkan ke instansi terkait.",
    "Laporan serupa sudah ditangani; mohon pantau laporan sebelumnya.",
)


def _steps(rng: random.Random, report: Report, status: str) -> list[tuple[str, str]]:
    """The follow-ups (unit, note) that lead a report to its status."""
    inc = report.incident
    kel = inc.spot.kel if inc.person is None else inc.person.home.kel
    lurah = f"Kelurahan {kel.name}"
    agency = inc.family.agency
    if agency.endswith("Kecamatan"):
        sudin = f"{agency} {kel.kecamatan}"
    elif agency.startswith("Suku Dinas"):
        sudin = f"{agency} {kel.kota}"
    else:
        sudin = agency
    dinas = agency.replace("Suku Dinas", "Dinas").replace(" Kecamatan", " Provinsi DKI Jakarta")
    forward = (lurah, f"Laporan telah diterima dan diteruskan ke {sudin}.")
    working = (sudin, "Laporan sedang ditangani; petugas sudah dijadwalkan untuk pengecekan.")
    if status == "Menunggu":
        return []
    if status == "Koordinasi":
        return [forward]
    if status == "Disposisi":
        return [(lurah, f"Laporan diteruskan ke {dinas}."), (dinas, f"Didisposisikan ke {sudin}.")]
    if status == "Proses":
        return [forward, working]
    if status == "Ditolak":
        return [(lurah, rng.choice(REFUSALS))]
    done = inc.variant.done + " Terima kasih atas laporannya."
    if inc.family.key in ("jalan", "saluran", "sampah") and rng.random() < 0.3:
        return [
            (lurah, "Laporan diterima; petugas PPSU dijadwalkan ke lokasi."),
            (lurah, f"Sudah ditangani oleh petugas PPSU {lurah}. Terima kasih atas laporannya."),
        ]
    return [forward, working, (sudin, done)] if rng.random() < 0.7 else [forward, (sudin, done)]


def _follow_ups(rng: random.Random, report: Report) -> tuple[str, list[dict[str, str]], datetime]:
    limit = report.closed_before or END
    status = "Selesai" if report.closed_before else _status(rng, (END - report.created).days)
    steps = _steps(rng, report, status)
    offsets, total = [], 0.0
    for i in range(len(steps)):
        total += rng.uniform(0.1, 1.5) if i == 0 else rng.uniform(0.3, 6.0)
        offsets.append(total)
    room = (limit - report.created).total_seconds() / 86400 * 0.9
    scale = min(1.0, room / total) if total else 1.0
    out: list[dict[str, str]] = []
    for (unit, note), days in zip(steps, offsets, strict=True):
        at = report.created + timedelta(days=days * scale, minutes=1 + len(out))
        at = at.replace(microsecond=0)
        out.append({"at": at.isoformat(), "unit": unit, "note": note})
    updated = (
        datetime.fromisoformat(out[-1]["at"])
        if out
        else min(report.created + timedelta(minutes=rng.randint(1, 30)), END)
    )
    return status, out, updated


def write_out(rng: random.Random, reports: list[Report]) -> list[dict[str, Any]]:
    """The reports as JAKI's feed gives them, ids rising with time."""
    order = sorted(range(len(reports)), key=lambda i: (reports[i].created, i))
    serial = rng.randint(70_000, 90_000)
    out: list[dict[str, Any]] = []
    for i in order:
        r = reports[i]
        serial += rng.randint(1, 40)
        r.rid = f"JAKI-2026-{serial:07d}"
        status, follow_ups, updated = _follow_ups(rng, r)
        item: dict[str, Any] = {
            "id": r.rid,
            "created_at": r.created.isoformat(),
            "updated_at": updated.isoformat(),
            "status": status,
            "category": r.category,
            "description": r.description,
        }
        if r.point is not None:
            item["lat"], item["lon"] = r.point
        if r.address is not None:
            item["address"] = r.address
        if r.kelurahan_code is not None:
            item["kelurahan_code"] = r.kelurahan_code
        if r.reporter is not None:
            who: dict[str, str] = {"name": r.reporter.name}
            if r.reporter.jaki_nik:
                who["nik"] = r.reporter.nik
            who["phone"] = jaki_phone(r.reporter)
            item["reporter"] = who
        elif rng.random() < 0.4:
            item["reporter"] = None
        item["is_public"] = r.is_public
        item["photo_urls"] = [
            f"https://jaki.jakarta.go.id/media/r/{serial:07d}-{k}.jpg"
            for k in range(1, r.photos + 1)
        ]
        item["support_count"] = r.support
        item["follow_ups"] = follow_ups
        out.append(item)
    return out
