"""The JAKI mirror: push, pull and backfill of JAKI reports.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.mirror.importer import ImportSummary, import_file

__all__ = [
    "ImportSummary",
    "import_file",
]
