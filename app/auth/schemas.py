"""API-key request and response bodies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.kit.validation import CleanStr, Text, Timestamp
from app.models.roles import Role


class ApiKeyCreate(BaseModel):
    """A new key: who it is for and what it may do."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Meja pengaduan Balai Kota 1", "role": "desk"}],
            # An agency key acts for one unit, a client key for one channel; no other key has
            # either.
            "allOf": [
                {
                    "if": {"required": ["role"], "properties": {"role": {"const": "agency"}}},
                    "then": {
                        "required": ["unit_code"],
                        "properties": {"unit_code": {"type": "string"}},
                    },
                    "else": {"properties": {"unit_code": {"type": "null"}}},
                },
                {
                    "if": {"required": ["role"], "properties": {"role": {"const": "client"}}},
                    "then": {
                        "required": ["channel_code"],
                        "properties": {"channel_code": {"type": "string"}},
                    },
                    "else": {"properties": {"channel_code": {"type": "null"}}},
                },
            ],
        },
    )

    name: Text = Field(max_length=100, description="Who or what uses the key")
    role: Role
    expires_at: Timestamp | None = Field(
        default=None, description="When the key stops working; without an offset, Jakarta time"
    )
    unit_code: CleanStr | None = Field(
        default=None,
        validate_default=True,
        max_length=40,
        description="For an agency key (and only for one): the unit it acts for",
        examples=["kelurahan-31.71.01.1001"],
    )
    channel_code: CleanStr | None = Field(
        default=None,
        validate_default=True,
        max_length=32,
        description="For a client key (an app's backend; and only for one): the channel whose "
        "complaints it records and reads",
        examples=["mobile_app"],
    )
    rate_limit_per_minute: int | None = Field(
        default=None,
        ge=1,
        le=1_000_000,
        description="Requests a minute this key may make; leave it out for the service's "
        "default (RATE_LIMIT_PER_MINUTE, 1200)",
    )

    @field_validator("unit_code")
    @classmethod
    def _unit_for_agency(cls, value: str | None, info: ValidationInfo) -> str | None:
        # A field validator (not the model's), so that the error names unit_code.
        role = info.data.get("role")
        if role is not None and (role is Role.AGENCY) != (value is not None):
            raise ValueError("unit_code is required for an agency key and only for one")
        return value

    @field_validator("channel_code")
    @classmethod
    def _channel_for_client(cls, value: str | None, info: ValidationInfo) -> str | None:
        role = info.data.get("role")
        if role is not None and (role is Role.CLIENT) != (value is not None):
            raise ValueError("channel_code is required for a client key and only for one")
        return value

    @field_validator("expires_at")
    @classmethod
    def _future(cls, value: datetime | None) -> datetime | None:
        if value is not None and value <= datetime.now(UTC):
            raise ValueError("must be in the future")
        return value


_KEY_EXAMPLE: dict[str, Any] = {
    "id": "5b0c1f6e-2d7a-4c1e-9a0b-1f2e3d4c5b6a",
    "name": "Meja pengaduan Balai Kota 1",
    "role": "desk",
    "key_prefix": "pintu_Xq3vL0",
    "created_at": "2026-11-27T01:00:00Z",
    "expires_at": None,
    "revoked_at": None,
    "last_used_at": "2026-11-27T01:12:03Z",
}


class ApiKeyOut(BaseModel):
    """A key as listed: never the key itself."""

    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [_KEY_EXAMPLE]})

    id: uuid.UUID
    name: str
    role: Role
    key_prefix: str = Field(description="The key's first characters, to recognise it")
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    unit_code: str | None = Field(description="The unit an agency key acts for")
    channel_code: str | None = Field(
        default=None, description="The channel a client key records and reads"
    )
    rate_limit_per_minute: int | None = Field(
        default=None, description="Requests a minute; null: the service's default"
    )


class ApiKeyCreated(ApiKeyOut):
    """A key just created: the only response that ever shows `key`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {**_KEY_EXAMPLE, "last_used_at": None, "key": "pintu_Xq3vL0…(43 characters)"}
            ]
        }
    )

    key: str = Field(description="The secret key; shown once, store it now")


class ApiKeyPage(BaseModel):
    items: list[ApiKeyOut]
