"""Jakarta's Kemendagri regions: province, kota/kabupaten, kecamatan, kelurahan.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.regions.locator import KelurahanLocator, Place, kelurahan_locator
from app.regions.service import (
    kelurahan_points,
    require_any as require_region,
    require_level as require_region_level,
)

__all__ = [
    "KelurahanLocator",
    "Place",
    "kelurahan_locator",
    "kelurahan_points",
    "require_region",
    "require_region_level",
]
