"""One status model for every complaint, and the moves a person may make by hand."""

from enum import StrEnum


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    VERIFIED = "verified"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    LINKED = "linked"


S = ComplaintStatus

# Moves a desk officer or admin may make through POST /v1/complaints/{id}/status.
# `linked` is reached only by linking a duplicate, never by hand.
MANUAL_TRANSITIONS: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    S.RECEIVED: frozenset({S.VERIFIED, S.REJECTED}),
    S.VERIFIED: frozenset({S.ASSIGNED, S.IN_PROGRESS, S.REJECTED}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.VERIFIED}),
    S.IN_PROGRESS: frozenset({S.RESOLVED, S.ASSIGNED}),
    S.RESOLVED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset(),
    S.REJECTED: frozenset({S.RECEIVED}),
    S.LINKED: frozenset(),
}

# JAKI's public words for each status (docs/statuses.md explains the choices).
JAKI_STATUS: dict[ComplaintStatus, str] = {
    S.RECEIVED: "Menunggu",
    S.VERIFIED: "Menunggu",
    S.ASSIGNED: "Disposisi",
    S.IN_PROGRESS: "Proses",
    S.RESOLVED: "Selesai",
    S.CLOSED: "Selesai",
    S.REJECTED: "Ditolak",
    S.LINKED: "Menunggu",
}

# Open311 GeoReport v2 has only open and closed.
OPEN311_STATUS: dict[ComplaintStatus, str] = {
    s: ("closed" if s in {S.RESOLVED, S.CLOSED, S.REJECTED} else "open") for s in ComplaintStatus
}
