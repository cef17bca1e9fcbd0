"""Text, address and name normalisation for matching."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from app.kit.textnorm import (
    match_text,
    name_tokens,
    normalize_text,
    parse_address,
    place_keys,
    place_of,
    place_record,
    places_in,
    read_place_record,
    rt_rw,
    stem,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Jln rusak parah dpn SDN 03", ["jalan", "rusak", "parah", "depan", "sdn", "3"]),
        ("lampu PJU gak nyala udh seminggu", ["lampu", "penerangan", "tidak_nyala", "minggu"]),
        ("Bansos belum diterima", ["bansos", "belum_terima"]),
        ("bantuan sosial sudah diterima, terima kasih", ["bansos", "terima"]),
        ("got mampet, sampah numpuk", ["saluran", "sumbat", "sampah", "tumpuk"]),
        ("rusakkk parahhh!!!", ["rusak", "parah"]),
        ("Jalan berlubang — pengendara jatuh", ["jalan", "lubang", "endara", "jatuh"]),
        ("", []),
    ],
)
def test_texts_become_comparable_tokens(text, tokens):
    assert normalize_text(text) == tokens


def test_a_negation_never_matches_its_affirmation():
    assert set(normalize_text("BPNT belum diterima")).isdisjoint(
        {"terima"}
    ) and "terima" in normalize_text("BPNT sudah diterima")


@pytest.mark.parametrize(
    "forms",
    [
        ("diterima", "menerima", "penerimaan", "terima"),
        ("diperbaiki", "perbaikan", "memperbaiki", "perbaiki"),
        ("tergenang", "genangan", "menggenang"),
        ("menumpuk", "tumpukan", "tumpuk"),
        ("diangkut", "pengangkutan", "angkut"),
        ("dibersihkan", "pembersihan", "bersih"),
        ("kerusakan", "rusak"),
    ],
)
def test_forms_of_one_word_share_a_stem(forms):
    assert len({stem(f) for f in forms}) == 1


@pytest.mark.parametrize(
    ("address", "street", "gang", "number", "rt", "rw"),
    [
        ("Jl. Kramat Raya No. 12A, RT 003/RW 07, Kel. Kenari", "kramat raya", None, "12a", 3, 7),
        ("Jln Kramat Raya no 12a rt 3 rw 7", "kramat raya", None, "12a", 3, 7),
        ("Gg. Mawar III No. 5 RT 001/RW 002, Jl. Kemuning", "kemuning", "mawar 3", "5", 1, 2),
        (
            "Jl. Kemuning Gg. Mawar 3 No.5, RT.1/RW.2, Kenari, Kec. Senen, Kota Jakarta Pusat",
            "kemuning",
            "mawar 3",
            "5",
            1,
            2,
        ),
        ("JALAN KRAMAT RAYA 12", "kramat raya", None, "12", None, None),
        # RT and RW run together, with leading zeros, as a fraction, in roman numerals.
        ("jl kesehatan rt3rw5", "kesehatan", None, None, 3, 5),
        ("Jalan Kesehatan RT 003 / RW 005", "kesehatan", None, None, 3, 5),
        ("Gang Kecapi I RT.03/RW.05", None, "kecapi 1", None, 3, 5),
        ("Jl. Kesehatan RT 03/05", "kesehatan", None, None, 3, 5),
        ("Jl. Kesehatan RT. III / RW. V", "kesehatan", None, None, 3, 5),
        ("RW 05 RT 03", None, None, None, 3, 5),
        # A name ends at a bracket, a slash or a landmark; a typo is kept as written.
        ("Jalan Manggarai Raya (samping Pangkas)", "manggarai raya", None, None, None, None),
        ("gg.Kenari dpn SDN Penjaringan 07 rt5/rw11", None, "kenari", None, 5, 11),
        ("Jl.Tanah Sereal Gg.5 No.108", "tanah sereal", "5", "108", None, None),
        ("gg. Keeshatan no 75", None, "keeshatan", "75", None, None),
        ("Jalan Al-Ikhlas 4", "al ikhlas", None, "4", None, None),
        # An address's dots are abbreviations: they end no name.
        ("Jl. H. Ridi", "h ridi", None, None, None, None),
        ("Jl. Psr. Minggu", "psr minggu", None, None, None, None),
        ("Jl. Kbn. Jeruk No. 5", "kbn jeruk", None, "5", None, None),
        ("Jl. Prof. Dr. Satrio No. 5", "prof dr satrio", None, "5", None, None),
        ("Jl. Let. Jend. Suprapto. Dekat pasar", "let jend suprapto", None, None, None, None),
        # A street whose name starts like RT or RW keeps its name.
        ("jl. rtm no 4", "rtm", None, "4", None, None),
        (None, None, None, None, None, None),
    ],
)
def test_addresses_are_parsed_as_people_write_them(address, street, gang, number, rt, rw):
    parsed = parse_address(address)
    assert (parsed.street, parsed.gang, parsed.number, parsed.rt, parsed.rw) == (
        street,
        gang,
        number,
        rt,
        rw,
    )


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("H. Ahmad Hidayat, S.E.", ["ahmad", "hidayat"]),
        ("Bapak Mohammad Djoko", ["muhammad", "joko"]),
        ("Ibu Sitti Rahmawati", ["siti", "rahmawati"]),
        ("Bunda Hasanah", ["hasanah"]),
        ("Achmad Soekarno", ["ahmad", "sukarno"]),
        ("", []),
    ],
)
def test_names_lose_titles_and_old_spellings(name, tokens):
    assert name_tokens(name) == tokens


@pytest.mark.parametrize(
    ("text", "street", "gang"),
    [
        ("pedagang pake trotoar gg. mawar, pejalan kaki turun ke jalan", None, "mawar"),
        ("kabel gelantungan jl h ridi no 23, sudah 2 bln.", "h ridi", None),
        ("sampah di Jalan Cempaka Baru Gang 5 RT 015 / RW 011, Kelurahan", "cempaka baru", "5"),
        ("permukaan jalan di Gang Haji Saman RT 015/RW 001", None, "haji saman"),
        ("gan, org bangun ruko di gang dahlia deket masjid", None, "dahlia"),
        ("motor lewat gang sempit ini", None, None),
        # A named place wins over a lower-case "gang"; a name in free text stops at a sentence's
        # end or a stopword, and a number alone is the name.
        ("lampu gang mati di Gang Kenari", None, "kenari"),
        ("gang gelap tidak ada lampu", None, None),
        ("banjir di Jl. Mawar sudah 3 hari", "mawar", None),
        ("jl cendrawasih. sdh lapor ke kel", "cendrawasih", None),
        ("Gg. Kecapi II. Sudah lama rusak", None, "kecapi 2"),
        ("lubang di jalan 3 meter", None, None),
        ("tps liar di gang 5 kel. cempaka baru", None, "5"),
        # Title Case names nothing but by abbreviation.
        ("Jalan Rusak Dan Berlubang Di Depan Sekolah", None, None),
        # "jalan" and "gang" as plain words name nothing; in capitals only "JL." does.
        ("permukaan jalan rusak dan berlubang di mulut gang dekat pasar", None, None),
        ("JALAN RUSAK DI JALAN MERDEKA", None, None),
        ("JALAN RUSAK DI JL. MERDEKA", "merdeka", None),
        (None, None, None),
    ],
)
def test_a_description_names_its_street_and_gang(text, street, gang):
    assert places_in(text) == (street, gang)


@pytest.mark.parametrize(
    ("description", "address", "keys"),
    [
        (
            "x",
            "Jl. Kebon Kosong Raya Gg. Kecapi I",
            ["31.71 kebon kosong", "31.71 kebon kosong raya", "31.71 kecapi 1"],
        ),
        ("x", "gg kecapi i no 5", ["31.71 kecapi 1"]),
        # The description's gang, when the address names none; a number alone names nothing.
        ("tps liar di gg. dahlia", None, ["31.71 dahlia"]),
        ("tps liar di gang 5", "Gang 5", []),
        ("lampu mati", None, []),
    ],
)
def test_place_keys_name_the_kecamatan_and_the_street(description, address, keys):
    assert place_keys("31.71.03.1006", place_of(description, address)) == keys


def test_a_word_said_twice_with_a_2_is_one_word():
    assert normalize_text("jalan bolong2, lobang2 dimana2") == ["jalan", "lubang", "lubang", "mana"]


def test_match_text_holds_the_words_and_the_street():
    stored = match_text("Jalan rusak", "Jl. Cikini Raya Gg. 5 No. 12")
    assert stored.split() == ["jalan", "rusak", "cikini", "raya", "5"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_normalises_without_error(text):
    tokens = normalize_text(text)
    assert all(t and not any(c.isspace() for c in t) for t in tokens)
    assert normalize_text(" ".join(tokens)) == tokens
    assert isinstance(match_text(text, text), str)
    parse_address(text)
    places_in(text)
    assert all(t and " " not in t for t in name_tokens(text))


def test_a_number_longer_than_python_converts_keeps_its_digits():
    assert normalize_text("0" * 5000) == ["0"]
    assert normalize_text("007" + "1" * 4999) == ["7" + "1" * 4999]


@pytest.mark.parametrize(
    ("description", "address"),
    [
        ("jalan berlubang", "Jl. Kebon Kosong Raya Gg. Kecapi I No. 12A, RT.05/RW.003"),
        ("sampah numpuk di gg. Mawar RT 03/05", None),
        ("lampu mati depan rumah rt3rw5", "Jl. H. Ridi"),
        ("got mampet", "RT. III / RW. V"),
        ("air PAM tidak mengalir", ""),
        ("", None),
    ],
)
def test_a_place_record_reads_back_as_the_place_it_was_made_from(description, address):
    place = place_of(description, address)
    said = rt_rw(description) if place.rt is None else (None, None)
    assert read_place_record(place_record(description, address)) == (place, said)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.text(max_size=80)))
def test_any_text_and_address_make_a_place_record_that_reads_back(description, address):
    place = place_of(description, address)
    said = rt_rw(description) if place.rt is None else (None, None)
    assert read_place_record(place_record(description, address)) == (place, said)
