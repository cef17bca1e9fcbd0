"""API keys and roles.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.auth.deps import (
    AdminDep as AdminDep,
)
from app.auth.deps import (
    IfMatchDep as IfMatchDep,
)
from app.auth.deps import (
    PintuRoute as PintuRoute,
)
from app.auth.deps import (
    get_principal as get_principal,
)
from app.auth.deps import (
    require as require,
)
from app.auth.service import (
    Principal as Principal,
)
from app.auth.usage import (
    KeyUse as KeyUse,
)

__all__ = [
    "AdminDep",
    "IfMatchDep",
    "KeyUse",
    "PintuRoute",
    "Principal",
    "get_principal",
    "require",
]
