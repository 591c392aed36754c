"""Incremental runs on every engine with delete and insert (DuckDB, PostgreSQL): the
fixtures built as of an early time, then as_of moved forward twice (tickets and rows
enter the window, solved tickets mature), each run incremental; the marts must equal a
full refresh. The batch test with late and re-extracted rows is tests/test_incremental.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.dbt_run import dbt, load_fixtures, query, snapshot_tables
from helpers.paths import FIXTURE_SCHEMA, mart_names

pytestmark = pytest.mark.engines("duckdb", "postgres")

MART_NAMES = mart_names()
AS_OF_STEPS = ("2026-03-12 00:00:00", "2026-03-20 12:00:00")


def test_as_of_moving_forward_incrementally_equals_a_full_refresh(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    load_fixtures(db)
    raw = {"raw_schema": FIXTURE_SCHEMA}
    for as_of in AS_OF_STEPS:
        dbt(["build"], db, {**raw, "as_of": as_of})
    dbt(["build"], db, raw)
    recomputed = query(db, "select count(*) as n from main.int_tickets_to_recompute")[0]["n"]
    incremental = snapshot_tables(db, MART_NAMES)

    dbt(["build", "--full-refresh"], db, raw)
    full = snapshot_tables(db, MART_NAMES)
    assert 0 < recomputed < len(full["fct_conversations"])
    assert [name for name in MART_NAMES if incremental[name] != full[name]] == []
