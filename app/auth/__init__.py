"""API keys and roles.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.auth.deps import AdminDep, IfMatchDep, PintuRoute, get_principal, require
from app.auth.service import Principal
from app.auth.usage import KeyUse

__all__ = [
    "AdminDep",
    "IfMatchDep",
    "KeyUse",
    "PintuRoute",
    "Principal",
    "get_principal",
    "require",
]
