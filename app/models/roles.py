"""The roles an API key can have; docs/access.md says what each may do."""

from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    DESK = "desk"
    AGENCY = "agency"
    INTEGRATION = "integration"
    ADMIN = "admin"
    CLIENT = "client"


# Roles that see NIK, phone and e-mail unmasked. An agency sees only complaints assigned to its
# unit, and needs the complainant's contact for those; a client (an app's backend) sees only the
# complaints of its channel, which it registered itself.
UNMASKED_ROLES = frozenset({Role.DESK, Role.AGENCY, Role.ADMIN, Role.CLIENT})
