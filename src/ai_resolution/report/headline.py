"""The headline counts, read once from fct_conversations for both ``summary`` and ``report``.

Every count follows the mart's own flags: ``is_in_rate_population`` (mature, not excluded),
``is_ai_involved``, ``is_ai_resolved``, ``is_deflected``, ``is_csat_positive``, the
``outcome``, ``resolution_evidence`` and ``is_created_in_business_hours`` columns, so the
headline cannot drift from the rows it summarises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from ai_resolution.warehouse import Warehouse

HEADLINE_SQL = """
with flagged as (
    select
        *,
        is_in_rate_population as is_counted,
        is_in_rate_population and is_ai_involved as is_ai_counted
    from {schema}.fct_conversations
)

select
    count(*) as conversations,
    count(*) filter (where outcome = 'excluded') as excluded,
    count(*) filter (where outcome = 'pending') as pending,
    count(*) filter (where is_counted) as mature,
    count(*) filter (where is_ai_counted) as ai_involved,
    count(*) filter (where is_ai_resolved) as ai_resolved,
    count(*) filter (where outcome = 'ai_resolved_confirmed') as ai_confirmed,
    count(*) filter (where resolution_evidence in ('customer_confirmed', 'workflow_completed')) as ai_verified,
    count(*) filter (where resolution_evidence = 'workflow_completed') as ai_workflow_completed,
    count(*) filter (where is_deflected) as deflected,
    count(*) filter (where outcome = 'escalated') as escalated,
    count(*) filter (where outcome = 'ai_abandoned') as abandoned,
    count(*) filter (where outcome = 'ai_rejected') as rejected,
    count(*) filter (where outcome = 'ai_reopened') as reopened,
    count(*) filter (where outcome = 'ai_resurfaced') as resurfaced,
    count(*) filter (where outcome = 'ai_policy_breach') as policy_breach,
    count(csat_score) filter (where is_counted) as csat_responses,
    coalesce(sum(csat_score) filter (where is_counted), 0) as csat_score_sum,
    count(*) filter (where is_counted and is_csat_positive) as csat_positive,
    count(csat_score) filter (where is_counted and is_ai_resolved) as ai_resolved_csat_responses,
    coalesce(sum(csat_score) filter (where is_counted and is_ai_resolved), 0) as ai_resolved_csat_score_sum,
    count(csat_score) filter (where is_counted and outcome = 'human_only') as human_only_csat_responses,
    coalesce(sum(csat_score) filter (where is_counted and outcome = 'human_only'), 0) as human_only_csat_score_sum,
    count(*) filter (where is_counted and not is_created_in_business_hours) as after_hours,
    count(*) filter (where is_ai_counted and not is_created_in_business_hours) as after_hours_ai_involved,
    count(*) filter (where is_ai_resolved and not is_created_in_business_hours) as after_hours_ai_resolved,
    max(as_of) as as_of
from flagged
"""

# Whether the build had no AI action trace (a help desk's export): breaches cannot be seen.
ACTIONS_MISSING_SQL = """
select count(*)
from {schema}.fct_data_quality_summary
where raw_table = 'ai_actions' and disposition = 'table_missing'
"""


@dataclass(frozen=True)
class Headline:
    """Counts behind the headline metrics; the rates count mature conversations only."""

    conversations: int
    excluded: int
    pending: int
    mature: int
    ai_involved: int
    ai_resolved: int
    ai_confirmed: int
    ai_verified: int  # resolution_evidence customer_confirmed or workflow_completed
    ai_workflow_completed: int
    deflected: int
    escalated: int
    abandoned: int
    rejected: int
    reopened: int
    resurfaced: int
    policy_breach: int | None  # None: no AI action trace was delivered, so breaches cannot be seen
    csat_responses: int
    csat_score_sum: int
    csat_positive: int
    ai_resolved_csat_responses: int
    ai_resolved_csat_score_sum: int
    human_only_csat_responses: int
    human_only_csat_score_sum: int
    after_hours: int  # mature conversations created outside their channel's business hours
    after_hours_ai_involved: int
    after_hours_ai_resolved: int
    as_of: dt.datetime | None

    @property
    def gap(self) -> int:
        """Deflected but not resolved: what the legacy deflection rate hides."""
        return self.deflected - self.ai_resolved


def headline_sql(schema: str) -> str:
    return HEADLINE_SQL.format(schema=schema)


def read_headline(wh: Warehouse) -> Headline:
    """The headline counts of fct_conversations in the warehouse's schema."""
    _, rows = wh.tuples(headline_sql(wh.schema))
    if not rows:  # an aggregate always returns one row; this keeps the type checker honest
        raise LookupError("the headline query returned no row")
    row = rows[0]
    names = [field.name for field in fields(Headline)]
    values = dict(zip(names, row, strict=True))
    counts: dict[str, int | None] = {name: int(value or 0) for name, value in values.items() if name != "as_of"}
    if ai_actions_missing(wh):
        counts["policy_breach"] = None
    return Headline(**counts, as_of=values["as_of"])  # type: ignore[arg-type]


def ai_actions_missing(wh: Warehouse) -> bool:
    """True when the data-quality mart says no ai_actions table was delivered; false when
    the mart itself is absent (nothing says the trace is missing)."""
    if not wh.table_exists("fct_data_quality_summary"):
        return False
    return bool(wh.scalar(ACTIONS_MISSING_SQL.format(schema=wh.schema)))
