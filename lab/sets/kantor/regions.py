"""Jakarta's kelurahan from the repository's region list, and small geometry on points."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

REGIONS_CSV = Path(__file__).resolve().parents[3] / "migrations" / "data" / "jakarta_regions.csv"
METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kecamatan: str
    kota: str  # short: "Jakarta Timur", "Kepulauan Seribu"
    lat: float
    lon: float

    @property
    def kecamatan_code(self) -> str:
        return self.code[:8]

    @property
    def islands(self) -> bool:
        return self.code.startswith("31.01.")


def load_kelurahan(path: Path = REGIONS_CSV) -> list[Kelurahan]:
    """Every kelurahan with its kecamatan and kota names, in code order."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {r["code"]: r["name"].strip() for r in rows}
    out = []
    for r in rows:
        if r["level"] != "kelurahan":
            continue
        code = r["code"]
        kota = names[code[:5]].replace("Kota Administrasi ", "")
        kota = kota.replace("Kabupaten Administrasi ", "")
        out.append(
            Kelurahan(
                code=code,
                name=r["name"].strip(),
                kecamatan=names[code[:8]],
                kota=kota,
                lat=float(r["lat"]),
                lon=float(r["lon"]),
            )
        )
    out.sort(key=lambda k: k.code)
    return out


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """The point some metres north and east of another."""
    dlat = north_m / METRES_PER_DEGREE
    dlon = east_m / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def toward(lat: float, lon: float, metres: float, bearing_deg: float) -> tuple[float, float]:
    """The point some metres from another in a direction (0 = north, 90 = east)."""
    b = math.radians(bearing_deg)
    return offset(lat, lon, metres * math.cos(b), metres * math.sin(b))


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Metres between two points (equirectangular; exact enough inside a city)."""
    mean = math.radians((a[0] + b[0]) / 2)
    dy = (a[0] - b[0]) * METRES_PER_DEGREE
    dx = (a[1] - b[1]) * METRES_PER_DEGREE * math.cos(mean)
    return math.hypot(dx, dy)


def clamp_point(lat: float, lon: float) -> tuple[float, float]:
    """Keep a point inside the box Pintu accepts, rounded as a phone's GPS gives it."""
    lat = min(max(lat, -6.399), -5.101)
    lon = min(max(lon, 106.301), 106.999)
    return round(lat, 6), round(lon, 6)
