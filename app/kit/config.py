"""Settings, read from the environment; unsafe production settings refuse to load."""

from __future__ import annotations

import base64
import binascii
import re
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


# A key's id in PII_ENCRYPTION_KEYS and BLIND_INDEX_KEYS (app.kit.security.KEY_ID).
_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")
# The id of the single-key settings' key, and of ciphertexts written before key ids.
LEGACY_KEY_ID = "1"


def _decode_key(value: str, name: str) -> bytes:
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"{name} must be base64") from exc
    if len(raw) != 32:
        raise ValueError(f"{name} must decode to 32 bytes")
    return raw


def _key_list(value: str, name: str) -> list[tuple[str, bytes]]:
    """`id:key,id:key`, newest first, as (id, key bytes) pairs. A refusal names the setting and
    the entry by its place (and its id, once read), never the key."""
    keys: list[tuple[str, bytes]] = []
    for place, entry in enumerate(value.split(","), start=1):
        key_id, colon, encoded = entry.strip().partition(":")
        if not colon or not _KEY_ID.fullmatch(key_id):
            raise ValueError(
                f"{name}: entry {place} must be id:key, the id of 1-16 letters, digits, - or _"
            )
        if any(key_id == seen for seen, _ in keys):
            raise ValueError(f"{name}: key id {key_id} is given twice")
        keys.append((key_id, _decode_key(encoded, f"{name}: the key of id {key_id}")))
    return keys


def _keyring(
    listed: str | None, single: str, single_given: bool, names: tuple[str, str]
) -> list[tuple[str, bytes]]:
    """The keys of one kind, newest first: the list setting's, then the single setting's key as
    id 1 (the legacy key) when it is given too, or alone when there is no list."""
    list_name, single_name = names
    single_key = _decode_key(single, single_name)
    if listed is None:
        return [(LEGACY_KEY_ID, single_key)]
    keys = _key_list(listed, list_name)
    if single_given:
        same_id = dict(keys).get(LEGACY_KEY_ID)
        if same_id is None:
            keys.append((LEGACY_KEY_ID, single_key))
        elif same_id != single_key:
            raise ValueError(
                f"{list_name} gives key id {LEGACY_KEY_ID} a key other than {single_name}'s "
                f"({single_name} is key id {LEGACY_KEY_ID})"
            )
    if len({key for _, key in keys}) != len(keys):
        raise ValueError(f"{list_name}: the same key is given under two ids")
    return keys


class Settings(BaseSettings):
    """Every setting Pintu reads; see the README's configuration table."""

    # hide_input_in_errors: a refused setting may be a key; an error names it, never quotes it.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", env_ignore_empty=True, hide_input_in_errors=True
    )

    pintu_env: Environment = Environment.DEVELOPMENT
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    data_dir: Path = Path(".data")
    # One key each (key id 1), or several to rotate: `id:key,id:key`, newest first (the
    # newest encrypts or indexes, all decrypt or match). With a list, the single setting, if
    # given, is added as key id 1 (docs/operations.md, "Rotating the personal-data keys").
    pii_encryption_key: str = DEV_PII_ENCRYPTION_KEY
    pii_encryption_keys: str | None = None
    blind_index_key: str = DEV_BLIND_INDEX_KEY
    blind_index_keys: str | None = None
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
    # Seconds without a pull reaching the end of the feed before the sync is called `stale`
    # (`/readyz`, `GET /v1/jaki/sync`); keep it several JAKI_SYNC_INTERVALs.
    jaki_sync_stale_after: float = Field(default=900.0, gt=0, le=7 * 86_400)
    # A listener of its own serving `/metrics` without a key (each worker process binds it
    # with SO_REUSEPORT); unset, `/metrics` is served on the API's port to admin keys only.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # The address it binds; unset, HOST's.
    metrics_host: str | None = None
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
        pii, blind = self.pii_keys, self.blind_index_keyring
        if self.pintu_env is Environment.PRODUCTION:
            development = {
                base64.b64decode(DEV_PII_ENCRYPTION_KEY): "PII_ENCRYPTION_KEY",
                base64.b64decode(DEV_BLIND_INDEX_KEY): "BLIND_INDEX_KEY",
            }
            for keys, kind in ((pii, "PII_ENCRYPTION_KEY"), (blind, "BLIND_INDEX_KEY")):
                for key_id, key in keys:
                    if key in development:
                        raise ValueError(
                            f"{kind} is the development key (key id {key_id}); set a secret one"
                        )
            if {key for _, key in pii} & {key for _, key in blind}:
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
    def pii_keys(self) -> list[tuple[str, bytes]]:
        """The AES-256 keys of personal data at rest, (id, key), newest (encrypting) first."""
        return _keyring(
            self.pii_encryption_keys,
            self.pii_encryption_key,
            "pii_encryption_key" in self.model_fields_set,
            ("PII_ENCRYPTION_KEYS", "PII_ENCRYPTION_KEY"),
        )

    @property
    def blind_index_keyring(self) -> list[tuple[str, bytes]]:
        """The HMAC keys of the blind index, (id, key), newest (indexing) first."""
        return _keyring(
            self.blind_index_keys,
            self.blind_index_key,
            "blind_index_key" in self.model_fields_set,
            ("BLIND_INDEX_KEYS", "BLIND_INDEX_KEY"),
        )

    @property
    def pii_key_bytes(self) -> bytes:
        """The AES-256 key that encrypts personal data now (the newest)."""
        return self.pii_keys[0][1]

    @property
    def blind_index_key_bytes(self) -> bytes:
        """The HMAC key that indexes new values (the newest)."""
        return self.blind_index_keyring[0][1]

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
