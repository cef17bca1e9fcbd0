"""The signature checks docs/events.md gives partners, run against a message Pintu signed: the
Python one with the reference library, the JavaScript one under Node.js where it is installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from app.events.signing import new_secret, signed_headers

DOC = Path(__file__).resolve().parents[2] / "docs" / "events.md"


def _snippet(language: str) -> str:
    [code] = re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), flags=re.S)
    return code


def _signed() -> tuple[str, bytes, dict[str, str]]:
    secret = new_secret()
    body = json.dumps({"id": "evt-1", "type": "assignment.created", "data": {}}).encode()
    return secret, body, signed_headers([secret], "evt-1", int(time.time()), body)


def test_the_python_check_in_the_docs_verifies_pintus_signature():
    namespace: dict = {}
    exec(_snippet("python"), namespace)  # noqa: S102 - our own documentation
    secret, body, headers = _signed()
    assert namespace["verified_event"](secret, body, headers)["type"] == "assignment.created"
    with pytest.raises(Exception, match="signature"):
        namespace["verified_event"](secret, body.replace(b"created", b"deleted"), headers)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
@pytest.mark.parametrize("tampered", [False, True])
def test_the_javascript_check_in_the_docs_verifies_pintus_signature(tmp_path, tampered):
    secret, body, headers = _signed()
    if tampered:
        body = body.replace(b"created", b"deleted")
    script = tmp_path / "verify.js"
    script.write_text(
        _snippet("javascript")
        + "\nconst input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));"
        + "\ntry { console.log(verifiedEvent(input.secret, input.body, input.headers).type); }"
        + "\ncatch (error) { console.log('refused: ' + error.message); }\n"
    )
    done = subprocess.run(  # noqa: S603
        [shutil.which("node") or "node", str(script)],
        input=json.dumps({"secret": secret, "body": body.decode(), "headers": headers}),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert done.stdout.strip() == ("refused: bad signature" if tampered else "assignment.created")
