"""`ai-resolution bench` without running dbt: the net figures on hand-worked numbers, where
it writes by default, its settings from the environment, and the recomputed count read from
the per-model incremental state."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ai_resolution import bench
from ai_resolution.bench_steps import Step
from ai_resolution.bench_targets import SizeResult, render_targets, target_values, targets_rows
from ai_resolution.cli import main
from helpers.paths import PROJECT_DIR


def size(
    tickets: int, floor: float, full: tuple[float, float], incremental: tuple[float, float], peak: float
) -> SizeResult:
    """A measured size: (wall, execution) seconds of each build; peak MiB of both builds."""
    return SizeResult(
        tickets=tickets,
        raw_rows=tickets * 15,
        floor=Step(seconds=floor, peak_mib=100),
        full=Step(seconds=full[0], peak_mib=peak, execution_seconds=full[1]),
        incremental=Step(seconds=incremental[0], peak_mib=peak - 10, execution_seconds=incremental[1]),
        appended_rows=tickets // 7,
        recomputed_tickets=tickets // 40,
    )


FIXED = size(1_000, floor=0.01, full=(8.0, 5.0), incremental=(7.0, 4.0), peak=300)
SMALL = size(100_000, floor=0.4, full=(12.0, 9.0), incremental=(6.5, 3.0), peak=5_000)  # a higher peak: not counted
LARGE = size(1_000_000, floor=4.0, full=(48.0, 44.0), incremental=(13.0, 10.0), peak=3_082)


def test_the_net_figures_subtract_the_fixed_cost_builds() -> None:
    wall = target_values(SMALL, LARGE, FIXED, use_execution=False)
    # (48 - 8) / 4; (13 - 7) / (48 - 8); 13 / 6.5; 3,082 MiB at the largest size only.
    assert wall == pytest.approx(
        {
            "full_net_over_floor": 10.0,
            "incremental_net_over_full_net": 0.15,
            "incremental_large_over_small": 2.0,
            "peak_gib": 3_082 / 1024,
        }
    )
    execution = target_values(SMALL, LARGE, FIXED, use_execution=True)
    # The fixed cost in the same measure: (44 - 5) / 4; (10 - 4) / (44 - 5); 10 / 3.
    assert execution["full_net_over_floor"] == pytest.approx(9.75)
    assert execution["incremental_net_over_full_net"] == pytest.approx(6 / 39)
    assert execution["incremental_large_over_small"] == pytest.approx(10 / 3)


def test_the_targets_table_states_each_measure_and_verdict() -> None:
    rows = {row.key: row for row in targets_rows(SMALL, LARGE, FIXED)}
    # 2.0 is within "≤ 2"; 3.01 GiB is not "< 3 GiB".
    assert {key: row.met for key, row in rows.items()} == {
        "full_net_over_floor": False,
        "incremental_net_over_full_net": False,
        "incremental_large_over_small": True,
        "peak_gib": False,
    }
    text = "\n".join(render_targets(SMALL, LARGE, FIXED))
    assert "| (full build − fixed cost) ÷ floor, at 1,000,000 | ≤ 5× | 10.0× (MISSED) | 9.8× (MISSED) |" in text
    assert (
        "| (incremental after one day − fixed cost) ÷ (full − fixed cost), at 1,000,000 | ≤ 10% | 15% (MISSED)"
        " | 15% (MISSED) |" in text
    )
    assert "| incremental after one day at 1,000,000 ÷ at 100,000 | ≤ 2 | 2.0 (met) | 3.3 (MISSED) |" in text
    assert "| peak memory at 1,000,000 | < 3 GiB | 3.01 GiB (MISSED) |  |" in text
    # Which builds the fixed cost was, with their times.
    assert "full build on 1,000 tickets, 8.0 s" in text
    assert "incremental build after one day on 1,000 tickets, 7.0 s" in text


def test_a_full_build_within_the_fixed_cost_has_no_net_ratio() -> None:
    slow_fixed = size(1_000, floor=0.01, full=(50.0, 45.0), incremental=(7.0, 4.0), peak=300)
    wall = target_values(SMALL, LARGE, slow_fixed, use_execution=False)
    assert wall["full_net_over_floor"] == pytest.approx(-0.5)
    assert wall["incremental_net_over_full_net"] is None
    rows = {row.key: row for row in targets_rows(SMALL, LARGE, slow_fixed)}
    # Faster than the fixed cost is noise, not a met target.
    assert rows["full_net_over_floor"].met is None
    assert rows["incremental_net_over_full_net"].met is None
    text = "\n".join(render_targets(SMALL, LARGE, slow_fixed))
    assert "| -0.5× (n/a: below the fixed cost) |" in text
    assert "| n/a (net full build ≤ 0 s) |" in text


def test_results_go_under_target_not_docs() -> None:
    assert bench.default_output("contract") == Path("target/benchmark.md")
    assert bench.default_output("zendesk") == Path("target/benchmark_zendesk.md")


def test_settings_default_to_the_profile_s_environment_and_flags_win() -> None:
    env = {"AI_RESOLUTION_DUCKDB_THREADS": "4", "AI_RESOLUTION_MEMORY_LIMIT": "1500MB"}
    assert bench.resolve_settings(None, None, env) == (4, "1500MB")
    assert bench.resolve_settings(1, "2GB", env) == (1, "2GB")
    assert bench.resolve_settings(None, None, {}) == (2, "3GB")
    assert bench.resolve_settings(None, None, {"AI_RESOLUTION_MEMORY_LIMIT": " "}) == (2, "3GB")
    with pytest.raises(ValueError, match="AI_RESOLUTION_DUCKDB_THREADS"):
        bench.resolve_settings(None, None, {"AI_RESOLUTION_DUCKDB_THREADS": "two"})


def test_a_bad_threads_variable_stops_bench_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AI_RESOLUTION_DUCKDB_THREADS", "two")
    code = main(["bench", "--sizes", "300,600", "--project-dir", str(PROJECT_DIR), "--workdir", str(tmp_path)])
    assert code == 2
    assert "AI_RESOLUTION_DUCKDB_THREADS='two'" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_fixed_cost_size_above_the_smallest_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command = ["bench", "--sizes", "300,600", "--fixed-cost-tickets", "1000", "--project-dir", str(PROJECT_DIR)]
    assert main([*command, "--workdir", str(tmp_path)]) == 2
    assert "--fixed-cost-tickets 1000" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def state_table(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, int | None]]) -> None:
    con.execute(
        "create table main.ai_resolution_incremental_state (model_name varchar, ingested_through timestamp,"
        " as_of timestamp, rules_fingerprint varchar, recomputed_tickets bigint, recorded_at timestamp)"
    )
    for model, count in rows:
        con.execute(
            "insert into main.ai_resolution_incremental_state values (?, now(), now(), 'f', ?, now())", [model, count]
        )


def test_the_recomputed_count_is_fct_conversations_state_row() -> None:
    with duckdb.connect() as con:
        state_table(con, [("base_support__messages", 900), ("fct_conversations", 2_724), ("fct_ai_actions", 15)])
        assert bench.recomputed_tickets(con) == 2_724


def test_the_latest_run_of_the_model_counts() -> None:
    # The full build's row (null) and the incremental run's, before the next run prunes.
    with duckdb.connect() as con:
        state_table(con, [("fct_conversations", None)])
        con.execute(
            "insert into main.ai_resolution_incremental_state"
            " values ('fct_conversations', now(), now(), 'f', 31, now() + interval 1 minute)"
        )
        assert bench.recomputed_tickets(con) == 31


def test_a_null_count_means_every_ticket() -> None:
    with duckdb.connect() as con:
        state_table(con, [("fct_conversations", None), ("fct_ai_actions", 15)])
        assert bench.recomputed_tickets(con) == "all"
        assert bench.show_recomputed(bench.recomputed_tickets(con)) == "all"


def test_no_state_row_gives_no_count() -> None:
    with duckdb.connect() as con:
        assert bench.recomputed_tickets(con) is None  # no table
        state_table(con, [("fct_ai_actions", 15)])
        assert bench.recomputed_tickets(con) is None  # no row for fct_conversations
    with duckdb.connect() as con:
        # The single-row state of before per-model state: no model_name, no count.
        con.execute(
            "create table main.ai_resolution_incremental_state"
            " (ingested_through timestamp, as_of timestamp, rules_fingerprint varchar)"
        )
        assert bench.recomputed_tickets(con) is None
        assert bench.show_recomputed(None) == "n/a"
