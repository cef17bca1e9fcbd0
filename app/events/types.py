"""The event types Pintu writes, and what each means (docs/events.md has example payloads)."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class EventType(StrEnum):
    COMPLAINT_CREATED = "complaint.created"
    COMPLAINT_STATUS_CHANGED = "complaint.status_changed"
    COMPLAINT_CORRECTED = "complaint.corrected"
    COMPLAINT_LINKED = "complaint.linked"
    COMPLAINT_UNLINKED = "complaint.unlinked"
    COMPLAINT_PERSONAL_DATA_ERASED = "complaint.personal_data_erased"
    ASSIGNMENT_CREATED = "assignment.created"
    ASSIGNMENT_ACCEPTED = "assignment.accepted"
    ASSIGNMENT_RETURNED = "assignment.returned"
    ASSIGNMENT_ESCALATED = "assignment.escalated"
    ASSIGNMENT_OVERDUE = "assignment.overdue"
    ASSIGNMENT_COMPLETED = "assignment.completed"
    ASSIGNMENT_MOVED = "assignment.moved"
    ASSIGNMENT_RESTORED = "assignment.restored"
    FOLLOW_UP_ADDED = "follow_up.added"
    JAKI_REPORT_CREATED = "jaki_report.created"
    JAKI_REPORT_UPDATED = "jaki_report.updated"


EVENT_TYPES: Final[dict[str, str]] = {
    EventType.COMPLAINT_CREATED: "A complaint was recorded (any channel but the JAKI mirror).",
    EventType.COMPLAINT_STATUS_CHANGED: "A complaint's status moved: by hand, or as its "
    "assignment moved (assigned, in progress, resolved, back to verified).",
    EventType.COMPLAINT_CORRECTED: "A complaint's details were corrected.",
    EventType.COMPLAINT_LINKED: "A complaint was linked as a duplicate of another.",
    EventType.COMPLAINT_UNLINKED: "A duplicate link was undone.",
    EventType.COMPLAINT_PERSONAL_DATA_ERASED: "A complainant's personal data was erased on "
    "request; earlier events about the complaint no longer carry it.",
    EventType.ASSIGNMENT_CREATED: "A complaint was given to a unit (first routing, moved from "
    "another unit, passed to a sub-unit, or escalated to the unit above).",
    EventType.ASSIGNMENT_ACCEPTED: "A unit accepted its assignment.",
    EventType.ASSIGNMENT_RETURNED: "A unit returned its assignment (bukan wewenang).",
    EventType.ASSIGNMENT_ESCALATED: "An assignment was escalated to the unit above; an "
    "`assignment.created` for that unit follows.",
    EventType.ASSIGNMENT_OVERDUE: "`pintu escalate-overdue` found the assignment past its "
    "deadline; `assignment.escalated` follows.",
    EventType.ASSIGNMENT_COMPLETED: "A unit finished its assignment.",
    EventType.ASSIGNMENT_MOVED: "An assignment ended: its complaint went to another unit, or "
    "became a linked duplicate.",
    EventType.ASSIGNMENT_RESTORED: "A duplicate link was undone: the assignment the link ended "
    "is open again with its unit, in the status it had, its deadlines moved on by the working "
    "days the complaint was linked.",
    EventType.FOLLOW_UP_ADDED: "A unit recorded a follow-up (tindak lanjut) on its assignment.",
    EventType.JAKI_REPORT_CREATED: "A JAKI report was mirrored for the first time.",
    EventType.JAKI_REPORT_UPDATED: "A newer version of a mirrored JAKI report arrived.",
}

# What a test ping is delivered as; it is never in the feed.
PING = "webhook.ping"

# Which object an event's `data` is.
OBJECT_OF_TYPE: Final[dict[str, str]] = {
    name: {"jaki_report": "complaint"}.get(name.split(".")[0], name.split(".")[0])
    for name in EVENT_TYPES
}
