"""The audit log of personal data shown unmasked: who read whose, when, and through what.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.audit.deps import (
    AuditDep as AuditDep,
)
from app.audit.schemas import (
    PersonalDataReadOut as PersonalDataReadOut,
)
from app.audit.schemas import (
    PersonalDataReadPage as PersonalDataReadPage,
)
from app.audit.service import (
    PersonalDataAudit as PersonalDataAudit,
)
from app.audit.service import (
    log_reads as log_reads,
)
from app.audit.service import (
    reads_of as reads_of_complaint,
)

__all__ = [
    "AuditDep",
    "PersonalDataAudit",
    "PersonalDataReadOut",
    "PersonalDataReadPage",
    "log_reads",
    "reads_of_complaint",
]
