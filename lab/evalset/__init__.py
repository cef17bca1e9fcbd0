"""A labelled evaluation set for a duplicate matcher: walk-in complaints against the JAKI mirror.

`build(seed=...)` returns JAKI feed reports (what the mirror holds), walk-in complaint bodies
(what the desk sends to `POST /v1/complaints`) and, per walk-in, the ids of the JAKI reports that
*are* the same complaint. It measures a matcher: recall on the duplicates, precision on the hard
non-duplicates placed next to them. Everything comes from the demo generator (`app.demo`) and
one seeded `random.Random`: the same arguments give the same set.

The labels follow the domain rule. A problem about a person (bansos, land, civil registry,
health insurance, school aid) is the same complaint only for the same complainant and the same
matter; a problem about a place is the same complaint for the same problem at the same place,
whoever reported it. A matcher looks back: a JAKI report created after the walk-in is never in
its truth, even when it is about the same thing.

The parts, from the bottom up:

- `reading`: what a report or walk-in says, read back (time, category, point, street, matter);
- `people`: how a person's name and identifiers are written and compared;
- `labels`: the look-alike test that keeps every label right by construction;
- `draws`: the people, points and moments a set draws;
- `reports`: the extra JAKI reports placed next to chosen ones;
- `cases`: the kinds of walk-in and how a case of each kind is made;
- `builder`: the background, keeping a case only when nothing clashes, the truth per walk-in.
"""

from lab.evalset.builder import EvalSet, build
from lab.evalset.cases import DUPLICATE_KINDS, HARD_NEGATIVE_KINDS, KINDS, SHARES

__all__ = ["DUPLICATE_KINDS", "HARD_NEGATIVE_KINDS", "KINDS", "SHARES", "EvalSet", "build"]
