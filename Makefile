# The front door: `make run` serves the API, `make test` runs the suite.
# Only Python >= 3.11 and make are needed; everything else comes from requirements.lock.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EVAL_STAMP := $(VENV)/.installed-eval

.PHONY: run test lint format typecheck bench bench-dedup eval-dedup lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Serve the API on PORT (default 8000); embedded PostgreSQL in ./.data unless DATABASE_URL is set.
run: $(STAMP)
	$(BIN)/pintu serve --deliver-events

## Run the whole suite on an embedded PostgreSQL of its own (or on TEST_DATABASE_URL).
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check app lab migrations tests bench
	$(BIN)/ruff format --check app lab migrations tests bench
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format app lab migrations tests bench
	$(BIN)/ruff check --fix app lab migrations tests bench

typecheck: $(STAMP)
	$(BIN)/mypy app lab

## Benchmarks, each next to a baseline measured in the same run (figures and how to read them:
## bench/README.md): the API's hot paths on a million complaints (BENCH_SIZE), the health probes
## while one key floods the list, the JAKI import (BENCH_REPORTS) and the JAKI push endpoint,
## then webhook delivery (commit to receiver at 100 events/s, and what an event adds to a
## write). About 7 minutes from a fresh clone.
BENCH_SIZE ?= 1000000
BENCH_REPORTS ?= 100000
bench: $(STAMP)
	$(BIN)/python bench/bench_api.py --size $(BENCH_SIZE)
	$(BIN)/python bench/bench_flood.py --size $(BENCH_SIZE)
	$(BIN)/python bench/bench_import.py --reports $(BENCH_REPORTS)
	$(BIN)/python bench/bench_http_batch.py --reports 20000
	$(BIN)/python bench/bench_events.py

## Duplicate matching quality (bench/README.md): on the first generator's seeds (learn on 1,
## measure on 2), then every labelled writing style against every other (lab/sets/), fitted on
## seed 1 and measured on seed 7, beside Splink on the same candidates. About 12 minutes.
eval-dedup: $(EVAL_STAMP)
	$(BIN)/python bench/eval_dedup.py
	$(BIN)/python bench/eval_styles.py

# The evaluation's own dependencies (Splink), pinned apart from the app's.
$(EVAL_STAMP): $(STAMP) requirements-eval.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-eval.lock
	touch $(EVAL_STAMP)

## Duplicate matching latency on a mirror of DEDUP_REPORTS (default 1,000,000; about 15 minutes).
DEDUP_REPORTS ?= 1000000
bench-dedup: $(STAMP)
	$(BIN)/python bench/bench_dedup.py --reports $(DEDUP_REPORTS)

## Re-pin dependencies after editing pyproject.toml (needs pip-tools in the venv).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --extra embedded --all-build-deps --generate-hashes \
		--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --all-build-deps --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -c requirements.lock \
		-o requirements-runtime.lock pyproject.toml
	$(BIN)/pip-compile --quiet --extra eval --all-build-deps --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links -c requirements.lock \
		-o requirements-eval.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
