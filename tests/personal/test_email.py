"""Email address normalization and masking."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from app.personal.email import EmailError, mask_email, normalize_email

LONGEST_LOCAL = "a" * 64
LONGEST_ADDRESS = LONGEST_LOCAL + "@" + ".".join(["b" * 63, "c" * 63, "d" * 58, "id"])
TOO_LONG_ADDRESS = LONGEST_ADDRESS + "n"  # every part is fine, only the total is too long


def _windows(text: str, size: int = 5) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("budi.santoso@example.com", "budi.santoso@example.com"),
        ("Budi.Santoso@Example.COM", "budi.santoso@example.com"),
        ("  siti+pintu@jakarta.go.id\n", "siti+pintu@jakarta.go.id"),
        ("a@b.co", "a@b.co"),
        ("user_name%tag-1@sub-domain.example.id", "user_name%tag-1@sub-domain.example.id"),
        ("x@xn--80ak6aa92e.com", "x@xn--80ak6aa92e.com"),
        pytest.param(LONGEST_LOCAL + "@example.com", LONGEST_LOCAL + "@example.com", id="local 64"),
        pytest.param(LONGEST_ADDRESS, LONGEST_ADDRESS, id="254 characters"),
    ],
)
def test_valid_email_is_normalized(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("", id="empty"),
        pytest.param("budisantoso", id="no at"),
        pytest.param("budi@", id="no domain"),
        pytest.param("@example.com", id="no local part"),
        pytest.param("budi@@example.com", id="two ats together"),
        pytest.param("budi@example@com", id="two ats"),
        pytest.param("budi@localhost", id="domain without dot"),
        pytest.param(".budi@example.com", id="local starts with dot"),
        pytest.param("budi.@example.com", id="local ends with dot"),
        pytest.param("bu..di@example.com", id="double dot in local"),
        pytest.param("budi santoso@example.com", id="space"),
        pytest.param('"budi"@example.com', id="quoted local"),
        pytest.param("budi!@example.com", id="bang"),
        pytest.param("budi@-example.com", id="label starts with hyphen"),
        pytest.param("budi@example-.com", id="label ends with hyphen"),
        pytest.param("budi@exa_mple.com", id="underscore in domain"),
        pytest.param("budi@example..com", id="empty label"),
        pytest.param("budi@.example.com", id="leading dot in domain"),
        pytest.param("budi@example.com.", id="trailing dot in domain"),
        pytest.param("budi@example.c", id="one letter tld"),
        pytest.param("budi@example.c0m", id="tld with digit"),
        pytest.param("budi@[10.0.0.1]", id="address literal"),
        pytest.param("büdi@example.com", id="non-ascii local"),
        pytest.param("budi@exämple.com", id="non-ascii domain"),
        pytest.param("\u212a@example.com", id="kelvin sign lowercases to k"),
        pytest.param("a" * 65 + "@example.com", id="local part 65"),
        pytest.param("budi@" + "b" * 64 + ".com", id="label 64"),
        pytest.param(TOO_LONG_ADDRESS, id="255 characters"),
    ],
)
def test_invalid_email_is_refused_without_echo(raw: str) -> None:
    with pytest.raises(EmailError) as caught:
        normalize_email(raw)
    message = str(caught.value).lower()
    assert not _windows(raw.strip().lower()) & _windows(message)
    assert caught.value.__context__ is None


def test_length_limit_is_254_characters() -> None:
    assert len(LONGEST_ADDRESS) == 254 and len(TOO_LONG_ADDRESS) == 255
    with pytest.raises(EmailError, match="at most 254"):
        normalize_email(TOO_LONG_ADDRESS)


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("budi.santoso@example.com", "b***@example.com"),
        ("a@b.co", "a***@b.co"),
        ("not-an-address", "***"),
    ],
)
def test_mask_email(email: str, masked: str) -> None:
    assert mask_email(email) == masked


_LOCAL = st.from_regex(
    r"[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,20}[A-Za-z0-9_%+-])?", fullmatch=True
).filter(lambda local: ".." not in local)
_LABEL = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,10}[A-Za-z0-9])?", fullmatch=True)
_TLD = st.from_regex(r"[A-Za-z]{2,6}", fullmatch=True)
_ADDRESSES = st.builds(
    lambda local, labels, tld: local + "@" + ".".join([*labels, tld]),
    _LOCAL,
    st.lists(_LABEL, min_size=1, max_size=3),
    _TLD,
)


@given(_ADDRESSES)
def test_plausible_addresses_are_lowercased(address: str) -> None:
    email = normalize_email(address)
    assert email == address.lower()
    assert mask_email(email) == email[0] + "***@" + email.partition("@")[2]


@given(st.one_of(st.text(), st.emails(), _ADDRESSES))
def test_normalize_email_only_raises_email_error_and_is_idempotent(raw: str) -> None:
    try:
        email = normalize_email(raw)
    except EmailError:
        return
    assert email == email.strip().lower() and email.count("@") == 1
    assert normalize_email(email) == email
