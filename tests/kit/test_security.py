"""Ciphertexts carry their key's id; several keys decrypt and match, the newest seals."""

import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.kit.security import BlindIndex, PiiCipher, UnknownKeyError, key_id_of

A, B, C = os.urandom(32), os.urandom(32), os.urandom(32)
NIK = "3171014505900002"


def _legacy_blob(key: bytes, field: str, value: str) -> bytes:
    """A ciphertext as Pintu wrote it before key ids: version 1, nonce, sealed."""
    nonce = os.urandom(12)
    return b"\x01" + nonce + AESGCM(key).encrypt(nonce, value.encode(), field.encode())


def test_a_ciphertext_names_the_newest_key_and_every_configured_key_opens_its_own():
    old, rotating = PiiCipher([("a", A)]), PiiCipher([("b", B), ("a", A)])
    under_a = old.encrypt("nik", NIK)
    under_b = rotating.encrypt("nik", NIK)
    assert (key_id_of(under_a), key_id_of(under_b)) == ("a", "b")
    assert under_b.startswith(rotating.current_header) and not rotating.is_current(under_a)
    assert rotating.decrypt("nik", under_a) == rotating.decrypt("nik", under_b) == NIK
    assert NIK.encode() not in under_a + under_b
    again = rotating.reencrypt("nik", under_a)
    assert key_id_of(again) == "b" and rotating.decrypt("nik", again) == NIK
    assert rotating.reencrypt("nik", under_b) is under_b


def test_a_ciphertext_from_before_key_ids_is_the_legacy_key_1s():
    blob = _legacy_blob(A, "phone", "+6281234567890")
    assert key_id_of(blob) == "1"
    assert PiiCipher(A).decrypt("phone", blob) == "+6281234567890"  # the single-key setting
    assert PiiCipher([("b", B), ("1", A)]).decrypt("phone", blob) == "+6281234567890"
    with pytest.raises(UnknownKeyError, match="key id '1', which is not configured"):
        PiiCipher([("b", B)]).decrypt("phone", blob)


def test_an_unknown_or_wrong_key_is_a_clear_error_never_a_wrong_answer():
    blob = PiiCipher([("a", A)]).encrypt("email", "siti@example.com")
    with pytest.raises(
        UnknownKeyError, match=r"key id 'a', which is not configured \(configured: b, c\)"
    ):
        PiiCipher([("b", B), ("c", C)]).decrypt("email", blob)
    # Another key under the same id: the tag fails, and the error says so.
    with pytest.raises(UnknownKeyError, match="does not open under key id 'a'") as refused:
        PiiCipher([("a", B)]).decrypt("email", blob)
    assert "siti" not in str(refused.value)
    # The key id is bound in: relabelled to another configured key, it does not open.
    relabelled = b"\x02\x01c" + blob[3:]
    with pytest.raises(UnknownKeyError):
        PiiCipher([("c", A)]).decrypt("email", relabelled)
    # And so is the field.
    with pytest.raises(UnknownKeyError):
        PiiCipher([("a", A)]).decrypt("phone", blob)
    with pytest.raises(UnknownKeyError, match="version"):
        PiiCipher([("a", A)]).decrypt("email", b"\x07" + blob[1:])


def test_the_blind_index_indexes_under_the_newest_key_and_looks_up_under_all():
    old, rotating = BlindIndex([("a", A)]), BlindIndex([("b", B), ("a", A)])
    assert not old.rotating and rotating.rotating
    assert rotating.digest("nik", NIK) != old.digest("nik", NIK)
    assert rotating.digests("nik", NIK) == [rotating.digest("nik", NIK), old.digest("nik", NIK)]
    assert BlindIndex(A).digest("nik", NIK) == old.digest("nik", NIK)  # ids are not hashed in
    assert rotating.digest("phone", NIK) != rotating.digest("nik", NIK)
