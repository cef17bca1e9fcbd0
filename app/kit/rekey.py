"""Re-encrypting a table's personal data under the newest keys, one batch at a time.

`pintu rotate-keys` (app.privacy.rotation) asks each table's owner to rotate its table; the owner
names its sealed columns (`Sealed`) and calls `rotate_batch` here until it returns no more rows.
Each call is one batch: the caller runs it in a transaction of its own.

- **Keyset pagination**: a batch reads the rows after the last key of the previous batch, in
  primary-key order; nothing is skipped or read twice, however long the table.
- **Only what needs it**: a ciphertext is rewritten when it is not under the newest encryption
  key, a blind index when it differs from the value under the newest blind-index key (worked out
  from the decrypted value). A table without blind indexes is filtered in SQL on the
  ciphertexts' first bytes, so a second run reads only what the first left.
- **Safe beside the API, without locks**: rows are read without locking, and each changed row
  is written with a compare-and-set: `UPDATE … WHERE <key> AND every column read IS NOT DISTINCT
  FROM what was read`. A row the API changed in between (a correction, an erasure) is not
  overwritten: the update finds nothing, the row is counted as `raced`, and a later run
  rotates it. A concurrent update of other columns (a status) is kept: PostgreSQL re-checks the
  condition on the row as it is after the other transaction. No lock is held while decrypting,
  and no request waits on the rotation for longer than one row's update.
- Nothing personal is returned or logged: counts only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.schema import Table

from app.kit.security import BlindIndex, PiiCipher


@dataclass(frozen=True, slots=True)
class Sealed:
    """A ciphertext column, the field name it is sealed for, and its blind-index column if it
    has one (the index of the normalised value, under the same field name)."""

    column: str
    field: str
    index: str | None = None


@dataclass(frozen=True, slots=True)
class SealedTable:
    """A table holding personal data sealed by app.kit.security, as its owning package names
    it: the owner exports these, and `pintu rotate-keys` rotates each through `rotate`."""

    table: Table
    sealed: tuple[Sealed, ...]

    @property
    def name(self) -> str:
        return self.table.name

    async def pending(self, session: AsyncSession, cipher: PiiCipher) -> int:
        """How many rows a rotation will examine (see `pending_rows`)."""
        return int(await session.scalar(pending_rows(self.table, self.sealed, cipher)) or 0)

    async def rotate(
        self,
        session: AsyncSession,
        tally: Tally,
        *,
        size: int,
        cipher: PiiCipher,
        blind: BlindIndex,
        write: bool = True,
    ) -> Tally:
        """The next batch (`rotate_batch`)."""
        return await rotate_batch(
            session,
            self.table,
            self.sealed,
            tally,
            size=size,
            cipher=cipher,
            blind=blind,
            write=write,
        )


@dataclass(slots=True)
class Tally:
    """What a rotation did to one table."""

    table: str
    examined: int = 0
    rewritten: int = 0
    # Changed by someone else between this batch's read and its write: left for the next run.
    raced: int = 0
    batches: int = 0
    # The last key read, to continue after (keyset pagination).
    after: tuple[Any, ...] | None = field(default=None, repr=False)

    @property
    def done(self) -> bool:
        return self.after is None and self.batches > 0

    @property
    def current(self) -> int:
        """Rows examined that were already under the newest keys."""
        return self.examined - self.rewritten - self.raced


def _needs_work(table: Table, sealed: Sequence[Sealed], cipher: PiiCipher) -> ColumnElement[bool]:
    """Rows with a ciphertext not under the newest key (when no column has a blind index, the
    only reason to rewrite a row)."""
    header = cipher.current_header
    return or_(
        false(),
        *(
            and_(
                table.c[s.column].is_not(None),
                func.substring(table.c[s.column], 1, len(header)) != header,
            )
            for s in sealed
        ),
    )


def pending_rows(table: Table, sealed: Sequence[Sealed], cipher: PiiCipher) -> Any:
    """A statement counting the rows a rotation will examine: those with a ciphertext not under
    the newest key, or every row with a sealed value where a column has a blind index."""
    stmt = select(func.count()).select_from(table)
    if any(s.index for s in sealed):
        return stmt.where(or_(*(table.c[s.column].is_not(None) for s in sealed)))
    return stmt.where(_needs_work(table, sealed, cipher))


async def rotate_batch(
    session: AsyncSession,
    table: Table,
    sealed: Sequence[Sealed],
    tally: Tally,
    *,
    size: int,
    cipher: PiiCipher,
    blind: BlindIndex,
    write: bool = True,
) -> Tally:
    """Rotate the next `size` rows of `table` after `tally.after`; `tally` is updated and
    returned, its `after` None once the table is done. Without `write`, only counts what would
    be rewritten. Raises app.kit.security.UnknownKeyError for a ciphertext under a key not
    configured (its message names the field and the key id, never a value)."""
    key = list(table.primary_key.columns)
    key_expr = key[0] if len(key) == 1 else tuple_(*key)
    names = list(dict.fromkeys(c for s in sealed for c in (s.column, s.index) if c))
    stmt = select(*key, *(table.c[name] for name in names)).order_by(*key).limit(size)
    if tally.after is not None:
        after = tally.after[0] if len(key) == 1 else tuple_(*tally.after)
        stmt = stmt.where(key_expr > after)
    if any(s.index for s in sealed):
        stmt = stmt.where(or_(*(table.c[s.column].is_not(None) for s in sealed)))
    else:
        stmt = stmt.where(_needs_work(table, sealed, cipher))
    rows = (await session.execute(stmt)).mappings().all()
    tally.batches += 1
    tally.examined += len(rows)
    tally.after = tuple(rows[-1][c.name] for c in key) if len(rows) == size else None
    for row in rows:
        changes = _changes(row, sealed, cipher, blind)
        if not changes:
            continue
        if not write:
            tally.rewritten += 1
            continue
        # Every sealed column as read, the ones left as they are too: a ciphertext and its
        # index go together, and a row whose personal data changed meanwhile is left alone.
        unchanged = [table.c[name].is_not_distinct_from(row[name]) for name in names]
        done = await session.execute(
            update(table)
            .where(*(c == row[c.name] for c in key), *unchanged)
            .values(changes)
            .returning(key[0])
        )
        if done.first() is None:
            tally.raced += 1
        else:
            tally.rewritten += 1
    return tally


def _changes(
    row: Any, sealed: Sequence[Sealed], cipher: PiiCipher, blind: BlindIndex
) -> dict[str, Any]:
    """The columns of `row` to write so that it is under the newest keys (none if it is)."""
    changes: dict[str, Any] = {}
    for s in sealed:
        blob = row[s.column]
        if blob is None:
            continue
        current = cipher.is_current(blob)
        if current and s.index is None:
            continue
        plain = cipher.decrypt(s.field, blob)
        if not current:
            changes[s.column] = cipher.encrypt(s.field, plain)
        if s.index is not None:
            index = blind.digest(s.field, plain)
            if row[s.index] != index:
                changes[s.index] = index
    return changes
