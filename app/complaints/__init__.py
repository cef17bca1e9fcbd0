"""Complaints from every channel: intake, lookup, corrections, statuses and history.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.complaints.bulk import (
    insert as bulk_insert,
)
from app.complaints.bulk import (
    update_many as bulk_update,
)
from app.complaints.erasure import (
    erase as erase_personal_data,
)
from app.complaints.presenter import (
    answer as complaint_answer,
)
from app.complaints.rows import (
    PERSONAL_COLUMNS as PERSONAL_COLUMNS,
)
from app.complaints.rows import (
    derived_columns as derived_columns,
)
from app.complaints.rows import (
    event_row as event_row,
)
from app.complaints.rows import (
    personal_index as personal_index,
)
from app.complaints.rows import (
    sealed_complainant as sealed_complainant,
)
from app.complaints.rows import (
    with_match_text as with_match_text,
)
from app.complaints.schemas import (
    KELURAHAN_CODE as KELURAHAN_CODE,
)
from app.complaints.schemas import (
    ComplainantIn as ComplainantIn,
)
from app.complaints.schemas import (
    ComplaintCreate as ComplaintCreate,
)
from app.complaints.schemas import (
    ComplaintOut as ComplaintOut,
)
from app.complaints.schemas import (
    ComplaintRef as ComplaintRef,
)
from app.complaints.schemas import (
    Latitude as Latitude,
)
from app.complaints.schemas import (
    Longitude as Longitude,
)
from app.complaints.service import (
    any_recorded as any_complaint_recorded,
)
from app.complaints.service import (
    count_per_day as complaints_per_day,
)
from app.complaints.service import (
    create as create_complaint,
)
from app.complaints.service import (
    get as get_complaint,
)
from app.complaints.service import (
    get_locked_by_id as get_complaint_locked,
)
from app.complaints.service import (
    has_duplicates as has_duplicates,
)
from app.complaints.service import (
    lock_for_routing as lock_for_routing,
)
from app.complaints.service import (
    lock_pair as lock_pair,
)
from app.complaints.service import (
    mark_linked as mark_linked,
)
from app.complaints.service import (
    mark_unlinked as mark_unlinked,
)
from app.complaints.service import (
    reindex_batch as reindex_batch,
)
from app.complaints.service import (
    route as route_complaint,
)
from app.complaints.service import (
    tracking_numbers as tracking_numbers,
)
from app.complaints.service import (
    try_lock_by_id as try_lock_complaint,
)

__all__ = [
    "KELURAHAN_CODE",
    "PERSONAL_COLUMNS",
    "ComplainantIn",
    "ComplaintCreate",
    "ComplaintOut",
    "ComplaintRef",
    "Latitude",
    "Longitude",
    "any_complaint_recorded",
    "bulk_insert",
    "bulk_update",
    "complaint_answer",
    "complaints_per_day",
    "create_complaint",
    "derived_columns",
    "erase_personal_data",
    "event_row",
    "get_complaint",
    "get_complaint_locked",
    "has_duplicates",
    "lock_for_routing",
    "lock_pair",
    "mark_linked",
    "mark_unlinked",
    "personal_index",
    "reindex_batch",
    "route_complaint",
    "sealed_complainant",
    "tracking_numbers",
    "try_lock_complaint",
    "with_match_text",
]
