"""Assignments (disposisi): routing complaints to units, deadlines, follow-ups.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.assignments.presenter import assignment_out
from app.assignments.schemas import AssignmentOut
from app.assignments.service import (
    EscalationSummary,
    Restored,
    escalation_summary,
    of_complaints as assignments_of,
    release_for_link,
    restore_after_unlink,
    strike_from_notes,
    workload_by_unit,
)

__all__ = [
    "AssignmentOut",
    "EscalationSummary",
    "Restored",
    "assignment_out",
    "assignments_of",
    "escalation_summary",
    "release_for_link",
    "restore_after_unlink",
    "strike_from_notes",
    "workload_by_unit",
]
