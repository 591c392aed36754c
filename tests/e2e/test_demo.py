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
    for label in (*labels, "escalation rate", "after-hours coverage", "AI resolution after hours"):
        assert label in result.stdout


def test_demo_makes_the_evidence_and_business_hour_numbers_non_trivial(demo_db: Path) -> None:
    """Every new number of the demo has something to show: each evidence class, conversations in
    and out of hours (weekends, nights and a holiday), and business minutes that differ from
    calendar minutes."""
    [row] = query(
        demo_db,
        """
        select
            count(*) filter (where resolution_evidence = 'customer_confirmed') as confirmed,
            count(*) filter (where resolution_evidence = 'workflow_completed') as workflow,
            count(*) filter (where resolution_evidence = 'assumed') as assumed,
            count(*) filter (where is_ai_resolved) as resolved,
            count(*) filter (where is_in_rate_population and is_created_in_business_hours) as in_hours,
            count(*) filter (where is_in_rate_population and not is_created_in_business_hours) as after_hours,
            count(*) filter (
                where is_in_rate_population and not is_created_in_business_hours and is_ai_resolved
            ) as after_hours_resolved,
            count(*) filter (where created_date = date '2026-01-01') as new_year,
            count(*) filter (where business_minutes_to_resolution < minutes_to_resolution) as shortened
        from main.fct_conversations
        """,
    )
    for evidence in ("confirmed", "workflow", "assumed"):
        assert 0.05 * row["resolved"] < row[evidence] < 0.8 * row["resolved"], evidence
    assert 0.2 < row["after_hours"] / (row["in_hours"] + row["after_hours"]) < 0.8
    assert 0 < row["after_hours_resolved"] < row["after_hours"]
    assert row["new_year"] > 0 and row["shortened"] > 0
