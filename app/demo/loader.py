"""Loading the demo set as real traffic arrives: the mirror's JAKI import, then the walk-in desk."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth import Principal
from app.complaints import ComplaintCreate, any_complaint_recorded, create_complaint
from app.demo import generator
from app.kit.timeutil import now
from app.mirror import ImportSummary, import_file
from app.models.roles import Role

logger = logging.getLogger(__name__)

DEMO_DESK = Principal(key_id=None, name="demo data", role=Role.DESK)


@dataclass(slots=True)
class DemoFiles:
    jaki: Path
    walk_in: Path
    jaki_count: int
    walk_in_count: int


def write_demo(
    folder: Path, *, jaki: int, walk_in: int, start: datetime | None = None
) -> DemoFiles:
    """Write a JAKI export and walk-in complaint bodies (JSON Lines) ending at `start` (now)."""
    folder.mkdir(parents=True, exist_ok=True)
    start = start or now()
    reports = list(generator.jaki_reports(jaki, start=start))
    walk_ins = generator.walk_in_complaints(walk_in, jaki=reports, start=start)
    jaki_path, walk_in_path = folder / "jaki-export.jsonl.gz", folder / "walk-in.jsonl"
    return DemoFiles(
        jaki=jaki_path,
        walk_in=walk_in_path,
        jaki_count=generator.write_jsonl(reports, jaki_path),
        walk_in_count=generator.write_jsonl(walk_ins, walk_in_path),
    )


async def load_demo(
    sessions: async_sessionmaker[AsyncSession], files: DemoFiles
) -> tuple[ImportSummary, int]:
    """Import the JAKI export, then record the walk-in complaints; returns both counts."""
    summary = await import_file(sessions, files.jaki)
    recorded = 0
    async with sessions() as session, session.begin():
        with files.walk_in.open(encoding="utf-8") as lines:
            for line in lines:
                body = ComplaintCreate.model_validate(json.loads(line))
                await create_complaint(session, DEMO_DESK, body)
                recorded += 1
    return summary, recorded


async def is_empty(sessions: async_sessionmaker[AsyncSession]) -> bool:
    """Whether no complaint has been recorded yet (a fresh development database)."""
    async with sessions() as session:
        return not await any_complaint_recorded(session)
