"""The text rules and the patterns the OpenAPI document shows for them agree."""

import re
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st
from pydantic import TypeAdapter, ValidationError

from app.complaints.service import decode_cursor, encode_cursor
from app.kit.validation import CleanStr, Day, Text, Timestamp
from app.models import Complaint
from app.models.roles import Role

# Control characters, white space and ordinary text, mixed.
TEXTS = st.text(
    st.sampled_from("\x00\x02\x0b\x0c\x1f\x7f\x85\t\n\r \u00a0\u3000\ufeffaZ9é-"), max_size=6
)


@pytest.mark.parametrize("kind", [CleanStr, Text], ids=["CleanStr", "Text"])
@given(value=TEXTS)
def test_the_documented_pattern_accepts_what_validation_accepts(kind, value):
    adapter = TypeAdapter(kind)
    pattern = adapter.json_schema()["pattern"]
    try:
        adapter.validate_python(value)
        accepted = True
    except ValidationError:
        accepted = False
    assert (re.fullmatch(pattern, value) is not None) == accepted


def test_complaint_text_in_the_openapi_document_refuses_control_characters(app):
    schema = app.openapi()["components"]["schemas"]["ComplaintCreate"]
    pattern = schema["properties"]["description"]["pattern"]
    assert re.fullmatch(pattern, "Jalan rusak di depan SDN 03")
    assert not re.fullmatch(pattern, "Jalan\x02rusak")
    assert not re.fullmatch(pattern, "   ")


@pytest.mark.parametrize("value", ["0", "1700000000", "2026-10-03T00:00", "03-10-2026", 0])
def test_a_day_is_only_ever_yyyy_mm_dd(value):
    with pytest.raises(ValidationError):
        TypeAdapter(Day).validate_python(value)


def test_a_day_and_its_documented_pattern_name_years_2000_to_2100():
    pattern = TypeAdapter(Day).json_schema()["pattern"]
    assert TypeAdapter(Day).validate_python("2026-10-03") == date(2026, 10, 3)
    assert re.search(pattern, "2026-10-03") and re.search(pattern, "2100-12-31")
    assert not re.search(pattern, "1999-12-31") and not re.search(pattern, "2101-01-01")


@pytest.mark.parametrize("value", ["0", "1700000000", 1700000000, "1700000000.5"])
def test_a_time_is_never_read_as_seconds_since_1970(value):
    with pytest.raises(ValidationError):
        TypeAdapter(Timestamp).validate_python(value)


async def test_a_day_filter_given_as_a_number_is_refused(client, auth):
    response = await client.get("/v1/assignments?due_before=0", headers=auth(Role.VIEWER))

    assert response.status_code == 422
    assert response.json()["field"] == "due_before"


@pytest.mark.parametrize(
    "value",
    [
        "2000-01-01T00:00:00+14:00",  # 1999-12-31T10:00Z
        "2000-01-01T06:59:59",  # Jakarta time: 1999-12-31T23:59:59Z
        "2100-12-31T23:59:59-00:01",  # 2101-01-01T00:00:59Z
        "2100-12-31T20:00:00-12:00",
    ],
)
def test_a_time_whose_instant_leaves_2000_to_2100_is_refused(value):
    with pytest.raises(ValidationError, match="between 2000-01-01T00:00:00Z and 2100-12-31"):
        TypeAdapter(Timestamp).validate_python(value)


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        ("2000-01-01T14:00:00+14:00", datetime(2000, 1, 1, tzinfo=UTC)),
        ("2000-01-01T07:00:00", datetime(2000, 1, 1, tzinfo=UTC)),
        ("2100-12-31T11:59:59-12:00", datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ("2101-01-01T06:59:59", datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ],
)
def test_a_time_at_the_edges_is_taken_however_it_is_written(value, instant):
    assert TypeAdapter(Timestamp).validate_python(value) == instant


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_time_near_the_ends_of_the_calendar_is_refused_not_overflowed(value):
    with pytest.raises(ValidationError, match="between"):
        TypeAdapter(Timestamp).validate_python(value)


@given(
    instant=st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 12, 31, 23, 59, 59, 999999),
        timezones=st.just(UTC),
    ),
    offset_minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_every_time_pintu_takes_makes_a_cursor_it_takes_back(instant, offset_minutes):
    sent = instant.astimezone(timezone(timedelta(minutes=offset_minutes))).isoformat()
    complaint = Complaint(id=uuid.uuid4(), reported_at=TypeAdapter(Timestamp).validate_python(sent))

    assert decode_cursor(encode_cursor(complaint)) == (instant, complaint.id)
