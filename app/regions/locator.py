"""Which kelurahan a point lies in: the one an address names near it, or else the one whose
reference point is nearest. Pintu holds a point per kelurahan, not its boundary; the JAKI
mirror places reports with it, and Open311 the requests it takes."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.refcache import ReferenceCache
from app.regions import repository


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    lat: float
    lon: float
    name: str = ""


# A kelurahan named in an address counts only this close to the report's point: names repeat
# across the city ("Kebon Jeruk", "Menteng" are a kelurahan and a kecamatan), and a point far
# from the named kelurahan says the name is about something else.
NAMED_WITHIN_M = 5_000.0
# Neither the kecamatan and the kota an address names ("Kec. Menteng") nor its street or gang
# ("Jl. Cikini Raya", often named after a kelurahan it runs out of) name the kelurahan.
# (A kota is "Kota Jakarta …" or "Kota Adm. Jakarta …": "Kota Bambu Utara" is a kelurahan.)
_NOT_KELURAHAN = re.compile(
    r"\b(?:kec|kecamatan|kab|kabupaten)\b\.?[^,]*"
    r"|\bkota\b\.?\s*(?:adm\w*\.?\s*)?jakarta[^,]*"
    r"|\b(?:jalan|jl|jln|gang|gg)\b\.?[^,]*?(?=,|\bkel\b|\bkelurahan\b|$)"
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_AFTER_MARKER = re.compile(r"\bkel(?:urahan)?\b\.?\s*([a-z][a-z ]*)")


def _words(text: str) -> str:
    return " " + _NON_WORD.sub(" ", text.lower()).strip() + " "


class KelurahanLocator:
    """Finds a report's kelurahan from its point: the one its address names, near the point,
    or else the one whose reference point is nearest (no boundaries held)."""

    # Metres per degree near Jakarta's latitude (-6°): flat-earth distances are exact enough
    # at the scale of a city.
    _M_PER_DEG_LAT = 110_574.0
    _M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(6.2))

    def __init__(self, places: Iterable[Place]) -> None:
        self._places = list(places)
        if not self._places:
            raise ValueError("no kelurahan points to search")
        self.codes = frozenset(p.code for p in self._places)
        self._by_name: dict[str, list[Place]] = {}
        for place in self._places:
            if place.name:
                self._by_name.setdefault(_words(place.name).strip(), []).append(place)
        self._names = sorted(self._by_name, key=lambda n: (-len(n), n))

    def _metres(self, place: Place, lat: float, lon: float) -> float:
        dy = (place.lat - lat) * self._M_PER_DEG_LAT
        dx = (place.lon - lon) * self._M_PER_DEG_LON
        return math.hypot(dx, dy)

    def nearest(self, lat: float, lon: float) -> tuple[str, float]:
        """The nearest kelurahan's code and the distance to its point in metres."""
        best = min(self._places, key=lambda p: self._metres(p, lat, lon))
        return best.code, self._metres(best, lat, lon)

    def named(
        self, address: str | None, lat: float, lon: float, *, after_marker: bool = False
    ) -> tuple[str, float] | None:
        """The kelurahan `address` names ("..., RT.15/RW.1, Cipulir, Kec. Kebayoran Lama, ...",
        "Kel. Pisangan Timur"), the nearest to the point if it names several, and its distance;
        None if it names none within `NAMED_WITHIN_M` of the point. A longer name is read
        before the shorter ones inside it ("Karet Kuningan", not "Karet"). With
        `after_marker` (free text, where "tengah" or "baru" are plain words), only a name
        right after "kel." or "kelurahan" counts."""
        if not address:
            return None
        text = _NOT_KELURAHAN.sub(" ", address.lower())
        if after_marker:
            text = " ".join(m.group(1) for m in _AFTER_MARKER.finditer(text))
        text = _words(text)
        found = []
        for name in self._names:
            if f" {name} " in text:
                found += self._by_name[name]
                text = text.replace(f" {name} ", " | ")
        if not found:
            return None
        best = min(found, key=lambda p: self._metres(p, lat, lon))
        distance = self._metres(best, lat, lon)
        return (best.code, distance) if distance <= NAMED_WITHIN_M else None


async def _read_locator(session: AsyncSession) -> KelurahanLocator:
    points = await repository.kelurahan_points(session)
    return KelurahanLocator(Place(code, lat, lon, name) for code, lat, lon, name in points)


# Regions change only by migration: read once per process.
_locator = ReferenceCache("regions.locator", _read_locator)


async def kelurahan_locator(session: AsyncSession) -> KelurahanLocator:
    """The locator over every kelurahan's point, read once per process."""
    return await _locator.get(session)
