"""The demo path end to end on a small generated data set: generate, build, summary."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers.dbt_run import dbt, query
from helpers.paths import BIN_DIR

# `make demo` is the DuckDB path: generate writes a DuckDB file, summary reads one.
pytestmark = pytest.mark.engines("duckdb")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    subprocess.run(
        [str(BIN_DIR / "ai-resolution"), "generate", "--tickets", "4000", "--seed", "7", "--db", str(db_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    dbt(["build"], db_path)
    return db_path


def test_demo_rates_look_like_a_real_deployment(demo_db: Path) -> None:
    [row] = query(
        demo_db,
        """
        select
            count(*) filter (where is_mature and is_ai_involved and outcome != 'excluded') as ai_involved,
            count(*) filter (where is_ai_resolved) as ai_resolved,
            count(*) filter (where is_deflected) as deflected,
            count(distinct outcome) as outcomes
        from main.fct_conversations
        """,
    )
    resolution_rate = row["ai_resolved"] / row["ai_involved"]
    deflection_rate = row["deflected"] / row["ai_involved"]
    assert 0.30 <= resolution_rate <= 0.70
    assert deflection_rate >= resolution_rate + 0.10
    assert row["outcomes"] == 11


def test_summary_prints_the_headline(demo_db: Path) -> None:
    result = subprocess.run(
        [str(BIN_DIR / "ai-resolution"), "summary", "--db", str(demo_db)],
        check=True,
        capture_output=True,
        text=True,
    )
    labels = ("AI resolution rate", "verified resolution rate", "confirmed share", "deflection rate", "deflection gap")
    for label in (*labels, "escalation rate"):
        assert label in result.stdout
