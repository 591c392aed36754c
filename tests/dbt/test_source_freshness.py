"""`dbt source freshness` on the demo data: a fresh generate passes (the generator stamps
_loaded_at with the time of the load), data loaded long ago warns and then fails, naming
the stale table (thresholds in models/staging/support/_support__sources.yml)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ai_resolution.demo.generate import GenerateOptions, generate
from ai_resolution.demo.writer import RAW_TABLES
from helpers.dbt_run import dbt

# The generator writes DuckDB files.
pytestmark = pytest.mark.engines("duckdb")

RAW = "raw"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("freshness") / "demo.duckdb"
    with duckdb.connect(str(db_path)) as con:
        generate(con, GenerateOptions(tickets=300, seed=5, schema=RAW), log=lambda _line: None)
    return db_path


def _freshness(db_path: Path) -> tuple[int, str]:
    result = dbt(["source", "freshness"], db_path, {"raw_schema": RAW}, check=False)
    return result.returncode, result.stdout + result.stderr


def _age(db_path: Path, table: str, hours: int) -> None:
    """Pretend the table's rows were loaded `hours` earlier."""
    with duckdb.connect(str(db_path)) as con:
        con.execute(f"update {RAW}.{table} set _loaded_at = _loaded_at - interval {hours} hour")


def test_freshness_passes_on_a_fresh_demo_and_fails_on_an_old_load(demo_db: Path) -> None:
    code, output = _freshness(demo_db)
    assert code == 0, output[-3000:]
    for table in RAW_TABLES:
        assert f"PASS freshness of support.{table}" in output, output[-3000:]

    _age(demo_db, "tickets", 30)  # past warn_after (24 h), not error_after (72 h)
    code, output = _freshness(demo_db)
    assert code == 0, output[-3000:]
    assert "WARN freshness of support.tickets" in output, output[-3000:]
    assert "PASS freshness of support.messages" in output

    _age(demo_db, "tickets", 48)  # 78 h: past error_after
    code, output = _freshness(demo_db)
    assert code != 0, "dbt source freshness passed on tickets loaded 78 hours ago"
    assert "ERROR STALE freshness of support.tickets" in output, output[-3000:]
    assert "PASS freshness of support.ai_actions" in output
