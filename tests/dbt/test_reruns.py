"""Scheduled reruns: building twice on the same raw data gives identical marts, and a run
that fails on broken raw data leaves the marts of the last good run readable and unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from helpers.dbt_run import dbt
from helpers.messy import land_messy, output_of
from helpers.paths import mart_names

# The raw tables are landed and broken with DuckDB: DuckDB only.
pytestmark = pytest.mark.engines("duckdb")

MART_NAMES = mart_names()

Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot_marts(db_path: Path) -> Snapshot:
    """Every mart's full content, in a stable order."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {name: con.execute(f"select * from main.{name} order by all").fetchall() for name in MART_NAMES}


def describe_differences(before: Snapshot, after: Snapshot) -> str:
    lines = []
    for name in MART_NAMES:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if old is None or new is None:
            lines.append(f"{name}: present before={old is not None}, after={new is not None}")
            continue
        gone = [row for row in old if row not in new]
        added = [row for row in new if row not in old]
        lines.append(f"{name}: {len(old)} -> {len(new)} rows; only before: {gone[:3]}; only after: {added[:3]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def rerun_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("reruns") / "warehouse.duckdb"
    land_messy(db_path)
    return db_path


def test_marts_exist() -> None:
    assert "fct_conversations" in MART_NAMES and "fct_data_quality_summary" in MART_NAMES


def test_rebuild_gives_identical_marts_and_a_failed_run_keeps_them(rerun_db: Path) -> None:
    dbt(["build"], rerun_db)
    first = snapshot_marts(rerun_db)
    assert first["fct_conversations"], "the first build produced no conversations"

    dbt(["build"], rerun_db)
    second = snapshot_marts(rerun_db)
    assert second == first, describe_differences(first, second)

    # The next extraction is broken: tickets lost a required column.
    with duckdb.connect(str(rerun_db)) as con:
        con.execute("alter table raw.tickets drop column customer_id")
    result = dbt(["build"], rerun_db, check=False)
    text = output_of(result)
    assert result.returncode != 0, text[-4000:]
    assert "Traceback" not in text
    assert any("tickets" in line and "customer_id" in line for line in text.splitlines()), text[-4000:]

    after_failure = snapshot_marts(rerun_db)
    assert after_failure == first, describe_differences(first, after_failure)
