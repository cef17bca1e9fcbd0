"""The event types Pintu writes, and what each means (docs/events.md has example payloads)."""

from __future__ import annotations

from typing import Final

EVENT_TYPES: Final[dict[str, str]] = {
    "complaint.created": "A complaint was recorded (any channel but the JAKI mirror).",
    "complaint.status_changed": "A complaint's status was moved by hand.",
    "complaint.corrected": "A complaint's details were corrected.",
    "complaint.linked": "A complaint was linked as a duplicate of another.",
    "complaint.unlinked": "A duplicate link was undone.",
    "complaint.personal_data_erased": "A complainant's personal data was erased on request.",
    "assignment.created": "A complaint was assigned to a unit (or passed, or escalated to one).",
    "assignment.accepted": "A unit accepted its assignment.",
    "assignment.returned": "A unit returned its assignment (not its remit).",
    "assignment.escalated": "An assignment was escalated to the unit above.",
    "assignment.overdue": "An assignment passed its deadline unfinished.",
    "assignment.completed": "A unit finished its assignment.",
    "assignment.moved": "An assignment ended: its complaint went to another unit, or became a "
    "linked duplicate.",
    "follow_up.added": "A unit recorded a follow-up (tindak lanjut) on its assignment.",
    "jaki_report.created": "A JAKI report was mirrored for the first time.",
    "jaki_report.updated": "A newer version of a mirrored JAKI report arrived.",
}

# What a test ping is delivered as; it is never in the feed.
PING = "webhook.ping"

# Which object an event's `data` is.
OBJECT_OF_TYPE: Final[dict[str, str]] = {
    name: {"jaki_report": "complaint"}.get(name.split(".")[0], name.split(".")[0])
    for name in EVENT_TYPES
}
