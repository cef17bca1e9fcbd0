"""The people, points and moments a set draws from its seeded random generator."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from typing import Any

from app.demo import generator as demo
from lab.evalset.people import FEMALE_NAMES, SPELLINGS, TITLES, identity
from lab.evalset.reading import parse_time


class Draws:
    """Draws for one set: its random generator and the window its reports are created in."""

    rng: random.Random
    first: datetime  # the window's start
    end: datetime  # the window's end: the set's "now"
    days: int

    def _stranger(self, avoid: str | None = None) -> dict[str, Any]:
        """A new person with a name, a NIK and a phone: clearly not anyone already known."""
        person = demo.new_person(self.rng)
        while person["name"] == avoid:
            person = demo.new_person(self.rng)
        return person

    def _reporter_or_none(self) -> dict[str, Any] | None:
        if self.rng.random() < 0.3:
            return None
        person, shape = self._stranger(), self.rng.random()
        if shape < 0.35:
            del person["phone"]
        elif shape > 0.75:
            del person["nik"]
        return person

    def _as_written(self, complainant: dict[str, Any], reporter: dict[str, Any]) -> dict[str, Any]:
        """The same person as the desk writes them down."""
        rng, out = self.rng, dict(complainant)
        shared = [
            k for k in ("nik", "phone") if k in out and identity({k: out[k]}) <= identity(reporter)
        ]
        if "nik" in out and "phone" in out and rng.random() < 0.25:
            droppable = [k for k in ("nik", "phone") if any(s != k for s in shared)]
            if droppable:
                del out[rng.choice(droppable)]
        name = str(out["name"])
        if rng.random() < 0.2:
            words = name.split()
            spelt = [i for i, w in enumerate(words) if w in SPELLINGS]
            if spelt:
                i = rng.choice(spelt)
                words[i] = rng.choice(SPELLINGS[words[i]])
                name = " ".join(words)
        if rng.random() < 0.25:
            name = rng.choice(TITLES[name.split()[0] in FEMALE_NAMES]) + name
        if rng.random() < 0.1:
            name = name.upper()
        out["name"] = name
        return out

    def _ring(self, lat: float, lon: float, near: float, far: float) -> tuple[float, float] | None:
        """A point `near`-`far` metres from (lat, lon), inside Jakarta's box."""
        for _ in range(20):
            r = math.sqrt(self.rng.uniform(near * near, far * far))
            angle = self.rng.uniform(0, 2 * math.pi)
            point = (
                round(lat + r * math.sin(angle) / demo._M_PER_DEG_LAT, 6),
                round(lon + r * math.cos(angle) / demo._M_PER_DEG_LON, 6),
            )
            if (
                demo.LAT_MIN <= point[0] <= demo.LAT_MAX
                and demo.LON_MIN <= point[1] <= demo.LON_MAX
            ):
                return point
        return None

    def _within(self, moment: datetime) -> datetime:
        return min(max(moment, self.first), self.end - timedelta(hours=1))

    def _around(self, report: dict[str, Any], days: float) -> datetime:
        shift = timedelta(days=self.rng.uniform(-days, days))
        return self._within(parse_time(report["created_at"]) + shift)

    def _desk_after(self, report: dict[str, Any]) -> datetime | None:
        days = demo.desk_days_after(parse_time(report["created_at"]), self.end)
        return demo.desk_time(self.rng, self.rng.choice(days)) if days else None

    def _desk_before(self, report: dict[str, Any]) -> datetime | None:
        created = parse_time(report["created_at"]).date()
        days = [
            day
            for day in (created - timedelta(days=k) for k in range(1, 11))
            if day.weekday() < 5 and day >= self.first.date()
        ]
        return demo.desk_time(self.rng, self.rng.choice(days)) if days else None

    def _desk_any(self) -> datetime:
        day: date = self.end.date() - timedelta(days=self.rng.randint(1, self.days))
        while day.weekday() >= 5 and self.days > 2:
            day = self.end.date() - timedelta(days=self.rng.randint(1, self.days))
        return demo.desk_time(self.rng, day)
