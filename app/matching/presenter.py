"""Candidates as callers see them: the reporter masked, always, whatever the caller's role."""

from __future__ import annotations

from app.kit.security import get_cipher
from app.matching.features import SIGNALS
from app.matching.model import RULE_TEXT
from app.matching.schemas import CandidateOut, EvidenceOut, ReporterOut
from app.matching.service import Match
from app.personal import mask_name, mask_phone

EXCERPT_CHARS = 160


def _excerpt(text: str) -> str:
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _reporter(name: str | None, phone_encrypted: bytes | None) -> ReporterOut | None:
    if name is None and phone_encrypted is None:
        return None
    phone = get_cipher().decrypt("phone", phone_encrypted) if phone_encrypted else None
    return ReporterOut(
        name=mask_name(name) if name else None, phone=mask_phone(phone) if phone else None
    )


def candidate_out(match: Match) -> CandidateOut:
    row, scored = match.row, match.scored
    return CandidateOut(
        id=row.id,
        channel=row.channel_code,
        external_id=row.external_id,
        tracking_number=row.tracking_number,
        status=row.status,
        jaki_status=row.jaki_status,
        category=row.category_code,
        kelurahan_code=row.kelurahan_code,
        reported_at=row.reported_at,
        excerpt=_excerpt(row.description),
        reporter=_reporter(row.complainant_name, row.phone_encrypted),
        distance_m=None if match.distance_m is None else round(match.distance_m, 1),
        score=round(scored.score, 4),
        band=scored.band,
        rule=scored.rule,
        rule_text=RULE_TEXT[scored.rule],
        factors={name: round(p, 4) for name, p in scored.factors.items()},
        evidence=[
            EvidenceOut(
                signal=e.signal,
                factor=e.factor,
                compared=SIGNALS[e.signal],
                outcome=e.outcome,
                weight=e.weight,
            )
            for e in scored.evidence
        ],
    )
