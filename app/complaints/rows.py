"""What a complaint row and its history lines hold, worked out in one place.

Every writer of the `complaints` and `complaint_events` tables takes its values from here: the
desk's intake and corrections (app.complaints.service), the JAKI mirror's bulk writes
(app.mirror, through app.complaints.bulk), the erasure of personal data (app.privacy, through
app.complaints.erasure) and the reindexing of match texts. Pure functions: no session, no
clock (the time is passed in); the keys for sealing personal data come from the settings.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from app.auth import Principal
from app.kit.security import get_blind_index, get_cipher
from app.kit.textnorm import match_text, place_keys, place_of, place_record, record_of
from app.models import ComplaintEvent

# Where a complaint was made: for a problem about a person, where the person lives.
PLACE_COLUMNS = ("address", "rt", "rw", "lat", "lon")
# A complaint's columns that identify its complainant.
PERSONAL_COLUMNS = (
    "complainant_name",
    "nik_encrypted",
    "nik_index",
    "phone_encrypted",
    "phone_index",
    "email_encrypted",
    "email_index",
)


class Person(Protocol):
    """A complainant as the API and the JAKI feed give one (normalised values)."""

    @property
    def name(self) -> str | None: ...
    @property
    def nik(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...


def personal_index(field: str, normalized: str) -> bytes:
    """The blind index of a normalised NIK, phone or e-mail, as stored in `<field>_index`
    (under the newest blind-index key)."""
    return get_blind_index().digest(field, normalized)


def personal_indexes(field: str, normalized: str) -> list[bytes]:
    """What a look-up of a normalised NIK, phone or e-mail matches `<field>_index` against: its
    blind index under every configured key, so rows not yet rotated are found too."""
    return get_blind_index().digests(field, normalized)


def sealed_complainant(person: Person | None) -> dict[str, Any]:
    """The complainant's columns: name as given; NIK, phone and e-mail encrypted and indexed."""
    cipher = get_cipher()
    columns: dict[str, Any] = {"complainant_name": person.name if person else None}
    for field in ("nik", "phone", "email"):
        value = getattr(person, field) if person else None
        columns[f"{field}_encrypted"] = cipher.encrypt(field, value) if value else None
        columns[f"{field}_index"] = personal_index(field, value) if value else None
    return columns


def region_columns(kelurahan_code: str) -> dict[str, str]:
    """A kelurahan and the kecamatan and kabupaten/kota it lies in (Kemendagri codes nest)."""
    return {
        "kelurahan_code": kelurahan_code,
        "kecamatan_code": kelurahan_code[:8],
        "kabkota_code": kelurahan_code[:5],
    }


def matching_text(description: str, address: str | None) -> str:
    """The normalised text the matcher searches (app.kit.textnorm.match_text)."""
    return match_text(description, address)


def matching_places(
    description: str | None, address: str | None, kelurahan_code: str
) -> dict[str, Any]:
    """The streets and gangs the matcher's street route finds a complaint by
    (`place_keys`, app.kit.textnorm.place_keys) and its place as the matcher reads it
    (`place_record`, app.kit.textnorm.place_record)."""
    place = place_of(description, address)  # parsed once for both
    return {
        "place_keys": place_keys(kelurahan_code, place),
        "place_record": record_of(place, description),
    }


def no_place() -> dict[str, Any]:
    """The matching place columns of a complaint that keeps no place: one about a person whose
    complainant's data was erased (where the person lives goes, even as its description names
    it)."""
    return {"place_keys": [], "place_record": place_record(None, None)}


def derived_columns(
    *, description: str, address: str | None, kelurahan_code: str, person: Person | None
) -> dict[str, Any]:
    """The columns worked out from what a complaint says rather than given: the regions above
    its kelurahan, its text for matching, its complainant sealed."""
    return {
        **region_columns(kelurahan_code),
        "match_text": matching_text(description, address),
        **matching_places(description, address, kelurahan_code),
        **sealed_complainant(person),
    }


def with_match_text(
    columns: Mapping[str, Any], *, kelurahan_code: str | None = None, place: bool = True
) -> dict[str, Any]:
    """`columns` with their match text and place record made again from the description and
    address they hold (after a correction or an erasure changed the texts), and their place
    keys too where the kelurahan is known (held in `columns`, or `kelurahan_code`); these
    keys are added if missing. Without `place` (an erasure that drops where the person lives),
    the complaint keeps no place for the matcher, even one its description names. Other keys
    and their order are kept."""
    out = dict(columns)
    if "match_text" in out:
        description, address = out["description"], out.get("address")
        out["match_text"] = matching_text(description, address)
        kelurahan = out.get("kelurahan_code", kelurahan_code)
        if not place:
            out.update(no_place())
        elif kelurahan is not None:
            out.update(matching_places(description, address, kelurahan))
        else:
            out["place_record"] = place_record(description, address)
    return out


def event_row(
    complaint_id: uuid.UUID,
    actor: Principal,
    kind: str,
    *,
    at: datetime,
    note: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One history line, as the columns of `complaint_events` (for bulk writes)."""
    return {
        "complaint_id": complaint_id,
        "actor_key_id": actor.key_id,
        "actor_name": actor.name,
        "actor_role": actor.role.value,
        "occurred_at": at,
        "from_status": from_status,
        "to_status": to_status,
        "changes": changes,
        "kind": kind,
        "note": note,
    }


def event(complaint_id: uuid.UUID, actor: Principal, kind: str, **fields: Any) -> ComplaintEvent:
    """One history line, as an ORM object (for writes through the session)."""
    return ComplaintEvent(**event_row(complaint_id, actor, kind, **fields))
