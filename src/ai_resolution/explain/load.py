"""Read one conversation's evidence from the marts (read-only)."""

from __future__ import annotations

from ai_resolution.explain.evidence import Evidence, Row
from ai_resolution.rules import parse_rules_config
from ai_resolution.warehouse import Warehouse

CONVERSATION_SQL = "select * from {schema}.fct_conversations where ticket_id = {ticket}"

# Messages carry no body here: int_activity_timeline never selects it. The timeline carries the
# actions' action_name, procedure_name and is_final_step; fct_ai_actions adds the guardrail view.
TIMELINE_SQL = """
select
    timeline.*,
    actions.severity,
    actions.guardrail_result,
    actions.is_critical_breach,
    policies.is_mapped as policy_is_mapped
from {schema}.int_activity_timeline as timeline
left join {schema}.fct_ai_actions as actions
    on timeline.activity_source = 'ai_action' and timeline.activity_id = actions.action_id
left join {schema}.dim_policies as policies
    on timeline.policy_id = policies.policy_id
where timeline.ticket_id = {ticket}
order by timeline.activity_at, timeline.source_order, timeline.activity_id
"""

# Read only with --show-bodies: staging is the one model that holds message bodies.
BODIES_SQL = "select message_id, body from {schema}.stg_support__messages where ticket_id = {ticket}"

# Rows of the ticket set aside instead of used (e.g. dated too long before its creation).
SET_ASIDE_SQL = """
select raw_table, primary_key, dated_at, reason
from {schema}.fct_quarantined_rows
where ticket_id = {ticket}
order by dated_at, raw_table, primary_key
"""

OTHER_TICKETS_SQL = """
select ticket_id, channel, issue_type, created_at, is_spam
from {schema}.fct_conversations
where customer_id = {customer} and ticket_id != {ticket}
order by created_at, ticket_id
"""


class UnknownTicket(LookupError):
    """No conversation with this ticket id."""


def load_evidence(wh: Warehouse, ticket_id: str, show_bodies: bool = False) -> tuple[Evidence, dict[str, str] | None]:
    """The conversation, its timeline, its customer's other tickets and, on request, message bodies."""

    def fetch(sql: str, **values: str) -> list[Row]:
        literals = {name: wh.literal(value) for name, value in values.items()}
        return wh.rows(sql.format(schema=wh.schema, **literals))

    rows = fetch(CONVERSATION_SQL, ticket=ticket_id)
    if not rows:
        raise UnknownTicket(ticket_id)
    conversation = rows[0]
    evidence = Evidence(
        conversation=conversation,
        timeline=fetch(TIMELINE_SQL, ticket=ticket_id),
        thresholds=parse_rules_config(conversation["rules_config"]),
        other_tickets=fetch(OTHER_TICKETS_SQL, customer=str(conversation["customer_id"]), ticket=ticket_id),
        set_aside=fetch(SET_ASIDE_SQL, ticket=ticket_id),
    )
    bodies = None
    if show_bodies:
        bodies = {r["message_id"]: r["body"] for r in fetch(BODIES_SQL, ticket=ticket_id)}
    return evidence, bodies
