"""Where a service request's point lies: its kelurahan, or outside Jakarta.

Pintu holds a reference point per kelurahan, not its boundary, so a point belongs to the
kelurahan whose point is nearest (`app.regions.kelurahan_locator`), as the JAKI mirror places a
report that names no kelurahan (`kelurahan_source = 'nearest_point'`). "Outside Jakarta" is
read from the same points: outside the box every Pintu point must lie in, or farther from every
kelurahan point than a kelurahan reaches. On the mainland no place in Jakarta is more than
about 2.8 km from a kelurahan point (the sparse coast of Jakarta Utara), while the centre of
Bekasi is 3.9 km from the nearest one and Depok's 5.5 km; the islands of Kepulauan Seribu spread
over tens of kilometres of sea (Pulau Sebira is 38 km from Pulau Harapan's point). Near the
border the rule can err either way by a few hundred metres: a boundary map would settle it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.complaints import Latitude, Longitude
from app.regions import kelurahan_locator

# How far from its kelurahan's point a place in Jakarta can lie (see above).
MAINLAND_REACH_M = 3_500.0
ISLANDS_REACH_M = 40_000.0
ISLANDS = "31.01."  # Kabupaten Administrasi Kepulauan Seribu

# The box every point Pintu stores lies in (the mainland and Kepulauan Seribu).
_BOX = TypeAdapter(tuple[Latitude, Longitude])


@dataclass(frozen=True, slots=True)
class Located:
    kelurahan_code: str
    distance_m: float


async def locate(session: AsyncSession, lat: float, lon: float) -> Located | None:
    """The kelurahan a point lies in; None when the point is outside Jakarta."""
    try:
        _BOX.validate_python((lat, lon))
    except ValidationError:
        return None
    code, distance = (await kelurahan_locator(session)).nearest(lat, lon)
    reach = ISLANDS_REACH_M if code.startswith(ISLANDS) else MAINLAND_REACH_M
    return Located(code, distance) if distance <= reach else None
