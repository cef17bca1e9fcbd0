"""Public tracking: a complainant looks a complaint up by tracking number and receipt code,
without a key; nobody's personal data ever comes back, and codes cannot be guessed."""

from __future__ import annotations

import asyncio
import re
import time
from datetime import date

import pytest

from app.models.roles import Role
from app.ratelimit import Guesses
from app.ratelimit.guesses import client_of
from tests.assignments.test_lifecycle import act, assign
from tests.factories import create_complaint, mirror_jaki_report

# What the walk-in factory's complainant is: none of it may appear in a tracking answer. The
# phone in any writing (0812-3456-7890, +6281234567890, 081234567890): its digits in order with
# at most one separator between groups. Four digits alone would be found in any timestamp.
PERSONAL = ["3171014505900002", "siti@example.com", "Siti", "Rahmawati"]
PHONE = re.compile(r"8\D?12\D?3456\D?7890")


def track(client, complaint, code):
    return client.get(f"/v1/track/{complaint['tracking_number']}", headers={"Receipt-Code": code})


def assert_nothing_personal(raw: bytes) -> None:
    text = raw.decode()
    for value in PERSONAL:
        assert value not in text, value
    assert not PHONE.search(text), PHONE.search(text)


async def test_the_receipt_code_is_shown_once_and_tracks_the_complaint_without_a_key(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK), category="jalan")
    code = complaint["receipt_code"]
    assert len(code) == 11 and code[5] == "-"

    response = await track(client, complaint, code)

    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["tracking_number"] == complaint["tracking_number"]
    assert (body["status"], body["jaki_status"], body["open311_status"]) == (
        "received",
        "Menunggu",
        "open",
    )
    assert body["category"] == {"code": "jalan", "name": body["category"]["name"]}
    assert body["kelurahan"] == {"code": "31.71.01.1001", "name": "Gambir"}
    assert body["kecamatan"] == {"code": "31.71.01", "name": "Gambir"}
    assert body["handled_by"] is None and body["follows_known_report"] is False
    assert [e["status"] for e in body["timeline"]] == ["received"]
    assert_nothing_personal(response.content)
    # Shown once: reading the complaint again never shows it.
    read = await client.get(f"/v1/complaints/{complaint['id']}", headers=auth(Role.ADMIN))
    assert "receipt_code" not in read.json() and code not in read.text


async def test_the_code_may_come_as_a_query_parameter_in_any_case_and_spacing(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))
    written = complaint["receipt_code"].lower().replace("-", " ")

    response = await client.get(
        f"/v1/track/{complaint['tracking_number'].lower()}", params={"code": written}
    )

    assert response.status_code == 200, response.text


async def test_a_wrong_code_and_an_unknown_number_answer_the_same_404(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))
    wrong = "00000-00000" if complaint["receipt_code"] != "00000-00000" else "11111-11111"

    wrong_code = await track(client, complaint, wrong)
    unknown = await client.get(
        "/v1/track/WI-2026-999999", headers={"Receipt-Code": complaint["receipt_code"]}
    )

    assert wrong_code.status_code == unknown.status_code == 404
    differ = {"instance", "request_id"}  # the path asked for, and the request's own id
    assert {k: v for k, v in wrong_code.json().items() if k not in differ} == {
        k: v for k, v in unknown.json().items() if k not in differ
    }
    assert wrong_code.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("path", "headers", "field"),
    [
        ("/v1/track/WI-2026-000001", {}, "code"),
        ("/v1/track/WI-2026-000001", {"Receipt-Code": "12345"}, "Receipt-Code"),
        ("/v1/track/WI-2026-000001", {"Receipt-Code": "UUUUU-UUUUU"}, "Receipt-Code"),
        ("/v1/track/not-a-number", {"Receipt-Code": "7KQ2M-XC9RT"}, "tracking_number"),
    ],
    ids=["no-code", "short-code", "letter-outside-the-alphabet", "not-a-tracking-number"],
)
async def test_malformed_input_is_refused_naming_the_field(client, path, headers, field):
    response = await client.get(path, headers=headers)

    assert response.status_code == 422, response.text
    assert field in response.text


async def test_the_timeline_shows_the_unit_its_deadline_and_follow_ups_struck_of_identifiers(
    client, auth
):
    complaint = await create_complaint(client, auth(Role.DESK), category="jalan")
    assignment = await assign(client, auth(Role.DESK), complaint["id"])
    accepted = await act(client, auth(Role.AGENCY), assignment["id"], "accept")
    assert accepted.status_code == 200, accepted.text
    noted = await act(
        client,
        auth(Role.AGENCY),
        assignment["id"],
        "follow-ups",
        note="Sudah ditinjau bersama Ibu Siti Rahmawati (0812-3456-7890); lubang ditambal.",
    )
    assert noted.status_code == 201, noted.text

    response = await track(client, complaint, complaint["receipt_code"])

    body = response.json()
    assert body["status"] == "in_progress"
    assert body["handled_by"]["code"] == "kelurahan-31.71.01.1001"
    assert body["handled_by"]["name"]
    # The same day as the assignment's own answer: deadlines are days everywhere.
    assert body["handled_by"]["finish_by"] == assignment["finish_by"]
    assert body["handled_by"]["respond_by"] == assignment["respond_by"]
    date.fromisoformat(body["handled_by"]["finish_by"])
    [follow_up] = [e for e in body["timeline"] if e["kind"] == "follow_up"]
    assert follow_up["note"] == "Sudah ditinjau bersama Ibu [dihapus] [dihapus]); lubang ditambal."
    assert follow_up["unit"] == body["handled_by"]["name"]
    assert [e["status"] for e in body["timeline"] if e["kind"] == "status"] == [
        "received",
        "assigned",
        "in_progress",
    ]
    assert_nothing_personal(response.content)


