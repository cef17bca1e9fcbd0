"""The XML shape of GeoReport v2: a root element, one child per record, one grandchild per field.

    <service_requests><request><service_request_id>WI-2026-000042</service_request_id>…

Values are written as the JSON answer writes them (the models' JSON mode), so the two formats
cannot disagree: true/false for booleans, an empty element for null, a list as one child per
item under the singular of its name (`<formats><format>text/xml</format>…`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from xml.etree import ElementTree as ET

from pydantic import BaseModel

# The spec's names for an item of each list.
_ITEM = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute"}
# What XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, newline and
# carriage return, lone surrogates, U+FFFE and U+FFFF. Stored text should hold none; a row
# written before input was checked for them must still render.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("\ufffd", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Mapping):
        for name, child in value.items():
            _fill(ET.SubElement(element, name), child)
    elif isinstance(value, list):
        item = _ITEM.get(element.tag, "item")
        for child in value:
            _fill(ET.SubElement(element, item), child)
    else:
        element.text = _text(value)


def render(root: str, item: str | None, records: BaseModel | Iterable[BaseModel]) -> bytes:
    """`records` under `<root>`, each as an `<item>` element (or one record as the root itself
    when `item` is None), as UTF-8 with an XML declaration."""
    top = ET.Element(root)
    if item is None:
        assert isinstance(records, BaseModel)
        _fill(top, records.model_dump(mode="json"))
    else:
        assert not isinstance(records, BaseModel)
        for record in records:
            _fill(ET.SubElement(top, item), record.model_dump(mode="json"))
    return ET.tostring(top, encoding="utf-8", xml_declaration=True)
