# syntax=docker/dockerfile:1
#
# The production image: Pintu and what it needs at run time, nothing else. The dependencies
# come from requirements-runtime.lock, which holds neither the embedded PostgreSQL (production
# names its server in DATABASE_URL) nor the dev tools; `tests/test_image.py` and `.ci/run`
# check that it stays so. Runs as a non-root user and writes nothing to its own filesystem, so
# it runs with a read-only root (docs/operations.md, "The production image").

# ---- builder: a virtualenv with the locked runtime dependencies and the project ----
FROM python:3.12-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src

COPY requirements-runtime.lock ./
RUN pip install --require-hashes -r requirements-runtime.lock

# The project itself, as a wheel installed without its dependencies (already in place from the
# lock). README.md is needed because pyproject.toml names it as the readme. setuptools, locked
# only to build it, is removed afterwards.
COPY pyproject.toml README.md ./
COPY app/ ./app/
RUN pip install --no-deps --no-build-isolation . \
 && pip uninstall --yes setuptools

# ---- runtime ----
FROM python:3.12-slim

RUN groupadd --system --gid 10001 pintu \
 && useradd --system --uid 10001 --gid pintu --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin pintu

COPY --from=builder /opt/venv /opt/venv

# alembic.ini is looked up in the current folder, and names the migrations beside it; the code
# itself is the installed package in /opt/venv.
WORKDIR /srv/pintu
COPY alembic.ini ./
COPY migrations/ ./migrations/

ENV PINTU_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    LOG_FORMAT=json \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH

USER pintu

EXPOSE 8000

# Liveness only (/readyz also checks the database). No curl in slim: use urllib.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', timeout=4)"]

# Applies migrations, then runs uvicorn on $HOST:$PORT.
CMD ["pintu", "serve"]
