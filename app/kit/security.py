"""Personal-data protection: AES-GCM encryption at rest, a keyed blind index, API-key hashing.

Both keys can be rotated (docs/operations.md, "Rotating the personal-data keys"): several of
each may be configured, newest first. The newest encrypts and indexes; every configured key
decrypts, and a look-up through the blind index asks for the value under every configured key
(`BlindIndex.digests`), so a database half way through `pintu rotate-keys` still finds
everything.

A ciphertext names the key that sealed it:

    0x02 | length of the key id (1 byte) | key id (ASCII) | nonce (12 bytes) | sealed

with the header (version, length and id) and the field name as associated data, so neither can
be changed without the tag failing. Ciphertexts written before key ids (`0x01 | nonce | sealed`,
the field name alone as associated data) are the legacy key's: the key id `1`, which the single
`PII_ENCRYPTION_KEY` setting has.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.kit.validation import renderable

_LEGACY_VERSION = b"\x01"
_VERSION = b"\x02"
_NONCE_BYTES = 12
# The id of the key of the single-key settings, and of every ciphertext written before key ids.
LEGACY_KEY_ID = "1"
KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")
API_KEY_PREFIX = "pintu_"


class UnknownKeyError(ValueError):
    """A ciphertext that cannot be opened with the configured keys: its key is not configured
    (retired too early, or a setting lost), or it does not open under the key its id names.
    The message names key ids only, never a key or a value."""


def _header(key_id: str) -> bytes:
    encoded = key_id.encode()
    return _VERSION + bytes([len(encoded)]) + encoded


def key_id_of(blob: bytes) -> str:
    """The id of the key that sealed `blob` (`1` for a ciphertext from before key ids)."""
    if blob[:1] == _LEGACY_VERSION:
        return LEGACY_KEY_ID
    if blob[:1] == _VERSION and len(blob) >= 2:
        length = blob[1]
        raw = blob[2 : 2 + length]
        if len(raw) == length:
            try:
                return raw.decode("ascii")
            except UnicodeDecodeError:
                pass
    raise UnknownKeyError("unknown ciphertext version")


class PiiCipher:
    """Encrypts one personal field at a time; the field name is bound in as associated data.

    `keys` are (id, 32-byte key) pairs, newest first: the newest encrypts, all decrypt."""

    def __init__(self, keys: bytes | Sequence[tuple[str, bytes]]) -> None:
        if isinstance(keys, bytes):
            keys = [(LEGACY_KEY_ID, keys)]
        if not keys:
            raise ValueError("at least one key is needed")
        self._aeads = {key_id: AESGCM(key) for key_id, key in keys}
        self.current_id = keys[0][0]
        self.key_ids = tuple(key_id for key_id, _ in keys)
        self._header = _header(self.current_id)

    @property
    def current_header(self) -> bytes:
        """The first bytes of every ciphertext sealed under the newest key (what a query can
        compare to tell a ciphertext that needs re-encrypting)."""
        return self._header

    def is_current(self, blob: bytes) -> bool:
        """Whether `blob` is sealed under the newest key."""
        return blob.startswith(self._header)

    def encrypt(self, field: str, value: str) -> bytes:
        """Ciphertext of `value` under the newest key: its header, a random nonce, the sealed
        value."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aeads[self.current_id].encrypt(
            nonce, value.encode(), self._header + field.encode()
        )
        return self._header + nonce + sealed

    def decrypt(self, field: str, blob: bytes) -> str:
        """The plaintext of a value sealed by `encrypt` for the same field, under any configured
        key; `UnknownKeyError` if its key is not configured or it does not open."""
        key_id = key_id_of(blob)
        aead = self._aeads.get(key_id)
        if aead is None:
            raise UnknownKeyError(
                f"a {field} ciphertext is sealed under key id {key_id!r}, which is not "
                f"configured (configured: {', '.join(self.key_ids)})"
            )
        if blob[:1] == _LEGACY_VERSION:
            start, associated = 1, field.encode()
        else:
            start = 2 + blob[1]
            associated = blob[:start] + field.encode()
        nonce, sealed = blob[start : start + _NONCE_BYTES], blob[start + _NONCE_BYTES :]
        try:
            return aead.decrypt(nonce, sealed, associated).decode()
        except InvalidTag:
            raise UnknownKeyError(
                f"a {field} ciphertext does not open under key id {key_id!r}: the key "
                "configured under that id is not the one that sealed it"
            ) from None

    def reencrypt(self, field: str, blob: bytes) -> bytes:
        """`blob` sealed again under the newest key (itself if it already is)."""
        return blob if self.is_current(blob) else self.encrypt(field, self.decrypt(field, blob))

    def decrypt_json(self, field: str, blob: bytes) -> Any:
        """The JSON value sealed by `encrypt` for the same field, decoded so that a response can
        always carry it (app.kit.validation.renderable)."""
        return renderable(json.loads(self.decrypt(field, blob)))


class BlindIndex:
    """HMAC-SHA256 of a normalized value: equal values match, and without the key a low-entropy
    NIK cannot be brute-forced from a dump.

    `keys` are (id, 32-byte key) pairs, newest first: new values are indexed under the newest,
    look-ups ask for every key's (`digests`)."""

    def __init__(self, keys: bytes | Sequence[tuple[str, bytes]]) -> None:
        if isinstance(keys, bytes):
            keys = [(LEGACY_KEY_ID, keys)]
        if not keys:
            raise ValueError("at least one key is needed")
        self._keys = [key for _, key in keys]
        self.key_ids = tuple(key_id for key_id, _ in keys)

    @property
    def rotating(self) -> bool:
        """Whether more than one key is configured (look-ups then ask for several values)."""
        return len(self._keys) > 1

    @staticmethod
    def _mac(key: bytes, field: str, normalized: str) -> bytes:
        return hmac.new(key, f"{field}:{normalized}".encode(), hashlib.sha256).digest()

    def digest(self, field: str, normalized: str) -> bytes:
        """The index value of `normalized` for `field` under the newest key (fields never
        collide with each other)."""
        return self._mac(self._keys[0], field, normalized)

    def digests(self, field: str, normalized: str) -> list[bytes]:
        """The index value of `normalized` under every configured key, the newest first: what a
        look-up matches (`column = ANY(:digests)`)."""
        return [self._mac(key, field, normalized) for key in self._keys]


def generate_api_key() -> str:
    """A new API key: a fixed prefix, so leaked keys are easy to spot, and 256 random bits."""
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def hash_api_key(key: str) -> bytes:
    """The stored form of an API key."""
    return hashlib.sha256(key.encode()).digest()


def display_prefix(key: str) -> str:
    """The first characters of a key, enough for a person to recognise it in a list."""
    return key[: len(API_KEY_PREFIX) + 6]


@lru_cache
def get_cipher() -> PiiCipher:
    """The process-wide cipher, keyed from the settings."""
    from app.kit.config import get_settings

    return PiiCipher(get_settings().pii_keys)


@lru_cache
def get_blind_index() -> BlindIndex:
    """The process-wide blind index, keyed from the settings."""
    from app.kit.config import get_settings

    return BlindIndex(get_settings().blind_index_keyring)
