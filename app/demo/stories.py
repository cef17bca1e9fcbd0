"""Weeks of desk and unit work on the demo's walk-in complaints, played through the services
themselves with the clock pinned at each step's moment (`app.kit.timeutil.pinned_clock`):
assignments with follow-ups, finished on time or late, still open, overdue, escalated, returned
("bukan wewenang") and routed again, and walk-ins that restate a JAKI report linked to it. What
it writes (rows, deadlines in working days, history lines, events) is what those requests would
write, dated when they would have happened; nothing is dated after the moment it runs."""

from __future__ import annotations

import logging
import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.assignments import service as lifecycle
from app.assignments.schemas import AssignmentCreate, FollowUpCreate
from app.assignments.suggest import route_suggestion
from app.auth import Principal
from app.dedup.service import link
from app.demo import follow_ups as notes
from app.kit.errors import AppError
from app.kit.timeutil import pinned_clock
from app.models import Assignment
from app.models.roles import Role

logger = logging.getLogger(__name__)

DESK = Principal(key_id=None, name="demo data", role=Role.DESK)
# What happens to a walk-in complaint the desk does not link, by weight.
PLOTS = {
    "unrouted": 8,
    "on_time": 30,
    "late": 16,
    "open": 14,
    "overdue": 10,
    "escalated": 10,
    "returned": 12,
}
LINK_SHARE = 0.75  # of the walk-ins that restate a JAKI report, those the desk links
RETURN_REASONS = (
    "Bukan wewenang kelurahan: {what} ditangani {unit}.",
    "Bukan wewenang kami; mohon dialihkan ke {unit}.",
)
ROUTE_NOTES = (
    "Mohon dicek ke lokasi dan ditindaklanjuti.",
    "Mohon ditindaklanjuti sesuai kewenangan.",
    "Pelapor datang langsung ke Balai Kota; mohon segera ditangani.",
)


@dataclass(frozen=True, slots=True)
class Walk:
    """A recorded demo walk-in: its id, its number, when it was reported, and the complaint id
    of the JAKI report it restates (if any)."""

    complaint_id: uuid.UUID
    external_id: str
    reported_at: datetime
    restates: uuid.UUID | None


def _unit(code: str) -> Principal:
    return Principal(key_id=None, name=f"petugas {code}"[:100], role=Role.AGENCY, unit_code=code)


class _Story:
    """One complaint's weeks, step by step; a step that would fall after `until` has not
    happened yet, and ends the story."""

    def __init__(self, session: AsyncSession, walk: Walk, until: datetime) -> None:
        self.session, self.walk, self.until = session, walk, until
        self.rng = random.Random(f"pintu-demo-story-{walk.external_id}")  # noqa: S311
        self.at = walk.reported_at
        self.tags: list[str] = []  # what happened on the way: returned, escalated

    def later(self, low_hours: float, high_hours: float) -> bool:
        """Move the clock on by a random while; False if that is still to come."""
        self.at += timedelta(hours=self.rng.uniform(low_hours, high_hours))
        return self.at < self.until

    def until_before(self, deadline: datetime, *, share: float) -> bool:
        """Move the clock on, by up to `share` of the time left before `deadline`."""
        left = (deadline - self.at).total_seconds() / 3600
        return self.later(0.5, max(1.0, left * share))

    async def assign(self, unit_code: str) -> Assignment:
        with pinned_clock(self.at):
            body = AssignmentCreate(unit_code=unit_code, note=self.rng.choice(ROUTE_NOTES))
            return await lifecycle.assign(self.session, DESK, str(self.walk.complaint_id), body)

    async def follow_up(self, assignment: Assignment, texts: tuple[str, ...]) -> None:
        with pinned_clock(self.at):
            note = self.rng.choice(texts).format(sudin=assignment.unit_code, dinas="dinas terkait")
            await lifecycle.follow_up(
                self.session, _unit(assignment.unit_code), assignment.id, FollowUpCreate(note=note)
            )

    async def play(self) -> str:
        walk, rng = self.walk, self.rng
        if not self.later(0.3, 4):
            return "unrouted"
        with pinned_clock(self.at):
            _, suggested = await route_suggestion(self.session, DESK, str(walk.complaint_id))
        units = [unit for unit, _ in suggested]
        if walk.restates is not None and rng.random() < LINK_SHARE:
            if rng.random() < 0.5:  # first routed, then seen to repeat a JAKI report
                await self.assign(units[0].code)
                if not self.later(1, 30):
                    return "open"
            with pinned_clock(self.at):
                await link(self.session, DESK, str(walk.complaint_id), str(walk.restates))
            return "linked"
        plot = rng.choices(list(PLOTS), list(PLOTS.values()))[0]
        if plot == "unrouted":
            return plot
        assignment = await self.assign(units[0].code)
        if plot == "returned":
            if not self.until_before(assignment.respond_by, share=0.6):
                return "open"
            other = next((u for u in units[1:]), None)
            reason = rng.choice(RETURN_REASONS).format(
                what=walk.external_id, unit=other.name if other else "unit lain"
            )
            with pinned_clock(self.at):
                await lifecycle.return_(
                    self.session, _unit(assignment.unit_code), assignment.id, reason
                )
            self.tags.append("returned")
            if other is None or not self.later(1, 6):
                return "unrouted"
            assignment = await self.assign(other.code)
            plot = rng.choice(("on_time", "on_time", "late", "open"))
        if plot == "overdue":
            return "overdue" if assignment.respond_by < self.until else "open"
        if plot == "escalated":
            self.at = max(self.at, assignment.respond_by) + timedelta(hours=rng.uniform(1, 20))
            if self.at >= self.until:
                return "overdue" if assignment.respond_by < self.until else "open"
            with pinned_clock(self.at):
                assignment = await lifecycle.escalate(
                    self.session, lifecycle.ESCALATION_ACTOR, assignment.id
                )
            self.tags.append("escalated")
            plot = rng.choice(("on_time", "open", "overdue"))
            if plot == "overdue":
                return "overdue" if assignment.respond_by < self.until else "open"
        if not self.until_before(assignment.respond_by, share=0.7):
            return "open"
        with pinned_clock(self.at):
            await lifecycle.accept(self.session, _unit(assignment.unit_code), assignment.id)
        if not self.later(2, 48):
            return "open"
        await self.follow_up(assignment, notes.NOTE_PROCESS)
        if plot == "open":
            return plot
        if plot == "late":
            self.at = max(self.at, assignment.finish_by) + timedelta(hours=rng.uniform(4, 120))
            if self.at >= self.until:
                return "open"
        elif not self.until_before(assignment.finish_by, share=0.8):
            return "open"
        await self.follow_up(assignment, notes.NOTE_DONE)
        if not self.later(0.05, 0.5):
            return "open"
        with pinned_clock(self.at):
            done = await lifecycle.complete(
                self.session, _unit(assignment.unit_code), assignment.id
            )
        return "on_time" if self.at <= done.finish_by else "late"


async def play(
    sessions: async_sessionmaker[AsyncSession], walks: list[Walk], until: datetime
) -> Counter[str]:
    """Play each walk-in's story in a transaction of its own; how many ended each way."""
    told: Counter[str] = Counter()
    for walk in walks:
        try:
            async with sessions() as session, session.begin():
                story = _Story(session, walk, until)
                told[await story.play()] += 1
            told.update(story.tags)
        except AppError as exc:  # a rule the story did not foresee: it stops, nothing half-done
            logger.warning("demo story of %s stopped: %s", walk.external_id, exc)
            told["stopped"] += 1
    return told
