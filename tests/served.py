"""Waiting for a `pintu serve` a test started: one loop for every test that serves Pintu in a
process of its own (the fault tests, the docs pages in Chromium, the fuzzer)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

import httpx


def wait_until_ready(
    base_url: str,
    process: subprocess.Popen,
    *,
    within: float,
    log: Callable[[], str] = lambda: "",
) -> None:
    """Return once `/readyz` answers 200; RuntimeError (with `log()`) if the process ends
    first or `within` seconds pass."""
    deadline = time.monotonic() + within
    while True:
        try:
            if httpx.get(base_url + "/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"pintu serve did not become ready at {base_url}:\n{log()}")
        time.sleep(0.2)
