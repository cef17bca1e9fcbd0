"""Reading a report or walk-in back: its time, category code, point in metres, what it says."""

from __future__ import annotations

import math
import random
from datetime import datetime
from typing import Any

from app.demo import generator as demo, phrasing, recall, scenes

CIVIL_REGISTRY = "Administrasi Kependudukan"
DOC_TEMPLATES = tuple(
    i for i, (typed, _) in enumerate(phrasing.TEMPLATES[CIVIL_REGISTRY]) if "{doc}" in typed
)
_SCENE_KEYS = tuple(scenes.new_scene(random.Random(0), kel="", kec="", kota_code=""))  # noqa: S311


def parse_time(stamp: str) -> datetime:
    """A report's `created_at` or a walk-in's `reported_at` as a datetime."""
    return datetime.fromisoformat(stamp)


def code_of(category: str) -> str:
    """Pintu's category code for a JAKI category."""
    return demo.JAKI_TO_PINTU.get(category.lower(), "lainnya")


PERSON_CODES = frozenset(code_of(c) for c in demo.PERSON_CATEGORIES)


def metres(lat: float, lon: float) -> tuple[float, float]:
    """A point as (x, y) in metres, for distances within Jakarta."""
    return lon * demo._M_PER_DEG_LON, lat * demo._M_PER_DEG_LAT


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Metres between two points given in metres."""
    return math.hypot(a[0] - b[0], a[1] - b[1])


def recall_report(report: dict[str, Any]) -> dict[str, Any]:
    """What a report says (street, RT, matter, document …); None where it says nothing."""
    scene: dict[str, Any] = dict.fromkeys(_SCENE_KEYS)
    recall.recall_scene(report, scene)
    return scene


def without_jaki_mention(description: str) -> str:
    """A walk-in's description without its "already reported in JAKI" sentence."""
    return description.replace(" " + phrasing.JAKI_MENTION, "")
