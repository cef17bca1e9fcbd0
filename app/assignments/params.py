"""The query parameters of the assignment lists: the deadline range, by its names and by the
deprecated ones, which work as they did for one more version."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.kit.validation import Day

DueFrom = Annotated[
    Day | None,
    Query(
        description="Deadlines (`finish_by`) falling on this Jakarta day or later",
        examples=["2026-12-01"],
    ),
]
DueTo = Annotated[
    Day | None,
    Query(
        description="Deadlines (`finish_by`) falling on this Jakarta day or earlier (the day "
        "included)",
        examples=["2026-12-31"],
    ),
]
DueBefore = Annotated[
    Day | None,
    Query(
        deprecated=True,
        description="Deprecated (goes in the next version): use `due_to`, which includes its "
        "day. `finish_by` before the start of this Jakarta day (a deadline is the midnight "
        "after its last day).",
    ),
]
DueAfter = Annotated[
    Day | None,
    Query(
        deprecated=True,
        description="Deprecated (goes in the next version): use `due_from`. `finish_by` at or "
        "after the start of this Jakarta day.",
    ),
]
