"""NIK normalization, validation and masking."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources

import pytest
from hypothesis import given, strategies as st

from app.personal.nik import PROVINCE_CODES, NikError, mask_nik, normalize_nik


def _windows(digits: str, size: int = 4) -> set[str]:
    return {digits[i : i + size] for i in range(len(digits) - size + 1)}


def test_every_province_is_listed_once() -> None:
    text = resources.files("app.personal").joinpath("provinces.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 38
    assert {row["code"] for row in rows} == PROVINCE_CODES
    assert all(len(code) == 2 and code.isdigit() for code in PROVINCE_CODES)
    assert {"11", "31", "32", "65", "91", "96"} <= PROVINCE_CODES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3171011505900002", "3171011505900002"),  # Jakarta man, born 15-05-90
        ("3171015505900003", "3171015505900003"),  # woman, day 15 + 40
        ("3273012708850001", "3273012708850001"),  # Jawa Barat
        ("9671011505900002", "9671011505900002"),  # Papua Barat Daya
        ("3171012902920001", "3171012902920001"),  # 29 Feb 1992
        ("3171016902000001", "3171016902000001"),  # woman, 29 Feb 2000
        ("3171017101990001", "3171017101990001"),  # woman, 31 Jan
        ("3171 0115 0590 0002", "3171011505900002"),
        ("3171.0115.0590.0002", "3171011505900002"),
        ("3171-0115-0590-0002", "3171011505900002"),
        ("  3171011505900002\n", "3171011505900002"),
    ],
)
def test_valid_nik_is_normalized(raw: str, expected: str) -> None:
    assert normalize_nik(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param("317101150590000", "16 digits", id="15 digits"),
        pytest.param("31710115059000021", "16 digits", id="17 digits"),
        pytest.param("31710115059000AB", "16 digits", id="letters"),
        pytest.param("", "16 digits", id="empty"),
        pytest.param("3171/0115/0590/0002", "16 digits", id="slashes"),
        pytest.param("9971011505900002", "province", id="province 99"),
        pytest.param("0071011505900002", "province", id="province 00"),
        pytest.param("2071011505900002", "province", id="province 20"),
        pytest.param("3100011505900002", "kabupaten/kota", id="kabkota 00"),
        pytest.param("3171001505900002", "kecamatan", id="kecamatan 00"),
        pytest.param("3171010005900002", "date of birth", id="day 00"),
        pytest.param("3171013205900002", "date of birth", id="day 32"),
        pytest.param("3171014005900002", "date of birth", id="day 40"),
        pytest.param("3171017205900002", "date of birth", id="day 72"),
        pytest.param("3171011500900002", "date of birth", id="month 00"),
        pytest.param("3171011513900002", "date of birth", id="month 13"),
        pytest.param("3171013102950002", "date of birth", id="31 Feb"),
        pytest.param("3171017002900002", "date of birth", id="woman 30 Feb"),
        pytest.param("3171012902010002", "date of birth", id="29 Feb 1901 and 2001"),
        pytest.param("3171011505900000", "serial", id="serial 0000"),
        pytest.param("٣١٧١٠١١٥٠٥٩٠٠٠٢", "16 digits", id="arabic-indic digits"),
        pytest.param("３１７１０１１５０５９０００２", "16 digits", id="fullwidth digits"),
        pytest.param("3171011505900²02", "16 digits", id="superscript digit"),
    ],
)
def test_invalid_nik_is_refused_without_echo(raw: str, reason: str) -> None:
    with pytest.raises(NikError, match=reason) as caught:
        normalize_nik(raw)
    message = str(caught.value)
    ascii_digits = "".join(str(int(c)) for c in raw if c.isdecimal())
    assert not _windows(ascii_digits) & _windows(message)
    assert caught.value.__context__ is None


@pytest.mark.parametrize(
    ("nik", "masked"),
    [
        ("3171011505900002", "3171********0002"),
        ("3273012708850001", "3273********0001"),
        ("12345678", "********"),
    ],
)
def test_mask_nik(nik: str, masked: str) -> None:
    assert mask_nik(nik) == masked


@st.composite
def valid_niks(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    kabkota, kecamatan = draw(st.integers(1, 99)), draw(st.integers(1, 99))
    born = draw(st.dates(date(1900, 1, 1), date(2099, 12, 31)))
    day = born.day + (40 if draw(st.booleans()) else 0)
    serial = draw(st.integers(1, 9999))
    return (
        f"{province}{kabkota:02d}{kecamatan:02d}"
        f"{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    )


@given(valid_niks(), st.lists(st.sampled_from(" .-"), min_size=16, max_size=16))
def test_valid_nik_survives_separators(nik: str, separators: list[str]) -> None:
    written = "".join(digit + sep for digit, sep in zip(nik, separators, strict=True))
    assert normalize_nik(written) == nik
    masked = mask_nik(nik)
    assert masked == nik[:4] + "*" * 8 + nik[-4:]


@given(st.one_of(st.text(), st.text(alphabet="0123456789 .-", max_size=24), valid_niks()))
def test_normalize_nik_only_raises_nik_error_and_is_idempotent(raw: str) -> None:
    try:
        nik = normalize_nik(raw)
    except NikError:
        return
    assert len(nik) == 16 and nik.isascii() and nik.isdigit()
    assert normalize_nik(nik) == nik
