"""Places: Jakarta's kelurahan from the region list, and made-up streets, gangs and landmarks."""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

REGIONS_CSV = Path(__file__).resolve().parents[3] / "migrations" / "data" / "jakarta_regions.csv"

M_PER_DEG = 111_320.0
LAT_BOX = (-6.40, -5.10)
LON_BOX = (106.30, 107.00)


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kecamatan: str  # its name
    kota: str  # "Jakarta Pusat", …, "Kepulauan Seribu"
    lat: float
    lon: float

    @property
    def kecamatan_code(self) -> str:
        return self.code[:8]


@dataclass
class Street:
    """A street or gang of one kelurahan: its full name as the desk writes it, where it lies."""

    name: str
    kel: Kelurahan
    lat: float
    lon: float
    heading: float  # radians: the direction it runs
    rw: int
    main: bool = False


@dataclass(frozen=True)
class Spot:
    """A point on a street: a house or the place of a problem."""

    street: Street
    lat: float
    lon: float
    number: int
    rt: int
    rw: int
    landmark: str  # e.g. "Masjid Al-Ikhlas", "warung Bu Ijah"
    landmark2: str

    @property
    def kel(self) -> Kelurahan:
        return self.street.kel


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * M_PER_DEG
    dx = (lon2 - lon1) * M_PER_DEG * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def shift(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """The point `north_m` north and `east_m` east of (lat, lon), kept inside the feed's box."""
    new_lat = lat + north_m / M_PER_DEG
    new_lon = lon + east_m / (M_PER_DEG * math.cos(math.radians(lat)))
    new_lat = min(max(new_lat, LAT_BOX[0] + 0.001), LAT_BOX[1] - 0.001)
    new_lon = min(max(new_lon, LON_BOX[0] + 0.001), LON_BOX[1] - 0.001)
    return round(new_lat, 6), round(new_lon, 6)


def jitter(rng: random.Random, lat: float, lon: float, within_m: float) -> tuple[float, float]:
    """A point at most `within_m` from (lat, lon), like a phone's fix."""
    r = within_m * math.sqrt(rng.random())
    a = rng.uniform(0, 2 * math.pi)
    return shift(lat, lon, r * math.cos(a), r * math.sin(a))


def load_kelurahan() -> list[Kelurahan]:
    with REGIONS_CSV.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {r["code"]: r["name"].strip() for r in rows}
    out = []
    for r in rows:
        if r["level"] != "kelurahan":
            continue
        kota = names[r["code"][:5]]
        for prefix in ("Kota Administrasi ", "Kabupaten Administrasi "):
            kota = kota.removeprefix(prefix)
        out.append(
            Kelurahan(
                code=r["code"],
                name=r["name"].strip(),
                kecamatan=names[r["code"][:8]],
                kota=kota,
                lat=float(r["lat"]),
                lon=float(r["lon"]),
            )
        )
    return out


FLOWERS = (
    "Mawar", "Melati", "Kenanga", "Anggrek", "Dahlia", "Flamboyan", "Cempaka", "Kamboja",
    "Sawo", "Jambu", "Rambutan", "Nangka", "Manggis", "Duku", "Delima", "Salak", "Kecapi",
    "Belimbing", "Asem", "Bacang",
)  # fmt: skip
GANG_WORDS = (
    "Masjid", "Langgar", "Mushola", "Damai", "Rukun", "Sepakat", "Swadaya", "Kober", "Buntu",
    "Lurah", "Mandor", "Haji Saman", "Haji Ridi", "Haji Dul", "Haji Gofur", "Kramat", "Sekolah",
    "Pelita", "Persatuan", "Remaja", "Kenari", "Bambu", "Tembok", "Macan",
)  # fmt: skip
TOKOH = (
    "Haji Naman", "Haji Ten", "Haji Mading", "Haji Jian", "Haji Saidi", "Kyai Haji Maisin",
    "Haji Baping", "Haji Nawi", "Haji Sarmah", "Raden Saleh", "Haji Muhi", "Haji Usman",
)  # fmt: skip
LANDMARKS = (
    "Masjid Al-Ikhlas", "Masjid Nurul Iman", "Masjid At-Taqwa", "Musala Nurul Huda",
    "Musala Al-Hidayah", "warung Bu Ijah", "warung Mpok Leha", "warung kopi Bang Jali",
    "bengkel motor Bang Oji", "pangkalan ojek", "pos RW {rw}", "pos kamling RT {rt}",
    "SDN {kel} 0{n}", "PAUD Melati", "Indomaret", "Alfamart", "lapangan voli",
    "rumah makan Padang", "gereja", "jembatan kali", "pintu air", "TPU", "majelis taklim",
    "toko bangunan Sinar Jaya", "laundry kiloan", "konter pulsa", "pangkas rambut Madura",
    "gerobak nasi uduk Mpok Ani", "sekretariat RW {rw}", "posyandu Mawar",
)  # fmt: skip


def _street_names(rng: random.Random, kel: Kelurahan) -> list[tuple[str, bool]]:
    """About a dozen street names for one kelurahan: (name, is a main road)."""
    base = kel.name
    names: list[tuple[str, bool]] = []
    main = rng.choice((f"Jalan Raya {base}", f"Jalan {base} Raya", f"Jalan {rng.choice(TOKOH)}"))
    names.append((main, True))
    if rng.random() < 0.5:
        names.append((f"Jalan {rng.choice(TOKOH)}", True))
    names.append(
        (f"Jalan {base} {rng.choice(('Dalam', 'Baru', 'Tengah', 'Timur', 'Barat'))}", False)
    )
    for n in rng.sample(range(1, 15), 3):
        names.append((f"Jalan {base} Gang {n}", False))
    for w in rng.sample(FLOWERS, 3):
        names.append((f"Gang {w}", False))
    for w in rng.sample(GANG_WORDS, 2):
        names.append((f"Gang {w}", False))
    names.append(
        (f"Jalan {rng.choice(('Masjid', 'Mushola', 'Swadaya', 'Kebon', 'Inspeksi'))}", False)
    )
    seen: set[str] = set()
    out = []
    for name, is_main in names:
        if name not in seen:
            seen.add(name)
            out.append((name, is_main))
    return out


class Town:
    """Every kelurahan with its streets, and an index of street names across Jakarta."""

    def __init__(self, rng: random.Random) -> None:
        self.kelurahan = load_kelurahan()
        self.by_code = {k.code: k for k in self.kelurahan}
        self.streets: dict[str, list[Street]] = {}
        self.by_name: dict[str, list[Street]] = {}
        for kel in self.kelurahan:
            spread = 450.0 if kel.code.startswith("31.01") else 900.0
            streets = []
            for name, is_main in _street_names(rng, kel):
                lat, lon = jitter(rng, kel.lat, kel.lon, spread)
                s = Street(
                    name, kel, lat, lon, rng.uniform(0, math.pi), rng.randint(1, 12), is_main
                )
                streets.append(s)
                self.by_name.setdefault(name, []).append(s)
            self.streets[kel.code] = streets
        # the nearest other kelurahan, for points near a border
        self.neighbours: dict[str, list[Kelurahan]] = {}
        for kel in self.kelurahan:
            others = [k for k in self.kelurahan if k.code != kel.code]
            apart = [metres(kel.lat, kel.lon, k.lat, k.lon) for k in others]
            order = sorted(range(len(others)), key=apart.__getitem__)
            self.neighbours[kel.code] = [others[i] for i in order[:3]]
        # weights: the islands send few reports
        self.weights = [0.15 if k.code.startswith("31.01") else 1.0 for k in self.kelurahan]

    def any_kelurahan(self, rng: random.Random) -> Kelurahan:
        return rng.choices(self.kelurahan, weights=self.weights)[0]

    def any_street(self, rng: random.Random, kel: Kelurahan | None = None) -> Street:
        kel = kel or self.any_kelurahan(rng)
        return rng.choice(self.streets[kel.code])

    def spot(self, rng: random.Random, street: Street, near: Spot | None = None) -> Spot:
        """A new spot on `street`; with `near`, a few houses from it (same RW, RT ±1)."""
        if near is not None:
            along = rng.uniform(-70, 70)
            h = street.heading
            lat, lon = shift(near.lat, near.lon, along * math.sin(h), along * math.cos(h))
            number = max(1, near.number + rng.randint(-12, 12))
            rt = max(1, near.rt + rng.choice((0, 0, 0, 1, -1)))
            return Spot(street, lat, lon, number, rt, near.rw, near.landmark, near.landmark2)
        along = rng.uniform(-300, 300) if street.main else rng.uniform(-120, 120)
        lat, lon = shift(
            street.lat,
            street.lon,
            along * math.sin(street.heading) + rng.uniform(-8, 8),
            along * math.cos(street.heading) + rng.uniform(-8, 8),
        )
        rw = street.rw if not street.main else rng.randint(1, 12)
        marks = rng.sample(LANDMARKS, 2)
        n = rng.randint(1, 9)
        rt = rng.randint(1, 15)
        landmark, landmark2 = (
            m.format(rw=f"{rw:02d}", rt=f"{rt:02d}", kel=street.kel.name, n=n) for m in marks
        )
        return Spot(street, lat, lon, rng.randint(1, 120), rt, rw, landmark, landmark2)

    def namesake_elsewhere(self, rng: random.Random, street: Street) -> Street | None:
        """A street of the same name in another kecamatan, if Jakarta has one."""
        others = [
            s for s in self.by_name.get(street.name, []) if s.kel.code[:8] != street.kel.code[:8]
        ]
        return rng.choice(others) if others else None

    def other_street_nearby(self, rng: random.Random, street: Street, min_m: float) -> Street:
        """Another street at least `min_m` away, in the same kelurahan or one next to it."""
        pool = list(self.streets[street.kel.code])
        for k in self.neighbours[street.kel.code][:2]:
            pool += self.streets[k.code]
        far = [
            s
            for s in pool
            if s is not street and metres(s.lat, s.lon, street.lat, street.lon) >= min_m
        ]
        return rng.choice(far) if far else self.any_street(rng)