async def test_a_new_code_replaces_the_old_one(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))

    issued = await client.post(
        f"/v1/complaints/{complaint['tracking_number']}/receipt-code", headers=auth(Role.DESK)
    )

    assert issued.status_code == 200, issued.text
    new = issued.json()["receipt_code"]
    assert new != complaint["receipt_code"]
    assert issued.json()["track_url"] == f"/v1/track/{complaint['tracking_number']}"
    assert (await track(client, complaint, new)).status_code == 200
    assert (await track(client, complaint, complaint["receipt_code"])).status_code == 404
    history = await client.get(
        f"/v1/complaints/{complaint['id']}/history", headers=auth(Role.ADMIN)
    )
    assert history.json()["events"][-1]["kind"] == "receipt_code_issued"


async def test_a_jaki_report_has_no_code_here_and_is_never_told_through_a_walk_in(client, auth):
    """A private JAKI report's reporter tracks it in JAKI; a walk-in linked to it says only
    that it follows a known report."""
    report = await mirror_jaki_report(
        client,
        auth(Role.INTEGRATION),
        auth(Role.ADMIN),
        is_public=False,
        description="Lubang besar di depan rumah Pak Joko Susilo, Jl. Kebon Sirih 12",
    )
    complaint = await create_complaint(client, auth(Role.DESK), category="jalan")
    linked = await client.post(
        f"/v1/complaints/{complaint['id']}/duplicate-of",
        json={"canonical_id": report["id"]},
        headers=auth(Role.DESK),
    )
    assert linked.status_code == 200, linked.text

    response = await track(client, complaint, complaint["receipt_code"])

    assert response.status_code == 200
    assert response.json()["follows_known_report"] is True
    for value in (report["tracking_number"], report["id"], "Joko", "Kebon Sirih"):
        assert value not in response.text
    assert_nothing_personal(response.content)
    refused = await client.post(
        f"/v1/complaints/{report['id']}/receipt-code", headers=auth(Role.DESK)
    )
    assert refused.status_code == 409
    guessed = await client.get(
        f"/v1/track/{report['tracking_number']}", headers={"Receipt-Code": "7KQ2M-XC9RT"}
    )
    assert guessed.status_code == 404


async def test_a_thousand_guesses_at_one_number_are_refused_long_before_one_could_succeed(
    app, client, auth
):
    complaint = await create_complaint(client, auth(Role.DESK))
    guesses = Guesses(first_delay=0.001, max_delay=0.002)  # the counts as served, without waits
    app.state.guesses = guesses
    right = complaint["receipt_code"]
    codes = [f"{n:05d}-00000" for n in range(1000)]

    answers = [await track(client, complaint, code) for code in codes]

    statuses = [a.status_code for a in answers]
    assert statuses.count(404) == guesses.refuse_after
    assert statuses.count(429) == 1000 - guesses.refuse_after
    refused = next(a for a in answers if a.status_code == 429)
    assert int(refused.headers["retry-after"]) > 0
    assert refused.headers["content-type"] == "application/problem+json"
    # Even the right code is refused from that address now: guessing has stopped.
    assert (await track(client, complaint, right)).status_code == 429
    # Against 2^50 codes, ten tries a quarter of an hour would take about 3 * 10^12 years.


async def test_failures_slow_the_answers_before_they_are_refused(app, client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))
    app.state.guesses = Guesses(slow_after=2, refuse_after=5, first_delay=0.3, max_delay=1.0)
    took = []
    for _ in range(4):
        started = time.monotonic()
        response = await track(client, complaint, "00000-00001")
        took.append(time.monotonic() - started)
        assert response.status_code == 404

    # The third failure waits 0.3 s, the fourth 0.6 s (lower bounds: a slow machine only adds).
    assert took[2] >= 0.3 and took[3] >= 0.6
    # A right code is made to wait as long: the wait tells nothing about the code.
    started = time.monotonic()
    right = await track(client, complaint, complaint["receipt_code"])
    assert right.status_code == 200 and time.monotonic() - started >= 1.0
    # It did not count as a failure, and it did not clear the earlier ones.
    assert (await track(client, complaint, "00000-00001")).status_code == 404
    assert (await track(client, complaint, "00000-00001")).status_code == 429
    assert (await track(client, complaint, complaint["receipt_code"])).status_code == 429


def test_an_ipv6_client_is_its_64_and_an_ipv4_mapped_one_its_ipv4_address():
    assert client_of("2001:db8:1:2:aaaa::1") == client_of("2001:db8:1:2:bbbb::9")
    assert client_of("2001:db8:1:2::1") != client_of("2001:db8:1:3::1")
    assert client_of("::ffff:203.0.113.7") == client_of("203.0.113.7") == "203.0.113.7"
    assert client_of("203.0.113.7") != client_of("203.0.113.8")


def test_counts_are_per_address_and_leave_the_window():
    now = [1000.0]
    guesses = Guesses(slow_after=5, refuse_after=2, clock=lambda: now[0])

    async def run() -> None:
        await guesses.admit("10.0.0.1")
        await guesses.admit("10.0.0.1")
        with pytest.raises(Exception, match="Too many"):
            await guesses.admit("10.0.0.1")
        await guesses.admit("10.0.0.2")  # another address is not held back
        guesses.fitted("10.0.0.2")
        now[0] += 901  # the window is fifteen minutes
        await guesses.admit("10.0.0.1")

    asyncio.run(run())
