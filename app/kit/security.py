"""Personal-data protection: AES-GCM encryption at rest, a keyed blind index, API-key hashing."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.kit.validation import renderable

_CIPHER_VERSION = b"\x01"
_NONCE_BYTES = 12
API_KEY_PREFIX = "pintu_"


class PiiCipher:
    """Encrypts one personal field at a time; the field name is bound in as associated data."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def encrypt(self, field: str, value: str) -> bytes:
        """Ciphertext of `value`, prefixed by a version byte and a random nonce."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, value.encode(), field.encode())
        return _CIPHER_VERSION + nonce + sealed

    def decrypt(self, field: str, blob: bytes) -> str:
        """The plaintext of a value sealed by `encrypt` for the same field."""
        if blob[:1] != _CIPHER_VERSION:
            raise ValueError("unknown ciphertext version")
        nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
        return self._aead.decrypt(nonce, sealed, field.encode()).decode()

    def decrypt_json(self, field: str, blob: bytes) -> Any:
        """The JSON value sealed by `encrypt` for the same field, decoded so that a response can
        always carry it (app.kit.validation.renderable)."""
        return renderable(json.loads(self.decrypt(field, blob)))


class BlindIndex:
    """HMAC-SHA256 of a normalized value: equal values match, and without the key a low-entropy
    NIK cannot be brute-forced from a dump."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, field: str, normalized: str) -> bytes:
        """The index value of `normalized` for `field` (fields never collide with each other)."""
        return hmac.new(self._key, f"{field}:{normalized}".encode(), hashlib.sha256).digest()


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

    return PiiCipher(get_settings().pii_key_bytes)


@lru_cache
def get_blind_index() -> BlindIndex:
    """The process-wide blind index, keyed from the settings."""
    from app.kit.config import get_settings

    return BlindIndex(get_settings().blind_index_key_bytes)
