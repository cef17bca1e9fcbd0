"""The checks .ci/run makes of a suite run: enough tests passed, none failed, on PostgreSQL 15.

CI itself takes minutes; its functions are tried here on pytest's closing lines as written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def ci(function: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run one function of .ci/run (sourced, so CI itself does not run)."""
    return subprocess.run(  # noqa: S603  (the test's own arguments)
        ["bash", "-c", f'source .ci/run && {function} "$@"', "bash", *args],  # noqa: S607
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize(
    ("closing", "passes"),
    [
        ("1144 passed, 2 warnings in 660.12s (0:11:00)", True),
        ("=========== 1140 passed, 3 xpassed, 1 xfailed in 60.00s ===========", True),
        ("\x1b[32m1150 passed\x1b[0m\x1b[32m in 600.00s\x1b[0m", True),
        ("=========== 1139 passed in 60.00s (0:01:00) ===========", False),
        ("=========== 2 failed, 1142 passed in 650.00s (0:10:50) ===========", False),
        ("=========== 1143 passed, 1 error in 650.00s ===========", False),
        ("=========== 1143 passed, 5 errors in 650.00s ===========", False),
        ("=========== no tests ran in 0.01s ===========", False),
        ("ERROR: file or directory not found: testz", False),
    ],
)
def test_a_run_passes_only_with_enough_tests_and_none_failed(tmp_path, closing, passes):
    log = tmp_path / "pytest.log"
    log.write_text(f"tests/test_x.py ....\n{closing}\n")

    done = ci("enough_tests_passed", str(log), "1140")

    assert (done.returncode == 0) is passes, done.stdout + done.stderr
    if not passes:
        assert done.stderr.startswith("FAIL: ")


def test_the_closing_line_counts_not_a_test_output_before_it(tmp_path):
    log = tmp_path / "pytest.log"
    log.write_text(
        "FAILED tests/test_x.py::test_y - AssertionError: 1200 passed in 1.0s\n"
        "=========== 1 failed, 3 passed in 2.00s ===========\n"
    )
    assert ci("enough_tests_passed", str(log), "1140").returncode != 0


def test_the_floor_is_read_from_the_repository():
    kept = [
        line.strip()
        for line in (ROOT / ".ci" / "min-tests").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    done = ci("min_tests")
    assert (done.returncode, done.stdout.strip()) == (0, kept[0])
    assert int(kept[0]) > 1000  # the whole suite, not a part of it


@pytest.mark.parametrize(("major", "expected", "passes"), [("15", "15", True), ("16", "15", False)])
def test_the_ci_server_must_be_the_expected_major_version(major, expected, passes):
    done = ci("expect_pg_major", major, CI_PG_MAJOR=expected)
    assert (done.returncode == 0) is passes
    if not passes:
        assert "is version 16; CI expects version 15 (CI_PG_MAJOR)" in done.stderr
