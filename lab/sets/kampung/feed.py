"""JAKI's side of a report: its status, the follow-ups (tindak lanjut) that led there, its times."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from lab.sets.kampung.geo import Kelurahan
from lab.sets.kampung.words import Family

WIB = timezone(timedelta(hours=7))
START = datetime(2026, 6, 1, 0, 0, tzinfo=WIB)
END = datetime(2026, 11, 30, 23, 59, 59, tzinfo=WIB)

# What a report ends as, if time allows (recent ones have not got that far yet).
FINAL = (("Menunggu", 10), ("Koordinasi", 6), ("Disposisi", 7), ("Proses", 17), ("Selesai", 56),
         ("Ditolak", 4))  # fmt: skip
REFUSALS = (
    "Laporan ditolak: lokasi berada di luar wilayah DKI Jakarta",
    "Laporan ditolak karena foto dan uraian tidak sesuai",
    "Laporan ditolak: laporan ganda, sudah ditangani pada laporan sebelumnya",
    "Laporan ditolak: informasi kurang lengkap, pelapor tidak dapat dihubungi",
)
RECEIVED = (
    "Laporan diterima dan akan diverifikasi",
    "Terima kasih atas laporannya, akan kami tindak lanjuti",
    "Laporan sedang diverifikasi oleh petugas kelurahan",
)
CHECKING = (
    "Petugas sudah melakukan pengecekan lokasi, penanganan dijadwalkan",
    "Sedang dalam penanganan petugas",
    "Tim sudah meninjau, menunggu ketersediaan material",
    "Sedang dilakukan verifikasi data oleh petugas",
)
DIRECT = {"jalan", "saluran", "sampah", "pkl", "parkir"}  # the kelurahan's own PPSU or Satpol PP


def iso(t: datetime) -> str:
    return t.astimezone(WIB).isoformat(timespec="seconds")


def _agency_unit(family: Family, kel: Kelurahan) -> str:
    if family.agency == "PAM Jaya":
        return "PAM Jaya"
    if family.agency == "Satpol PP":
        return f"Satpol PP Kecamatan {kel.kecamatan}"
    return f"Suku Dinas {family.agency} {kel.kota}"


def _dinas(family: Family) -> str:
    if family.agency in ("PAM Jaya", "Satpol PP"):
        return family.agency + " Provinsi DKI Jakarta"
    return f"Dinas {family.agency}"


def follow_ups(
    rng: random.Random, family: Family, kel: Kelurahan, created: datetime
) -> tuple[str, list[dict[str, str]], datetime]:
    """JAKI's status for a report, its follow-ups, and when JAKI last changed it."""
    final = rng.choices([s for s, _ in FINAL], weights=[w for _, w in FINAL])[0]
    kelurahan = f"Kelurahan {kel.name}"
    handler = _agency_unit(family, kel)
    route = "direct" if family.code in DIRECT and rng.random() < 0.5 else rng.choice(("k", "d"))
    if final == "Koordinasi":
        route = "k"
    elif final == "Disposisi":
        route = "d"
    if route == "direct":
        handler = kelurahan if family.about == "place" else handler
    steps: list[tuple[str, str, str, float]] = []  # status, unit, note, hours after previous
    if rng.random() < 0.6 or final in ("Menunggu", "Ditolak"):
        steps.append(("Menunggu", kelurahan, rng.choice(RECEIVED), rng.uniform(0.3, 20)))
    if final == "Ditolak":
        steps.append(("Ditolak", kelurahan, rng.choice(REFUSALS), rng.uniform(2, 60)))
    elif final != "Menunggu":
        if route == "k":
            note = f"Bukan wewenang kelurahan, laporan dikoordinasikan ke {handler}"
            steps.append(("Koordinasi", kelurahan, note, rng.uniform(2, 72)))
        elif route == "d":
            dinas = _dinas(family)
            steps.append(("Disposisi", dinas, f"Didisposisikan ke {handler}", rng.uniform(4, 96)))
        if final in ("Proses", "Selesai"):
            steps.append(("Proses", handler, rng.choice(CHECKING), rng.uniform(4, 200)))
        if final == "Selesai":
            steps.append(("Selesai", handler, rng.choice(family.done), rng.uniform(10, 400)))
    status = "Menunggu"
    notes: list[dict[str, str]] = []
    t = created
    for word, unit, note, hours in steps:
        t = t + timedelta(hours=hours, minutes=rng.randint(0, 59))
        if t > END:
            break
        status = word
        notes.append({"at": iso(t), "unit": unit, "note": note})
    updated = t if notes else created
    updated = min(max(updated, created) + timedelta(minutes=rng.randint(0, 30)), END)
    if status == "Selesai" and rng.random() < 0.3:  # the reporter rates it later
        updated = min(updated + timedelta(hours=rng.uniform(1, 72)), END)
    if rng.random() < 0.02:
        status = status.upper()
    return status, notes, max(updated, created)


def support(rng: random.Random, about: str, public: bool) -> int:
    if not public or about == "person":
        return 0 if rng.random() < 0.8 else rng.randint(1, 3)
    roll = rng.random()
    if roll < 0.45:
        return 0
    if roll < 0.85:
        return rng.randint(1, 9)
    return rng.randint(10, 160)
