"""The look-alike test that keeps every label right: facts, the generous rule, an index.

Truth is right by construction. Every report and walk-in belongs to one *matter* (one problem of
one place, or one matter of one person); a walk-in's truth is its matter's reports created before
it. A case is kept only if no report of another matter looks like the same complaint under a
generous reading of the rule (`same_complaint`: same category and the same person, or within
60 m, or within 300 m on the same street), so chance coincidences in the random background never
become duplicates the truth leaves out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lab.evalset.reading import (
    CIVIL_REGISTRY,
    DOC_TEMPLATES,
    PERSON_CODES,
    code_of,
    distance,
    recall_report,
)

SAME_SPOT_M = 60
SAME_STREET_M = 300
AREA_M = 700
CELL_M = 300.0


@dataclass(slots=True, eq=False)
class Facts:
    """What the look-alike test reads from a JAKI report or a walk-in."""

    matter: int
    at: datetime
    code: str
    kel: str
    anchor: tuple[float, float]  # the point in metres, or the kelurahan's reference point
    pointed: bool
    ident: frozenset[str]
    name: str | None
    anonymous: bool
    unread: dict[str, Any] | None = None  # a report whose details are recalled when needed
    street: str | None = None
    rt: int | None = None
    template: int | None = None
    doc: str | None = None
    deadline: datetime | None = None  # guarded facts: when the matter's walk-in was made

    def read(self) -> Facts:
        if self.unread is not None:
            told, self.unread = recall_report(self.unread), None
            self.street, self.rt, self.template, self.doc = (
                told["street"],
                told["rt"],
                told["matter"],
                told["doc"],
            )
        return self


def _same_person(a: Facts, b: Facts) -> bool:
    if a.anonymous or b.anonymous:
        return False
    if a.ident & b.ident:
        return True
    if {i.partition(":")[0] for i in a.ident} & {i.partition(":")[0] for i in b.ident}:
        return False  # the same kind of identifier with different values: two people
    return a.kel == b.kel and a.name is not None and a.name == b.name


def _other_document(a: Facts, b: Facts) -> bool:
    a, b = a.read(), b.read()
    return (
        a.code == code_of(CIVIL_REGISTRY)
        and a.template in DOC_TEMPLATES
        and b.template in DOC_TEMPLATES
        and a.doc is not None
        and b.doc is not None
        and a.doc != b.doc
    )


def _same_place(a: Facts, b: Facts) -> bool:
    d = distance(a.anchor, b.anchor)
    if a.pointed and b.pointed and d <= SAME_SPOT_M:
        return True
    if d > (SAME_STREET_M if a.pointed and b.pointed else AREA_M):
        return False
    a, b = a.read(), b.read()
    street = a.street is None or b.street is None or a.street.casefold() == b.street.casefold()
    rt = a.rt is None or b.rt is None or a.rt == b.rt
    return street and (rt or (a.pointed and b.pointed))


def same_complaint(a: Facts, b: Facts) -> bool:
    """Whether two complaints could be the same under a generous reading of the domain rule."""
    if a.code != b.code:
        return False
    if a.code in PERSON_CODES:
        return _same_person(a, b) and not _other_document(a, b)
    return _same_place(a, b)


class Index:
    """Facts by category and person (NIK, phone, name in a kelurahan) or by 300 m cell."""

    def __init__(self) -> None:
        self._found: defaultdict[tuple[Any, ...], list[Facts]] = defaultdict(list)

    @staticmethod
    def _keys(f: Facts, *, around: int) -> Iterator[tuple[Any, ...]]:
        if f.code in PERSON_CODES:
            yield from (("id", f.code, i) for i in f.ident)
            yield ("name", f.code, f.kel, f.name)
            return
        x, y = int(f.anchor[0] // CELL_M), int(f.anchor[1] // CELL_M)
        for dx in range(-around, around + 1):
            for dy in range(-around, around + 1):
                yield ("cell", f.code, x + dx, y + dy)

    def add(self, f: Facts) -> None:
        for key in self._keys(f, around=0):
            self._found[key].append(f)

    def near(self, f: Facts) -> list[Facts]:
        seen: dict[int, Facts] = {}
        for key in self._keys(f, around=math.ceil(AREA_M / CELL_M)):
            for other in self._found.get(key, ()):
                seen.setdefault(id(other), other)
        return list(seen.values())
