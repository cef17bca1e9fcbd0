"""Rules on an assignment that need nothing but the assignment."""

from __future__ import annotations

from datetime import datetime

from app.kit.timeutil import now
from app.models import Assignment


def is_overdue(assignment: Assignment, at: datetime | None = None) -> bool:
    """Open past its respond or finish deadline."""
    at = at or now()
    if assignment.status == "pending" and assignment.respond_by < at:
        return True
    return assignment.status in {"pending", "accepted", "in_progress"} and (
        assignment.finish_by < at
    )
