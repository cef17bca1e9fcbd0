"""Key rotation: every sealed value under the newest encryption key and every blind index under
the newest blind-index key (`pintu rotate-keys`; docs/operations.md, "Rotating the
personal-data keys").

The tables are those their owners name (`complaint_sealed_tables`, `event_sealed_tables`, the
idempotency store's); each is rotated in batches of its own transaction by app.kit.rekey, which
says why it is safe while the API runs and why a second run continues where the first stopped.
What is kept only as a keyed hash (receipt codes, erasure tombstones, the mirror's content
hashes) cannot be hashed again: it stays matched under every configured blind-index key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.complaints import complaint_sealed_tables
from app.events import event_sealed_tables
from app.kit.idempotency.service import SEALED_TABLES as idempotency_sealed_tables
from app.kit.rekey import SealedTable, Tally
from app.kit.security import BlindIndex, PiiCipher, UnknownKeyError, get_blind_index, get_cipher

DEFAULT_BATCH_SIZE = 500


def sealed_tables() -> tuple[SealedTable, ...]:
    """Every table that holds a value sealed by app.kit.security, as its owner names it."""
    return (*complaint_sealed_tables, *event_sealed_tables, *idempotency_sealed_tables)


class RotationError(Exception):
    """A value the configured keys cannot open: the message names the table, the field and
    the key id, never a value."""


@dataclass(slots=True)
class Rotation:
    """What one run did, table by table."""

    tallies: list[Tally] = field(default_factory=list)

    @property
    def rewritten(self) -> int:
        return sum(t.rewritten for t in self.tallies)

    @property
    def raced(self) -> int:
        return sum(t.raced for t in self.tallies)


async def rotate_keys(
    sessions: async_sessionmaker[AsyncSession],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    write: bool = True,
    report: Callable[[str], None] = lambda line: None,
    tables: Sequence[SealedTable] | None = None,
    cipher: PiiCipher | None = None,
    blind: BlindIndex | None = None,
) -> Rotation:
    """Rotate every sealed table, each batch in a transaction of its own; `report` is told the
    progress (counts only). Without `write`, counts what a rotation would rewrite."""
    cipher = cipher or get_cipher()
    blind = blind or get_blind_index()
    verb = "rewritten" if write else "to rewrite"
    rotation = Rotation()
    for table in sealed_tables() if tables is None else tables:
        async with sessions() as session, session.begin():
            pending = await table.pending(session, cipher)
        tally = Tally(table.name)
        rotation.tallies.append(tally)
        report(f"{table.name}: {pending} rows to examine")
        while not tally.done:
            try:
                async with sessions() as session, session.begin():
                    await table.rotate(
                        session, tally, size=batch_size, cipher=cipher, blind=blind, write=write
                    )
            except UnknownKeyError as exc:
                raise RotationError(f"{table.name}: {exc}") from None
            report(
                f"{table.name}: batch {tally.batches}: {tally.examined} of {pending} examined, "
                f"{tally.rewritten} {verb}"
                + (f", {tally.raced} changed meanwhile" if tally.raced else "")
            )
    return rotation


def summary(rotation: Rotation, *, write: bool = True) -> list[str]:
    """The closing lines: per table, then what is left to do (counts only)."""
    verb = "rewritten" if write else "to rewrite"
    lines = [
        f"{t.table}: {t.examined} examined, {t.rewritten} {verb}, {t.current} already under "
        f"the newest keys"
        + (f", {t.raced} changed meanwhile (left for the next run)" if t.raced else "")
        for t in rotation.tallies
    ]
    if rotation.raced:
        lines.append(f"{rotation.raced} rows changed while being rotated: run rotate-keys again")
    elif write:
        lines.append(
            "every sealed value is under the newest encryption key and every blind index under "
            "the newest blind-index key"
        )
    elif rotation.rewritten:
        lines.append(f"{rotation.rewritten} rows still hold a value under an older key")
    else:
        lines.append("nothing left under an older key: older encryption keys may be retired")
    lines.append(
        "receipt codes, erasure tombstones and the JAKI mirror's content hashes are kept only as "
        "keyed hashes and are not rehashed: keep an older blind-index key while they must match "
        "(docs/operations.md)"
    )
    return lines
