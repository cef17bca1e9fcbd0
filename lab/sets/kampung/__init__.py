"""The "kampung" evaluation set: JAKI reports as citizens type them, walk-ins as officers write.

Written from DOMAIN.md and the input contracts alone. Every report, at either door, is made of a
problem in a small made-up world, and the truth follows DOMAIN.md's rule: a problem about a
place is one per street and kind of problem, whoever reports it; a problem about a person is one
per person and matter. A walk-in's truth is every JAKI report of its own problem made before it.
"""

from lab.sets.kampung.build import LabelledSet, build

__all__ = ["LabelledSet", "build"]
