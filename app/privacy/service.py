"""Data-subject requests under UU 27/2022 (PDP): export everything held about a person, erase
their personal data, and the tombstone that keeps the JAKI mirror from bringing it back.

A person is found by NIK only: a phone number or e-mail may be shared in a household or handed
to someone else by the operator, so it does not prove whose data a complaint holds.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments import assignments_of, strike_from_notes
from app.audit import log_reads
from app.auth import Principal
from app.categories import all_categories
from app.complaints import (
    PERSONAL_COLUMNS,
    PLACE_COLUMNS,
    ComplainantIn,
    erase_personal_data,
    histories,
    personal_index,
    personal_indexes,
    with_match_text,
)
from app.kit.security import get_cipher
from app.kit.timeutil import now
from app.matching import DEFAULT_CHANNELS, refresh_name_counts
from app.models import Complaint
from app.models.roles import Role
from app.personal import mask_nik, normalize_nik
from app.privacy import presenter, repository
from app.privacy.redaction import Redactor
from app.privacy.schemas import PersonOut, SubjectExport, SubjectOut

EXPORT_ACTOR = "pintu pdp-export"
ERASE_ACTOR = "pintu pdp-erase"
EXPORTER = Principal(key_id=None, name=EXPORT_ACTOR, role=Role.ADMIN)
ERASER = Principal(key_id=None, name=ERASE_ACTOR, role=Role.ADMIN)
MATCHED_BY = (
    "Complaints whose complainant NIK is this one. Complaints that only share a phone number "
    "or e-mail address are not included: neither proves whose data a complaint holds."
)
ERASED_NOTE = "Personal data erased on the complainant's request (UU 27/2022)."
NOT_STORED_NOTE = "The reporter's personal data was not stored: it was erased on request."
# Erasure empties every column that identifies the complainant (PERSONAL_COLUMNS). Where a
# complaint was made (PLACE_COLUMNS) is, for a complaint about a person (bansos, land, civil
# registry), where the person lives, so it goes too, but for the kelurahan; for a complaint
# about a place (a pothole) it is the problem's place and stays.
_FREE_TEXT = ("description", "address")
_CONTACTS = ("nik", "phone", "email")
# What stands for the content hash of an erased JAKI report: that keyed hash covered the reporter
# too. No report hashes to it, so the next version JAKI sends is written (anonymised) again.
ERASED_CONTENT_HASH = bytes(32)


def subject_index(nik: str) -> bytes:
    """The blind index a complaint stores for this NIK (under the newest key); NikError (never
    quoting it) if invalid."""
    return personal_index("nik", normalize_nik(nik))


def subject_indexes(nik: str) -> list[bytes]:
    """What the complaints and tombstones of this NIK may store: its blind index under every
    configured key, the newest first (a database half way through `pintu rotate-keys` holds
    both); NikError (never quoting it) if invalid."""
    return personal_indexes("nik", normalize_nik(nik))


async def hold_off_erasure(session: AsyncSession) -> None:
    """For the JAKI ingest: no erasure commits between its tombstone check and its writes."""
    await repository.hold_off_erasure(session)


async def erased_among(session: AsyncSession, nik_indexes: Collection[bytes]) -> set[bytes]:
    """Which of these NIK blind indexes are tombstones of erased subjects (one query)."""
    return await repository.erased_among(session, nik_indexes)


async def person_categories(session: AsyncSession) -> frozenset[str]:
    """The codes of the categories about a person (as opposed to a place)."""
    return frozenset(c.code for c in await all_categories(session) if c.kind == "person")


def redactor_for(person: ComplainantIn | None) -> Redactor:
    """What strikes this person's identifiers out of free text."""
    if person is None:
        return Redactor()
    return Redactor.of(name=person.name, nik=person.nik, phone=person.phone, email=person.email)


def anonymised_complaint(
    columns: Mapping[str, Any], redact: Redactor, *, about_person: bool
) -> dict[str, Any]:
    """A complaint's columns without its complainant: personal columns emptied, the person's
    identifiers struck out of the texts, the place dropped for a complaint about a person (for
    the matcher too: no street or RT/RW read from the description), and the matching text,
    place keys and place record made again from what is left. Keys and their order are kept;
    the matching ones are added if missing."""
    out = dict(columns)
    for name in PERSONAL_COLUMNS:
        if name in out:
            out[name] = None
    for name in PLACE_COLUMNS if about_person else ():
        if name in out:
            out[name] = None
    for name in _FREE_TEXT:
        if out.get(name) is not None:
            out[name] = redact(out[name])
    return with_match_text(out, place=not about_person)


def anonymised_jaki(details: Mapping[str, Any], redact: Redactor) -> dict[str, Any]:
    """A mirrored report's JAKI fields without personal data: the fields Pintu does not
    interpret go (nothing says they hold none), follow-up notes lose the person's identifiers."""
    out = dict(details)
    out["raw_encrypted"] = None
    out["follow_ups"] = [
        {**f, "note": redact(f["note"])} if isinstance(f.get("note"), str) else f
        for f in out.get("follow_ups") or []
    ]
    return out


