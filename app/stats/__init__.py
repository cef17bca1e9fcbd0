"""Aggregate counts of complaints: open to everyone, no personal data.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.stats.params import (
    FromQuery as FromQuery,
)
from app.stats.params import (
    ToQuery as ToQuery,
)
from app.stats.service import (
    DayRange as DayRange,
)
from app.stats.service import (
    resolve_range as resolve_range,
)

__all__ = [
    "DayRange",
    "FromQuery",
    "ToQuery",
    "resolve_range",
]
