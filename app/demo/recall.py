"""Reading a JAKI report back into a scene, so a walk-in complaint can restate its details."""

from __future__ import annotations

import re
from typing import Any

from app.demo.phrasing import TEMPLATES
from app.demo.scenes import (
    DOCS,
    FASKES,
    GANGS,
    GENERIC_STREETS,
    KALI,
    LANDMARKS,
    MONTHS,
    PROGRAMS,
    SCHOOL_AID,
    SCHOOLS,
    STREETS_BY_KOTA,
)


def _first(text: str, options: tuple[str, ...], prefix: str = r"\b") -> str | None:
    for option in sorted(options, key=len, reverse=True):
        if re.search(prefix + re.escape(option.lower()) + r"\b", text):
            return option
    return None


def _template_pattern(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{\w+\}", template)
    return re.compile(".+?".join(re.escape(piece) for piece in pieces), re.IGNORECASE)


_PATTERNS = {
    category: tuple(_template_pattern(informal) for informal, _ in pairs)
    for category, pairs in TEMPLATES.items()
}
_ADDRESS = {
    "street": re.compile(r"\bJl\.\s*([^,]+?)(?=\s+(?:Gg\.|No\.)|,|$)", re.IGNORECASE),
    "gang": re.compile(r"\bGg\.\s*([^,]+?)(?=\s+No\.|\s+RT|,|$)", re.IGNORECASE),
    "no": re.compile(r"\bNo\.\s*(\d+)", re.IGNORECASE),
}
_RT_RW = re.compile(r"\bRT\.?\s*0*(\d{1,3})(?:\s*/?\s*RW\.?\s*0*(\d{1,3}))?", re.IGNORECASE)
_COUNT = re.compile(r"\b(\d{1,2})\s*(?:bln|bulan|minggu|hari|th|tahun)\b")


def template_of(category: str, text: str) -> int | None:
    """Which of the category's templates (app.demo.phrasing) a citizen's text was written from:
    the report's matter; None when no template reads."""
    lowered = text.lower()
    patterns = _PATTERNS.get(category, ())
    return next((i for i, pattern in enumerate(patterns) if pattern.search(lowered)), None)


def street_of(address: str) -> str | None:
    """The street an address names after "Jl.", or None."""
    found = _ADDRESS["street"].search(address)
    return found.group(1).strip() if found else None


def recall_scene(report: dict[str, Any], scene: dict[str, Any]) -> None:
    """Overwrite `scene` with what a JAKI report says: its matter (which template), street, gang,
    house number, RT/RW, landmark, programme, document, count."""
    address = report.get("address") or ""
    description = str(report.get("description", ""))
    text = description.lower()
    scene["matter"] = template_of(report.get("category", ""), description)
    for key, pattern in _ADDRESS.items():
        if m := pattern.search(address):
            scene[key] = int(m.group(1)) if key == "no" else m.group(1).strip()
    scene["in_gang"] = bool(_ADDRESS["gang"].search(address))
    if not scene["in_gang"] and (gang := _first(text, GANGS, r"\b(?:gg\.?|gang)\s*")):
        scene["gang"], scene["in_gang"] = gang, True
    if not _ADDRESS["street"].search(address):
        streets = GENERIC_STREETS + tuple(s for group in STREETS_BY_KOTA.values() for s in group)
        scene["street"] = _first(text, streets, r"\b(?:jl\.?|jln\.?|jalan)\s*") or scene["street"]
    if m := (_RT_RW.search(address) or _RT_RW.search(text)):
        scene["rt"] = max(1, int(m.group(1)))
        scene["rw"] = max(1, int(m.group(2))) if m.group(2) else scene["rw"]
    if m := _COUNT.search(text):
        scene["n"] = int(m.group(1))
    informal_landmarks = tuple(lm for lm, _ in LANDMARKS)
    if (lm := _first(text, informal_landmarks)) is not None:
        scene["lm"] = informal_landmarks.index(lm)
    for key, options in (
        ("kali", KALI),
        ("prog", PROGRAMS),
        ("kjp", SCHOOL_AID),
        ("doc", DOCS),
        ("faskes", FASKES),
        ("sekolah", SCHOOLS),
        ("bln", MONTHS),
    ):
        scene[key] = _first(text, options) or scene[key]
