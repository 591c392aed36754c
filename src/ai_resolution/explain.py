"""``ai-resolution explain TICKET_ID``: one conversation's timeline and the rules that decided its outcome."""

from __future__ import annotations

import argparse
import re
import textwrap
from pathlib import Path
from typing import Any

import duckdb

from ai_resolution.db import add_db_argument, check_identifier, connect, resolve_db_path
from ai_resolution.explain_rules import Evidence, Row, duration, rule_chain, ts
from ai_resolution.rules import number, parse_rules_config

WIDTH = 110
# Kept on one line when wrapping: a timestamp's date and time, a number and its unit.
UNBREAKABLE = re.compile(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d)|(\d) (h|min)\b")
GLUE = "\u2007"
CONVERSATION_SQL = "select * from {schema}.fct_conversations where ticket_id = ?"

# Messages carry no body here: int_activity_timeline never selects it.
TIMELINE_SQL = """
select
    timeline.*,
    actions.action_name,
    actions.procedure_name,
    actions.severity,
    actions.guardrail_result,
    actions.is_critical_breach,
    policies.is_mapped as policy_is_mapped
from {schema}.int_activity_timeline as timeline
left join {schema}.fct_ai_actions as actions
    on timeline.activity_source = 'ai_action' and timeline.activity_id = actions.action_id
left join {schema}.dim_policies as policies
    on timeline.policy_id = policies.policy_id
where timeline.ticket_id = ?
order by timeline.activity_at, timeline.source_order, timeline.activity_id
"""

# Read only with --show-bodies: staging is the one model that holds message bodies.
BODIES_SQL = "select message_id, body from {schema}.stg_support__messages where ticket_id = ?"

# Rows of the ticket set aside instead of used (e.g. dated too long before its creation).
SET_ASIDE_SQL = """
select raw_table, primary_key, dated_at, reason
from {schema}.fct_quarantined_rows
where ticket_id = ?
order by dated_at, raw_table, primary_key
"""

OTHER_TICKETS_SQL = """
select ticket_id, channel, issue_type, created_at, is_spam
from {schema}.fct_conversations
where customer_id = ? and ticket_id != ?
order by created_at, ticket_id
"""


SET_ASIDE_REASONS = {
    "before_ticket_created": "more than max_pre_creation_hours before the ticket was created, so not used",
    "after_as_of": "dated after as_of, so not used",
}


class UnknownTicket(LookupError):
    """No conversation with this ticket id."""


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[Row]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def load_evidence(
    con: duckdb.DuckDBPyConnection, ticket_id: str, schema: str = "main", show_bodies: bool = False
) -> tuple[Evidence, dict[str, str] | None]:
    """The conversation, its timeline, its customer's other tickets and, on request, message bodies."""
    rows = fetch(con, CONVERSATION_SQL.format(schema=schema), [ticket_id])
    if not rows:
        raise UnknownTicket(ticket_id)
    conversation = rows[0]
    evidence = Evidence(
        conversation=conversation,
        timeline=fetch(con, TIMELINE_SQL.format(schema=schema), [ticket_id]),
        thresholds=parse_rules_config(conversation["rules_config"]),
        other_tickets=fetch(con, OTHER_TICKETS_SQL.format(schema=schema), [conversation["customer_id"], ticket_id]),
        set_aside=fetch(con, SET_ASIDE_SQL.format(schema=schema), [ticket_id]),
    )
    bodies = None
    if show_bodies:
        bodies = {r["message_id"]: r["body"] for r in fetch(con, BODIES_SQL.format(schema=schema), [ticket_id])}
    return evidence, bodies


def describe_activity(activity: Row) -> str:
    """What happened, in words; never a message body."""
    kind = activity["activity_type"]
    if activity["activity_source"] == "message":
        return "internal note" if kind == "internal_note" else "message (public)"
    if kind == "status_changed":
        return f"status -> {activity['status']}"
    if kind == "assigned":
        return f"assigned to {activity['assignee_type']}"
    if kind == "handoff_requested":
        return f"handoff requested ({activity['handoff_reason'] or 'no reason'})"
    if kind == "csat_response":
        score = activity["csat_score"]
        return f"CSAT {score}" if score is not None else "CSAT answer off the 1-5 scale (ignored)"
    if activity["activity_source"] == "ai_action":
        name = activity.get("action_name") or activity["activity_id"]
        text = f"AI action {name}: {activity['action_outcome']}"
        if activity["policy_id"]:
            severity = activity.get("severity") or "unknown severity"
            if activity.get("policy_is_mapped") is False:
                severity += ", not in seeds/policies.csv"
            text += f"; policy {activity['policy_id']} ({severity}) {activity['policy_result']}"
            if activity.get("is_critical_breach"):
                text += " -> CRITICAL BREACH"
            elif activity.get("guardrail_result") == "blocked":
                text += " -> blocked"
        return text
    return kind


