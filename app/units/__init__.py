"""Units that handle complaints: kelurahan, kecamatan and kota offices, agencies, Suku Dinas.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.units.service import find as find_unit, get as get_unit, require as require_unit

__all__ = [
    "find_unit",
    "get_unit",
    "require_unit",
]
