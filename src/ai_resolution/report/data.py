"""Read what the HTML report shows from the marts (read-only, on any engine through
``ai_resolution.warehouse``); the headline comes from ``headline``, shared with ``summary``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ai_resolution.report.headline import Headline, read_headline
from ai_resolution.warehouse import Warehouse

Row = dict[str, Any]

# An optional mart: shown in the data-quality section when a later version of the project builds it.
DATA_QUALITY_MART = "fct_data_quality_summary"
DATA_QUALITY_MART_MAX_ROWS = 500

# Enum columns of fct_conversations that staging sets to 'unknown' for values outside the contract.
CONVERSATION_ENUM_COLUMNS = ("channel", "last_known_status", "handoff_reason", "repeat_contact_channel")

COST_SQL = """
select
    coalesce(sum(ai_cost), 0) as ai_cost,
    coalesce(sum(ai_resolved_conversations), 0) as ai_resolved,
    coalesce(sum(human_cost_avoided), 0) as human_cost_avoided,
    coalesce(sum(net_cost_avoided), 0) as net_cost_avoided
from {schema}.fct_cost_monthly
"""

PROVENANCE_SQL = """
select max(as_of) as as_of, max(rules_version) as rules_version, max(rules_config) as rules_config
from {schema}.fct_conversations
"""

WEEKLY_SQL = """
select
    cast(date_trunc('week', metric_date) as date) as week_start,
    count(distinct metric_date) as days,
    sum(mature_conversations) as mature,
    sum(pending_conversations) as pending,
    sum(ai_involved_conversations) as ai_involved,
    sum(ai_resolved_conversations) as ai_resolved,
    sum(ai_resolved_confirmed_conversations) as ai_confirmed,
    sum(deflected_conversations) as deflected,
    sum(escalated_conversations) as escalated
from {schema}.fct_conversation_metrics_daily
group by 1
order by 1
"""

GAP_SQL = """
select
    segment_type,
    segment_value,
    sum(pending_conversations) as pending,
    sum(ai_involved_conversations) as ai_involved,
    sum(deflected_conversations) as deflected,
    sum(ai_resolved_conversations) as ai_resolved,
    sum(ai_resolved_confirmed_conversations) as ai_confirmed,
    sum(escalated_conversations) as escalated,
    sum(ai_abandoned_conversations) as abandoned,
    sum(ai_rejected_conversations) as rejected,
    sum(ai_reopened_conversations) as reopened,
    sum(ai_resurfaced_conversations) as resurfaced,
    sum(ai_policy_breach_conversations) as policy_breach
from {schema}.fct_deflection_gap_monthly
where segment_type in ('all', 'channel')
group by 1, 2
order by case when segment_type = 'all' then 0 else 1 end, ai_involved desc, segment_value nulls last
"""

READINESS_SQL = """
select *
from {schema}.fct_automation_readiness
order by ai_resolution_rate desc nulls last, issue_type
"""

RELEASES_SQL = """
select *
from {schema}.fct_release_comparison
order by agent_version, case when issue_type = 'all' then 0 else 1 end, issue_type
"""

GUARDRAILS_SQL = """
select
    policies.policy_id,
    policies.policy_name,
    policies.severity,
    policies.is_mapped,
    actions.guardrail_result,
    count(actions.action_id) as actions,
    sum(case when actions.is_critical_breach then 1 else 0 end) as critical_breaches
from {schema}.dim_policies as policies
left join {schema}.fct_ai_actions as actions
    on
        policies.policy_id = actions.policy_id
        and actions.is_mature
        and actions.outcome != 'excluded'
group by 1, 2, 3, 4, 5
order by
    case policies.severity when 'critical' then 0 when 'warning' then 1 when 'info' then 2 else 3 end,
    policies.policy_id,
    actions.guardrail_result nulls last
"""

# Optional: the external-verdict marts; the report shows them only when they hold rows.
VERDICT_MART = "fct_verdict_comparison_monthly"
DISAGREEMENT_MART = "fct_verdict_disagreements_monthly"

VERDICTS_SQL = """
select
    verdict_source,
    sum(verdict_conversations) as verdicts,
    sum(verdict_pending_conversations) as pending,
    sum(verdict_excluded_conversations) as excluded,
    sum(verdict_unknown_conversations) as unknown,
    sum(compared_conversations) as compared,
    sum(verdict_resolved_conversations) as verdict_resolved,
    sum(our_ai_resolved_conversations) as our_resolved,
    sum(agreeing_conversations) as agreeing
from {schema}.fct_verdict_comparison_monthly
group by 1
order by 1
"""

DISAGREEMENTS_SQL = """
select
    verdict_source,
    disagreement_type,
    sum(disagreeing_conversations) as disagreeing
from {schema}.fct_verdict_disagreements_monthly
group by 1, 2
order by 1, 3 desc, 2
"""

AFTER_HOURS_MART = "fct_after_hours_monthly"
AFTER_HOURS_SQL = """
select
    segment_type,
    segment_value,
    business_hours,
    sum(mature_conversations) as mature,
    sum(ai_involved_conversations) as ai_involved,
    sum(ai_resolved_conversations) as ai_resolved,
    sum(verified_resolved_conversations) as verified,
    sum(escalated_conversations) as escalated
