"""The ai_resolution dbt project under Dagster: each dbt model and seed an asset, each data
test an asset check, and a job that builds them all every day at 06:00 UTC.

Run: ``dagster dev -f orchestration/dagster/definitions.py`` (README.md beside this file).
Environment: AI_RESOLUTION_DB (the DuckDB file, as for dbt), AI_RESOLUTION_TARGET (the
profile's target, default duckdb), DBT_TARGET_PATH (where the manifest and each run's
artifacts go, default the project's target/).
"""

# No `from __future__ import annotations`: Dagster reads the asset function's parameter types.
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dagster import (
    AssetExecutionContext,
    AssetSelection,
    Config,
    DefaultScheduleStatus,
    Definitions,
    ScheduleDefinition,
    define_asset_job,
)
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

PROJECT_DIR = Path(__file__).resolve().parents[2]
# What dbt parses (the paths of dbt_project.yml): a file newer than the manifest makes it stale.
PARSED = ("dbt_project.yml", "models", "macros", "seeds", "data-tests", "analyses")
DAILY_CRON = "0 6 * * *"

if shutil.which("dbt") is None:
    # The dbt beside this Python (a venv's bin/ need not be on PATH: `.venv/bin/dagster dev`);
    # dagster-dbt runs `dbt` from PATH, also for its own `dbt parse`.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"

project = DbtProject(
    project_dir=PROJECT_DIR,
    profiles_dir=PROJECT_DIR / "profiles",
    target=os.environ.get("AI_RESOLUTION_TARGET", "duckdb"),
    # Where dagster-dbt looks for partial_parse.msgpack to copy into each run's own target
    # folder (so a run parses only what changed).
    target_path=Path(os.environ.get("DBT_TARGET_PATH", "target")),
)


def manifest_is_current(dbt_project: DbtProject) -> bool:
    """The manifest exists and no file dbt parses changed after it was written."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return False
    written = manifest.stat().st_mtime
    for name in PARSED:
        path = dbt_project.project_dir / name
        files = path.rglob("*") if path.is_dir() else [path]
        if any(file.stat().st_mtime > written for file in files):
            return False
    return True


def prepare(dbt_project: DbtProject) -> None:
    """`dbt parse` when the manifest is missing (a fresh clone) or stale, and on every load
    under `dagster dev`; otherwise a deployment starts from the manifest it has."""
    if dbt_project.preparer.using_dagster_dev() or not manifest_is_current(dbt_project):
        dbt_project.preparer.prepare(dbt_project)


prepare(project)


class BuildConfig(Config):
    # As under cron: a raw table past its error_after threshold stops the run before any model
    # is rebuilt from yesterday's data (docs/scheduled-runs.md).
    check_freshness: bool = True


@dbt_assets(manifest=project.manifest_path, project=project)
def ai_resolution_dbt_assets(context: AssetExecutionContext, dbt: DbtCliResource, config: BuildConfig) -> Iterator[Any]:
    if config.check_freshness:
        dbt.cli(["source", "freshness"]).wait()
    yield from dbt.cli(["build"], context=context).stream()


daily_dbt_build = define_asset_job("daily_dbt_build", selection=AssetSelection.assets(ai_resolution_dbt_assets))

defs = Definitions(
    assets=[ai_resolution_dbt_assets],
    jobs=[daily_dbt_build],
    schedules=[
        ScheduleDefinition(
            name="daily_dbt_build_schedule",
            job=daily_dbt_build,
            cron_schedule=DAILY_CRON,
            execution_timezone="UTC",
            # On as soon as the code location loads: the daemon (started by `dagster dev`)
            # launches the job each day; switch it off in the UI.
            default_status=DefaultScheduleStatus.RUNNING,
        )
    ],
    resources={"dbt": DbtCliResource(project_dir=project)},
)
