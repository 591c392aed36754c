"""Run dbt against a throwaway warehouse on the target engine and read the results.

The engine is AI_RESOLUTION_TARGET (duckdb by default, postgres or spark; see
helpers/engines.py)."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from helpers import engines
from helpers.paths import BIN_DIR, FIXTURE_SCHEMA, PROJECT_DIR

TARGET = engines.TARGET
# The fixture build's output, kept next to the warehouse for the tests of its warnings.
BUILD_LOG = "dbt_build.log"


class DbtError(AssertionError):
    """A dbt command failed; the message carries its output."""


def dbt(
    args: list[str],
    db_path: Path,
    dbt_vars: dict[str, Any] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run one dbt command on the project against db_path's warehouse on the target engine."""
    work_dir = db_path.parent
    engines.forget(db_path)
    env = {
        **os.environ,
        **engines.dbt_environment(db_path),
        "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    command = [str(BIN_DIR / "dbt"), *args, "--project-dir", str(PROJECT_DIR), "--target", TARGET]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    result = subprocess.run(
        command, env=env, cwd=engines.dbt_working_dir(db_path), capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise DbtError(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return result


def load_fixtures(db_path: Path, source_system: str = "contract") -> None:
    """Load the fixture seeds of one source system into their own schema: the raw
    contract's (seeds/fixtures), or a help desk's own tables (seeds/fixtures/sources/<name>)."""
    if source_system == "contract":
        # Not the help desks' fixtures, nor the vendors' own seeds (helpers/vendor_package_seeds.py).
        exclude = ["path:seeds/fixtures/sources", "path:seeds/fixtures/vendor_packages"]
        selection = ["--select", "path:seeds/fixtures", "--exclude", *exclude]
    else:
        selection = ["--select", f"path:seeds/fixtures/sources/{source_system}"]
    dbt(["seed", *selection], db_path, {"load_fixtures": True})


# Each source system's fixture tables, seeded once per test process into a warehouse of
# their own (see load_fixtures_into_new).
_seeded_fixtures: dict[str, Path] = {}


def load_fixtures_into_new(db_path: Path, source_system: str = "contract") -> None:
    """load_fixtures on a warehouse nothing has written to yet: a copy of a warehouse that
    load_fixtures seeded once per test process (engines.copy_warehouse), rather than a
    `dbt seed` of its own, a dbt process and a full parse (some 12 s). Spark cannot copy
    a warehouse: there it is load_fixtures."""
    if TARGET == "spark":
        load_fixtures(db_path, source_system)
        return
    if source_system not in _seeded_fixtures:
        work_dir = Path(tempfile.mkdtemp(prefix="ai_resolution_seeded_fixtures_"))
        atexit.register(shutil.rmtree, work_dir, ignore_errors=True)
        seeded = work_dir / f"{source_system}.duckdb"
        load_fixtures(seeded, source_system)
        _seeded_fixtures[source_system] = seeded
    engines.copy_warehouse(_seeded_fixtures[source_system], db_path)


def source_fixture_schema(source_system: str) -> str:
    """The schema a help desk's fixture tables load into (and raw_schema points at)."""
    return f"{FIXTURE_SCHEMA}_{source_system}"


def build_on_source_fixtures(db_path: Path, source_system: str, extra_vars: dict[str, Any] | None = None) -> None:
    """Load a help desk's fixture tables, then dbt build with its adapter reading them
    (var source_system). The build's output is kept next to the warehouse (BUILD_LOG)."""
    load_fixtures_into_new(db_path, source_system)
    build_vars = {"raw_schema": source_fixture_schema(source_system), "source_system": source_system}
    result = dbt(["build", "--exclude", *source_build_exclusions()], db_path, {**build_vars, **(extra_vars or {})})
    (db_path.parent / BUILD_LOG).write_text(result.stdout, encoding="utf-8")


def source_build_exclusions() -> list[str]:
    """What a help desk's fixture build leaves to the contract fixture build (D-119).

    The lifecycle's and marts' unit tests give their own input rows, so they test the same
    thing whichever adapter is enabled: they run in the contract build only (an adapter's
    own unit tests still run). On Spark, where each data test costs about a second, the
    intermediate models' and marts' generic tests also run in the contract build only; the
    help desk's build keeps its adapter's, staging's and the singular tests, and the suite
    still compares every conversation with its hand-worked outcome."""
    layers = ("path:models/intermediate", "path:models/marts")
    exclusions = [f"resource_type:unit_test,{layer}" for layer in layers]
    if TARGET == "spark":
        exclusions += [f"test_type:generic,{layer}" for layer in layers]
    return exclusions


def build_on_fixtures(db_path: Path, extra_vars: dict[str, Any] | None = None) -> None:
    """Load fixtures, then dbt build (models, data tests, unit tests) reading them. The
    build's output is kept next to the warehouse (BUILD_LOG) for tests of its warnings."""
    load_fixtures_into_new(db_path)
    result = dbt(["build"], db_path, {"raw_schema": FIXTURE_SCHEMA, **(extra_vars or {})})
    (db_path.parent / BUILD_LOG).write_text(result.stdout, encoding="utf-8")


def query(db_path: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of a query as dicts, read-only, with the same Python types on every engine."""
    return engines.query(db_path, sql)


def snapshot_tables(
    db_path: Path, names: list[str], skip_columns: frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    """Each table's rows, order-free, for comparing two builds. Floats keep 9 significant
    digits: a sum of doubles depends on the order the rows are read in."""
    tables = {}
    for name in names:
        rows = query(db_path, f"select * from {engines.MODEL_SCHEMA}.{name}")
        tables[name] = sorted(
            repr(
                tuple(float(f"{v:.9g}") if isinstance(v, float) else v for k, v in row.items() if k not in skip_columns)
            )
            for row in rows
        )
    return tables
