"""Assignments (disposisi): routing complaints to units, deadlines, follow-ups.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.assignments.service import (
    of_complaints as assignments_of,
)
from app.assignments.service import (
    release_for_link as release_for_link,
)
from app.assignments.service import (
    strike_from_notes as strike_from_notes,
)

__all__ = [
    "assignments_of",
    "release_for_link",
    "strike_from_notes",
]
