"""Reading a batch of JAKI reports: what each one is, before the database is asked.

A report whose id and updated_at can be read at a glance is validated only if it has to be
written; a keyed hash of what was sent recognises an unchanged one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from app.kit.errors import error_message, field_path
from app.kit.security import get_blind_index
from app.kit.validation import as_utc
from app.mirror.schemas import BatchResult, JakiReportIn, ReportError


@dataclass(slots=True)
class Candidate:
    """A report of the batch: as sent, and once validated, what Pintu derives from it."""

    index: int
    raw: dict[str, Any]
    id: str
    updated_at: datetime
    content_hash: bytes
    report: JakiReportIn | None = None
    kelurahan_code: str = ""
    kelurahan_source: str = "feed"
    distance_m: float | None = None
    # Stored without the reporter's personal data: its NIK was erased on request, or the report
    # it updates was (app.privacy).
    anonymise: bool = False

    @property
    def valid(self) -> JakiReportIn:
        assert self.report is not None, "validated before use"
        return self.report

    @property
    def stored_hash(self) -> bytes:
        """The content hash as stored: of what is kept of an anonymised report."""
        return anonymised_content_hash(self.raw) if self.anonymise else self.content_hash

    def same_content(self, held: bytes) -> bool:
        """Whether `held`, a stored content hash, is of this report's content: under the newest
        blind-index key, or under an older one still configured (`pintu rotate-keys` cannot
        hash a stored report again: what was sent is not kept whole; the next version sent is
        stored under the newest key)."""
        if self.stored_hash == held:
            return True
        if not get_blind_index().rotating:
            return False
        kept = _anonymous_part(self.raw) if self.anonymise else self.raw
        return held in get_blind_index().digests("jaki_content", _canonical(kept))[1:]


def _report_id(raw: dict[str, Any]) -> str | None:
    value = raw.get("id")
    if isinstance(value, str) and 0 < len(value.strip()) <= 100 and value.isprintable():
        return value.strip()  # as the schema reads it
    return None


def _quick_time(value: Any) -> datetime | None:
    """updated_at read without the full schema, when it is a plain ISO 8601 string."""
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def _canonical(raw: dict[str, Any]) -> str:
    content = {key: value for key, value in raw.items() if key != "updated_at"}
    # ensure_ascii: escapes whatever a client sent, lone surrogates included.
    return json.dumps(content, sort_keys=True, separators=(",", ":"))


def newest_update(raw_reports: Sequence[Any], *, at_most: datetime) -> datetime | None:
    """The newest `updated_at` readable at a glance among raw reports, never later than
    `at_most` (a feed's clock ahead of ours must not set the pull's lag for good)."""
    times = [
        t
        for raw in raw_reports
        if isinstance(raw, dict) and (t := _quick_time(raw.get("updated_at"))) is not None
    ]
    return min(max(times), at_most) if times else None


def _content_hash(raw: dict[str, Any]) -> bytes:
    # The report as sent, but for updated_at, with its keys in order, under the blind-index key:
    # the content holds personal data, so an unkeyed hash would let a dump be brute-forced.
    # Hashing what was sent (not the validated model) lets an unchanged report be recognised
    # without validating it: a re-sent batch costs a fraction of the first.
    return get_blind_index().digest("jaki_content", _canonical(raw))


# What an anonymised report keeps of what was sent (updated_at is left out of any hash).
_ANONYMOUS_FIELDS = frozenset(JakiReportIn.model_fields) - {"reporter"}


def anonymised_content_hash(raw: dict[str, Any]) -> bytes:
    """The content hash of what an anonymised report keeps: the fields Pintu reads, without
    the reporter, so the hash holds nothing of the person and a change to the reporter alone
    leaves the report unchanged."""
    return _content_hash(_anonymous_part(raw))


def _anonymous_part(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k in _ANONYMOUS_FIELDS}


def validate(c: Candidate) -> ReportError | None:
    try:
        c.report = JakiReportIn.model_validate(c.raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        # A check of the whole report names the field it refused in its context, if anything.
        field = field_path(first["loc"]) if first["loc"] else first.get("ctx", {}).get("field")
        return ReportError(
            index=c.index,
            id=_report_id(c.raw),
            field=field,
            detail=error_message(first),
        )
    c.id, c.updated_at = c.report.id, c.report.updated_at
    return None


def parse(raw_reports: Sequence[Any], result: BatchResult) -> list[Candidate]:
    """Read each report of the batch: a JSON object, or a line of JSON text. A report whose id
    and updated_at can be read at a glance is validated only if it has to be written."""
    candidates = []
    for index, item in enumerate(raw_reports):
        raw = item
        if isinstance(item, str | bytes):
            try:
                raw = json.loads(item)
            except ValueError:
                result.errors.append(ReportError(index=index, detail="not valid JSON"))
                continue
        if not isinstance(raw, dict):
            result.errors.append(ReportError(index=index, detail="a report is a JSON object"))
            continue
        report_id, updated_at = _report_id(raw), _quick_time(raw.get("updated_at"))
        c = Candidate(
            index,
            raw,
            report_id or "",
            updated_at or datetime.min.replace(tzinfo=UTC),
            _content_hash(raw),
        )
        if report_id is None or updated_at is None:
            error = validate(c)
            if error is not None:
                result.errors.append(error)
                continue
        candidates.append(c)
    return candidates


def newest_per_id(candidates: list[Candidate], result: BatchResult) -> list[Candidate]:
    """One version per JAKI id: the newest updated_at, the later one on a tie; others stale."""
    winners: dict[str, Candidate] = {}
    for c in candidates:
        held = winners.get(c.id)
        if held is None or c.updated_at >= held.updated_at:
            winners[c.id] = c
        if held is not None:
            result.stale += 1
    return list(winners.values())


@dataclass(slots=True)
class Prepared:
    """A batch checked without the database: its valid reports and what was refused."""

    candidates: list[Candidate]
    result: BatchResult


def prepare(raw_reports: Sequence[Any]) -> Prepared:
    """Validate and deduplicate a batch, without the database."""
    result = BatchResult()
    return Prepared(newest_per_id(parse(raw_reports, result), result), result)
