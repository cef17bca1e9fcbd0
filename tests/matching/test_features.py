"""Comparing two complaints signal by signal: the levels each signal yields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.kit.textnorm import place_record
from app.matching.features import (
    ORDERS,
    SIGNALS,
    NameFrequencies,
    Side,
    compare,
    same_place_name,
    trigrams,
)

AT = datetime(2026, 10, 1, 9, tzinfo=UTC)


def side(description: str, address: str | None = None, **kw: object) -> Side:
    values: dict = {
        "category_code": "jalan",
        "kelurahan_code": "31.71.06.1003",
        "reported_at": AT,
        "description": description,
        "address": address,
        "rt": None,
        "rw": None,
        "lat": None,
        "lon": None,
        "nik_index": None,
        "phone_index": None,
        "name": None,
        "status": "submitted",
    }
    values.update(kw)
    return Side.of(**values)


@pytest.mark.parametrize(
    ("description", "address", "rt", "rw"),
    [
        ("jalan berlubang di gg. Mawar RT 03/05", None, None, None),
        ("jalan berlubang di gg. Mawar RT 03/05", None, "7", None),
        ("lampu mati rt3rw5", "Jl. Kesehatan No. 75", None, None),
        ("got mampet", "Jl. Kebon Kosong Raya Gg. Kecapi I, RT.05/RW.003", None, "4"),
        ("tps liar", None, None, None),
    ],
)
def test_a_stored_place_record_reads_as_the_address_parsed_again(description, address, rt, rw):
    parsed = side(description, address, rt=rt, rw=rw)
    stored = side(description, address, rt=rt, rw=rw, place=place_record(description, address))
    assert stored == parsed


@pytest.mark.parametrize("stored", [False, True])
@pytest.mark.parametrize(
    ("rt", "rw", "expected"),
    [
        # The description's RT/RW only where neither the fields nor the address give one.
        (None, None, (3, 5)),
        ("7", None, (7, None)),
        (None, "4", (None, 4)),
    ],
)
def test_rt_rw_come_from_the_fields_else_the_description(rt, rw, expected, stored):
    description, address = "jalan berlubang di gg. Mawar RT 03/05", None
    record = place_record(description, address) if stored else None
    found = side(description, address, rt=rt, rw=rw, place=record)
    assert (found.rt, found.rw) == expected


def levels(a: Side, b: Side) -> dict[str, str]:
    return compare(a, b, NameFrequencies({}, 0), rare_name_below=2e-4)


def test_every_signal_is_described_and_every_level_it_yields_is_declared():
    a = side("lampu PJU mati", "Jl. Kesehatan RT 03/RW 05")
    b = side("lampu jalan padam", "gg. Keeshatan no 75")
    found = levels(a, b)
    assert set(found) == set(SIGNALS)
    for signal, level in found.items():
        declared = {lvl for chain in ORDERS[signal] for lvl in chain}
        assert not declared or level in declared, (signal, level)


@pytest.mark.parametrize(
    ("mine", "theirs", "level"),
    [
        # Desk wording against a citizen's: the lexicon knows both say health insurance, off.
        ("kepesertaan KIS keluarganya nonaktif", "kartu kis mati, tlg diaktifin lagi", "several"),
        (
            "lapak pedagang kaki lima di trotoar",
            "pkl pake trotoar ampe pejalan kaki turun",
            "several",
        ),
        ("juru parkir liar memungut biaya", "jukir liar dkt majelis taklim malakin 5rb", "one"),
        ("lampu PJU tidak menyala", "jalan berlubang dalam", "none"),
        ("lampu PJU tidak menyala", "mohon ditindaklanjuti segera", "unknown"),
    ],
)
def test_concepts_survive_paraphrase(mine, theirs, level):
    assert levels(side(mine), side(theirs))["concepts"] == level


@pytest.mark.parametrize(
    ("mine", "theirs", "level"),
    [
        ("saluran", "saluran", "same"),
        ("saluran", "sampah", "different"),
        # A JAKI category Pintu has no alias for yet lands in `lainnya`; so does a desk's
        # complaint it could not place. Neither says the problems differ.
        ("saluran", "lainnya", "unknown"),
        ("lainnya", "kesehatan", "unknown"),
        # "Pohon Tumbang" and "Kabel Semrawut" both land there: no sign of one problem either.
        ("lainnya", "lainnya", "unknown"),
    ],
)
def test_the_catch_all_category_is_no_evidence_against(mine, theirs, level):
    found = levels(side("got mampet", category_code=mine), side("got mampet", category_code=theirs))
    assert found["category"] == level


def test_letter_trigrams_forgive_spelling():
    assert trigrams(["lubang"]) == {" lu", "lub", "uba", "ban", "ang", "ng "}
    spelled = levels(side("selokan mampet sampah numpuk"), side("selokan mampet, sampahnya numpuk"))
    assert spelled["chars"] == "high"
    other = levels(side("selokan mampet sampah numpuk"), side("lampu taman padam"))
    assert other["chars"] == "none"


@pytest.mark.parametrize(
    ("x", "y", "same"),
    [
        ("kesehatan", "kesehatan", True),
        ("keeshatan", "kesehatan", True),  # a typo
        ("kebon bawng", "kebon bawang", True),
        ("kecapi 1", "kecapi 2", False),  # another gang
        ("rt", "rw", False),  # too short to forgive
        ("kesehatan", "kemuning", False),
    ],
)
def test_a_street_or_gang_written_with_a_typo_is_the_same_name(x, y, same):
    assert same_place_name(x, y) is same


def test_streets_are_compared_after_jalan_gang_and_typos():
    a = side("jalan rusak", "Jalan Kesehatan RT 03/RW 05")
    assert levels(a, side("jalan rusak", "gg. Keeshatan no 75"))["street"] == "same_street"
    assert levels(a, side("jalan rusak", "Jl. Kesehatan, RT.3/RW.5"))["street"] == "same_spot"
    assert levels(a, side("jalan rusak", "Jl. Kesehatan Raya"))["street"] == "similar"
    assert levels(a, side("jalan rusak", "Jl. Kemuning"))["street"] == "different"
    assert levels(a, side("jalan rusak", None))["street"] == "missing"


def test_rt_and_rw_said_in_the_description_count_when_the_address_lacks_them():
    desk = side("permukaan jalan di Gang Sepakat RT.01/RW.11 rusak", "Gang Sepakat")
    jaki = side("jl RUSAK dpn warung Mpok Leha", "Gg. Sepakat No.5, RT.1/RW.11")
    assert (desk.rt, desk.rw) == (1, 11)
    assert levels(desk, jaki)["street"] == "same_spot"
    # The fields, when given, win over the text.
    told = side("di RT 01/RW 11", "Gang Sepakat", rt="4", rw="2")
    assert (told.rt, told.rw) == (4, 2)


def test_a_street_said_only_in_the_description_is_compared():
    desk = side("pedagang pake trotoar gg. mawar, pejalan kaki turun ke jalan", None)
    assert levels(desk, side("PKL di trotoar", "Gg. Mawar, Kelurahan Pinangsia"))["street"] == (
        "same_street"
    )
    # An address that names a street wins over the text.
    told = side("trotoar gg. mawar", "Jl. Kemuning")
    assert (told.address.street, told.address.gang) == ("kemuning", None)


@pytest.mark.parametrize(
    ("mine", "theirs", "level"),
    [
        # A JAKI user shortens a surname to its initial, or calls themself "Bunda".
        ("Dimas Sanusi", "Dimas S", "similar"),
        ("Dimas Maulana", "Dimas M", "similar"),
        ("Umi Kalsum", "Kalsum", "equal_common"),
        ("M. Rizki", "Muhammad Rizki", "equal_common"),
        ("Hj. Siti Hasanah", "Bunda Hasanah", "equal_common"),
        ("H. Bayu Santoso", "Bayu Santoso", "equal_common"),
        # An initial alone is no evidence; nor is an initial that fits no word.
        ("Dimas Sanusi", "D S", "different"),
        ("Dimas Sanusi", "Dimas R", "different"),
        ("Dimas Sanusi", None, "missing"),
    ],
)
def test_names_forgive_initials_and_familiar_titles(mine, theirs, level):
    # Every name counts as common here: the frequencies are empty.
    assert levels(side("x", name=mine), side("x", name=theirs))["name"] == level
