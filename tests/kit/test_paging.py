"""The one cursor of every list: what it holds comes back, and nothing Pintu did not make is
taken (422 naming `cursor`)."""

import base64
import json
import uuid
from datetime import UTC, datetime

import pytest

from app.kit.errors import InvalidInput
from app.kit.paging import decode_cursor, encode_cursor, one_way


def _raw(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def test_a_cursor_gives_back_what_it_holds():
    at = datetime(2026, 12, 7, 1, 30, 15, 123456, tzinfo=UTC)
    some_id = uuid.uuid4()
    cursor = encode_cursor(at, some_id, 7, "kelurahan-31.71.01.1001")
    assert decode_cursor(cursor, datetime, uuid.UUID, int, str) == (
        at,
        some_id,
        7,
        "kelurahan-31.71.01.1001",
    )
    assert "=" not in cursor  # it goes in a query string as it is


def test_a_cursor_made_before_the_kit_still_reads():
    # The complaint list's cursors were JSON with spaces: a client holding one keeps its place.
    at, some_id = datetime(2026, 12, 7, tzinfo=UTC), uuid.uuid4()
    old = _raw([at.isoformat(), str(some_id)])
    assert decode_cursor(old, datetime, uuid.UUID) == (at, some_id)


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        _raw(["2026-12-07T00:00:00+00:00"]),  # one value short
        _raw(["2026-12-07T00:00:00", str(uuid.UUID(int=1))]),  # a time without its offset
        _raw(["1900-01-01T00:00:00+00:00", str(uuid.UUID(int=1))]),  # no time Pintu stores
        _raw(["2026-12-07T00:00:00+00:00", "not-a-uuid"]),
        _raw([1, str(uuid.UUID(int=1))]),
        _raw({"at": 1}),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_cursor_pintu_did_not_make_is_422_naming_cursor(cursor):
    with pytest.raises(InvalidInput) as refused:
        decode_cursor(cursor, datetime, uuid.UUID)
    assert refused.value.field == "cursor"


@pytest.mark.parametrize("value", [True, 2**63, -(2**64), "7", 1.5])
def test_a_number_in_a_cursor_is_a_whole_number_a_column_holds(value):
    with pytest.raises(InvalidInput):
        decode_cursor(_raw([value]), int)


def test_a_request_pages_one_way():
    one_way("abc", None)
    one_way(None, 40)
    one_way("", 40)  # an empty cursor is none: the first page
    with pytest.raises(InvalidInput) as refused:
        one_way("abc", 40)
    assert refused.value.field == "offset"
