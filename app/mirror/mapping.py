"""How JAKI's words become Pintu's: statuses and categories (its places: app.regions.locator)."""

from __future__ import annotations

import re

from app.categories import OTHER_CATEGORY
from app.models.statuses import ComplaintStatus

ALIAS_SOURCE = "jaki"

STATUS_FROM_JAKI: dict[str, ComplaintStatus] = {
    "Menunggu": ComplaintStatus.RECEIVED,
    "Koordinasi": ComplaintStatus.ASSIGNED,
    "Disposisi": ComplaintStatus.ASSIGNED,
    "Proses": ComplaintStatus.IN_PROGRESS,
    "Selesai": ComplaintStatus.CLOSED,
    "Ditolak": ComplaintStatus.REJECTED,
}

_SPACES = re.compile(r"\s+")


def alias_key(name: str) -> str:
    """How category names are compared: lower case, single spaces."""
    return _SPACES.sub(" ", name.strip().lower())


class CategoryNames:
    """JAKI's category names and Pintu's codes (`category_aliases`), read once per batch."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self._aliases = aliases
        # Each alias as a whole-words pattern, for names without an alias of their own; the
        # catch-all's own alias is left out, so that "Kesehatan Lainnya" is `kesehatan`.
        self._patterns = [
            (re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)"), code)
            for alias, code in aliases.items()
            if code != OTHER_CATEGORY
        ]

    def code(self, name: str) -> str:
        """Pintu's code for JAKI's category name: its alias; else, for a name Pintu has no alias
        for yet, the one code of every alias it contains as whole words ("Pelayanan Kesehatan"
        is `kesehatan`; in "Lampu Jalan Mati", "lampu jalan" hides the "jalan" inside it);
        `lainnya` when it contains none, or aliases of two codes ("Jalan dan Lampu Jalan")."""
        key = alias_key(name)
        known = self._aliases.get(key)
        if known is not None:
            return known
        spans = [
            (m.start(), m.end(), code)
            for pattern, code in self._patterns
            for m in pattern.finditer(key)
        ]
        codes = {
            code
            for start, end, code in spans
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
        }
        return codes.pop() if len(codes) == 1 else OTHER_CATEGORY
