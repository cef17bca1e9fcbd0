"""Which kelurahan a mirrored report without a code lies in: the one its address names near its
point, or the one whose reference point is nearest."""

from __future__ import annotations

import pytest

from app.regions import KelurahanLocator, Place

PLACES = KelurahanLocator(
    [
        Place("31.71.06.1001", -6.200897, 106.833921, "Menteng"),
        Place("31.71.06.1002", -6.201965, 106.848072, "Pegangsaan"),
        Place("31.71.06.1003", -6.191449, 106.839388, "Cikini"),
        Place("31.72.06.1002", -6.164087, 106.914717, "Pegangsaan Dua"),
        Place("31.74.01.1003", -6.231624, 106.841247, "Menteng Dalam"),
        Place("31.74.05.1001", -6.246144, 106.776849, "Kebayoran Lama Utara"),
        Place("31.74.05.1003", -6.237935, 106.773155, "Cipulir"),
        Place("31.73.07.1003", -6.183565, 106.803418, "Kota Bambu Utara"),
    ]
)
# Between Cikini's and Pegangsaan's points, a little nearer Cikini's.
NEAR_CIKINI = (-6.1960, 106.8430)


@pytest.mark.parametrize(
    ("address", "code"),
    [
        # Reverse-geocoded the way the app writes it, or with "Kel.".
        (
            "Jl. Pegangsaan Barat No.5, RT.1/RW.1, Pegangsaan, Kec. Menteng, Kota Jakarta Pusat",
            "31.71.06.1002",
        ),
        ("Jl. Proklamasi, Kel. Pegangsaan", "31.71.06.1002"),
        # "Kec. Menteng" names the kecamatan, not Kelurahan Menteng.
        ("Jl. Cikini Raya, Kec. Menteng", None),
        # "Pegangsaan Dua" is a kelurahan in another kota, too far from the point.
        ("Jl. Raya Pegangsaan Dua", None),
        ("Jl. Raya Pegangsaan Dua, Pegangsaan", "31.71.06.1002"),
        # "Kota" starts a kelurahan's name too.
        ("Gg. Kenari, Kota Bambu Utara, Kota Adm. Jakarta Barat", "31.73.07.1003"),
        (None, None),
    ],
)
def test_the_kelurahan_an_address_names_near_the_point(address, code):
    named = PLACES.named(address, *NEAR_CIKINI)
    assert (named[0] if named else None) == code
    assert PLACES.nearest(*NEAR_CIKINI)[0] == "31.71.06.1003"


def test_a_name_inside_another_word_names_nothing():
    # "Cipulirnya" is not Cipulir; the name must stand as words.
    assert PLACES.named("dekat pasar cipulirnya", -6.2379, 106.7731) is None
    assert PLACES.named("pasar Cipulir", -6.2379, 106.7731) == (
        "31.74.05.1003",
        pytest.approx(6, abs=5),
    )


LONG_AND_SHORT = KelurahanLocator(
    [
        Place("31.74.02.1003", -6.220604, 106.82797, "Karet Kuningan"),
        Place("31.74.02.1004", -6.2138, 106.826965, "Karet"),
        Place("31.75.04.1002", -6.28962, 106.866631, "Tengah"),
    ]
)


def test_a_longer_name_is_read_before_the_shorter_one_inside_it():
    # Nearer Karet's point, in Karet Kuningan by the address.
    assert (
        LONG_AND_SHORT.named("Jl. Denpasar, Karet Kuningan, Kec. Setiabudi", -6.2145, 106.827)[0]
        == "31.74.02.1003"
    )
    assert LONG_AND_SHORT.named("Jl. Denpasar, Karet, Kec. Setiabudi", -6.2145, 106.827)[0] == (
        "31.74.02.1004"
    )


def test_in_free_text_only_a_name_after_kel_counts():
    # "tengah" is a plain word ("in the middle") and the name of a kelurahan.
    near_tengah = (-6.2896, 106.8666)
    text = "lubang besar di tengah jalan"
    assert LONG_AND_SHORT.named(text, *near_tengah) is not None  # read as an address
    assert LONG_AND_SHORT.named(text, *near_tengah, after_marker=True) is None
    assert LONG_AND_SHORT.named("lubang di kel. tengah", *near_tengah, after_marker=True)[0] == (
        "31.75.04.1002"
    )
