"""Shared helpers: run dbt against a throwaway DuckDB file and read the results."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
FIXTURES_DIR = PROJECT_DIR / "tests" / "fixtures"
FIXTURE_SCHEMA = "raw_fixtures"
BIN_DIR = Path(sys.executable).parent


class DbtError(AssertionError):
    """A dbt command failed; the message carries its output."""


def dbt(
    args: list[str],
    db_path: Path,
    dbt_vars: dict[str, Any] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run one dbt command on the project against the DuckDB file at db_path."""
    work_dir = db_path.parent
    env = {
        **os.environ,
        "AI_RESOLUTION_DB": str(db_path),
        "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    command = [str(BIN_DIR / "dbt"), *args, "--project-dir", str(PROJECT_DIR)]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise DbtError(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return result


def load_fixtures(db_path: Path) -> None:
    """Load the raw-contract fixture seeds into their own schema."""
    dbt(["seed", "--select", "path:seeds/fixtures"], db_path, {"load_fixtures": True})


def build_on_fixtures(db_path: Path, extra_vars: dict[str, Any] | None = None) -> None:
    """Load fixtures, then dbt build (models, data tests, unit tests) reading them."""
    load_fixtures(db_path)
    dbt(["build"], db_path, {"raw_schema": FIXTURE_SCHEMA, **(extra_vars or {})})


def query(db_path: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of a query as dicts, read-only."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project built once on the hand-made fixtures with default vars."""
    db_path = tmp_path_factory.mktemp("fixtures") / "fixtures.duckdb"
    build_on_fixtures(db_path)
    yield db_path
