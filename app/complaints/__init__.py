"""Complaints from every channel: intake, lookup, corrections, statuses and history.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.complaints.bulk import insert as bulk_insert, update_many as bulk_update
from app.complaints.erasure import erase as erase_personal_data
from app.complaints.intake import Intake, record_with_candidates as record_complaint
from app.complaints.presenter import answer as complaint_answer
from app.complaints.receipts import matches as receipt_matches, normalise as normalise_receipt
from app.complaints.rekey import SEALED_TABLES as complaint_sealed_tables
from app.complaints.repository import receipt_hash
from app.complaints.rows import (
    PERSONAL_COLUMNS,
    PLACE_COLUMNS,
    derived_columns,
    event_row,
    personal_index,
    personal_indexes,
    sealed_complainant,
    with_match_text,
)
from app.complaints.schemas import (
    KELURAHAN_CODE,
    ComplainantIn,
    ComplaintCreate,
    ComplaintOut,
    ComplaintRef,
    Latitude,
    Longitude,
)
from app.complaints.service import (
    LinkRecord,
    any_recorded as any_complaint_recorded,
    count_per_day as complaints_per_day,
    create as create_complaint,
    get as get_complaint,
    get_locked_by_id as get_complaint_locked,
    has_duplicates,
    histories,
    last_link,
    lock_for_routing,
    lock_pair,
    mark_linked,
    mark_unlinked,
    reindex_batch,
    route as route_complaint,
    tracking_numbers,
    try_lock_by_id as try_lock_complaint,
)
from app.complaints.views import followed as followed_complaint, status_words

__all__ = [
    "KELURAHAN_CODE",
    "PERSONAL_COLUMNS",
    "PLACE_COLUMNS",
    "ComplainantIn",
    "ComplaintCreate",
    "ComplaintOut",
    "ComplaintRef",
    "Intake",
    "Latitude",
    "LinkRecord",
    "Longitude",
    "any_complaint_recorded",
    "bulk_insert",
    "bulk_update",
    "complaint_answer",
    "complaint_sealed_tables",
    "complaints_per_day",
    "create_complaint",
    "derived_columns",
    "erase_personal_data",
    "event_row",
    "followed_complaint",
    "get_complaint",
    "get_complaint_locked",
    "has_duplicates",
    "histories",
    "last_link",
    "lock_for_routing",
    "lock_pair",
    "mark_linked",
    "mark_unlinked",
    "normalise_receipt",
    "personal_index",
    "personal_indexes",
    "receipt_hash",
    "receipt_matches",
    "record_complaint",
    "reindex_batch",
    "route_complaint",
    "sealed_complainant",
    "status_words",
    "tracking_numbers",
    "try_lock_complaint",
    "with_match_text",
]
