"""Assignments (disposisi): routing complaints to units, deadlines, follow-ups.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.assignments.service import (
    EscalationSummary,
    escalation_summary,
    of_complaints as assignments_of,
    release_for_link,
    strike_from_notes,
    workload_by_unit,
)

__all__ = [
    "EscalationSummary",
    "assignments_of",
    "escalation_summary",
    "release_for_link",
    "strike_from_notes",
    "workload_by_unit",
]
