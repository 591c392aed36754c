"""The MetricFlow semantic layer answers the same numbers as the marts.

Every metric of the semantic manifest is queried through the `mf` CLI on the project
built on the fixtures, and compared with the value computed here by SQL from the marts
(fct_deflection_gap_monthly, fct_conversation_metrics_daily, fct_cost_monthly,
fct_release_comparison, fct_conversations, fct_ai_actions): a BI tool reading the marts
and one asking the semantic layer must see the same numbers.

`mf` always reads <project>/target/semantic_manifest.json (it ignores DBT_TARGET_PATH),
so the test parses a throwaway copy of the project and runs `mf` there: the real
project's target/ is never touched and concurrent dbt runs cannot swap the manifest.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers.dbt_run import dbt, query
from helpers.paths import BIN_DIR, FIXTURE_SCHEMA, PROJECT_DIR, read_csv

# The expected values below are computed with DuckDB SQL (strftime, date_trunc) and `mf`
# runs against the DuckDB profile: the semantic layer is checked on DuckDB.
pytestmark = pytest.mark.engines("duckdb")

# Population of every conversation metric (and of the AI-action metrics).
COUNTED = "outcome not in ('excluded', 'pending')"

# metric -> (numerator, denominator), both simple metrics. Restated from the spec, not
# read from the yml, so a changed definition fails here.
RATIOS = {
    "ai_resolution_rate": ("ai_resolved_conversations", "ai_involved_conversations"),
    "ai_confirmed_resolution_rate": ("ai_resolved_confirmed_conversations", "ai_involved_conversations"),
    "ai_resolution_share": ("ai_resolved_conversations", "mature_conversations"),
    "confirmed_share": ("ai_resolved_confirmed_conversations", "ai_resolved_conversations"),
    "verified_resolution_rate": ("verified_resolved_conversations", "ai_involved_conversations"),
    "deflection_rate": ("deflected_conversations", "ai_involved_conversations"),
    "escalation_rate": ("escalated_conversations", "ai_involved_conversations"),
    "gap_abandoned_rate": ("ai_abandoned_conversations", "ai_involved_conversations"),
    "gap_rejected_rate": ("ai_rejected_conversations", "ai_involved_conversations"),
    "gap_reopened_rate": ("ai_reopened_conversations", "ai_involved_conversations"),
    "gap_resurfaced_rate": ("ai_resurfaced_conversations", "ai_involved_conversations"),
    "gap_policy_breach_rate": ("ai_policy_breach_conversations", "ai_involved_conversations"),
    "reopen_rate": ("reopened_conversations", "solved_conversations"),
    "repeat_contact_rate": ("repeat_contact_conversations", "solved_conversations"),
    "csat_response_rate": ("csat_responses", "mature_conversations"),
    "csat_mean": ("csat_score_sum", "csat_responses"),
    "csat_positive_share": ("csat_positive_responses", "csat_responses"),
    "mean_minutes_to_resolution": ("resolution_minutes_sum", "timed_resolutions"),
    "guardrail_violation_rate": ("violated_actions", "policy_checked_actions"),
    "cost_per_ai_resolution": ("ai_cost", "ai_resolved_conversations"),
    "verdict_resolution_rate": ("verdict_resolved_conversations", "compared_conversations"),
    "our_ai_resolution_rate": ("our_ai_resolved_conversations", "compared_conversations"),
    "verdict_agreement_rate": ("agreeing_conversations", "compared_conversations"),
    "after_hours_coverage": ("after_hours_ai_resolved_conversations", "after_hours_conversations"),
    "mean_business_minutes_to_resolution": ("business_resolution_minutes_sum", "business_timed_resolutions"),
}
# Ratios over one business-hours band (a filter on ticket__business_hours): numerator and
# denominator counted on that band only, from fct_after_hours_monthly.
BAND_RATIOS = {
    "ai_resolution_rate_in_hours": ("in_hours_ai_resolved", "in_hours_ai_involved"),
    "ai_resolution_rate_after_hours": ("after_hours_ai_resolved_conversations", "after_hours_ai_involved"),
    "verified_resolution_rate_in_hours": ("in_hours_verified", "in_hours_ai_involved"),
    "verified_resolution_rate_after_hours": ("after_hours_verified", "after_hours_ai_involved"),
}
# The band counts those ratios need, which are not metrics themselves.
BAND_HELPERS = ("in_hours_ai_resolved", "in_hours_ai_involved", "in_hours_verified", "after_hours_ai_involved")
BAND_HELPERS += ("after_hours_verified",)

# How to group each mart for a given group-by of the semantic layer:
# (fct_deflection_gap_monthly segment_type, its key expression), then the key expression
# on fct_conversation_metrics_daily, on fct_conversations (alias c), on the action
# time of fct_ai_actions (alias a) and on fct_verdict_comparison_monthly (when the
# verdict metrics can be grouped so).
GROUPINGS: dict[str, dict[str, Any]] = {
    "total": {
        "gap": ("all", "'all'"),
        "hours": ("all", "'all'"),
        "daily": "'all'",
        "conversation": "'all'",
        "action": "'all'",
        "verdict": "'all'",
    },
    "metric_time__month": {
        "gap": ("all", "strftime(metric_month, '%Y-%m-%d')"),
        "hours": ("all", "strftime(metric_month, '%Y-%m-%d')"),
        "daily": "strftime(date_trunc('month', metric_date), '%Y-%m-%d')",
        "conversation": "strftime(date_trunc('month', c.created_at), '%Y-%m-%d')",
        "action": "strftime(date_trunc('month', a.occurred_at), '%Y-%m-%d')",
        "verdict": "strftime(metric_month, '%Y-%m-%d')",
    },
    "ticket__channel": {
        "gap": ("channel", "segment_value"),
        "hours": ("channel", "segment_value"),
        "daily": "channel",
        "conversation": "c.channel",
    },
    "ticket__issue_type": {
        "gap": ("issue_type", "segment_value"),
        "hours": ("issue_type", "segment_value"),
        "daily": "issue_type",
        "conversation": "coalesce(c.issue_type, '(none)')",
    },
    "ticket__agent_version": {
        "gap": ("agent_version", "segment_value"),
        "hours": ("agent_version", "segment_value"),
        "daily": "agent_version",
        "conversation": "coalesce(c.agent_version, '(none)')",
    },
}

RATIOS_OF_VERDICTS = ("verdict_resolution_rate", "our_ai_resolution_rate", "verdict_agreement_rate")
GAP_COUNTS = [
    "mature_conversations",
    "pending_conversations",
    "ai_involved_conversations",
    "deflected_conversations",
    "ai_resolved_conversations",
    "ai_resolved_confirmed_conversations",
    "escalated_conversations",
    "ai_abandoned_conversations",
    "ai_rejected_conversations",
    "ai_reopened_conversations",
    "ai_resurfaced_conversations",
    "ai_policy_breach_conversations",
]
DAILY_COUNTS = [
    "conversations",
    "excluded_conversations",
    "human_only_conversations",
    "solved_conversations",
    "reopened_conversations",
    "repeat_contact_conversations",
    "csat_responses",
    "csat_score_sum",
    "csat_positive_responses",
    "ai_cost",
    "verified_resolved_conversations",
    "workflow_completed_conversations",
]

ACTION_COUNTS = [
    "ai_actions",
    "policy_checked_actions",
    "violated_actions",
    "blocked_actions",
    "critical_breach_actions",
]
# External verdicts, summed over sources from fct_verdict_comparison_monthly.
VERDICT_COUNTS = [
    "compared_conversations",
    "verdict_resolved_conversations",
    "our_ai_resolved_conversations",
    "agreeing_conversations",
]
# After hours, from fct_after_hours_monthly; business minutes from fct_conversations.
HOURS_COUNTS = ["after_hours_conversations", "after_hours_ai_resolved_conversations"]
BUSINESS_MINUTES = ["business_resolution_minutes_sum", "business_timed_resolutions"]
# Every simple metric, each read from a mart.
SIMPLE_METRICS = [
    *GAP_COUNTS, *DAILY_COUNTS, "resolution_minutes_sum", "timed_resolutions", *ACTION_COUNTS, *VERDICT_COUNTS,
    *HOURS_COUNTS, *BUSINESS_MINUTES,
]  # fmt: skip


# ---------------------------------------------------------------------------------------
# running mf


@pytest.fixture(scope="module")
def mf_project(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the project, parsed against the fixture database, for `mf` to read."""
    copy = tmp_path_factory.mktemp("semantic") / "project"
    shutil.copytree(
        PROJECT_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "target", "logs", ".pytest_cache", "dbt_packages", "reports",
            "__pycache__", "node_modules", "*.duckdb", "*.duckdb.wal",
        ),
    )  # fmt: skip
    result = subprocess.run(
        [str(BIN_DIR / "dbt"), "parse", "--project-dir", str(copy), "--target-path", "target"],
        env=_env(copy, fixture_db),
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"dbt parse failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    assert (copy / "target" / "semantic_manifest.json").exists()
    yield copy


def _env(project: Path, db_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "AI_RESOLUTION_DB": str(db_path),
        "DBT_PROFILES_DIR": str(project / "profiles"),
        "DBT_PROJECT_DIR": str(project),
        "DBT_LOG_PATH": str(project / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("DBT_TARGET_PATH", None)
    return env


def mf(project: Path, db_path: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the MetricFlow CLI in the parsed project copy; fail with its output."""
    result = subprocess.run(
        [str(BIN_DIR / "mf"), *args],
        env=_env(project, db_path),
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"mf {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    return result


def mf_query(project: Path, db_path: Path, args: list[str]) -> list[dict[str, str]]:
    """Rows of an `mf query`, read from its --csv output (null is the empty string)."""
    out = project / "target" / "mf_query.csv"
    out.unlink(missing_ok=True)
    result = mf(project, db_path, ["query", *args, "--csv", str(out), "--quiet"])
    assert out.exists(), f"mf wrote no csv:\n{result.stdout[-3000:]}"
    return read_csv(out)


def manifest_metrics(project: Path) -> dict[str, dict[str, Any]]:
    manifest = json.loads((project / "target" / "semantic_manifest.json").read_text(encoding="utf-8"))
    return {metric["name"]: metric for metric in manifest["metrics"]}


# ---------------------------------------------------------------------------------------
# expected values from the marts


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def mart_sums(db_path: Path, grouping: str) -> dict[str, dict[str, float]]:
    """Additive counts per group key, each read from the mart a BI tool would use."""
    spec = GROUPINGS[grouping]
    sums: dict[str, dict[str, float]] = defaultdict(dict)

    def collect(sql: str) -> None:
        for row in query(db_path, sql):
            key = row.pop("group_key")
            sums["" if key is None else str(key)].update({k: v or 0 for k, v in row.items()})

    segment_type, gap_key = spec["gap"]
    collect(
        f"select {gap_key} as group_key, "
        + ", ".join(f"sum({c}) as {c}" for c in GAP_COUNTS)
        + f" from fct_deflection_gap_monthly where segment_type = '{segment_type}' group by 1"
    )
    collect(
        f"select {spec['daily']} as group_key, "
        + ", ".join(f"sum({c}) as {c}" for c in DAILY_COUNTS)
        + " from fct_conversation_metrics_daily group by 1"
    )
    collect(f"""
        select
            {spec["conversation"]} as group_key,
            sum(case when {COUNTED} and resolved_by is not null then minutes_to_resolution end)
                as resolution_minutes_sum,
            count(case when {COUNTED} and resolved_by is not null then minutes_to_resolution end)
                as timed_resolutions,
            sum(case when {COUNTED} and resolved_by is not null then business_minutes_to_resolution end)
                as business_resolution_minutes_sum,
            count(case when {COUNTED} and resolved_by is not null then business_minutes_to_resolution end)
                as business_timed_resolutions
        from fct_conversations as c
        group by 1
    """)
    # AI actions: counted only on mature, non-excluded conversations (like the
    # semantic model's measures, the filter sits in the counts, not in a where clause);
    # by action time for metric_time, by the conversation's segment for ticket__ dims.
    action_key = spec.get("action", spec["conversation"])
    collect(f"""
        select
            {action_key} as group_key,
            count(case when a.{COUNTED} then 1 end) as ai_actions,
            count(
                case
                    when a.{COUNTED} and a.guardrail_result in ('blocked', 'violated', 'overridden', 'passed')
                        then 1
                end
            ) as policy_checked_actions,
            count(case when a.{COUNTED} and a.guardrail_result = 'violated' then 1 end) as violated_actions,
            count(case when a.{COUNTED} and a.guardrail_result = 'blocked' then 1 end) as blocked_actions,
            count(case when a.{COUNTED} and a.is_critical_breach then 1 end) as critical_breach_actions
        from fct_ai_actions as a
        inner join fct_conversations as c
            on a.ticket_id = c.ticket_id
        group by 1
    """)
    hours_segment, hours_key = spec["hours"]
    collect(f"""
        select
            {hours_key} as group_key,
            sum(case when business_hours = 'after_hours' then mature_conversations end) as after_hours_conversations,
            sum(case when business_hours = 'after_hours' then ai_resolved_conversations end)
                as after_hours_ai_resolved_conversations,
            sum(case when business_hours = 'after_hours' then ai_involved_conversations end) as after_hours_ai_involved,
            sum(case when business_hours = 'after_hours' then verified_resolved_conversations end)
                as after_hours_verified,
            sum(case when business_hours = 'in_hours' then ai_resolved_conversations end) as in_hours_ai_resolved,
            sum(case when business_hours = 'in_hours' then ai_involved_conversations end) as in_hours_ai_involved,
            sum(case when business_hours = 'in_hours' then verified_resolved_conversations end) as in_hours_verified
        from fct_after_hours_monthly
        where segment_type = '{hours_segment}'
        group by 1
    """)
    if "verdict" in spec:
        collect(
            f"select {spec['verdict']} as group_key, "
            + ", ".join(f"sum({c}) as {c}" for c in VERDICT_COUNTS)
            + " from fct_verdict_comparison_monthly group by 1"
        )
    return sums


def expected_metrics(sums: dict[str, float]) -> dict[str, float | None]:
    """Every metric from additive counts: simple ones as is, ratios and the derived gap."""
    expected: dict[str, float | None] = dict(sums)
    for metric, (numerator, denominator) in {**RATIOS, **BAND_RATIOS}.items():
        expected[metric] = ratio(sums.get(numerator, 0), sums.get(denominator, 0))
    for helper in BAND_HELPERS:
        expected.pop(helper, None)
    deflection, resolution = expected["deflection_rate"], expected["ai_resolution_rate"]
    expected["deflection_gap"] = None if deflection is None or resolution is None else deflection - resolution
    return expected


def assert_same(actual: str, expected: float | None, label: str) -> None:
    if expected is None:
        assert actual == "", f"{label}: mf gave {actual!r}, the marts give null"
    else:
        assert actual != "", f"{label}: mf gave null, the marts give {expected}"
        assert float(actual) == pytest.approx(float(expected), rel=1e-9, abs=1e-12), label


def normalise_key(value: str) -> str:
    # metric_time prints as '2026-03-01 00:00:00'; the marts give '2026-03-01'.
    return value[:10] if len(value) == 19 and value[10] == " " else value


def compare_grouped(rows: list[dict[str, str]], db_path: Path, grouping: str, label: str) -> int:
    """Compare every metric column of grouped mf rows with the marts; return values checked."""
    expected_by_key = {key: expected_metrics(sums) for key, sums in mart_sums(db_path, grouping).items()}
    actual_keys = {normalise_key(row[grouping]) for row in rows}
    assert actual_keys == set(expected_by_key), f"{label}: groups differ"
    checked = 0
    for row in rows:
        key = normalise_key(row[grouping])
        for column, value in row.items():
            if column.startswith(("ticket__", "metric_time", "action__")):
                continue
            # A group missing from a mart is null in mf (outer join of semantic models).
            assert_same(value, expected_by_key[key].get(column), f"{label} {grouping}={key} {column}")
            checked += 1
    return checked


# ---------------------------------------------------------------------------------------
# tests


def test_semantic_manifest_validates_against_the_warehouse(mf_project: Path, fixture_db: Path) -> None:
    result = mf(mf_project, fixture_db, ["validate-configs"])
    output = result.stdout + result.stderr
    # One "(ERRORS: n, FUTURE_ERRORS: n, WARNINGS: n)" summary per validation step.
    summaries = re.findall(r"\(ERRORS: (\d+), FUTURE_ERRORS: (\d+), WARNINGS: (\d+)\)", output)
    assert len(summaries) >= 6, output[-4000:]
    assert all(errors == "0" for errors, _, _ in summaries), output[-4000:]


def test_every_metric_has_a_description_and_an_expected_value(mf_project: Path) -> None:
    metrics = manifest_metrics(mf_project)
    undocumented = [name for name, metric in metrics.items() if not (metric.get("description") or "").strip()]
    assert not undocumented, f"metrics without a description: {undocumented}"
    expected = set(expected_metrics(dict.fromkeys(SIMPLE_METRICS, 0.0)))
    assert set(metrics) == expected, (
        f"metrics without an expected value here: {sorted(set(metrics) - expected)}; "
        f"expected here but not defined: {sorted(expected - set(metrics))}"
    )
    required = {
        "ai_resolution_rate", "ai_confirmed_resolution_rate", "ai_resolution_share", "confirmed_share",
        "deflection_rate", "deflection_gap", "escalation_rate", "reopen_rate", "repeat_contact_rate",
        "csat_mean", "csat_positive_share", "guardrail_violation_rate", "cost_per_ai_resolution",
        "mature_conversations", "pending_conversations", "ai_involved_conversations",
        "ai_resolved_conversations", "verified_resolution_rate", "verified_resolved_conversations",
    }  # fmt: skip
    assert required <= set(metrics)


def test_every_metric_total_matches_the_marts(mf_project: Path, fixture_db: Path) -> None:
    metrics = sorted(manifest_metrics(mf_project))
    rows = mf_query(mf_project, fixture_db, ["--metrics", ",".join(metrics)])
    assert len(rows) == 1
    expected = expected_metrics(mart_sums(fixture_db, "total")["all"])
    for metric in metrics:
        assert_same(rows[0][metric], expected[metric], metric)

    # The fixtures exercise the headline: nothing trivially zero or null.
    for metric in (
        "ai_resolution_rate", "deflection_gap", "confirmed_share", "guardrail_violation_rate",
        "verified_resolution_rate",
    ):  # fmt: skip
        assert float(rows[0][metric]) > 0, metric

    # The same totals straight from the marts' own rate and cost columns.
    (cost,) = query(
        fixture_db,
        "select sum(ai_cost) / sum(ai_resolved_conversations) as cost_per_ai_resolution from fct_cost_monthly",
    )
    assert_same(rows[0]["cost_per_ai_resolution"], cost["cost_per_ai_resolution"], "fct_cost_monthly")
    (daily,) = query(
        fixture_db,
        "select sum(ai_actions) as ai_actions, sum(ai_actions_blocked) as blocked_actions, "
        "sum(ai_actions_critical_breach) as critical_breach_actions from fct_conversation_metrics_daily",
    )
    for metric, value in daily.items():
        assert_same(rows[0][metric], value, f"{metric} vs fct_conversation_metrics_daily")


def test_verified_resolution_rate_counted_by_hand(mf_project: Path, fixture_db: Path) -> None:
    # tests/fixtures/expected_resolution_evidence.csv: 3 customer_confirmed + 20
    # workflow_completed = 23 verified of the 48 AI-resolved; 80 AI-involved mature
    # conversations (counted in test_metric_marts.py): the same denominator as the AI
    # resolution rate.
    metrics = ["verified_resolution_rate", "verified_resolved_conversations", "workflow_completed_conversations"]
    [row] = mf_query(mf_project, fixture_db, ["--metrics", ",".join(metrics)])
    assert float(row["verified_resolution_rate"]) == pytest.approx(23 / 80)
    assert (float(row["verified_resolved_conversations"]), float(row["workflow_completed_conversations"])) == (23, 20)
    # By evidence: the 48 AI-resolved split 3 / 20 / 25; the other mature conversations have none.
    rows = mf_query(
        mf_project,
        fixture_db,
        ["--metrics", "ai_resolved_conversations", "--group-by", "ticket__resolution_evidence"],
    )
    by_evidence = {r["ticket__resolution_evidence"]: float(r["ai_resolved_conversations"]) for r in rows}
    assert by_evidence == {"customer_confirmed": 3, "workflow_completed": 20, "assumed": 25, "": 0}


def test_one_metric_alone(mf_project: Path, fixture_db: Path) -> None:
    """The plain form a user types: one metric, no group-by."""
    rows = mf_query(mf_project, fixture_db, ["--metrics", "deflection_gap"])
    (gap,) = query(
        fixture_db,
        "select (sum(deflected_conversations) - sum(ai_resolved_conversations)) "
        "/ sum(ai_involved_conversations) as deflection_gap "
        "from fct_deflection_gap_monthly where segment_type = 'all'",
    )
    assert [list(row) for row in rows] == [["deflection_gap"]]
    assert_same(rows[0]["deflection_gap"], gap["deflection_gap"], "deflection_gap")


def test_metrics_by_channel_match_the_marts(mf_project: Path, fixture_db: Path) -> None:
    metrics = [
        "ai_resolution_rate", "ai_resolution_share", "confirmed_share", "deflection_rate",
        "deflection_gap", "escalation_rate", "reopen_rate", "csat_mean", "mature_conversations",
        "pending_conversations", "ai_involved_conversations", "guardrail_violation_rate",
        "violated_actions", "verified_resolution_rate",
    ]  # fmt: skip
    rows = mf_query(mf_project, fixture_db, ["--metrics", ",".join(metrics), "--group-by", "ticket__channel"])
    assert compare_grouped(rows, fixture_db, "ticket__channel", "by channel") == len(rows) * len(metrics)


@pytest.mark.parametrize(
    ("saved_query", "grouping"),
    [
        ("headline_monthly", "metric_time__month"),
        ("deflection_gap_monthly", "metric_time__month"),
        ("resolution_by_issue_type", "ticket__issue_type"),
        ("releases", "ticket__agent_version"),
    ],
)
def test_saved_queries_match_the_marts(mf_project: Path, fixture_db: Path, saved_query: str, grouping: str) -> None:
    rows = mf_query(mf_project, fixture_db, ["--saved-query", saved_query])
    assert rows, f"{saved_query} returned nothing"
    assert compare_grouped(rows, fixture_db, grouping, saved_query) > 0


def test_headline_monthly_equals_the_marts_rate_columns(mf_project: Path, fixture_db: Path) -> None:
    rows = mf_query(mf_project, fixture_db, ["--saved-query", "headline_monthly"])
    mart_rows = query(
        fixture_db,
        """
        select
            strftime(gap.metric_month, '%Y-%m-%d') as month,
            gap.ai_resolution_rate,
            gap.confirmed_share,
            gap.deflection_rate,
            gap.deflection_gap,
            gap.escalation_rate,
            gap.pending_conversations,
            gap.mature_conversations,
            cost.cost_per_ai_resolution
        from fct_deflection_gap_monthly as gap
        left join fct_cost_monthly as cost
            on gap.metric_month = cost.metric_month
        where gap.segment_type = 'all'
        """,
    )
    marts = {row["month"]: {k: v for k, v in row.items() if k != "month"} for row in mart_rows}
    assert {normalise_key(row["metric_time__month"]) for row in rows} == set(marts)
    for row in rows:
        month = normalise_key(row["metric_time__month"])
        for column, value in marts[month].items():
            assert_same(row[column], value, f"{month} {column}")


def test_guardrails_by_action_severity(mf_project: Path, fixture_db: Path) -> None:
    rows = mf_query(mf_project, fixture_db, ["--saved-query", "guardrails_monthly"])
    expected = {
        (row["month"], row["severity"] or ""): row
        for row in query(
            fixture_db,
            f"""
            select
                strftime(date_trunc('month', occurred_at), '%Y-%m-%d') as month,
                severity,
                count(*) as ai_actions,
                count(case when guardrail_result in ('blocked', 'violated', 'overridden', 'passed') then 1 end)
                    as policy_checked_actions,
                count(case when guardrail_result = 'blocked' then 1 end) as blocked_actions,
                count(case when guardrail_result = 'violated' then 1 end) as violated_actions,
                count(case when is_critical_breach then 1 end) as critical_breach_actions
            from fct_ai_actions
            where {COUNTED}
            group by 1, 2
            """,
        )
    }
    assert {(normalise_key(r["metric_time__month"]), r["action__severity"]) for r in rows} == set(expected)
    for row in rows:
        sums = expected[(normalise_key(row["metric_time__month"]), row["action__severity"])]
        for column in ("ai_actions", "policy_checked_actions", "blocked_actions", "violated_actions"):
            assert_same(row[column], sums[column], column)
        assert_same(row["critical_breach_actions"], sums["critical_breach_actions"], "critical_breach_actions")
        assert_same(
            row["guardrail_violation_rate"],
            ratio(sums["violated_actions"], sums["policy_checked_actions"]),
            "guardrail_violation_rate",
        )


def test_verdicts_monthly_equals_the_verdict_mart(mf_project: Path, fixture_db: Path) -> None:
    """The saved query per month and source gives fct_verdict_comparison_monthly's own columns."""
    rows = mf_query(mf_project, fixture_db, ["--saved-query", "verdicts_monthly"])
    mart = {
        (row["month"], row["verdict_source"]): row
        for row in query(
            fixture_db,
            "select strftime(metric_month, '%Y-%m-%d') as month, * exclude (metric_month) "
            "from fct_verdict_comparison_monthly",
        )
    }
    assert {(normalise_key(r["metric_time__month"]), r["verdict_comparison__verdict_source"]) for r in rows} == set(
        mart
    )
    assert len(rows) == 2  # the fixtures' two judges, llm_judge and qa_team, in March 2026
    for row in rows:
        expected = mart[(normalise_key(row["metric_time__month"]), row["verdict_comparison__verdict_source"])]
        for column in (*RATIOS_OF_VERDICTS, *VERDICT_COUNTS):
            assert_same(row[column], expected[column], f"{row['verdict_comparison__verdict_source']} {column}")


def test_verdict_rates_split_by_a_conversation_dimension(mf_project: Path, fixture_db: Path) -> None:
    """Through the ticket entity the verdict metrics split by any conversation dimension."""
    rows = mf_query(
        mf_project,
        fixture_db,
        ["--metrics", "verdict_resolution_rate,compared_conversations", "--group-by", "ticket__channel"],
    )
    expected = {
        row["channel"]: row
        for row in query(
            fixture_db,
            """
            select
                c.channel,
                count(case when v.is_compared then 1 end) as compared_conversations,
                count(case when v.is_compared and v.verdict = 'resolved' then 1 end) as verdict_resolved
            from fct_verdict_comparison as v
            inner join fct_conversations as c
                on v.ticket_id = c.ticket_id
            group by 1
            """,
        )
    }
    assert {row["ticket__channel"] for row in rows} == set(expected)
    for row in rows:
        sums = expected[row["ticket__channel"]]
        assert_same(row["compared_conversations"], sums["compared_conversations"], row["ticket__channel"])
        assert_same(
            row["verdict_resolution_rate"],
            ratio(sums["verdict_resolved"], sums["compared_conversations"]),
            row["ticket__channel"],
        )


@pytest.mark.engines("duckdb", "postgres", "spark")
def test_docs_generate(fixture_db: Path) -> None:
    result = dbt(["docs", "generate"], fixture_db, {"raw_schema": FIXTURE_SCHEMA})
    assert "Catalog written" in result.stdout
    catalog = json.loads((fixture_db.parent / "target" / "catalog.json").read_text(encoding="utf-8"))
    assert "model.ai_resolution.metricflow_time_spine" in catalog["nodes"]
