"""Assignments (disposisi): routing complaints to units, deadlines, follow-ups.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.assignments.service import (
    of_complaints as assignments_of,
    release_for_link,
    strike_from_notes,
)

__all__ = [
    "assignments_of",
    "release_for_link",
    "strike_from_notes",
]
