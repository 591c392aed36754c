"""`ai-resolution bench` runs end to end at tiny sizes and writes its table and ratios."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from helpers.paths import BIN_DIR, PROJECT_DIR

# The benchmark measures the embedded default, DuckDB.
pytestmark = pytest.mark.engines("duckdb")


def test_bench_writes_the_table_and_every_ratio(tmp_path: Path) -> None:
    output = tmp_path / "benchmark.md"
    command = [str(BIN_DIR / "ai-resolution"), "bench", "--sizes", "300,600", "--output", str(output)]
    command += ["--workdir", str(tmp_path / "work"), "--keep"]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "==> 300 tickets: generating" in result.stdout

    text = output.read_text()
    for label in ("full build ÷ floor", "incremental ÷ full", "full build 600 ÷ 300", "peak memory"):
        assert label in text
    data = json.loads(output.with_suffix(".json").read_text())
    sizes = data["sizes"]
    assert [size["tickets"] for size in sizes] == [300, 600]
    for size in sizes:
        assert size["raw_rows"] > size["tickets"]
        assert size["appended_rows"] > 0
        assert 0 < size["recomputed_tickets"] < size["tickets"] + size["appended_rows"]
        for step in ("floor", "full", "incremental"):
            assert size[step]["seconds"] > 0 and size[step]["peak_mib"] > 0
    # The floor reads the raw tables and leaves nothing behind.
    with duckdb.connect(str(tmp_path / "work" / "t300" / "warehouse.duckdb"), read_only=True) as con:
        schemas = {row[0] for row in con.execute("select schema_name from information_schema.schemata").fetchall()}
        tables = ("tickets", "messages", "ticket_events", "ai_actions", "csat_responses")
        raw_rows = sum(con.execute(f"select count(*) from raw.{table}").fetchone()[0] for table in tables)
    assert "bench" not in schemas
    assert raw_rows == sizes[0]["raw_rows"] + sizes[0]["appended_rows"]
    assert data["wall"]["full_over_floor"] == pytest.approx(sizes[1]["full"]["seconds"] / sizes[1]["floor"]["seconds"])


def test_bench_rejects_a_single_size(tmp_path: Path) -> None:
    command = [str(BIN_DIR / "ai-resolution"), "bench", "--sizes", "300", "--output", str(tmp_path / "b.md")]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "two sizes" in result.stderr
    assert not (tmp_path / "b.md").exists()
