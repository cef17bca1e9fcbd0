"""Aggregate counts of complaints: open to everyone, no personal data.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.stats.params import FromQuery, ToQuery
from app.stats.service import DayRange, resolve_range

__all__ = [
    "DayRange",
    "FromQuery",
    "ToQuery",
    "resolve_range",
]
