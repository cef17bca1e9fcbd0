"""Splink, the best-known off-the-shelf linker, on the same candidates as Pintu.

Used by bench/eval_styles.py; needs the evaluation's own dependencies (`make eval-dedup`
installs them from requirements-eval.lock; the app never imports Splink). For one labelled set:
the walk-ins form one table and every candidate Pintu's queries found for a walk-in forms a row
of the other (a JAKI report that is a candidate of three walk-ins is three rows), so Splink
scores exactly Pintu's candidate pairs: the same number of candidates, on equal terms.

Splink is set up as its documentation teaches, with no labels at all: exact NIK and phone
(digits only, `+62` read as `0`), the name (Jaro-Winkler levels), category and kelurahan (exact),
the words of the description (how many they share), the address (Jaro-Winkler) and the distance
between the points. The chance that two random records match is estimated from the NIK and
phone rules, the u probabilities by random sampling, the m probabilities by expectation
maximisation on pairs blocked by category and kelurahan, then by kecamatan: the data in front
of it, as the issue that asked for this comparison describes Splink's way.
"""

from __future__ import annotations

import logging
import re
from typing import Any

_WORD = re.compile(r"[a-z0-9]+")
_NOT_DIGIT = re.compile(r"\D")


def _digits(value: str | None) -> str | None:
    digits = _NOT_DIGIT.sub("", value or "")
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits or None


def _words(text: str | None) -> list[str]:
    return sorted({w for w in _WORD.findall((text or "").lower()) if len(w) > 2})


def _record(uid: str, group: str, fields: dict[str, Any], person: dict[str, Any] | None) -> dict:
    person = person or {}
    kelurahan = fields.get("kelurahan_code")
    return {
        "unique_id": uid,
        "grp": group,
        "category": fields.get("category_code"),
        "kelurahan": kelurahan,
        "kecamatan": kelurahan[:8] if kelurahan else None,
        "words": _words(fields.get("description")),
        "address": (fields.get("address") or "").lower() or None,
        "lat": fields.get("lat"),
        "lon": fields.get("lon"),
        "name": (person.get("name") or "").lower() or None,
        "nik": _digits(person.get("nik")),
        "phone": _digits(person.get("phone")),
    }


def tables(
    data: Any, pairs: list[Any], mirrored: dict[str, dict[str, Any]]
) -> tuple[list[dict], list[dict]]:
    """The walk-ins, and one row per (walk-in, candidate) pair. `mirrored` holds what the mirror
    stored of each JAKI report (its category code and kelurahan, as Pintu compares them)."""
    left = []
    for i, body in enumerate(data.walk_ins):
        fields = {**body, "category_code": body["category"]}
        left.append(_record(f"w{i}", f"w{i}", fields, body.get("complainant")))
    jaki = {r["id"]: r for r in data.jaki}
    right = []
    for p in pairs:
        report = jaki[p.external_id]
        fields = {**report, **mirrored[p.external_id]}
        right.append(
            _record(f"{p.external_id}@{p.walk_in}", f"w{p.walk_in}", fields, report.get("reporter"))
        )
    return left, right


def score(
    data: Any, pairs: list[Any], mirrored: dict[str, dict[str, Any]]
) -> dict[tuple[int, str], float]:
    """Splink's match probability for every (walk-in index, JAKI id) pair of `pairs`."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    left, right = tables(data, pairs, mirrored)
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.ExactMatch("nik"),
            cl.ExactMatch("phone"),
            cl.JaroWinklerAtThresholds("name", [0.95, 0.85]),
            cl.ExactMatch("category"),
            cl.ExactMatch("kelurahan"),
            cl.ArrayIntersectAtSizes("words", [6, 4, 2, 1]),
            cl.JaroWinklerAtThresholds("address", [0.9, 0.75]),
            cl.DistanceInKMAtThresholds("lat", "lon", [0.05, 0.15, 0.3, 2.0]),
        ],
        blocking_rules_to_generate_predictions=[block_on("grp")],
    )
    db = DuckDBAPI()
    linker = Linker([db.register(left), db.register(right)], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nik"), block_on("phone")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("category", "kelurahan")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("kecamatan"))
    scored = linker.inference.predict().as_record_list()
    out: dict[tuple[int, str], float] = {}
    for row in scored:
        left_id, right_id = row["unique_id_l"], row["unique_id_r"]
        if not left_id.startswith("w"):
            left_id, right_id = right_id, left_id
        external, walk_in = right_id.rsplit("@", 1)
        out[(int(walk_in), external)] = float(row["match_probability"])
    return out
