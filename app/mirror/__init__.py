"""The JAKI mirror: push, pull and backfill of JAKI reports.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.mirror.importer import ImportSummary, import_file
from app.mirror.status import SyncHealth, SyncStatus, sync_status

__all__ = [
    "ImportSummary",
    "SyncHealth",
    "SyncStatus",
    "import_file",
    "sync_status",
]
