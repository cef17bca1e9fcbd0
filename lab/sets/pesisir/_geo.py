"""Places: Jakarta's kelurahan from the regions table, a made-up street plan for each, distances.

Every kelurahan gets a handful of streets laid out around its reference point: main roads
(``Jl.``), lanes (``Gg.``) and a few housing estates (``Komplek``, ``Perum``, ``Rusun``), each a
straight segment with landmarks along it and RT zones every ~110 m. A place is a street and a
position on it; a point is derived from that, so two places on one street are a known number of
metres apart.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

REGIONS = Path(__file__).resolve().parents[3] / "migrations" / "data" / "jakarta_regions.csv"
M_PER_DEG = 111_320.0
RT_ZONE_M = 110.0

# Kecamatan on the shore (rob, tanggul, fishing harbours) and the islands.
COASTAL_KECAMATAN = (
    "31.72.01",  # Penjaringan
    "31.72.02",  # Tanjung Priok
    "31.72.03",  # Koja
    "31.72.04",  # Cilincing
    "31.72.05",  # Pademangan
    "31.01.01",
    "31.01.02",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# fmt: off
# Street stems heard all over Jakarta; the same stem in two kecamatan is two streets.
STEMS_COMMON = (
    "Masjid", "Swadaya", "Inpres", "Mandiri", "Kemuning", "Melati", "Anggrek", "Flamboyan",
    "Mawar", "Delima", "Kenanga", "Cempaka", "Dahlia", "Bungur", "Kramat", "Kober", "Haji Naim",
    "H. Ramli", "H. Saaman", "Haji Jiung", "Bhakti", "Pendidikan", "Pemuda", "Persatuan",
    "Kesehatan", "Manunggal", "Karya", "Pelita", "Damai", "Sejahtera", "Amal", "Raden Saleh",
    "Kali Baru", "Rawa Kepa", "Kampung Duri", "Taruna", "Asem", "Jati", "Duku", "Nangka",
    "Kelapa", "Salak", "Rambutan", "Kedondong", "Cipinang Jaya", "Pisang Batu", "Bambu Kuning",
    "Mede", "Waru", "Sawo", "Kebon Pala", "Kebon Nanas", "Kebon Singkong", "Pulo Asem",
    "Gotong Royong", "Balai Rakyat", "Lapangan Bola", "Musholla", "Langgar", "Wakaf",
    "Bakti Jaya", "Sumur Batu", "Empang", "Sawah Lio", "Tanah Merah", "Rawa Bebek", "Pos",
    "Remaja", "Mushola Al-Falah", "Pancawarga", "Saidi", "Bacang", "Lontar", "Kayu Jati",
)
STEMS_COASTAL = (
    "Bahari", "Kebon Bawang", "Warakas", "Muara Baru", "Muara Angke", "Pluit Karang", "Lodan",
    "Kampung Bandan", "Jembatan Besi", "Tanjung Pura", "Deli", "Sindang", "Plumpang Semper",
    "Swasembada", "Bugis", "Kali Baru Timur", "Kali Baru Barat", "Tipar Cakung", "Marunda Makmur",
    "Nelayan", "Dermaga", "Sungai Landak", "Pelabuhan", "Cumi-Cumi", "Tongkol", "Kakap", "Bandeng",
    "Kerapu", "Teluk Gong", "Tanah Pasir", "Empang Bahagia", "Lorong", "Enggano", "Sulawesi",
    "Yos Sudarso", "Kramat Jaya", "Sungai Bambu", "Papanggo", "Pademangan", "Budi Mulia",
    "Tembok Bolong", "Rawa Badak", "Tugu", "Cilincing Lama", "Kalibaru Timur",
)
GANG_NAMES = (
    "H. Saaman", "Masjid", "Kelor", "Langgar", "Haji Ipin", "Sawo", "Mangga", "Bacang", "Lurah",
    "Kober", "Nangka", "Jambu", "Pinang", "Buntu", "Melati", "Haji Kasim", "Ketapang", "Rukun",
    "Mpok Nori", "Asem", "Kenari", "Kramat",
)
ESTATES = (
    ("Komplek", "Pelindo"), ("Komplek", "TNI AL"), ("Komplek", "Bea Cukai"), ("Perum", "Walikota"),
    ("Perumnas", "Klender"), ("Komplek", "PLN"), ("Komplek", "DKI"), ("Rusun", "Marunda"),
    ("Rusunawa", "Pulo Gebang"), ("Komplek", "Deppen"), ("Perum", "Griya Indah"),
    ("Komplek", "Angkasa Pura"), ("Komplek", "Kodam"), ("Perum", "Taman Harapan"),
    ("Komplek", "Polri"), ("Komplek", "Hankam"), ("Komplek", "Pertamina"),
)
MOSQUE_NAMES = (
    "Al-Ikhlas", "Al-Hidayah", "Nurul Huda", "Baitul Makmur", "At-Taqwa", "Al-Mubarok",
    "Darussalam", "Nurul Iman", "Al-Barkah", "Al-Falah", "Jami Al-Makmur", "Al-Muhajirin",
    "Baiturrahman", "Nurul Islam", "Al-Amin", "Luar Batang",
)
SHOP_NAMES = (
    "Indomaret", "Alfamart", "Alfamidi", "warung Madura", "warkop", "bengkel motor", "konter pulsa",
    "laundry", "toko bangunan", "apotek", "warteg", "pangkas rambut", "toko kelontong",
)
WARUNG_OWNERS = (
    "Bu Romlah", "Mpok Ijah", "Pak Haji Dul", "Bu Eni", "Bang Jali", "Koh Ahong", "Mbak Yati",
    "Pak Kumis", "Bu Tini", "Encing Mimi", "Wak Udin",
)
COASTAL_LANDMARKS = (
    "TPI", "dermaga", "tanggul laut", "pelelangan ikan", "gudang kontainer", "pos polisi air",
    "rumah pompa", "pangkalan perahu", "depo truk", "kolong tol pelabuhan",
)
PLAIN_LANDMARKS = (
    "pos RW", "pangkalan ojek", "lapangan bola", "TPS", "pintu air", "kolong tol", "rel KRL",
    "pos kamling", "kantor kelurahan", "puskesmas", "posyandu", "gardu PLN", "jembatan",
    "pasar", "GOR", "makam wakaf", "halte", "taman RPTRA", "pool bajaj",
)
# fmt: on


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kecamatan: str
    kecamatan_name: str
    kota: str
    kota_name: str  # "Jakarta Utara", "Kepulauan Seribu"
    lat: float
    lon: float

    @property
    def coastal(self) -> bool:
        return self.kecamatan in COASTAL_KECAMATAN

    @property
    def island(self) -> bool:
        return self.kota == "31.01"


@dataclass
class Landmark:
    pos: float  # metres from the street's start
    name: str


@dataclass
class Street:
    kel: Kelurahan
    kind: str  # "Jl.", "Gg.", or an estate word ("Komplek")
    stem: str  # "Kebon Bawang", "Pelindo"
    numeral: str  # "", "V"
    x0: float  # start, metres east of the kelurahan's point
    y0: float  # start, metres north
    bearing: float  # radians
    length: float
    rw: int
    rt_base: int
    landmarks: list[Landmark] = field(default_factory=list)
    gangs: list[str] = field(default_factory=list)
    block_letters: str = ""  # estates: "ABC"

    @property
    def name(self) -> str:
        """The street's proper name: "Jl. Kebon Bawang V", "Gg. Kelor", "Komplek Pelindo"."""
        tail = f" {self.numeral}" if self.numeral else ""
        return f"{self.kind} {self.stem}{tail}"

    def point(self, pos: float, lateral: float = 0.0) -> tuple[float, float]:
        """Latitude and longitude of the spot `pos` metres along, `lateral` metres to the side."""
        dx, dy = math.sin(self.bearing), math.cos(self.bearing)
        x = self.x0 + dx * pos + dy * lateral
        y = self.y0 + dy * pos - dx * lateral
        return offset(self.kel.lat, self.kel.lon, x, y)

    def rt_at(self, pos: float) -> int:
        return min(self.rt_base + int(pos // RT_ZONE_M), 19)

    def landmark_near(self, pos: float, within: float = 160.0) -> Landmark | None:
        best = min(self.landmarks, key=lambda lm: abs(lm.pos - pos), default=None)
        if best is None or abs(best.pos - pos) > within:
            return None
        return best


def offset(lat: float, lon: float, east_m: float, north_m: float) -> tuple[float, float]:
    """The point `east_m` east and `north_m` north of (lat, lon)."""
    return (
        lat + north_m / M_PER_DEG,
        lon + east_m / (M_PER_DEG * math.cos(math.radians(lat))),
    )


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Metres between two points (equirectangular; exact enough within a city)."""
    mid = math.radians((a[0] + b[0]) / 2)
    dy = (a[0] - b[0]) * M_PER_DEG
    dx = (a[1] - b[1]) * M_PER_DEG * math.cos(mid)
    return math.hypot(dx, dy)


def jitter(rng: Random, point: tuple[float, float], lo: float, hi: float) -> tuple[float, float]:
    """The point moved between `lo` and `hi` metres in a random direction (GPS, a map click)."""
    r = rng.uniform(lo, hi)
    a = rng.uniform(0, 2 * math.pi)
    return offset(point[0], point[1], r * math.sin(a), r * math.cos(a))


def load_kelurahan() -> list[Kelurahan]:
    """All kelurahan of the regions table, in its order."""
    with REGIONS.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {r["code"]: r["name"].strip() for r in rows}
    out = []
    for r in rows:
        if r["level"] != "kelurahan":
            continue
        code = r["code"]
        kec, kota = code[:8], code[:5]
        kota_name = names[kota].replace("Kota Administrasi ", "")
        kota_name = kota_name.replace("Kabupaten Administrasi ", "")
        out.append(
            Kelurahan(
                code=code,
                name=r["name"].strip(),
                kecamatan=kec,
                kecamatan_name=names[kec],
                kota=kota,
                kota_name=kota_name,
                lat=float(r["lat"]),
                lon=float(r["lon"]),
            )
        )
    return out


class Atlas:
    """The kelurahan, their nearest neighbours and the street plan of each."""

    def __init__(self, rng: Random) -> None:
        self.kelurahan = load_kelurahan()
        self.by_code = {k.code: k for k in self.kelurahan}
        self.neighbours: dict[str, list[Kelurahan]] = {}
        self.radius: dict[str, float] = {}
        for k in self.kelurahan:
            here = (k.lat, k.lon)
            others = sorted(
                (
                    (distance_m(here, (o.lat, o.lon)), o.code, o)
                    for o in self.kelurahan
                    if o.code != k.code
                ),
                key=lambda t: (t[0], t[1]),
            )
            self.neighbours[k.code] = [o for _, _, o in others[:4]]
            near = others[0][0]
            lo, hi = (120.0, 350.0) if k.island else (320.0, 1300.0)
            self.radius[k.code] = max(lo, min(hi, 0.5 * near))
        self.streets: dict[str, list[Street]] = {k.code: self._plan(rng, k) for k in self.kelurahan}

    def _plan(self, rng: Random, kel: Kelurahan) -> list[Street]:
        radius = self.radius[kel.code]
        count = rng.randint(3, 4) if kel.island else rng.randint(7, 12)
        max_rw = rng.randint(3, 5) if kel.island else rng.randint(6, 16)
        stems = STEMS_COASTAL + STEMS_COMMON if kel.coastal else STEMS_COMMON
        streets: list[Street] = []
        seen: set[str] = set()
        while len(streets) < count:
            roll = rng.random()
            numeral = ""
            estate = ""
            if not streets and len(kel.name) <= 18 and not kel.island:
                kind, stem = "Jl.", f"{kel.name} Raya"
            elif roll < 0.22:
                kind, stem = "Jl.", kel.name
                numeral = rng.choice(ROMAN[:9])
            elif roll < 0.40:
                kind, stem = "Gg.", rng.choice(GANG_NAMES)
                numeral = rng.choice(("", "", *ROMAN[:5]))
            elif roll < 0.48 and not kel.island:
                kind, stem = rng.choice(ESTATES)
                estate = "ABCDEFGH"[: rng.randint(3, 8)]
            else:
                kind, stem = "Jl.", rng.choice(stems)
                if rng.random() < 0.4:
                    numeral = rng.choice(ROMAN)
            key = f"{kind} {stem} {numeral}"
            if key in seen:
                continue
            seen.add(key)
            if kind == "Gg.":
                length = rng.uniform(120, 350)
            elif kel.island:
                length = rng.uniform(120, 420)
            elif estate:
                length = rng.uniform(250, 600)
            else:
                length = rng.uniform(420, 1400)
            r = radius * math.sqrt(rng.random())
            a = rng.uniform(0, 2 * math.pi)
            bearing = rng.uniform(0, math.pi)
            cx, cy = r * math.sin(a), r * math.cos(a)
            street = Street(
                kel=kel,
                kind=kind,
                stem=stem,
                numeral=numeral,
                x0=cx - math.sin(bearing) * length / 2,
                y0=cy - math.cos(bearing) * length / 2,
                bearing=bearing,
                length=length,
                rw=rng.randint(1, max_rw),
                rt_base=rng.randint(1, 7),
                block_letters=estate,
            )
            street.landmarks = _landmarks(rng, street)
            if kind == "Jl.":
                street.gangs = _gangs(rng)
            streets.append(street)
        return streets

    def near(self, kel: Kelurahan, rng: Random) -> Kelurahan:
        """One of the kelurahan next to this one."""
        return rng.choice(self.neighbours[kel.code][:3])


def _landmarks(rng: Random, street: Street) -> list[Landmark]:
    kel = street.kel
    out = []
    n = max(2, int(street.length // 170))
    for _ in range(n):
        pos = rng.uniform(0, street.length)
        roll = rng.random()
        if roll < 0.22:
            name = f"masjid {rng.choice(MOSQUE_NAMES)}"
        elif roll < 0.32:
            name = f"musholla {rng.choice(MOSQUE_NAMES)}"
        elif roll < 0.50:
            name = rng.choice(SHOP_NAMES)
        elif roll < 0.58:
            name = f"warung {rng.choice(WARUNG_OWNERS)}"
        elif roll < 0.66:
            name = f"SDN {kel.name} {rng.randint(1, 19):02d}"
        elif roll < 0.72:
            name = rng.choice(("gereja", "vihara", "klenteng", "GKJ", "HKBP"))
        elif roll < 0.82 and kel.coastal:
            name = rng.choice(COASTAL_LANDMARKS)
        else:
            name = rng.choice(PLAIN_LANDMARKS)
            if name == "pos RW":
                name = f"pos RW {street.rw:02d}"
        out.append(Landmark(pos=pos, name=name))
    out.sort(key=lambda lm: lm.pos)
    return out


def _gangs(rng: Random) -> list[str]:
    numbered = [f"Gg. {n}" for n in sorted(rng.sample(range(1, 25), rng.randint(0, 4)))]
    named = [f"Gg. {g}" for g in rng.sample(GANG_NAMES, rng.randint(0, 2))]
    return numbered + named


class SpacingIndex:
    """Where the place problems are, by family, so a new one keeps its distance from the others
    of its family (two of them close together would be one problem)."""

    CELL = 0.01  # degrees, ~1.1 km: more than any spacing

    def __init__(self) -> None:
        self._cells: dict[tuple[str, int, int], list[tuple[float, float]]] = {}

    def _key(self, family: str, point: tuple[float, float]) -> tuple[str, int, int]:
        return (family, math.floor(point[0] / self.CELL), math.floor(point[1] / self.CELL))

    def clear(self, family: str, point: tuple[float, float], spacing: float) -> bool:
        fam, i, j = self._key(family, point)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for other in self._cells.get((fam, i + di, j + dj), ()):
                    if distance_m(point, other) < spacing:
                        return False
        return True

    def add(self, family: str, point: tuple[float, float]) -> None:
        self._cells.setdefault(self._key(family, point), []).append(point)
