"""The world written down: JAKI reports as the feed sends them, walk-ins as the desk types them."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random
from typing import Any

from lab.sets.pesisir._geo import Kelurahan, jitter
from lab.sets.pesisir._lexicon import ENGLISH, MONTHS, Problem
from lab.sets.pesisir._people import Person, nik_as, phone_as, respell
from lab.sets.pesisir._voices import (
    OFFICERS,
    PREPS,
    Slots,
    Spot,
    address_as,
    days_phrase,
    fill,
    phone_text,
    place_address,
    place_phrase,
    rt_rw_as,
    street_as,
)
from lab.sets.pesisir._world import END, Incident, Report, Visit, World, pick

LAT_BOX = (-6.40, -5.10)
LON_BOX = (106.30, 107.00)

CATEGORY_LABEL = {
    "bansos": "Bantuan Sosial",
    "pertanahan": "Pertanahan",
    "kependudukan": "Administrasi Kependudukan",
    "kesehatan": "Layanan Kesehatan",
    "pendidikan": "Pendidikan",
    "jalan": "Jalan Rusak",
    "saluran": "Saluran Air dan Genangan",
    "sampah": "Sampah",
    "penerangan_jalan": "Penerangan Jalan Umum",
    "ketertiban": "Ketertiban Umum",
    "air_bersih": "Air Bersih",
    "perizinan": "Perizinan dan Bangunan",
    "transportasi": "Transportasi",
    "lainnya": "Lain-lain",
}
REQUEST = {
    "bansos": "verifikasi data dan penyaluran bantuan sesuai ketentuan",
    "pertanahan": "fasilitasi mediasi dan penyelesaian permasalahan pertanahan",
    "kependudukan": "penyelesaian dokumen kependudukan pelapor",
    "kesehatan": "pemulihan hak layanan kesehatan pelapor",
    "pendidikan": "penyelesaian hak pendidikan anak pelapor",
    "jalan": "perbaikan badan jalan",
    "saluran": "pengurasan dan normalisasi saluran",
    "sampah": "pengangkutan dan penanganan sampah",
    "penerangan_jalan": "perbaikan/penggantian lampu PJU",
    "ketertiban": "penertiban di lokasi",
    "air_bersih": "pemulihan layanan air bersih",
    "perizinan": "pemeriksaan perizinan dan penertiban bangunan",
    "transportasi": "perbaikan sarana dan penertiban angkutan",
    "lainnya": "penanganan di lokasi",
}
REJECTIONS = (
    "Lokasi tidak ditemukan, mohon lengkapi alamat dan foto",
    "Bukan kewenangan Pemprov DKI Jakarta (aset pihak swasta)",
    "Laporan tidak dapat diverifikasi",
    "Merupakan kewenangan instansi vertikal, silakan menghubungi instansi terkait",
)


def iso(t: datetime) -> str:
    return t.isoformat(timespec="seconds")


def _in_box(point: tuple[float, float]) -> tuple[float, float]:
    lat = min(max(point[0], LAT_BOX[0] + 1e-4), LAT_BOX[1] - 1e-4)
    lon = min(max(point[1], LON_BOX[0] + 1e-4), LON_BOX[1] - 1e-4)
    return round(lat, 6), round(lon, 6)


def unit_name(unit: str, kel: Kelurahan) -> str:
    if unit == "Kelurahan":
        return f"Kelurahan {kel.name}"
    if unit.endswith("Kecamatan"):
        return f"{unit} {kel.kecamatan_name}"
    if unit.startswith("Suku Dinas") or unit == "Kantor Pertanahan":
        return f"{unit} {kel.kota_name}"
    return unit


def _time_slots(inc: Incident, at: datetime) -> dict[str, str]:
    days = max(1, (at - inc.onset).days)
    return {
        "hari": str(min(days, 21)),
        "minggu": str(max(1, min(days // 7, 8))),
        "n_bulan": str(max(1, min(days // 30, 12))),
    }


def _slots(inc: Incident, at: datetime) -> Slots:
    slots = Slots(inc.slots)
    slots.update(_time_slots(inc, at))
    lm = inc.spot.landmark
    slots["lm"] = lm or inc.spot.street.name
    return slots


# -- JAKI --------------------------------------------------------------------------------------


def jaki_name(p: Person, rng: Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return p.name
    if roll < 0.65:
        return p.name.lower()
    if roll < 0.75:
        return respell(p.name, rng)
    if roll < 0.82 and p.pre:
        return f"{p.pre} {p.name}"
    if roll < 0.88 and p.name.startswith(("Muhammad ", "Mohammad ")):
        return rng.choice(("M. ", "Moh. ", "Muh. ")) + p.name.split(" ", 1)[1]
    if roll < 0.94 and len(p.name.split()) > 2:
        return " ".join(p.name.split()[:2])
    return p.call


def _reporter(r: Report, rng: Random) -> dict[str, Any] | None:
    p = r.reporter
    if p is None or r.ident == "anon":
        return None
    style = rng.choices(("plus", "zero", "62"), weights=(6, 3, 1))[0]
    phone = phone_as(p.phone, rng, style)
    name = jaki_name(p, rng)
    if r.ident == "full":
        return {"name": name, "nik": p.nik, "phone": phone}
    if r.ident == "phone":
        return {"name": name, "phone": phone}
    if r.ident == "phone_only":
        return {"phone": phone}
    if r.ident == "name":
        return {"name": name}
    assert r.ident == "old_phone" and p.old_phone
    return {"name": name, "phone": phone_as(p.old_phone, rng, style)}


def _jaki_category(problem: Problem, rng: Random) -> str:
    words = problem.jaki_words
    return rng.choices([w for w, _ in words], weights=[n for _, n in words])[0]


def _status(created: datetime, rng: Random) -> str:
    age = (END - created).days
    if age < 2:
        table = {"Menunggu": 60, "Koordinasi": 20, "Disposisi": 10, "Proses": 10}
    elif age < 14:
        table = {
            "Menunggu": 15,
            "Koordinasi": 20,
            "Disposisi": 20,
            "Proses": 30,
            "Selesai": 10,
            "Ditolak": 5,
        }
    else:
        table = {
            "Menunggu": 5,
            "Koordinasi": 8,
            "Disposisi": 10,
            "Proses": 17,
            "Selesai": 50,
            "Ditolak": 10,
        }
    return pick(rng, table)


def _follow_ups(r: Report, status: str, rng: Random) -> list[dict[str, str]]:
    inc = r.incident
    kel = inc.kel
    problem = inc.problem
    here = f"Kelurahan {kel.name}"
    unit = unit_name(problem.unit, kel)
    notes: list[tuple[str, str]] = []
    if status == "Ditolak":
        earlier = [o for o in inc.reports if o.at < r.at]
        if earlier and rng.random() < 0.6:
            reason = "Laporan serupa sudah diterima dan sedang/sudah ditindaklanjuti"
        else:
            reason = rng.choice(REJECTIONS)
        notes.append((here, f"Laporan ditolak: {reason}"))
    elif status != "Menunggu":
        if unit == here:
            notes.append((here, "Laporan diterima dan akan ditindaklanjuti oleh kelurahan"))
        else:
            notes.append((here, f"Laporan diteruskan ke {unit}"))
        if status in ("Disposisi", "Proses", "Selesai") and rng.random() < 0.8:
            notes.append(
                (
                    unit,
                    rng.choice(
                        (
                            "Didisposisikan kepada seksi terkait untuk ditindaklanjuti",
                            "Disposisi ke Satuan Pelaksana kecamatan",
                        )
                    ),
                )
            )
        if status in ("Proses", "Selesai") and rng.random() < 0.7:
            notes.append(
                (
                    unit,
                    rng.choice(
                        (
                            "Petugas sudah survei lokasi, penanganan dijadwalkan",
                            "Sedang dalam proses penanganan",
                            "Sudah dikoordinasikan, menunggu jadwal",
                        )
                    ),
                )
            )
        if status == "Selesai":
            notes.append((unit, rng.choice(problem.done)))
    if not notes:
        return []
    steps = [rng.uniform(0.05, 4.0) for _ in notes]
    span = (END - r.at).total_seconds()
    total_days = sum(steps)
    scale = min(1.0, span / (total_days * 86400)) if total_days else 1.0
    out = []
    t = r.at
    for (who, note), step in zip(notes, steps, strict=True):
        t = t + timedelta(seconds=int(step * 86400 * scale))
        out.append({"at": iso(min(t, END)), "unit": who, "note": note})
    return out


def jaki_report(r: Report, rng: Random, world: World) -> dict[str, Any]:
    inc = r.incident
    problem = inc.problem
    kel = inc.kel
    person_problem = problem.person
    voice = (
        r.reporter.voice
        if r.reporter is not None
        else rng.choice(("pesisir", "gaul", "bapak", "ibu"))
    )
    sloppy = {
        "pesisir": 0.25,
        "gaul": 0.25,
        "kapital": 0.2,
        "bapak": 0.15,
        "jawa": 0.12,
        "ibu": 0.05,
    }[voice]
    slots = _slots(inc, r.at)
    if not person_problem and rng.random() < 0.78:
        slots["loc"] = place_phrase(inc.spot, rng, sloppy=sloppy)
    intro = None
    if person_problem and r.reporter is not None and rng.random() < 0.25:
        home = r.reporter.home
        intro = rng.choice(
            (
                f"saya {r.reporter.call} warga {rt_rw_as(home.rt, home.rw, rng)} {home.kel.name}",
                f"saya warga kel {home.kel.name}",
                f"saya {r.reporter.first}",
            )
        )
    if r.reporter is None and person_problem and rng.random() < 0.5 and inc.person is not None:
        intro = f"atas nama {inc.person.name}"
    month = MONTHS[inc.onset.month - 1]
    template = rng.choice(problem.jaki)
    timed = any(f"{{{k}}}" in template for k in ("hari", "minggu", "bulan", "n_bulan", "tahun"))
    when = (
        days_phrase((r.at - inc.onset).days, month, rng)
        if not timed and rng.random() < 0.4
        else None
    )
    impact = rng.choice(problem.impacts) if problem.impacts and rng.random() < 0.45 else None
    text = phone_text(
        voice,
        rng,
        core=fill(template, slots),
        english=ENGLISH.get(problem.category, ()),
        impact=impact,
        when=when,
        again=r.again and rng.random() < 0.7,
        intro=intro,
    )
    status = _status(r.at, rng)
    follow = _follow_ups(r, status, rng)
    updated = (
        follow[-1]["at"] if follow else iso(min(END, r.at + timedelta(minutes=rng.randint(0, 30))))
    )
    out: dict[str, Any] = {
        "id": r.jid,
        "created_at": iso(r.at),
        "updated_at": updated,
        "status": status if rng.random() < 0.9 else status.upper(),
        "category": _jaki_category(problem, rng),
        "description": text[:5000],
    }
    # where: a point (GPS, with its error), the kelurahan (sometimes the next one), or both
    has_point = rng.random() < (0.5 if person_problem else 0.72)
    if has_point:
        if person_problem:
            base = r.reporter.home.point if r.reporter is not None else inc.point
            lo, hi = 5.0, 80.0
        else:
            base = inc.point
            lo, hi = rng.choices(
                ((5.0, 40.0), (40.0, 150.0), (150.0, 400.0)), weights=(55, 28, 17)
            )[0]
        out["lat"], out["lon"] = _in_box(jitter(rng, base, lo, hi))
    if not has_point or rng.random() < 0.85:
        code_kel = kel
        if person_problem and r.reporter is not None:
            code_kel = r.reporter.home.kel
        if rng.random() < 0.07:
            code_kel = world.atlas.near(code_kel, rng)
        out["kelurahan_code"] = code_kel.code
    if person_problem:
        if r.reporter is not None and rng.random() < 0.5:
            out["address"] = address_as(
                _home_spot(r.reporter), rng, sloppy=sloppy, with_kel=rng.random() < 0.4
            )
    elif rng.random() < 0.75:
        out["address"] = place_address(inc.spot, rng, sloppy=sloppy)
    reporter = _reporter(r, rng)
    if reporter is not None:
        out["reporter"] = reporter
    elif rng.random() < 0.5:
        out["reporter"] = None
    out["is_public"] = rng.random() < (0.45 if person_problem else 0.92)
    num = r.jid.rsplit("-", 1)[-1]
    n_photos = rng.choices(
        (0, 1, 2, 3), weights=(30, 40, 20, 10) if not person_problem else (80, 20, 0, 0)
    )[0]
    out["photo_urls"] = [
        f"https://jaki.jakarta.go.id/media/r/{num}-{k}.jpg" for k in range(1, n_photos + 1)
    ]
    supports = 0 if person_problem else int(rng.expovariate(1 / (3 + 4 * len(inc.reports))))
    out["support_count"] = supports
    out["follow_ups"] = follow
    return out


def _home_spot(p: Person) -> Spot:
    h = p.home
    return Spot(h.street, h.pos, h.gang, h.house_no, h.block)


# -- the desk ----------------------------------------------------------------------------------


def desk_name(p: Person, officer: str, rng: Random) -> str:
    if officer == "birokrat":
        name = p.name.upper()
        if p.post and rng.random() < 0.5:
            name += ", " + p.post.upper()
        return name
    if officer == "formal":
        name = f"{p.pre} {p.name}".strip() if rng.random() < 0.8 else p.name
        return f"{name}, {p.post}" if p.post else name
    if officer == "cepat" and rng.random() < 0.35:
        return f"{'Ibu' if p.female else 'Bapak'} {p.name}"
    if officer == "ringkas" and p.pre and rng.random() < 0.5:
        return f"{p.pre} {p.name}"
    return p.name


def _jaki_note(v: Visit, officer: str, rng: Random) -> str:
    n = sum(1 for r in v.incident.reports if r.at < v.at and r.reporter is v.person)
    says = v.says_jaki
    if says is None:
        return ""
    if officer == "ringkas":
        return {
            "same": rng.choice(
                (
                    "Sdh lapor JAKI, blm ada TL.",
                    f"Sdh lapor via JAKI {max(n, 1)}x.",
                    "Ybs sdh lapor JAKI tp status selesai, kondisi blm berubah.",
                )
            ),
            "neighbour": "Menurut ybs, warga lain sdh lapor JAKI.",
            "other": "Ybs pernah lapor JAKI (hal lain).",
            "claims": "Ybs mengaku sdh lapor JAKI.",
        }[says]
    if officer == "cepat":
        return {
            "same": "katanya sudah lapor di jaki tapi belum ada tindakan.",
            "neighbour": "tetangga katanya sudah ada yang lapor jaki.",
            "other": "pernah lapor jaki soal lain.",
            "claims": "mengaku sudah lapor lewat jaki.",
        }[says]
    return {
        "same": rng.choice(
            (
                "Pelapor telah menyampaikan laporan yang sama melalui aplikasi JAKI, namun "
                "hingga saat ini belum terdapat penanganan.",
                "Pelapor menunjukkan tangkapan layar laporan JAKI yang berstatus selesai, padahal "
                "permasalahan belum tertangani.",
            )
        ),
        "neighbour": (
            "Menurut keterangan pelapor, warga sekitar telah melaporkan hal serupa melalui "
            "aplikasi JAKI."
        ),
        "other": "Pelapor pernah menyampaikan laporan lain melalui aplikasi JAKI.",
        "claims": "Pelapor menyatakan sudah pernah melapor melalui JAKI.",
    }[says]


def walk_in(v: Visit, rng: Random, world: World) -> dict[str, Any]:
    inc = v.incident
    problem = inc.problem
    p = v.person
    officer = rng.choices(OFFICERS, weights=(30, 25, 25, 20))[0]
    slots = _slots(inc, v.at)
    core = fill(rng.choice(problem.terse if officer in ("ringkas",) else problem.desk), slots)
    home = _home_spot(p)
    kel = home.street.kel if problem.person else inc.kel
    if not problem.person:
        roll = rng.random()
        if roll < 0.12 and p.home.kel is not inc.kel:
            kel = p.home.kel
        elif roll < 0.16:
            kel = world.atlas.near(inc.kel, rng)
    spot = home if problem.person else inc.spot
    street = street_as(spot.street, rng, sloppy=0.0, formal=officer in ("formal", "birokrat"))
    lm = spot.landmark if not problem.person else None
    month = MONTHS[inc.onset.month - 1]
    when = days_phrase(max(3, (v.at - inc.onset).days), month, rng)  # few come the same day
    impact = rng.choice(problem.impacts) if problem.impacts and rng.random() < 0.6 else None
    note = _jaki_note(v, officer, rng)
    unit = unit_name(problem.unit, inc.kel)
    rt, rw = spot.rt, spot.rw
    body: dict[str, Any] = {"channel": "walk_in", "category": problem.category}

    if officer == "ringkas":
        where = f"{street} {rt_rw_as(rt, rw, rng)}" + (
            f" dpn {lm}" if lm and rng.random() < 0.6 else ""
        )
        if problem.person:
            text = f"{core}. Ybs warga {where}. {note} Mohon dibantu."
        else:
            text = f"{core}. Lokasi {where}, {when.replace('sudah ', 'sdh ')}. {note} Mohon TL."
        body["description"] = text
        body["address"] = (
            f"{street}"
            + (f" {spot.gang}" if spot.gang else "")
            + (f" No. {spot.house_no}" if problem.person and spot.house_no else "")
        )
        if rng.random() < 0.8:
            body["rt"] = str(rt) if rng.random() < 0.5 else f"{rt:02d}"
            body["rw"] = str(rw) if rng.random() < 0.5 else f"{rw:02d}"
    elif officer == "formal":
        if problem.person:
            text = (
                f"Pelapor hadir di Pendopo Balai Kota dan menyampaikan bahwa {core}. "
                f"Permasalahan tersebut dialami {when}. "
                + (f"Pelapor menerangkan bahwa {impact}. " if impact else "")
                + (note + " " if note else "")
                + "Pelapor memohon bantuan agar permasalahan tersebut dapat segera diselesaikan "
                + f"oleh {unit}."
            )
        else:
            where = f"{street}, Kelurahan {inc.kel.name}" + (
                f", tepatnya di depan {lm}" if lm else ""
            )
            text = (
                "Pelapor hadir di Pendopo Balai Kota dan menyampaikan pengaduan mengenai "
                f"{core} di {where}. "
                f"Kondisi tersebut telah berlangsung {when.replace('sudah ', '')}"
                + (f" dan {impact}" if impact else "")
                + ". "
                + (note + " " if note else "")
                + f"Pelapor memohon agar {unit} segera melakukan penanganan."
            )
        body["description"] = text
        body["address"] = address_as(spot, rng, sloppy=0.0, with_kel=True)
    elif officer == "birokrat":
        label = CATEGORY_LABEL[problem.category]
        lines = [f"Perihal: Pengaduan {label}"]
        there = spot.street.kel
        place = f"{street} RT {rt:03d}/RW {rw:03d} Kel. {there.name} Kec. {there.kecamatan_name}"
        lines.append(("Domisili: " if problem.person else "Lokasi: ") + place)
        uraian = core[0].upper() + core[1:]
        if lm and rng.random() < 0.5:
            uraian += f", di sekitar {lm}"
        lines.append(f"Uraian: {uraian}; {when}.")
        if note:
            lines.append(f"Keterangan: {note}")
        lines.append(f"Permohonan: {REQUEST[problem.category].capitalize()}.")
        lines.append(f"Diteruskan kepada: {unit}")
        body["description"] = "\n".join(lines)
        body["address"] = (
            street
            + (f" {spot.gang.replace('Gg.', 'Gang')}" if spot.gang else "")
            + (f" Nomor {spot.house_no}" if problem.person and spot.house_no else "")
        )
        body["rt"], body["rw"] = f"{rt:03d}", f"{rw:03d}"
    else:  # cepat: one lowercase paragraph, the address inside it
        where = f"{street} {rt_rw_as(rt, rw, rng)} kel. {spot.street.kel.name}"
        if problem.person:
            text = f"ybs warga {where}, {core}. {when}. {note}"
        else:
            near = f" {rng.choice(PREPS)} {lm}" if lm else ""
            text = (
                f"warga mengeluhkan {core} di {where}{near}, {when}. {note} minta segera ditangani"
            )
        body["description"] = text.lower().strip()
    if not problem.person and officer in ("ringkas", "formal") and rng.random() < 0.1:
        # the form's address is the complainant's; the place is only in the description
        body["address"] = address_as(home, rng, sloppy=0.0, with_kel=False)
    body["description"] = " ".join(body["description"].split(" ")).replace("  ", " ").strip()
    body["kelurahan_code"] = kel.code
    point_chance = {"ringkas": 0.1, "formal": 0.35, "birokrat": 0.6, "cepat": 0.0}[officer]
    if rng.random() < (point_chance if not problem.person else point_chance / 4):
        base = p.home.point if problem.person else inc.point
        body["lat"], body["lon"] = _in_box(jitter(rng, base, 10.0, 250.0))
    body["reported_at"] = iso(v.at)
    body["complainant"] = _complainant(p, v, officer, rng)
    return body


def _complainant(p: Person, v: Visit, officer: str, rng: Random) -> dict[str, str]:
    out = {"name": desk_name(p, officer, rng)}
    has_nik = rng.random() < 0.86
    has_phone = rng.random() < 0.8 or not has_nik
    if has_nik:
        out["nik"] = nik_as(p.nik, rng)
    if has_phone:
        number = p.phone
        # someone who reported from an old number brings the new one to the desk, and vice versa
        if p.old_phone and rng.random() < 0.25:
            number = p.old_phone
        out["phone"] = phone_as(number, rng)
    return out
