"""Erasing a complainant's personal data from their complaints, on the complaints domain's side:
the rows are rewritten here, by what app.privacy decides each complaint becomes.

app.privacy owns the rules (which columns go, what is struck out of which text); this module
owns the writes to `complaints`, `complaint_events` and `jaki_reports`, so those tables keep one
writer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.complaints import outbox, repository, rows
from app.events import forget_personal_data
from app.models import Complaint


class Anonymiser(Protocol):
    """What one complaint becomes without its complainant (app.privacy makes one per
    complaint)."""

    def columns(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The complaint's columns (`values`: those named by `COLUMNS`) as they are to be,
        with its matching text, place keys and place record (rows.with_match_text)."""
        ...

    def jaki(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """A mirrored report's JAKI fields (`raw_encrypted`, `follow_ups`) as they are to be."""
        ...

    def history(
        self, note: str | None, changes: dict[str, Any] | None
    ) -> tuple[str | None, dict[str, Any] | None]:
        """A history line's note and changes as they are to be."""
        ...


# The columns an Anonymiser is shown and may rewrite: the complainant's, the place's, the texts;
# and the kelurahan, which it keeps, for the place keys it makes again.
COLUMNS = (
    *rows.PERSONAL_COLUMNS,
    *rows.PLACE_COLUMNS,
    "description",
    "match_text",
    "kelurahan_code",
)
_JAKI_COLUMNS = ("raw_encrypted", "follow_ups")


async def erase(
    session: AsyncSession,
    complaints: Sequence[Complaint],
    anonymisers: Mapping[Any, Anonymiser],
    *,
    at: datetime,
    actor: Principal,
    note: str,
    erased_content_hash: bytes,
) -> None:
    """Rewrite `complaints` (loaded with their JAKI fields and locked by the caller), their
    history lines and JAKI fields as each one's anonymiser says; mark them erased at `at`, one
    version on, with a history line `note` by `actor`. The events stored about them lose their
    personal data, and each gets a `complaint.personal_data_erased` event. A mirrored report's
    content hash becomes `erased_content_hash`, so the next version JAKI sends is written
    (anonymised) again."""
    for event in await repository.events_of(session, [c.id for c in complaints]):
        new_note, changes = anonymisers[event.complaint_id].history(event.note, event.changes)
        if new_note != event.note:
            event.note = new_note
        if changes != event.changes:
            event.changes = changes
    for complaint in complaints:
        anonymiser = anonymisers[complaint.id]
        values = anonymiser.columns({name: getattr(complaint, name) for name in COLUMNS})
        for name, value in values.items():
            setattr(complaint, name, value)
        complaint.personal_data_erased_at = at
        complaint.updated_at = at
        complaint.version += 1
        if complaint.jaki is not None:
            details = anonymiser.jaki({n: getattr(complaint.jaki, n) for n in _JAKI_COLUMNS})
            for name, value in details.items():
                setattr(complaint.jaki, name, value)
            complaint.jaki.content_hash = erased_content_hash
        session.add(rows.event(complaint.id, actor, "personal_data_erased", at=at, note=note))
    await session.flush()
    # The events told before keep nothing of the complainant; then the erasure's own event.
    await forget_personal_data(session, [c.id for c in complaints])
    for complaint in complaints:
        await outbox.changed(session, complaint, "complaint.personal_data_erased")
