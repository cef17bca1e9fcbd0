"""ORM models, together because they reference each other; the schema itself is made by Alembic."""

from app.models.api_key import ApiKey
from app.models.base import Base
from app.models.complaint import Complaint, ComplaintEvent, TrackingCounter
from app.models.mirror import CategoryAlias, JakiReport, SyncState
from app.models.reference import Category, Channel, Region

__all__ = [
    "ApiKey",
    "Base",
    "Category",
    "CategoryAlias",
    "Channel",
    "Complaint",
    "ComplaintEvent",
    "JakiReport",
    "Region",
    "SyncState",
    "TrackingCounter",
]