from {schema}.fct_after_hours_monthly
where segment_type in ('all', 'channel')
group by 1, 2, 3
order by case when segment_type = 'all' then 0 else 1 end, segment_value, business_hours desc
"""

UNCHECKED_ACTIONS_SQL = """
select count(*)
from {schema}.fct_ai_actions
where policy_id is null and is_mature and outcome != 'excluded'
"""


@dataclass
class ReportData:
    """Everything the report shows, as plain rows."""

    schema: str
    as_of: Any
    rules_version: str | None
    rules_config: str | None
    headline: Headline
    cost: Row
    weekly: list[Row]
    gap_segments: list[Row]
    readiness: list[Row]
    releases: list[Row]
    guardrails: list[Row]
    unchecked_actions: int
    quality_checks: list[Row]
    quality_mart_columns: list[str] = field(default_factory=list)
    quality_mart_rows: list[tuple[Any, ...]] = field(default_factory=list)
    has_quality_mart: bool = False
    verdicts: list[Row] = field(default_factory=list)
    verdict_disagreements: list[Row] = field(default_factory=list)
    after_hours: list[Row] = field(default_factory=list)


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def read_quality_checks(wh: Warehouse) -> list[Row]:
    """Data-quality counts: left out of the rates, values outside the contract, unmapped references."""
    checks: list[Row] = []

    def add(area: str, check: str, count: int, detail: str, informational: bool = False) -> None:
        checks.append({"area": area, "check": check, "count": int(count or 0), "detail": detail, "info": informational})

    schema = wh.schema
    excluded = dict(
        wh.tuples(
            f"select outcome_reason, count(*) from {schema}.fct_conversations "
            "where outcome = 'excluded' group by 1 order by 1"
        )[1]
    )
    add("conversations", "excluded: spam", excluded.get("spam", 0), "never counted in a rate", True)
    add("conversations", "excluded: merged into another ticket", excluded.get("merged", 0), "never counted", True)
    pending = scalar_count(wh, f"select count(*) from {schema}.fct_conversations where outcome = 'pending'")
    add("conversations", "pending (not mature yet)", pending, "left out of every rate until they mature", True)

    for column in CONVERSATION_ENUM_COLUMNS:
        unknown = scalar_count(wh, f"select count(*) from {schema}.fct_conversations where {column} = 'unknown'")
        add("unknown values", f"fct_conversations.{column} = 'unknown'", unknown, "raw value outside the contract")
    for column in ("action_outcome", "policy_result"):
        unknown = scalar_count(wh, f"select count(*) from {schema}.fct_ai_actions where {column} = 'unknown'")
        add("unknown values", f"fct_ai_actions.{column} = 'unknown'", unknown, "raw value outside the contract")

    no_issue = scalar_count(wh, f"select count(*) from {schema}.fct_conversations where issue_type is null")
    add("mappings", "conversations without an issue type", no_issue, "(none) in the marts, (no issue type) in charts")
    _, unmapped_types = wh.tuples(
        f"select issue_type, ticket_count from {schema}.dim_issue_types where not is_mapped "
        "order by ticket_count desc, issue_type"
    )
    add(
        "mappings",
        "issue types missing from seeds/issue_types.csv",
        len(unmapped_types),
        ", ".join(f"{name} ({plural(count, 'ticket')})" for name, count in unmapped_types) or "none",
    )
    _, unmapped_policies = wh.tuples(
        f"select policy_id, action_count from {schema}.dim_policies where not is_mapped "
        "order by action_count desc, policy_id"
    )
    add(
        "mappings",
        "policies missing from seeds/policies.csv",
        len(unmapped_policies),
        ", ".join(f"{name} ({plural(count, 'action')})" for name, count in unmapped_policies) or "none",
    )
    return checks


def scalar_count(wh: Warehouse, sql: str) -> int:
    """The single count a ``select count(*)`` returns."""
    return int(wh.scalar(sql) or 0)


def sorted_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows in the order of their columns, nulls last (``order by all`` is DuckDB's alone)."""
    return sorted(rows, key=lambda row: tuple((value is None, value if value is not None else 0) for value in row))


def read_report_data(wh: Warehouse) -> ReportData:
    """Query every section of the report from the marts in the warehouse's schema."""
    schema = wh.schema
    provenance = wh.rows(PROVENANCE_SQL.format(schema=schema))[0]
    unchecked = scalar_count(wh, UNCHECKED_ACTIONS_SQL.format(schema=schema))
    data = ReportData(
        schema=schema,
        as_of=provenance["as_of"],
        rules_version=provenance["rules_version"],
        rules_config=provenance["rules_config"],
        headline=read_headline(wh),
        cost=wh.rows(COST_SQL.format(schema=schema))[0],
        weekly=wh.rows(WEEKLY_SQL.format(schema=schema)),
        gap_segments=wh.rows(GAP_SQL.format(schema=schema)),
        readiness=wh.rows(READINESS_SQL.format(schema=schema)),
        releases=wh.rows(RELEASES_SQL.format(schema=schema)),
        guardrails=wh.rows(GUARDRAILS_SQL.format(schema=schema)),
        unchecked_actions=int(unchecked),
        quality_checks=read_quality_checks(wh),
    )
    if wh.table_exists(DATA_QUALITY_MART):
        columns, rows = wh.tuples(f"select * from {schema}.{DATA_QUALITY_MART}")
        data.has_quality_mart = True
        data.quality_mart_columns = columns
        data.quality_mart_rows = sorted_rows(rows)[:DATA_QUALITY_MART_MAX_ROWS]
    # Builds of earlier versions have no after-hours mart: the section is left out.
    if wh.table_exists(AFTER_HOURS_MART):
        data.after_hours = wh.rows(AFTER_HOURS_SQL.format(schema=schema))
    # Older builds have no verdict marts; a build without verdicts has them empty.
    if wh.table_exists(VERDICT_MART):
        data.verdicts = wh.rows(VERDICTS_SQL.format(schema=schema))
    if data.verdicts and wh.table_exists(DISAGREEMENT_MART):
        data.verdict_disagreements = wh.rows(DISAGREEMENTS_SQL.format(schema=schema))
    return data
