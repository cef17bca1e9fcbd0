"""The audit log as the API shows it."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.kit.paging import OffsetPage


class PersonalDataReadOut(BaseModel):
    """One response that showed the complainant's personal data unmasked."""

    model_config = ConfigDict(from_attributes=True)

    read_at: datetime
    api_key_id: uuid.UUID | None = Field(description="The key used; null once it is deleted")
    key_name: str = Field(examples=["Meja pengaduan Balai Kota 1"])
    role: str = Field(examples=["desk"])
    endpoint: str = Field(examples=["GET /v1/complaints/{ref}"])


class PersonalDataReadPage(OffsetPage):
    complaint_id: uuid.UUID
    items: list[PersonalDataReadOut] = Field(description="Newest first")
