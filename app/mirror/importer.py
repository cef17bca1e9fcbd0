"""`pintu import-jaki FILE`: backfill the mirror from a JSON Lines export (plain or gzip)."""

from __future__ import annotations

import gzip
import io
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.mirror import service
from app.mirror.schemas import MAX_BATCH, BatchResult

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class LineError:
    line: int
    id: str | None
    field: str | None
    detail: str


@dataclass(slots=True)
class ImportSummary:
    lines: int = 0
    totals: BatchResult = field(default_factory=BatchResult)
    refused: list[LineError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0


def open_export(path: Path) -> TextIO:
    """The file as text, gunzipped when its first bytes say gzip (whatever its name)."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == GZIP_MAGIC
    if gzipped:
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


def batches(lines: TextIO, size: int) -> Iterator[list[tuple[int, str]]]:
    """(line number, line) in batches; blank lines are skipped."""
    batch: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        batch.append((number, line))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Progress:
    """Progress on standard error: redrawn in place on a terminal, a line every 5 s otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr  # read when made, not when this module was imported
        self._tty = self._stream.isatty()
        self._last = time.monotonic()  # the first line after 5 s, not at the first batch
        self._shown = -1  # lines counted in the last line written

    def __call__(self, summary: ImportSummary, *, final: bool = False) -> None:
        current = time.monotonic()
        if not (final or self._tty or current - self._last >= 5):
            return
        if final and not self._tty and summary.lines == self._shown:
            return  # the same line again says nothing new
        self._last, self._shown = current, summary.lines
        t = summary.totals
        text = (
            f"{summary.lines:,} lines, {summary.rate:,.0f}/s — created {t.created:,}, "
            f"updated {t.updated:,}, unchanged {t.unchanged:,}, stale {t.stale:,}, "
            f"refused {len(summary.refused):,}"
        )
        end = "\n" if final or not self._tty else ""
        self._stream.write(("\r" if self._tty else "") + text + end)
        self._stream.flush()


async def import_file(
    sessions: async_sessionmaker[AsyncSession],
    path: Path,
    *,
    batch_size: int = MAX_BATCH,
    progress: Callable[..., None] | None = None,
) -> ImportSummary:
    """Ingest every report of the export, one transaction per batch (so a re-run is harmless)."""
    summary = ImportSummary()
    started = time.monotonic()
    with open_export(path) as lines:
        for batch in batches(lines, batch_size):
            # Lines go to the service as text: pydantic parses and validates JSON in one pass.
            async with sessions() as session, session.begin():
                result = await service.ingest(
                    session, service.FEED_ACTOR, [line for _, line in batch]
                )
            for error in result.errors:
                summary.refused.append(
                    LineError(batch[error.index][0], error.id, error.field, error.detail)
                )
            result.errors = []
            summary.totals.add(result)
            summary.lines += len(batch)
            summary.seconds = time.monotonic() - started
            if progress:
                progress(summary)
    summary.refused.sort(key=lambda e: e.line)
    summary.seconds = time.monotonic() - started
    if progress:
        progress(summary, final=True)
    return summary
