"""The API against its own OpenAPI schema: every schemathesis check, once with a key of each role.

A real uvicorn serves the app on loopback, on a database of the test's own that holds committed
complaints and assignments, so reads by id find something; the stateful phase follows the
links schemathesis infers (a created complaint read, changed and assigned). The run is bounded
(a fixed number of examples per operation) and seeded, so CI draws the same inputs every time.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import jsonschema_rs
import pytest
import schemathesis
from schemathesis.engine import Status, events as engine_events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.openapi.checks import RejectedPositiveData
from sqlalchemy import text

from app.auth import service as auth_service
from app.kit.db import create_engine, create_session_factory
from app.kit.migrate import upgrade
from app.kit.timeutil import today_jakarta
from app.models.roles import Role
from tests.factories import GAMBIR, GAMBIR_OFFICE, bound_to, jaki_report, walk_in_body
from tests.served import wait_until_ready

ROOT = Path(__file__).resolve().parent.parent
# An admin key may revoke keys: it goes last, so the other roles' runs keep theirs.
ROLES = [Role.VIEWER, Role.DESK, Role.AGENCY, Role.INTEGRATION, Role.CLIENT, Role.ADMIN]
SEED = 20261003
EXAMPLES_PER_OPERATION = 20
# Far above what one run sends: the fuzzer tests the API, not the rate limit.
UNTHROTTLED = 1_000_000
# What positive_data_acceptance takes as accepted unless told otherwise.
SCHEMATHESIS_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


@dataclass
class Live:
    base_url: str
    keys: dict[Role, str]
    log: Path
    # Reference data by kind: the codes a request may name.
    codes: dict[str, list[str]] = field(default_factory=dict)

    def auth(self, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"}


async def _create_keys(url: str) -> dict[Role, str]:
    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            keys = {}
            for role in Role:
                _, keys[role] = await auth_service.create_key(
                    session,
                    name=f"fuzz {role.value}",
                    role=role,
                    **bound_to(role),
                    rate_limit_per_minute=UNTHROTTLED,
                )
            return keys
    finally:
        await engine.dispose()


async def _reference_codes(url: str) -> dict[str, list[str]]:
    queries = {
        "categories": "SELECT code FROM categories",
        "intake_channels": "SELECT code FROM channels WHERE is_active AND NOT is_mirror",
        "channels": "SELECT code FROM channels",
        "units": "SELECT code FROM units",
        "kelurahan": "SELECT code FROM regions WHERE level = 'kelurahan'",
        "regions": "SELECT code FROM regions WHERE level <> 'kelurahan'",
    }
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return {
                kind: sorted((await conn.execute(text(query))).scalars())
                for kind, query in queries.items()
            }
    finally:
        await engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(live: Live) -> None:
    """Complaints from the desk and JAKI, some assigned to the agency key's office."""
    with httpx.Client(base_url=live.base_url, timeout=30) as http:
        desk = live.auth(Role.DESK)
        refs = []
        for n, category in enumerate(("bansos", "jalan", "kesehatan", "pendidikan")):
            response = http.post(
                "/v1/complaints",
                json=walk_in_body(category=category, description=f"Keluhan nomor {n}: {category}"),
                headers=desk,
            )
            assert response.status_code == 201, response.text
            refs.append(response.json()["id"])
        batch = http.post(
            "/v1/jaki/reports/batch",
            json={"reports": [jaki_report(id="JAKI-2026-0000101", kelurahan_code=GAMBIR)]},
            headers=live.auth(Role.INTEGRATION),
        )
        assert batch.status_code == 200 and batch.json()["errors"] == [], batch.text
        for ref in refs[:3]:
            assigned = http.post(
                f"/v1/complaints/{ref}/assignments",
                json={"unit_code": GAMBIR_OFFICE, "note": "Mohon ditindaklanjuti."},
                headers=desk,
            )
            assert assigned.status_code == 201, assigned.text


