"""`ai-resolution bench` runs end to end at tiny sizes and writes its tables under target/.

Kept cheap: two sizes, the smaller one doubling as the fixed cost (no third pair of builds).
The arithmetic of the net figures is tested on hand-worked numbers in
tests/unit/test_bench_targets.py."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from helpers.paths import BIN_DIR, PROJECT_DIR

# The benchmark measures the embedded default, DuckDB.
pytestmark = pytest.mark.engines("duckdb")


def snapshot(folder: Path) -> tuple[set[str], dict[str, float]]:
    """Every file's name, and when the published benchmark files last changed (only those: a
    page edited while the test runs is not bench's doing)."""
    files = {path for path in folder.rglob("*") if path.is_file()}
    return {str(path) for path in files}, {
        str(path): path.stat().st_mtime for path in files if "benchmark" in path.name
    }


def test_bench_writes_both_tables_under_target(tmp_path: Path) -> None:
    docs_before = snapshot(PROJECT_DIR / "docs")
    # The memory limit comes from the profile's variable; --threads wins over its variable.
    env = {**os.environ, "AI_RESOLUTION_MEMORY_LIMIT": "2GB", "AI_RESOLUTION_DUCKDB_THREADS": "1"}
    command = [str(BIN_DIR / "ai-resolution"), "bench", "--sizes", "300,600", "--fixed-cost-tickets", "300"]
    command += ["--threads", "2", "--project-dir", str(PROJECT_DIR), "--workdir", str(tmp_path / "work"), "--keep"]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "==> 300 tickets: generating" in result.stdout
    assert "dbt's fixed cost" not in result.stdout  # the 300-ticket builds are reused, not run again

    output = tmp_path / "target" / "benchmark.md"
    assert f"written {Path('target/benchmark.md')} and {Path('target/benchmark.json')}" in result.stdout
    assert snapshot(PROJECT_DIR / "docs") == docs_before
    text = output.read_text()
    assert "dbt threads 2, DuckDB memory_limit 2GB" in text
    for label in (
        "(full build − fixed cost) ÷ floor, at 600",
        "(incremental after one day − fixed cost) ÷ (full − fixed cost), at 600",
        "incremental after one day at 600 ÷ at 300",
        "peak memory at 600",
        "| 300 (fixed cost) |",
        "full build on 300 tickets",
    ):
        assert label in text
    data = json.loads(output.with_suffix(".json").read_text())
    assert data["settings"] == {"threads": 2, "memory_limit": "2GB", "seed": 7, "fixed_cost_tickets": 300}
    sizes = data["sizes"]
    assert [size["tickets"] for size in sizes] == [300, 600]
    assert data["fixed_cost"] == sizes[0]
    for size in sizes:
        assert size["raw_rows"] > size["tickets"]
        assert size["appended_rows"] > 0
        for step in ("floor", "full", "incremental"):
            assert size[step]["seconds"] > 0 and size[step]["peak_mib"] > 0
    small, large = sizes
    expected = (large["full"]["seconds"] - small["full"]["seconds"]) / large["floor"]["seconds"]
    assert data["wall"]["full_net_over_floor"] == pytest.approx(expected)
    assert [row["key"] for row in data["targets"]] == list(data["wall"])

    # The floor reads the raw tables and leaves nothing behind.
    with duckdb.connect(str(tmp_path / "work" / "t300" / "warehouse.duckdb"), read_only=True) as con:
        schemas = {row[0] for row in con.execute("select schema_name from information_schema.schemata").fetchall()}
        tables = ("tickets", "messages", "ticket_events", "ai_actions", "csat_responses")
        raw_rows = sum(con.execute(f"select count(*) from raw.{table}").fetchone()[0] for table in tables)
        state_columns = {
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns"
                " where table_name = 'ai_resolution_incremental_state'"
            ).fetchall()
        }
    assert "bench" not in schemas
    assert raw_rows == small["raw_rows"] + small["appended_rows"]
    # The count comes from fct_conversations' row of the per-model state; a single-row state
    # (before per-model state) has none to give.
    for size in sizes:
        if "model_name" in state_columns:
            assert 0 < size["recomputed_tickets"] < size["tickets"] + size["appended_rows"]
        else:
            assert size["recomputed_tickets"] is None


def test_bench_rejects_a_single_size(tmp_path: Path) -> None:
    command = [str(BIN_DIR / "ai-resolution"), "bench", "--sizes", "300", "--output", str(tmp_path / "b.md")]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "two sizes" in result.stderr
    assert not (tmp_path / "b.md").exists()