def _anonymised_changes(
    changes: dict[str, Any] | None, redact: Redactor, *, about_person: bool
) -> dict[str, Any] | None:
    if not changes:
        return changes
    out = {}
    for name, change in changes.items():
        if about_person and name in PLACE_COLUMNS:
            continue
        if name in _FREE_TEXT and isinstance(change, dict):
            change = {k: redact(v) if isinstance(v, str) else v for k, v in change.items()}
        out[name] = change
    return out or None


def _person(complaint: Complaint) -> PersonOut:
    cipher = get_cipher()
    values = {}
    for field in _CONTACTS:
        blob: bytes | None = getattr(complaint, f"{field}_encrypted")
        values[field] = cipher.decrypt(field, blob) if blob is not None else None
    return PersonOut(name=complaint.complainant_name, **values)


def _redactor(complaint: Complaint) -> Redactor:
    return Redactor.of(**_person(complaint).model_dump())


@dataclass(slots=True)
class Export:
    document: SubjectExport
    # Complaints of other NIKs (or none) sharing a phone or e-mail with these: counted for the
    # officer, not exported.
    others_sharing_contact: int


async def _others_sharing_contact(
    session: AsyncSession, nik_indexes: list[bytes], complaints: Sequence[Complaint]
) -> int:
    phones: set[bytes] = set()
    emails: set[bytes] = set()
    for c in complaints:
        person = _person(c)
        # Under every configured key: the others may not be rotated yet, nor these.
        if person.phone is not None:
            phones.update(personal_indexes("phone", person.phone))
        if person.email is not None:
            emails.update(personal_indexes("email", person.email))
    return await repository.others_sharing_contact(
        session, nik_indexes, sorted(phones), sorted(emails)
    )


async def export(session: AsyncSession, nik: str) -> Export:
    """Everything held about the person with this NIK; the export itself is logged as a read
    of each complaint's personal data."""
    normalized = normalize_nik(nik)
    indexes = subject_indexes(normalized)
    complaints = await repository.complaints_of(session, indexes)
    ids = [c.id for c in complaints]
    events, candidates, reads = (
        await histories(session, ids),
        await repository.dedup_candidates(session, ids),
        await repository.reads(session, ids),
    )
    assignments, follow_ups = await assignments_of(session, ids)
    exported = [
        presenter.complaint_export(
            c, _person(c), events, assignments, follow_ups, candidates, reads
        )
        for c in complaints
    ]
    at = now()
    await log_reads(session, [c.id for c in complaints], EXPORTER, at=at)
    document = SubjectExport(
        exported_at=at,
        subject=SubjectOut(
            nik=mask_nik(normalized), erased_at=await repository.erased_at(session, indexes)
        ),
        matched_by=MATCHED_BY,
        complaints=exported,
    )
    return Export(document, await _others_sharing_contact(session, indexes, complaints))


@dataclass(slots=True)
class Erasure:
    complaints: int
    # When the NIK was first put on the erasure list (now, for a first erasure).
    erased_at: datetime
    first: bool
    others_sharing_contact: int


async def erase(session: AsyncSession, nik: str) -> Erasure:
    """Remove the personal data of the person with this NIK from every complaint of theirs,
    keep the anonymised complaints and their history, and remember the NIK's blind index so the
    JAKI mirror does not store it again. Running it twice changes nothing more."""
    indexes = subject_indexes(nik)
    await repository.exclude_ingest(session)
    complaints = await repository.complaints_of(session, indexes, lock=True)
    others = await _others_sharing_contact(session, indexes, complaints)
    at = now()
    previously = await repository.erased_at(session, indexes)
    # Under the newest key; one under an older key stays, and is still matched while that
    # key is configured.
    await repository.add_tombstone(session, indexes[0], at)
    if complaints:
        await _erase_complaints(session, complaints, at)
    return Erasure(len(complaints), previously or at, previously is None, others)


@dataclass(frozen=True, slots=True)
class _Anonymiser:
    """What one complaint becomes without its complainant (app.complaints.erasure applies it)."""

    redact: Redactor
    about_person: bool

    def columns(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return anonymised_complaint(values, self.redact, about_person=self.about_person)

    def jaki(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return anonymised_jaki(values, self.redact)

    def history(
        self, note: str | None, changes: dict[str, Any] | None
    ) -> tuple[str | None, dict[str, Any] | None]:
        changed = _anonymised_changes(changes, self.redact, about_person=self.about_person)
        return self.redact.optional(note), changed


async def _erase_complaints(
    session: AsyncSession, complaints: Sequence[Complaint], at: datetime
) -> None:
    about_person = await person_categories(session)
    anonymisers = {
        c.id: _Anonymiser(_redactor(c), c.category_code in about_person) for c in complaints
    }
    recount_names = any(
        c.complainant_name and c.channel_code in DEFAULT_CHANNELS for c in complaints
    )
    ids = [c.id for c in complaints]
    await strike_from_notes(session, ids, lambda i: anonymisers[i].redact)
    await erase_personal_data(
        session,
        complaints,
        anonymisers,
        at=at,
        actor=ERASER,
        note=ERASED_NOTE,
        erased_content_hash=ERASED_CONTENT_HASH,
    )
    if recount_names:
        # Matching weighs names by how many mirrored reporters carry them: this person's
        # name must not linger there either.
        await refresh_name_counts(session)
