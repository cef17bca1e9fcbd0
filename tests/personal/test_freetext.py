"""Anyone's NIK, phone or e-mail struck from free text; ordinary text left alone."""

import pytest

from app.personal.freetext import REDACTED, public_text, strike_identifiers


@pytest.mark.parametrize(
    "written",
    [
        "3171014505900002",  # anyone's NIK, not only a known person's
        "3273 0112 0390 0007",
        "3273.0112.0390.0007",
        "3273-0112-0390-0007",
        "081298765432",
        "0812-9876-5432",
        "0812 9876 5432",
        "(0812) 9876 5432",
        "+62 812 9876 5432",
        "+62-812-9876-5432",
        "+6281298765432",
        "6281298765432",
        "62 812 9876 5432",
        "0857.1234.567",
        "(021) 3456 7890",
        "021-3456789",
        "+62 21 3456 7890",
        "budi.santoso@example.co.id",
        "Budi_S+aduan@Mail.Example.COM",
    ],
)
def test_anything_shaped_like_an_identifier_is_struck_out(written):
    text = f"hubungi {written}, terima kasih"
    assert strike_identifiers(text) == f"hubungi {REDACTED}, terima kasih"


def test_several_identifiers_in_one_note_are_all_struck_out():
    note = "Pelapor (NIK 3171014505900002, HP 0812-3456-7890, siti@example.com) sudah ditelepon."
    assert strike_identifiers(note) == (
        f"Pelapor (NIK {REDACTED}, HP {REDACTED}, {REDACTED}) sudah ditelepon."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Bansos BPNT bulan Oktober belum diterima, padahal sudah terdaftar di DTKS.",
        "Jl. Cikini Raya Gg. 5 No. 12, RT 05/RW 03",
        "Bantuan Rp 600.000 per bulan sejak 2026",
        "Kelurahan 31.71.06.1003, laporan WI-2026-000042 dan JK-2026-000123",
        "Sudah dicek tanggal 12/10/2026 pukul 09.30, 3 petugas",
        "hubungi kami di @pintu_jakarta",
    ],
)
def test_ordinary_text_and_numbers_are_left_alone(text):
    assert strike_identifiers(text) == text


def test_public_text_strikes_the_complainants_name_however_spaced_and_every_identifier():
    note = "Bu Siti  Rahma ditelepon di 0812-9876-5432; SITI RAHMA setuju. Pak Budi hadir."
    assert public_text(note, name="Siti Rahma") == (
        f"Bu {REDACTED} ditelepon di {REDACTED}; {REDACTED} setuju. Pak Budi hadir."
    )


@pytest.mark.parametrize("name", [None, "", "Al", "  "])
def test_public_text_leaves_words_alone_when_the_name_is_too_short_to_tell(name):
    assert public_text("Al Azhar, jalan rusak", name=name) == "Al Azhar, jalan rusak"
