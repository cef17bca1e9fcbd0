"""Settings, read from the environment; unsafe production settings refuse to load."""

from __future__ import annotations

import base64
import binascii
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


# Development keys are public (they are in this file): fine for a laptop, refused in production.
DEV_PII_ENCRYPTION_KEY = base64.b64encode(b"pintu-development-pii-key-000001").decode()
DEV_BLIND_INDEX_KEY = base64.b64encode(b"pintu-development-blind-index-01").decode()


def _decode_key(value: str, name: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"{name} must be base64") from exc
    if len(raw) != 32:
        raise ValueError(f"{name} must decode to 32 bytes")
    return raw


class Settings(BaseSettings):
    """Every setting Pintu reads; see the README's configuration table."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_ignore_empty=True)

    pintu_env: Environment = Environment.DEVELOPMENT
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    data_dir: Path = Path(".data")
    pii_encryption_key: str = DEV_PII_ENCRYPTION_KEY
    blind_index_key: str = DEV_BLIND_INDEX_KEY
    admin_api_key: str | None = None
    # Unset: json in production, text elsewhere.
    log_format: str | None = None
    log_level: str = "INFO"
    db_pool_size: int = Field(default=10, ge=1, le=200)
    # Seconds `pintu serve` lets requests in flight finish after SIGTERM before cutting them;
    # keep it below the process manager's own limit (Kubernetes: 30 s) so they are not killed.
    shutdown_grace_period: int = Field(default=15, ge=1, le=3600)
    # Requests a minute per API key unless the key sets its own.
    rate_limit_per_minute: int = Field(default=1200, ge=1, le=1_000_000)
    # Request bodies: most endpoints take a few kilobytes; the JAKI feed's batches more.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_batch_body_bytes: int = Field(default=32 * 1024 * 1024, ge=1024)
    body_timeout: float = Field(default=30.0, gt=0, le=600)
    # Seconds a client has to send a request's line and headers, from connecting (or from the
    # first byte of the next request on a kept-alive connection).
    header_timeout: float = Field(default=10.0, gt=0, le=600)
    # Requests one API key may have in progress in one worker process at once; more wait, idle,
    # up to IN_FLIGHT_WAIT seconds for one to finish, then are refused (429).
    max_in_flight_per_key: int = Field(default=4, ge=1, le=10_000)
    in_flight_wait: float = Field(default=5.0, ge=0, le=60)
    # Requests with an unknown, revoked or expired key one client address may make a minute
    # (per worker process) before it is refused without looking keys up.
    invalid_keys_per_minute: int = Field(default=30, ge=1, le=1_000_000)
    # Where Pintu is reached from outside (https://pintu.jakarta.go.id), for the absolute URLs
    # a document must carry (Open311's discovery); unset, they are paths. Never the Host header.
    public_base_url: str | None = Field(
        default=None, pattern=r"^https?://[^/?#\s]+$", max_length=200
    )
    jaki_feed_url: str | None = None
    jaki_feed_token: str | None = None
    jaki_feed_page_size: int = Field(default=500, ge=1, le=1000)
    jaki_feed_timeout: float = Field(default=30.0, gt=0, le=600)
    jaki_sync_interval: float = Field(default=60.0, gt=0, le=86_400)
    # Webhook receivers on loopback or private addresses, and over plain http: unset, allowed in
    # development (`make run`, one machine) and refused elsewhere; never allowed in production.
    # Link-local and cloud metadata addresses are refused always.
    webhook_allow_private: bool | None = None
    # Look webhook receivers' names up in DNS; false where the server has no DNS (receivers
    # are then given by address).
    webhook_resolve_names: bool = True
    # Seconds a receiver has to answer one delivery.
    webhook_timeout: float = Field(default=10.0, gt=0, le=60)
    # Deliveries in flight at once in one `pintu deliver-events` process.
    webhook_concurrency: int = Field(default=8, ge=1, le=200)
    # Seconds between looks for new events and due retries when there was nothing to do.
    webhook_poll_interval: float = Field(default=0.25, gt=0, le=60)
    # Deliver events from inside the API server too (`pintu serve --deliver-events`, which
    # `make run` uses); production runs `pintu deliver-events` on its own.
    deliver_events_in_server: bool = False

    @field_validator("jaki_feed_url")
    @classmethod
    def _feed_url(cls, value: str | None) -> str | None:
        # Refused here, when the setting is read, rather than by the first request: a URL that
        # cannot be fetched would otherwise end `pintu sync-jaki` in a traceback or in retries.
        if not value:
            return None  # set but empty (compose passes it so): not set, the sync stays idle
        problem = feed_url_problem(value)
        if problem is not None:
            raise ValueError(f"JAKI_FEED_URL {problem}")
        return value

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str | None) -> str | None:
        if value is not None and value not in {"text", "json"}:
            raise ValueError("LOG_FORMAT must be text or json")
        return value

    @model_validator(mode="after")
    def _safe_for_environment(self) -> Settings:
        _decode_key(self.pii_encryption_key, "PII_ENCRYPTION_KEY")
        _decode_key(self.blind_index_key, "BLIND_INDEX_KEY")
        if self.pintu_env is Environment.PRODUCTION:
            if self.pii_encryption_key == DEV_PII_ENCRYPTION_KEY:
                raise ValueError("PII_ENCRYPTION_KEY is the development key; set a secret one")
            if self.blind_index_key == DEV_BLIND_INDEX_KEY:
                raise ValueError("BLIND_INDEX_KEY is the development key; set a secret one")
            if self.pii_encryption_key == self.blind_index_key:
                raise ValueError("PII_ENCRYPTION_KEY and BLIND_INDEX_KEY must differ")
            if not self.database_url:
                raise ValueError("DATABASE_URL is required in production")
            if self.admin_api_key is not None and len(self.admin_api_key) < 32:
                raise ValueError("ADMIN_API_KEY must be at least 32 characters")
            if self.webhook_allow_private:
                raise ValueError("WEBHOOK_ALLOW_PRIVATE is for development; never in production")
        return self

    @property
    def webhooks_may_reach_private(self) -> bool:
        """Whether webhook receivers may be on loopback or private addresses, over http."""
        if self.webhook_allow_private is None:
            return self.pintu_env is Environment.DEVELOPMENT
        return self.webhook_allow_private

    @property
    def pii_key_bytes(self) -> bytes:
        """The AES-256 key that encrypts personal data at rest."""
        return _decode_key(self.pii_encryption_key, "PII_ENCRYPTION_KEY")

    @property
    def blind_index_key_bytes(self) -> bytes:
        """The HMAC key of the blind index."""
        return _decode_key(self.blind_index_key, "BLIND_INDEX_KEY")

    @property
    def log_style(self) -> str:
        """The log format in force: LOG_FORMAT, else json in production and text elsewhere."""
        return self.log_format or ("json" if self.is_production else "text")

    @property
    def is_production(self) -> bool:
        return self.pintu_env is Environment.PRODUCTION


FEED_URL_RULE = "must be an http or https URL with a host, such as https://jaki.example/feed"


def feed_url_problem(value: str) -> str | None:
    """What is wrong with a feed URL, in words that do not repeat it (it may hold a token); None
    if an HTTP client can fetch it."""
    import httpx

    if any(c.isspace() or not c.isprintable() for c in value):
        return f"{FEED_URL_RULE}; it holds a space or a control character"
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError, TypeError):
        return f"{FEED_URL_RULE}; this one is not a URL"
    if url.scheme not in {"http", "https"}:
        return f"{FEED_URL_RULE}; this one is not http or https"
    if not url.host or (url.port is not None and not 0 < url.port < 65536):
        return f"{FEED_URL_RULE}; this one names no host (or no valid port)"
    return None


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
