"""How JAKI's words and places become Pintu's: statuses, categories, the nearest kelurahan."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.models.statuses import ComplaintStatus

ALIAS_SOURCE = "jaki"
FALLBACK_CATEGORY = "lainnya"

STATUS_FROM_JAKI: dict[str, ComplaintStatus] = {
    "Menunggu": ComplaintStatus.RECEIVED,
    "Koordinasi": ComplaintStatus.ASSIGNED,
    "Disposisi": ComplaintStatus.ASSIGNED,
    "Proses": ComplaintStatus.IN_PROGRESS,
    "Selesai": ComplaintStatus.CLOSED,
    "Ditolak": ComplaintStatus.REJECTED,
}

_SPACES = re.compile(r"\s+")


def alias_key(name: str) -> str:
    """How category names are compared: lower case, single spaces."""
    return _SPACES.sub(" ", name.strip().lower())


def category_code(name: str, aliases: dict[str, str]) -> str:
    """Pintu's code for JAKI's category name; `lainnya` when the name is unknown."""
    return aliases.get(alias_key(name), FALLBACK_CATEGORY)


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    lat: float
    lon: float


class KelurahanLocator:
    """Finds the kelurahan whose reference point is nearest to a point (no boundaries held)."""

    # Metres per degree near Jakarta's latitude (-6°): flat-earth distances are exact enough
    # at the scale of a city.
    _M_PER_DEG_LAT = 110_574.0
    _M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(6.2))

    def __init__(self, places: Iterable[Place]) -> None:
        self._places = list(places)
        if not self._places:
            raise ValueError("no kelurahan points to search")
        self.codes = frozenset(p.code for p in self._places)

    def nearest(self, lat: float, lon: float) -> tuple[str, float]:
        """The nearest kelurahan's code and the distance to its point in metres."""
        best, best_d2 = self._places[0], math.inf
        for place in self._places:
            dy = (place.lat - lat) * self._M_PER_DEG_LAT
            dx = (place.lon - lon) * self._M_PER_DEG_LON
            d2 = dx * dx + dy * dy
            if d2 < best_d2:
                best, best_d2 = place, d2
        return best.code, math.sqrt(best_d2)
