"""How JAKI's words and places become Pintu's: statuses, categories, the nearest kelurahan."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.categories import OTHER_CATEGORY
from app.models.statuses import ComplaintStatus

ALIAS_SOURCE = "jaki"

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


class CategoryNames:
    """JAKI's category names and Pintu's codes (`category_aliases`), read once per batch."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self._aliases = aliases
        # Each alias as a whole-words pattern, for names without an alias of their own; the
        # catch-all's own alias is left out, so that "Kesehatan Lainnya" is `kesehatan`.
        self._patterns = [
            (re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)"), code)
            for alias, code in aliases.items()
            if code != OTHER_CATEGORY
        ]

    def code(self, name: str) -> str:
        """Pintu's code for JAKI's category name: its alias; else, for a name Pintu has no alias
        for yet, the one code of every alias it contains as whole words ("Pelayanan Kesehatan"
        is `kesehatan`; in "Lampu Jalan Mati", "lampu jalan" hides the "jalan" inside it);
        `lainnya` when it contains none, or aliases of two codes ("Jalan dan Lampu Jalan")."""
        key = alias_key(name)
        known = self._aliases.get(key)
        if known is not None:
            return known
        spans = [
            (m.start(), m.end(), code)
            for pattern, code in self._patterns
            for m in pattern.finditer(key)
        ]
        codes = {
            code
            for start, end, code in spans
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
        }
        return codes.pop() if len(codes) == 1 else OTHER_CATEGORY


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
