"""What the production image would hold, built and run here (no Docker engine needed).

The Dockerfile's steps, done in a temporary folder: a fresh virtualenv from
requirements-runtime.lock alone, the project installed as a wheel without its dependencies,
then `pintu migrate` and `pintu serve` in production mode from a folder holding only
alembic.ini and migrations/ (as the image's WORKDIR does), against a scratch database on the
CI PostgreSQL. Fails when:
- the installed set holds a package of the `dev`, `embedded` or `eval` extras, or anything
  those alone bring (the lock must be the runtime closure, nothing more);
- the installed set is not exactly what requirements-runtime.lock pins (setuptools aside,
  removed after the build as in the Dockerfile);
- the app cannot migrate, serve and answer /readyz, /docs and /openapi.json without them.

Run by `.ci/run` with the project's venv: `.venv/bin/python .ci/image_check.py DATABASE_URL`.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
import uuid
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(lock: Path) -> dict[str, str]:
    """name -> version pinned in a pip-compile lock file."""
    pins: dict[str, str] = {}
    for line in lock.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)", line)
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def forbidden() -> set[str]:
    """Packages the image must not hold: every extra's direct requirement."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = set()
    for extra in ("dev", "embedded", "eval"):
        for requirement in project["optional-dependencies"].get(extra, []):
            names.add(normalise(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]))
    return names


def run(*argv: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(a) for a in argv), flush=True)
    subprocess.run([str(a) for a in argv], check=True, **kwargs)  # type: ignore[call-overload]  # noqa: S603


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def admin(server: str, statement: str) -> None:
    conn = await asyncpg.connect(server)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (loopback only)
        return bytes(answer.read())


def main(server: str) -> int:
    import asyncio

    work = Path(tempfile.mkdtemp(prefix="pintu-image-"))
    database = f"pintu_image_{uuid.uuid4().hex[:8]}"
    process: subprocess.Popen[bytes] | None = None
    try:
        # The builder stage.
        venv = work / "venv"
        run(sys.executable, "-m", "venv", venv)
        pip = [venv / "bin" / "python", "-m", "pip", "--disable-pip-version-check"]
        run(
            *pip, "install", "--quiet", "--require-hashes", "-r", ROOT / "requirements-runtime.lock"
        )
        src = work / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(ROOT / name, src / name)
        shutil.copytree(ROOT / "app", src / "app", ignore=shutil.ignore_patterns("__pycache__"))
        run(*pip, "install", "--quiet", "--no-deps", "--no-build-isolation", src)
        run(*pip, "uninstall", "--quiet", "--yes", "setuptools")

        listed = subprocess.run(  # noqa: S603
            [*map(str, pip), "list", "--format=freeze", "--exclude", "pip"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        installed = {normalise(n): v for n, v in (line.split("==", 1) for line in listed.split())}
        installed.pop("pintu", None)
        pins = locked(ROOT / "requirements-runtime.lock")
        pins.pop("setuptools", None)
        bad = sorted(set(installed) & forbidden())
        if bad:
            print(f"FAIL: the image would hold dev or embedded packages: {bad}", file=sys.stderr)
            return 1
        if installed != pins:
            extra = sorted(set(installed) - set(pins))
            missing = sorted(set(pins) - set(installed))
            changed = sorted(n for n in set(pins) & set(installed) if pins[n] != installed[n])
            print(
                f"FAIL: the image's packages differ from requirements-runtime.lock: not locked "
                f"{extra}, locked but absent {missing}, other versions {changed}",
                file=sys.stderr,
            )
            return 1
        print(f"the image holds {len(installed)} packages, all locked, none dev or embedded")

        # The runtime stage: only alembic.ini and migrations/ beside the installed package.
        srv = work / "srv"
        srv.mkdir()
        shutil.copy(ROOT / "alembic.ini", srv / "alembic.ini")
        shutil.copytree(
            ROOT / "migrations", srv / "migrations", ignore=shutil.ignore_patterns("__pycache__")
        )
        asyncio.run(admin(server, f'CREATE DATABASE "{database}"'))
        url = server.rsplit("/", 1)[0] + "/" + database
        port = free_port()
        env = {
            "PATH": f"{venv / 'bin'}:{os.environ.get('PATH', '')}",
            "PINTU_ENV": "production",
            "DATABASE_URL": url,
            "PII_ENCRYPTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "BLIND_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        pintu = venv / "bin" / "pintu"
        run(pintu, "migrate", cwd=srv, env=env)
        process = subprocess.Popen([str(pintu), "serve"], cwd=srv, env=env)  # noqa: S603
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                get(base + "/readyz")
                break
            except OSError:
                if process.poll() is not None:
                    print("FAIL: pintu serve ended early", file=sys.stderr)
                    return 1
                time.sleep(0.5)
        else:
            print("FAIL: /readyz never answered", file=sys.stderr)
            return 1
        for path in ("/readyz", "/docs", "/openapi.json"):
            body = get(base + path)
            print(f"GET {path}: {len(body)} bytes")
        print("the production set serves")
        return 0
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        try:
            asyncio.run(admin(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        except Exception as exc:  # cleanup must not hide the verdict
            print(f"could not drop {database}: {exc}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
