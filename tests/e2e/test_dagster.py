"""The Dagster example (orchestration/dagster) runs for real: its daily job materialises every
asset of a small generated warehouse, a day is appended with ``generate --append-days 1``, the
job runs again, and every mart then equals a full refresh of the same raw data, row for row."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import duckdb
import pytest

from ai_resolution import cli, load_history
from ai_resolution.demo.writer import RAW_TABLES
from helpers.dbt_run import dbt, snapshot_tables
from helpers.paths import PROJECT_DIR, mart_names

# The generator writes DuckDB files, and the example's target is duckdb.
pytestmark = pytest.mark.engines("duckdb")

DEFINITIONS = PROJECT_DIR / "orchestration" / "dagster" / "definitions.py"
JOB = "daily_dbt_build"
ASSETS = "ai_resolution_dbt_assets"


def load_definitions() -> ModuleType:
    """definitions.py as `dagster dev -f` loads it (a file, not an installed package)."""
    spec = importlib.util.spec_from_file_location("ai_resolution_dagster_definitions", DEFINITIONS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_daily_job(module: ModuleType, check_freshness: bool) -> dict[str, Any]:
    """The scheduled job, executed in this process; what it materialised and checked."""
    # Imported here: the suites of the other engines collect this file without Dagster
    # (`make setup-dagster`; `make pytest` installs it).
    from dagster import AssetCheckSeverity

    run_config = {"ops": {ASSETS: {"config": {"check_freshness": check_freshness}}}}
    result = module.defs.resolve_job_def(JOB).execute_in_process(run_config=run_config, raise_on_error=True)
    checks = result.get_asset_check_evaluations()
    return {
        "success": result.success,
        "materialised": {event.asset_key for event in result.get_asset_materialization_events()},
        "checks": len(checks),
        # Checks of severity warn may fail (the demo data has unmapped issue types); an error
        # would have failed the run.
        "failed_checks": [
            check.asset_check_key.to_user_string()
            for check in checks
            if not check.passed and check.severity != AssetCheckSeverity.WARN
        ],
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    work = tmp_path_factory.mktemp("dagster")
    db = work / "warehouse.duckdb"
    timings: dict[str, float] = {}
    started = time.monotonic()
    # A month of a small help desk, loaded as a loader running all along would have (the
    # newest load is now, so `dbt source freshness` passes).
    assert cli.main(["generate", "--tickets", "1000", "--days", "30", "--seed", "3", "--db", str(db)]) == 0
    with duckdb.connect(str(db)) as con:
        load_history.spread_loads(con, "raw", RAW_TABLES)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AI_RESOLUTION_DB", str(db))
        env.setenv("AI_RESOLUTION_TARGET", "duckdb")
        # The manifest and every run's artifacts in the test's folder (a fresh clone's state),
        # where helpers.dbt_run.dbt keeps its own for this warehouse.
        env.setenv("DBT_TARGET_PATH", str(work / "target"))
        module = load_definitions()
        timings["load (dbt parse)"] = time.monotonic() - started
        first = run_daily_job(module, check_freshness=False)
        timings["first run"] = time.monotonic() - started - sum(timings.values())
        assert cli.main(["generate", "--append-days", "1", "--seed", "3", "--db", str(db)]) == 0
        second = run_daily_job(module, check_freshness=True)
        timings["append, second run"] = time.monotonic() - started - sum(timings.values())

    dagster_marts = snapshot_tables(db, mart_names())
    # Then the full refresh of the same warehouse, in place: the same profile and target
    # folder, so dbt reuses the partial parse of the runs above. The models' tables only: the
    # data tests ran in both Dagster runs, and a test changes no table.
    dbt(["run", "--full-refresh"], db)
    timings["full refresh"] = time.monotonic() - started - sum(timings.values())
    print("test_dagster timings (s):", {name: round(seconds, 1) for name, seconds in timings.items()})
    yield {
        "module": module,
        "first": first,
        "second": second,
        "dagster": dagster_marts,
        "full": snapshot_tables(db, mart_names()),
    }


def test_each_run_materialises_every_asset_and_passes_its_checks(runs: dict[str, Any]) -> None:
    assets_def = getattr(runs["module"], ASSETS)
    assert set(mart_names()) <= {key.path[-1] for key in assets_def.keys}, "every mart is an asset"
    for run in (runs["first"], runs["second"]):
        assert run["success"]
        assert run["materialised"] == set(assets_def.keys)
        assert run["checks"] > 100 and run["failed_checks"] == []


def test_marts_after_the_appended_day_equal_a_full_refresh(runs: dict[str, Any]) -> None:
    dagster, full = runs["dagster"], runs["full"]
    assert len(full["fct_conversations"]) > 1000, "the appended day added conversations"
    different = [name for name in mart_names() if dagster[name] != full[name]]
    assert different == [], f"marts that differ from a full refresh: {different}"


def test_the_job_is_scheduled_daily(runs: dict[str, Any]) -> None:
    defs = runs["module"].defs
    schedules = list(defs.schedules)
    assert [schedule.job_name for schedule in schedules] == [JOB]
    assert schedules[0].cron_schedule == "0 6 * * *"
    assert schedules[0].execution_timezone == "UTC"
    job_assets = defs.resolve_job_def(JOB).asset_layer.selected_asset_keys
    assert job_assets == set(getattr(runs["module"], ASSETS).keys)
