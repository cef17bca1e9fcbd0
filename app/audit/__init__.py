"""The audit log of personal data shown unmasked: who read whose, when, and through what.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.audit.deps import AuditDep
from app.audit.schemas import PersonalDataReadOut, PersonalDataReadPage
from app.audit.service import PersonalDataAudit, log_reads, reads_of as reads_of_complaint

__all__ = [
    "AuditDep",
    "PersonalDataAudit",
    "PersonalDataReadOut",
    "PersonalDataReadPage",
    "log_reads",
    "reads_of_complaint",
]
