"""The text rules and the patterns the OpenAPI document shows for them agree."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from app.validation import CleanStr, Text

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
