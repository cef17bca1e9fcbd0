"""Striking one known person's identifiers out of free text, however they were written."""

import pytest

from app.privacy.redaction import REDACTED, Redactor

SITI = Redactor.of(
    name="Siti Rahmawati", nik="3171014505900002", phone="+6281234567890", email="siti@example.com"
)


@pytest.mark.parametrize(
    "written",
    [
        "3171014505900002",
        "3171 0145 0590 0002",
        "3171.0145.0590.0002",
        "081234567890",
        "0812-3456-7890",
        "+62 812 3456 7890",
        "6281234567890",
        "(0812) 3456 7890",
        "siti@example.com",
        "Siti@Example.COM",
        "Siti Rahmawati",
        "SITI   RAHMAWATI",
    ],
)
def test_each_way_of_writing_an_identifier_is_struck_out(written):
    assert SITI(f"hubungi {written}, terima kasih") == f"hubungi {REDACTED}, terima kasih"


@pytest.mark.parametrize(
    "text",
    [
        "NIK 3171014505900003 milik tetangga",  # another NIK
        "nomor 0812345678901 bukan dia",  # a longer number holding hers
        "Ibu Siti Aminah juga belum menerima",  # another Siti
        "Rahmawatinya belum datang",  # part of a word
        "asiti@example.com",  # another address
    ],
)
def test_other_people_and_longer_numbers_are_left_alone(text):
    assert SITI(text) == text


def test_a_name_too_short_to_be_safe_is_not_looked_for():
    assert Redactor.of(name="Al")("Al menunggu di jalan") == "Al menunggu di jalan"


def test_nothing_known_changes_nothing():
    assert Redactor()("Siti 081234567890") == "Siti 081234567890"
    assert SITI.optional(None) is None