@pytest.fixture(scope="module")
def live(scratch, tmp_path_factory) -> Iterator[Live]:
    """Pintu under uvicorn on loopback, on a migrated and seeded database of its own."""
    url = scratch.create("fuzz")
    upgrade(url)
    keys = asyncio.run(_create_keys(url))
    codes = asyncio.run(_reference_codes(url))
    port = _free_port()
    log = tmp_path_factory.mktemp("fuzz") / "server.log"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PINTU_ENV": "test",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_SIZE": "4",
        "UVICORN_HOST": "127.0.0.1",
        "UVICORN_PORT": str(port),
        # Webhook URLs the fuzzer makes up are checked without DNS: no lookup leaves the machine.
        "WEBHOOK_RESOLVE_NAMES": "false",
        # The fuzzer sends made-up keys to every endpoint as fast as it can; the count of
        # invalid keys per address is tested on its own (tests/auth/test_invalid_keys.py).
        "INVALID_KEYS_PER_MINUTE": "1000000",
    }
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "app.main:create_app",
                "--factory",
                "--no-access-log",
            ],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    served = Live(f"http://127.0.0.1:{port}", keys, log, codes)
    try:
        wait_until_ready(served.base_url, process, within=60, log=log.read_text)
        _seed(served)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Fields that name reference data, and the data each names. Fuzzing draws them from the real
# codes most of the time, so generated complaints and assignments get past the lookups.
REFERENCES = {
    "body.category": "categories",
    "query.category": "categories",
    "body.channel": "intake_channels",
    "query.channel": "channels",
    "body.kelurahan_code": "kelurahan",
    "body.unit_code": "units",
    "body.channel_code": "channels",
    "query.unit": "units",
    "query.region": "regions",
    "query.parent": "regions",
    "body.location_region_code": "regions",
}


def _config(live: Live, role: Role) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "color": False,
            "base-url": live.base_url,
            # Through the schema's security scheme, so that checks which leave the key out
            # (ignored_auth, missing_required_header) really send none.
            "auth": {"openapi": {"HTTPBearer": {"bearer": live.keys[role]}}},
            "workers": 1,
            "continue-on-failure": True,
            "request-timeout": 30,
            "generation": {
                "max-examples": EXAMPLES_PER_OPERATION,
                "deterministic": True,
                "database": "none",
            },
            "dictionaries": {kind: {"values": codes} for kind, codes in live.codes.items()},
            "parameters": {
                where: {"dictionary": kind, "probability": 0.8}
                for where, kind in REFERENCES.items()
            },
            # Every check schemathesis has (as `--checks all`), positive_data_acceptance
            # ("a valid request was rejected") included.
            "checks": {
                "enabled": True,
                "positive_data_acceptance": {
                    # 412 and 428 answer for the record's state, not the request's data: a
                    # valid If-Match names a version that may no longer be current, and a
                    # partner key must send one although the schema cannot require it per role.
                    "expected-statuses": [*SCHEMATHESIS_ACCEPTED, "412", "428"]
                },
            },
        }
    )


IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")
_requests = itertools.count()


