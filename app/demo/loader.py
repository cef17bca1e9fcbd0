"""Loading the demo set as real traffic arrives: the mirror's JAKI import, then the walk-in desk,
then the weeks of routing and linking that followed (`app.demo.stories`)."""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth import Principal
from app.complaints import ComplaintCreate, any_complaint_recorded, create_complaint
from app.demo import generator, sets, stories
from app.kit.errors import Conflict
from app.kit.timeutil import now, pinned_clock
from app.matching import refresh_name_counts
from app.mirror import ImportSummary, import_file
from app.models import Complaint
from app.models.roles import Role

logger = logging.getLogger(__name__)

DEMO_DESK = Principal(key_id=None, name="demo data", role=Role.DESK)


@dataclass(slots=True)
class DemoFiles:
    jaki: Path
    walk_in: Path
    sources: Path  # walk-in external_id -> the JAKI id it restates
    jaki_count: int
    walk_in_count: int


@dataclass(slots=True)
class Loaded:
    """What loading did: the JAKI import's counts, the walk-ins recorded now and those found
    recorded before, and how the stories of the new ones ended."""

    jaki: ImportSummary
    recorded: int = 0
    already: int = 0
    stories: Counter[str] = field(default_factory=Counter)


def write_demo(
    folder: Path, *, jaki: int, walk_in: int, start: datetime | None = None
) -> DemoFiles:
    """Write a JAKI export, walk-in complaint bodies (JSON Lines) and which report each walk-in
    restates, all dated before the start of the Jakarta day of `start` (now)."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = sets.demo_jaki(jaki, start=start)
    walk_ins = sets.demo_walk_ins(walk_in, reports, start=start)
    jaki_path, walk_in_path = folder / "jaki-export.jsonl.gz", folder / "walk-in.jsonl"
    sources_path = folder / "walk-in-sources.json"
    restates = {body["external_id"]: source for body, source in walk_ins if source}
    sources_path.write_text(json.dumps(restates, indent=0, sort_keys=True) + "\n")
    return DemoFiles(
        jaki=jaki_path,
        walk_in=walk_in_path,
        sources=sources_path,
        jaki_count=generator.write_jsonl(reports, jaki_path),
        walk_in_count=generator.write_jsonl((body for body, _ in walk_ins), walk_in_path),
    )


async def _jaki_ids(session: AsyncSession, external_ids: set[str]) -> dict[str, uuid.UUID]:
    stmt = select(Complaint.external_id, Complaint.id).where(
        Complaint.channel_code == "jaki", Complaint.external_id.in_(external_ids)
    )
    return {ext: cid for ext, cid in (await session.execute(stmt)).all() if ext}


async def load_demo(sessions: async_sessionmaker[AsyncSession], files: DemoFiles) -> Loaded:
    """Import the JAKI export, record the walk-in complaints not recorded before (each at its
    own moment), then play the new ones' routing and linking up to now."""
    until = now()
    loaded = Loaded(jaki=await import_file(sessions, files.jaki))
    restates: dict[str, str] = json.loads(files.sources.read_text())
    walks: list[tuple[Complaint, datetime]] = []
    async with sessions() as session, session.begin():
        # Matching weighs names by how common they are among mirrored reporters.
        await refresh_name_counts(session)
        with files.walk_in.open(encoding="utf-8") as lines:
            for line in lines:
                body = ComplaintCreate.model_validate(json.loads(line))
                assert body.reported_at is not None  # the generator dates every walk-in
                try:
                    with pinned_clock(min(body.reported_at, until)):
                        complaint = await create_complaint(session, DEMO_DESK, body)
                except Conflict:  # this external_id is recorded: loaded before
                    loaded.already += 1
                    continue
                walks.append((complaint, body.reported_at))
        jaki_ids = await _jaki_ids(session, set(restates.values()))
    loaded.recorded = len(walks)
    loaded.stories = await stories.play(
        sessions,
        [
            stories.Walk(
                complaint_id=c.id,
                external_id=c.external_id or "",
                reported_at=reported_at,
                restates=jaki_ids.get(restates.get(c.external_id or "", "")),
            )
            for c, reported_at in walks
        ],
        until,
    )
    return loaded


async def is_empty(sessions: async_sessionmaker[AsyncSession]) -> bool:
    """Whether no complaint has been recorded yet (a fresh development database)."""
    async with sessions() as session:
        return not await any_complaint_recorded(session)
