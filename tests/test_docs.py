"""The project's Markdown reads as written: every table is whole."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md"), ROOT / "bench" / "README.md"])


def _stray_rows(text: str) -> list[int]:
    """Lines that look like a table row but belong to no table: after a line that is not a
    table's, and not the header of a new one (the next line is no `| --- |` separator)."""
    lines = text.splitlines()
    stray, in_code = [], False
    for number, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith("|"):
            continue
        previous = lines[number - 1] if number else ""
        following = lines[number + 1] if number + 1 < len(lines) else ""
        starts_a_table = following.startswith("|") and set(following) <= set("|-: ")
        if not previous.startswith("|") and not starts_a_table:
            stray.append(number + 1)
    return stray


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_table_row_belongs_to_a_table(page: Path) -> None:
    assert _stray_rows(page.read_text()) == []


def test_a_row_cut_off_from_its_table_is_found() -> None:
    text = "| a | b |\n| --- | --- |\n| 1 | 2 |\n\nA paragraph.\n| 3 | 4 |\n"
    assert _stray_rows(text) == [6]
