# The two commands every user needs: `make demo` and `make test` (`make test-fast` while editing).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
DEMO_TICKETS ?= 20000
DEMO_SEED ?= 42
# The demo's raw tables: contract (the raw contract), or a help desk's own layout: zendesk, intercom,
# salesforce, kustomer, zendesk_airbyte (Zendesk's streams as Airbyte lands them).
SOURCE ?= contract
BENCH_SIZES ?= 100000,1000000

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export AI_RESOLUTION_DB ?= $(CURDIR)/ai_resolution.duckdb

.PHONY: help setup setup-runtime lock demo test test-fast lint lint-fast lint-adapters pytest docs clean browser
.PHONY: setup-postgres setup-spark setup-dagster test-postgres test-spark test-spark-scheduled bench

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: $(VENV)/.installed-dev  ## Create .venv with everything make test needs (the runtime and dev locks, with hashes)

setup-runtime: $(VENV)/.installed-runtime  ## Create .venv with only what make demo needs (requirements.txt)

# Python's version is checked before anything is created: requires-python of pyproject.toml.
PYTHON_MIN := $(shell sed -n 's/^requires-python *= *">= *\([0-9.]*\)".*/\1/p' pyproject.toml)
define check_python
command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; ai_resolution needs Python $(PYTHON_MIN) or newer: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; }
$(PYTHON) -c 'import sys; need = tuple(int(p) for p in "$(PYTHON_MIN)".split(".")); sys.exit(0 if sys.version_info[:len(need)] >= need else 1)' \
	|| { echo "error: ai_resolution needs Python $(PYTHON_MIN) or newer (requires-python in pyproject.toml); $(PYTHON) is $$($(PYTHON) -V 2>&1). Use another interpreter: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; }
endef
# How many packages a lock pins (each pin starts a line; its hashes and comments are indented).
pins = $$(grep -c '^[A-Za-z0-9]' $(1))

# The runtime lock only: what make demo needs, no test or lint tool. pip checks every hash.
$(VENV)/.installed-runtime: requirements.txt pyproject.toml
	@$(check_python)
	@test -x $(BIN)/python || { echo "==> creating $(VENV) with $$($(PYTHON) -V)"; $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "==> installing $(call pins,requirements.txt) pinned runtime packages (requirements.txt, hashes checked)"
	$(BIN)/python -m pip install --require-hashes --progress-bar on -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# The dev lock on top: the runtime's versions plus the test runner, linters, browser driver, MetricFlow.
$(VENV)/.installed-dev: $(VENV)/.installed-runtime requirements-dev.txt
	@echo "==> installing $(call pins,requirements-dev.txt) pinned dev packages (requirements-dev.txt, hashes checked)"
	$(BIN)/python -m pip install --require-hashes --progress-bar on -r requirements-dev.txt \
		| sed -u '/^Requirement already satisfied/d'
	@touch $@

# Recompile every lock from its .in (needs PyPI): after editing a .in file, or to upgrade one
# package: make lock LOCK_ARGS="--upgrade-package dbt-core". Each lock is compiled against the
# one below it (-c), so that they all pin the same versions.
LOCK_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version $(PYTHON_MIN) --python-platform linux --no-strip-extras \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock: setup  ## Recompile the lock files (requirements*.txt, with hashes) from the requirements*.in files
	$(LOCK_COMPILE) requirements.in -o requirements.txt
	$(LOCK_COMPILE) -c requirements.txt requirements-dev.in -o requirements-dev.txt
	$(LOCK_COMPILE) -c requirements-dev.txt requirements-postgres.in -o requirements-postgres.txt
	$(LOCK_COMPILE) -c requirements-dev.txt requirements-spark.in -o requirements-spark.txt
	$(LOCK_COMPILE) -c requirements-dev.txt requirements-dagster.in -o requirements-dagster.txt
	$(BIN)/python scripts/check_locks.py

demo: $(VENV)/.installed-runtime  ## Generate demo data, build everything on DuckDB, print the headline, write the report, publish the marts for BI tools (SOURCE=zendesk|intercom|salesforce|kustomer|zendesk_airbyte: in that help desk's tables)
	@echo "==> generating $(DEMO_TICKETS) demo tickets in the $(SOURCE) layout into $(AI_RESOLUTION_DB)"
	$(BIN)/ai-resolution generate --tickets $(DEMO_TICKETS) --seed $(DEMO_SEED) --layout $(SOURCE)
	@echo "==> dbt build --full-refresh (source_system $(SOURCE); the demo data were just regenerated)"
	$(BIN)/python -m ai_resolution.dbt_progress --full-refresh --vars "$$($(BIN)/python -m ai_resolution.source_layouts $(SOURCE))"
	$(BIN)/ai-resolution summary
	$(BIN)/ai-resolution report
	$(BIN)/ai-resolution publish

bench: $(VENV)/.installed-runtime  ## Time full and incremental builds at 100k and 1M tickets, net of dbt's fixed cost (writes target/benchmark.md)
	$(BIN)/ai-resolution bench --sizes $(BENCH_SIZES)

test: setup lint pytest  ## Every test: lint, pytest (dbt build with data + unit tests on the fixtures)

# No database, no dbt build: what can break while editing, in well under a minute.
test-fast: lint-fast  ## Quick check: ruff, mypy, the unit tests (tests/unit, no database) and dbt parse
	$(BIN)/pytest -q tests/unit
	$(BIN)/dbt parse --quiet

lint: lint-fast  ## ruff, ruff format, mypy and sqlfluff (the help-desk adapters too)
	AI_RESOLUTION_DB=$$(mktemp -d)/lint.duckdb $(BIN)/sqlfluff lint models analyses data-tests
	$(MAKE) --no-print-directory lint-adapters

# The adapter folders are disabled unless source_system selects them, so the lint above
# skips them: each is linted with its own source_system, on its fixture tables.
lint-adapters: setup  ## sqlfluff on each help-desk adapter: models/adapters/zendesk, intercom, salesforce, kustomer and zendesk_airbyte
	BIN=$(BIN) scripts/lint_adapter.sh zendesk
	BIN=$(BIN) scripts/lint_adapter.sh intercom
	BIN=$(BIN) scripts/lint_adapter.sh salesforce
	BIN=$(BIN) scripts/lint_adapter.sh kustomer
	BIN=$(BIN) scripts/lint_adapter.sh zendesk_airbyte

lint-fast: setup  ## ruff, ruff format, mypy and the lock-file check (no sqlfluff: it compiles every model through dbt)
	$(BIN)/python scripts/check_locks.py
	$(BIN)/ruff check src tests scripts orchestration
	$(BIN)/ruff format --check src tests scripts orchestration
	$(BIN)/mypy

# setup-dagster: the suite runs the Dagster example for real (tests/e2e/test_dagster.py).
pytest: setup setup-dagster browser  ## The pytest suite
	$(BIN)/pytest

browser:  ## Install Chromium (Debian package) for the report test, when missing
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# The same suite on the other engines (AI_RESOLUTION_TARGET picks the dbt target; tests
# that only make sense on DuckDB are skipped there).
test-postgres: setup-postgres  ## The suite on a throwaway PostgreSQL 15 (127.0.0.1, removed afterwards)
	AI_RESOLUTION_TARGET=postgres scripts/with_postgres.sh $(BIN)/pytest

test-spark: setup-spark  ## The suite on a local Spark session (pyspark, Java 17)
	AI_RESOLUTION_TARGET=spark SPARK_LOCAL_IP=127.0.0.1 TZ=UTC $(BIN)/pytest

# Part of test-spark too; alone, for a change to the incremental macros (about 16 to 20 minutes).
test-spark-scheduled: setup-spark  ## The scheduled-runs batch test on Spark (model by model, subsets, retries)
	AI_RESOLUTION_TARGET=spark SPARK_LOCAL_IP=127.0.0.1 TZ=UTC $(BIN)/pytest -q tests/dbt/test_scheduled_runs.py

setup-postgres: $(VENV)/.installed-postgres  ## Add dbt-postgres to .venv

$(VENV)/.installed-postgres: $(VENV)/.installed-dev requirements-postgres.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-postgres.txt
	@touch $@

setup-spark: $(VENV)/.installed-spark  ## Add dbt-spark and pyspark to .venv (and Java 17 when missing)

$(VENV)/.installed-spark: $(VENV)/.installed-dev requirements-spark.txt
	@command -v java >/dev/null || { echo "==> installing Java 17 for Spark"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless; }
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-spark.txt
	@touch $@

setup-dagster: $(VENV)/.installed-dagster  ## Add Dagster and dagster-dbt to .venv (orchestration/dagster; make pytest needs them)

$(VENV)/.installed-dagster: $(VENV)/.installed-dev requirements-dagster.txt
	@echo "==> installing Dagster: $(call pins,requirements-dagster.txt) pinned packages (requirements-dagster.txt, hashes checked)"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dagster.txt
	@touch $@

docs: $(VENV)/.installed-runtime  ## Generate the dbt docs site for the demo database and serve it on :8080
	$(BIN)/dbt docs generate
	$(BIN)/dbt docs serve --port 8080 --no-browser

clean:  ## Remove build output and the demo database (keeps .venv)
	rm -rf target logs ai_resolution.duckdb ai_resolution.duckdb.wal reports spark-warehouse metastore_db derby.log
