# The two commands every user needs: `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
DEMO_TICKETS ?= 20000
DEMO_SEED ?= 42

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export AI_RESOLUTION_DB ?= $(CURDIR)/ai_resolution.duckdb

.PHONY: help setup demo test lint pytest docs clean

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(VENV)/.installed  ## Create .venv and install the pinned dependencies

$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "==> creating $(VENV) and installing pinned dependencies"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

demo: setup  ## Generate demo data, build everything on DuckDB, print the headline
	@echo "==> generating $(DEMO_TICKETS) demo tickets into $(AI_RESOLUTION_DB)"
	$(BIN)/ai-resolution generate --tickets $(DEMO_TICKETS) --seed $(DEMO_SEED)
	@echo "==> dbt build"
	$(BIN)/dbt build --quiet
	$(BIN)/ai-resolution summary

test: setup lint pytest  ## Every test: lint, pytest (dbt build with data + unit tests on the fixtures)

lint: setup  ## ruff and sqlfluff
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	AI_RESOLUTION_DB=$$(mktemp -d)/lint.duckdb $(BIN)/sqlfluff lint models analyses data-tests

pytest: setup  ## The pytest suite
	$(BIN)/pytest

docs: setup  ## Generate the dbt docs site for the demo database and serve it on :8080
	$(BIN)/dbt docs generate
	$(BIN)/dbt docs serve --port 8080 --no-browser

clean:  ## Remove build output and the demo database (keeps .venv)
	rm -rf target logs ai_resolution.duckdb ai_resolution.duckdb.wal reports