def _one_idempotency_key_per_request(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """A client gives each request a key of its own, as the header's description asks; no
    schema can say "new each time", and the fuzzer draws keys from a small pool, so a valid one
    gets a number to make it unique. A key that breaks the schema is sent as drawn."""
    key = case.headers.get("Idempotency-Key") if case.headers else None
    if isinstance(key, str) and IDEMPOTENCY_KEY.fullmatch(key):
        case.headers["Idempotency-Key"] = f"{key[:240]}.{next(_requests)}"


# Rules of the data that no schema can state. A schema-valid request that breaks one gets 422
# naming the field, the documented answer; positive_data_acceptance cannot know that, so such
# a 422 is not counted as a failure, and only when every refused field is one of these.
DATA_RULES = {
    # A code must name a row of reference data (excused only for a code that names none).
    **{where.split(".", 1)[1]: "reference" for where in REFERENCES},
    # A page cursor is opaque: only one the API returned is valid.
    "cursor": "issued by the API",
    # A deprecated name beside the one that replaces it asks one thing two ways: 422 naming
    # the old one (docs/access.md, "Lists, ranges, versions"); excused only if both were sent.
    "after": "issued by the API",
    "offset": "one way",
    "since": "one way",
    "due_before": "one way",
    "due_after": "one way",
    # The days deadlines fall on: `due_to` not before `due_from`.
    "due_to": "due order",
    # A webhook URL must be on a public address (no loopback, private or link-local one), and
    # "*" asks for every event type alone.
    "url": "public address",
    "event_types": "all alone",
    # Another complaint named in the body must exist and be visible to the key (verified).
    "complaint_id": "complaint",
    "candidate_id": "complaint",
    "canonical_id": "complaint",
    # Days: `to` not before `from` (a longer range than one answer covers is answered in
    # parts, not refused), finish_by not before respond_by; a key's expires_at lies in the
    # future. A refused from/to is excused only if the range sent really runs backwards.
    "from": "day order",
    "to": "day order",
    "finish_by": "order",
    "expires_at": "order",
    "opening_hours.*.closes": "order",
    # The walk-in desk needs the complainant's name and a NIK or phone; other channels do not.
    # A NIK's province and date of birth, and a phone's numbering plan, are checked beyond
    # what a pattern could say.
    "complainant.name": "channel rule",
    "complainant.nik": "identity",
    "complainant.phone": "identity",
    "complainant.email": "identity",
    # The receipt code comes in the Receipt-Code header or as `code`: one of the two, which no
    # schema of parameters can state; the header's shape is checked as it arrives.
    "code": "header or query",
    "Receipt-Code": "receipt code",
}
COMPLAINT_FIELDS = {"complaint_id", "candidate_id", "canonical_id"}
# The deprecated parameters and the ones that replace them.
REPLACED_BY = {
    "offset": "cursor",
    "since": "from",
    "due_before": "due_to",
    "due_after": "due_from",
}
# An unsaved complaint in POST /v1/dedup/matches is checked as one sent to POST /v1/complaints.
DATA_RULES.update({f"complaint.{name}": rule for name, rule in list(DATA_RULES.items())})


def _keep_failure(live: Live, role: Role) -> Any:
    known = {code for codes in live.codes.values() for code in codes}

    def names_a_complaint(ref: object) -> bool:
        if not isinstance(ref, str):
            return False
        url = f"{live.base_url}/v1/complaints/{quote(ref, safe='')}"
        return httpx.get(url, headers=live.auth(role), timeout=30).status_code == 200

    def names_itself(case: Any, sent: dict[str, Any], name: str) -> bool:
        # The fuzzer reuses an id it saw for every id of a request: a complaint named as its
        # own candidate or canonical is refused ("cannot duplicate itself"), a rule between
        # two fields no schema states.
        others = [v for k, v in sent.items() if k != name and k in COMPLAINT_FIELDS]
        others += list((case.path_parameters or {}).values())
        return sent.get(name) in others

    def runs_backwards(start: object, end: object) -> bool:
        # `to` defaults to today in Jakarta; a lone `to` makes its own `from`.
        try:
            first = date.fromisoformat(str(start))
            last = date.fromisoformat(str(end)) if end is not None else today_jakarta()
        except ValueError:
            return False
        return last < first

    def breaks_only_data_rules(case: Any, response: Any) -> bool:
        try:
            refused = {error["field"] for error in json.loads(response.content)["errors"]}
        except (ValueError, KeyError, TypeError):
            return False
        sent = {**(case.query or {}), **(case.body if isinstance(case.body, dict) else {})}
        for name in refused:
            rule = DATA_RULES.get(re.sub(r"\.\d+\.", ".*.", name))
            if rule is None:
                return False
            if rule == "reference" and sent.get(name) in known:
                return False
            if (
                rule == "complaint"
                and names_a_complaint(sent.get(name))
                and not names_itself(case, sent, name)
            ):
                return False
            if rule == "day order" and not runs_backwards(sent.get("from"), sent.get("to")):
                return False
            if rule == "one way" and not sent.get(REPLACED_BY[name]):
                return False
            if rule == "due order" and not (
                sent.get("due_from") and runs_backwards(sent.get("due_from"), sent.get("due_to"))
            ):
                return False
        return bool(refused)

    document = httpx.get(f"{live.base_url}/openapi.json", timeout=30).json()

    def body_breaks_the_schema(case: Any) -> bool:
        # The fuzzer fills fields with values it saw in earlier responses after it generated
        # the body, whatever rule between fields the schema states (a unit_code for a key
        # whose role is not agency): such a body was never schema-valid.
        operation = document["paths"][case.operation.path][case.method.lower()]
        content = operation.get("requestBody", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        if schema is None or not isinstance(case.body, dict):
            return False
        return not jsonschema_rs.Draft202012Validator({**document, **schema}).is_valid(case.body)

    def breaks_the_open311_window(case: Any, response: Any) -> bool:
        # Open311's list covers at most 90 days and end_date comes after start_date: a rule
        # between two parameters that no schema states (docs/open311.md). Refused with 400.
        query = case.query or {}
        if not case.operation.path.startswith("/open311/") or response.status_code != 400:
            return False
        if "start_date" not in query or "end_date" not in query:
            return False
        try:
            [error] = json.loads(response.content)
        except (ValueError, TypeError):
            return False
        return str(error.get("description", "")).startswith("end_date: ")

    def keep(context: Any, failure: Any, case: Any, response: Any) -> bool:
        if isinstance(failure, RejectedPositiveData) and response.status_code == 422:
            return not breaks_only_data_rules(case, response) and not body_breaks_the_schema(case)
        if isinstance(failure, RejectedPositiveData):
            return not breaks_the_open311_window(case, response)
        return True

    return keep


def _answer(recorder: ScenarioRecorder, case_id: str | None) -> str:
    interaction = recorder.interactions.get(case_id or "")
    if interaction is None or interaction.response is None:
        return "(no response)"
    response = interaction.response
    return f"-> {response.status_code} {response.content[:400]!r}"


def _run(live: Live, role: Role) -> tuple[list[str], list[str], float]:
    """Every phase and every default check; the failures, the errors and the time taken."""
    schema = schemathesis.openapi.from_url(
        live.base_url + "/openapi.json", config=_config(live, role)
    )
    schema.hook("filter_failure")(_keep_failure(live, role))
    failures: dict[str, str] = {}
    errors: list[str] = []
    started = time.monotonic()
    for event in from_schema(schema).execute():
        if isinstance(event, engine_events.ScenarioFinished) and event.status == Status.FAILURE:
            for case_id, nodes in event.recorder.checks.items():
                for node in nodes:
                    if node.status == Status.FAILURE and node.failure_info is not None:
                        failure = node.failure_info.failure
                        key = f"{failure.operation} [{node.name}] {failure.title}"
                        failures.setdefault(
                            key,
                            f"{key}\n{failure.message}\n{node.failure_info.code_sample[:2000]}\n"
                            + _answer(event.recorder, case_id),
                        )
        elif isinstance(event, engine_events.NonFatalError):
            errors.append(f"{event.label}: {event.info.format()}")
        elif isinstance(event, engine_events.FatalError):
            errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, engine_events.EngineFinished):
            for failure in event.failures:
                failures.setdefault(str(failure), str(failure))
    return list(failures.values()), errors, time.monotonic() - started


@pytest.fixture(scope="module")
def unique_idempotency_keys() -> Iterator[None]:
    # `before_call` hooks can only be global: registered for this module's runs alone.
    schemathesis.hook("before_call")(_one_idempotency_key_per_request)
    yield
    schemathesis.hooks.unregister(_one_idempotency_key_per_request)


@pytest.mark.usefixtures("unique_idempotency_keys")
@pytest.mark.parametrize("role", ROLES, ids=[role.value for role in ROLES])
def test_every_response_keeps_to_the_schema(live: Live, role: Role) -> None:
    failures, errors, elapsed = _run(live, role)
    report = "\n\n".join([*failures, *errors])
    assert not failures and not errors, (
        f"{len(failures)} failures, {len(errors)} errors as {role.value} in {elapsed:.0f} s:\n\n"
        f"{report}\n\nserver log:\n{live.log.read_text()[-5000:]}"
    )