def format_timeline(evidence: Evidence, bodies: dict[str, str] | None) -> list[str]:
    hidden = "" if bodies is not None else "; message bodies hidden, add --show-bodies to see them"
    lines = [f"Timeline ({len(evidence.timeline)} entries{hidden})"]
    for activity in evidence.timeline:
        actor = activity["actor_type"] or "unknown"
        line = f"  {ts(activity['activity_at']):<19}  {actor:<12} {describe_activity(activity)}"
        if bodies is not None and activity["activity_source"] == "message":
            line += f': "{bodies.get(activity["activity_id"], "")}"'
        lines.append(line)
    if not evidence.timeline:
        lines.append("  (no messages, events, AI actions or CSAT answers)")
    pre_creation = sum(1 for a in evidence.timeline if a["activity_at"] < evidence["created_at"])
    if pre_creation:
        lines.append(
            f"  ({plural(pre_creation, 'entry', 'entries')} before the ticket was created at "
            f"{ts(evidence['created_at'])}, within max_pre_creation_hours: the conversation starts at "
            f"{ts(evidence['started_at'])})"
        )
    for row in evidence.set_aside:
        why = SET_ASIDE_REASONS.get(row["reason"], row["reason"])
        lines.append(f"  set aside: {row['raw_table']} {row['primary_key']} at {ts(row['dated_at'])}: {why}")
    return lines


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def format_explanation(evidence: Evidence, bodies: dict[str, str] | None = None) -> str:
    """The whole printout: header, timeline, outcome and the rule chain."""
    c, t = evidence.conversation, evidence.thresholds
    issue = c["issue_type"] or "(no issue type)"
    if c["category"] == "unmapped":
        issue += " (not in seeds/issue_types.csv)"
    else:
        issue += f" ({c['category']}, {c['risk_level']} risk, {c['complexity']})"
    started = c.get("started_at")
    start = ""
    if started is not None and started < c["created_at"]:
        start = f" · conversation started {ts(started)} ({duration(c['created_at'] - started)} earlier)"
    lines = [
        f"Ticket {c['ticket_id']} · customer {c['customer_id']} · {c['channel']} · {issue} "
        f"· agent version {c['agent_version'] or '(none)'}",
        f"Created {ts(c['created_at'])}{start} · last known status {c['last_known_status']} · as of "
        f"{ts(c['as_of'])} · rules {c['rules_version']}",
        f"Thresholds: reopen window {number(t['reopen_window_hours'])} h (grace {number(t['reopen_grace_minutes'])} "
        f"min) · repeat contact {number(t['repeat_contact_window_hours'])} h · inactivity "
        f"{number(t['inactivity_close_hours'])} h · CSAT confirms >= {number(t['csat_confirm_min_score'])}, "
        f"rejects <= {number(t['csat_negative_max_score'])}",
        f"Conversation start: activity up to {number(t['max_pre_creation_hours'])} h before creation belongs to it "
        f"· policies missing from seeds/policies.csv count as "
        f"{evidence.rules_text('unmapped_policy_severity', 'critical')}",
        "",
        *format_timeline(evidence, bodies),
        "",
        f"CSAT: {c['csat_score'] if c['csat_score'] is not None else 'none'}"
        + (f" (latest valid answer, {ts(c['csat_responded_at'])})" if c["csat_score"] is not None else ""),
        f"Outcome: {c['outcome']} (reason: {c['outcome_reason']})",
        f"Deflected: {'yes' if c['is_deflected'] else 'no'} · AI-resolved: {'yes' if c['is_ai_resolved'] else 'no'}",
        "",
        "Why: the rules are checked in this order; the first that holds decides.",
    ]
    chain = rule_chain(evidence)
    for number_, check in enumerate(chain, start=1):
        verdict = "YES" if check.held else "no"
        arrow = f" -> {check.outcome}" if check.held else ""
        head = f"  {number_:>2}. {check.outcome:<22} {verdict:<4} "
        glued = UNBREAKABLE.sub(lambda m: GLUE.join(g for g in m.groups() if g is not None), check.evidence + arrow)
        text = textwrap.fill(
            glued,
            width=WIDTH,
            initial_indent=head,
            subsequent_indent=" " * len(head),
            break_on_hyphens=False,
            break_long_words=False,
        )
        lines.append(text.replace(GLUE, " "))
    if chain and chain[-1].outcome != c["outcome"]:
        lines.append(f"Note: the stored outcome is {c['outcome']}, but the flags point to {chain[-1].outcome}.")
    return "\n".join(lines)


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``explain`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "explain",
        help="show one conversation's timeline and why it got its outcome",
        description=(
            "Print a conversation's timeline (messages, events, AI actions with their policy results, CSAT), its "
            "outcome, and each outcome rule in order with the evidence, up to the one that decided it. Message "
            "bodies are never printed unless --show-bodies is given."
        ),
    )
    parser.add_argument("ticket_id", metavar="TICKET_ID", help="the ticket to explain")
    add_db_argument(parser)
    parser.add_argument("--schema", default="main", help="schema holding the marts (default: main)")
    parser.add_argument("--show-bodies", action="store_true", help="also print message bodies (PII)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db_path: Path = resolve_db_path(args.db)
    ticket_id = args.ticket_id.strip()
    if not db_path.exists():
        print(f"No database at {db_path}. Run `make demo` or `dbt build` first, or pass --db PATH.")
        return 1
    try:
        with connect(db_path, read_only=True) as con:
            evidence, bodies = load_evidence(con, ticket_id, check_identifier(args.schema), args.show_bodies)
    except UnknownTicket:
        print(f"Unknown ticket id {ticket_id!r}: no such conversation in fct_conversations of {db_path}.")
        return 1
    except (duckdb.Error, ValueError) as error:
        print(f"Cannot read the conversation from {db_path}: {error}\nRun `dbt build` first.")
        return 1
    print(format_explanation(evidence, bodies))
    return 0
