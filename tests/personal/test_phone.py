"""Phone number normalization to E.164 and masking."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from app.personal.phone import PhoneError, mask_phone, normalize_phone


def _windows(text: str, size: int = 4) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("081234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        (" 0812 3456 7890\t", "+6281234567890"),
        ("0812-3456-78", "+62812345678"),  # shortest mobile: 9-digit national number
        ("0812 3456 78901", "+62812345678901"),  # longest mobile: 12 digits
        ("(021) 3822255", "+62213822255"),
        ("021-3822255", "+62213822255"),
        ("+62 21 3822255", "+62213822255"),
        ("+62 (21) 3822255", "+62213822255"),
        ("+62-21-3822255", "+62213822255"),
        ("(021) 3822-2555", "+622138222555"),
        ("0361 222387", "+62361222387"),  # Denpasar
        ("0911 312345", "+62911312345"),  # Ambon
        ("+62 (0)812-3456-7890", "+6281234567890"),  # the trunk 0 in parentheses, dropped
        ("+62(0)21 3822255", "+62213822255"),
        ("62 (0) 812 3456 7890", "+6281234567890"),
    ],
)
def test_valid_phone_is_normalized(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("+6581234567", id="singapore"),
        pytest.param("12345", id="no trunk prefix"),
        pytest.param("0812", id="too short"),
        pytest.param("081234567", id="mobile 8 digits"),
        pytest.param("08123456789012345", id="too long"),
        pytest.param("0812abc4567", id="letters"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("++6281234567890", id="double plus"),
        pytest.param("+081234567890", id="plus then trunk 0"),
        pytest.param("0812+34567890", id="plus in the middle"),
        pytest.param("+62 0812 3456 7890", id="plus 62 then trunk 0"),
        pytest.param("+62 (0)(21) 3822255", id="trunk 0 and area code both bracketed"),
        pytest.param("+62 (0)0812 3456 7890", id="trunk 0 bracketed and written again"),
        pytest.param("0081234567890", id="international prefix 00"),
        pytest.param("01234567890", id="national number starts with 1"),
        pytest.param("021 38222", id="landline too short"),
        pytest.param("021 3822255123", id="landline too long"),
        pytest.param("(021 3822255", id="unbalanced parenthesis"),
        pytest.param("((021)) 3822255", id="nested parentheses"),
        pytest.param("0812/3456/7890", id="slashes"),
        pytest.param("tel:081234567890", id="uri"),
        pytest.param("٠٨١٢٣٤٥٦٧٨٩٠", id="arabic-indic digits"),
        pytest.param("０８１２３４５６７８９０", id="fullwidth digits"),
    ],
)
def test_invalid_phone_is_refused_without_echo(raw: str) -> None:
    with pytest.raises(PhoneError) as caught:
        normalize_phone(raw)
    message = str(caught.value)
    ascii_digits = "".join(str(int(c)) for c in raw if c.isdecimal())
    assert not _windows(ascii_digits) & _windows(message)
    assert caught.value.__context__ is None


@pytest.mark.parametrize(
    ("e164", "masked"),
    [
        ("+6281234567890", "+62812****7890"),
        ("+628123457890", "+62812***7890"),
        ("+62812345678901", "+62812*****8901"),
        ("+62213822255", "+62213**2255"),
        ("+6212345", "********"),
    ],
)
def test_mask_phone(e164: str, masked: str) -> None:
    assert mask_phone(e164) == masked


@st.composite
def national_numbers(draw: st.DrawFn) -> str:
    mobile = draw(st.booleans())
    first = "8" if mobile else draw(st.sampled_from("2345679"))
    length = draw(st.integers(9, 12) if mobile else st.integers(8, 11))
    return first + draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))


@given(
    national_numbers(),
    st.sampled_from(["0", "62", "+62", "+62 ", "+62-"]),
    st.lists(st.sampled_from(["", " ", "-", "."]), min_size=12, max_size=12),
)
def test_valid_phone_forms_normalize(national: str, prefix: str, separators: list[str]) -> None:
    written = prefix + "".join(d + s for d, s in zip(national, separators, strict=False))
    e164 = normalize_phone(written)
    assert e164 == "+62" + national
    masked = mask_phone(e164)
    assert len(masked) == len(e164)
    assert masked[:6] == e164[:6] and masked[-4:] == e164[-4:]
    assert set(masked[6:-4]) == {"*"}


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789 +-.()", max_size=20),
        national_numbers().map(lambda n: "0" + n),
    )
)
def test_normalize_phone_only_raises_phone_error_and_is_idempotent(raw: str) -> None:
    try:
        e164 = normalize_phone(raw)
    except PhoneError:
        return
    assert e164.startswith("+62") and e164[1:].isascii() and e164[1:].isdigit()
    assert normalize_phone(e164) == e164
