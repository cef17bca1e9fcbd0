"""The project's Markdown reads as written: every table is whole, and the README's duplicate
example works as a newcomer would run it, on any day."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.kit.timeutil import now
from app.models.roles import Role

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


def _bodies(marker: str) -> list[str]:
    """The `-d '…'` bodies of the README's shell block that contains `marker`."""
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    [block] = [b for b in blocks if marker in b]
    return re.findall(r"-d '(\{.*?\})'\)?\n", block, re.S)


def _shell(body: str, **values: str) -> dict:
    """A body as the shell passes it: '"$NAME"' closes the quote to put the variable in."""
    for name, value in values.items():
        body = body.replace(f"'\"${name}\"'", value)
    return json.loads(body)


async def test_the_readme_links_a_walk_in_to_the_jaki_report_the_matcher_found(client, auth):
    admin = auth(Role.ADMIN)
    [push] = _bodies("jaki/reports/batch")
    report = _shell(push, NOW=now().strftime("%Y-%m-%dT%H:%M:%SZ"))
    pushed = await client.post("/v1/jaki/reports/batch", json=report, headers=admin)
    assert pushed.json()["created"] == 1, pushed.text
    intake, link = _bodies("POTHOLE=")

    recorded = await client.post("/v1/complaints", json=_shell(intake), headers=admin)

    assert recorded.status_code == 201, recorded.text
    best = recorded.json()["possible_duplicates"][0]
    assert (best["external_id"], best["band"]) == (report["reports"][0]["id"], "match")
    number = recorded.json()["tracking_number"]
    linked = await client.post(
        f"/v1/complaints/{number}/duplicate-of",
        json=_shell(link, CANDIDATE=best["id"]),
        headers=admin,
    )
    assert (linked.status_code, linked.json()["status"]) == (200, "linked"), linked.text
    unlinked = await client.delete(f"/v1/complaints/{number}/duplicate-of", headers=admin)
    assert unlinked.json()["status"] == "verified"
