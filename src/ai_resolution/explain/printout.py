"""The ``explain`` printout: header, timeline, outcome and the rule chain, as text."""

from __future__ import annotations

import re
import textwrap

from ai_resolution.explain.evidence import Evidence, Row, duration, ts
from ai_resolution.explain.resolution_evidence import resolution_evidence_line
from ai_resolution.explain.rule_chain import rule_chain
from ai_resolution.rules import number

WIDTH = 110
# Kept on one line when wrapping: a timestamp's date and time, a number and its unit.
UNBREAKABLE = re.compile(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d)|(\d) (h|min)\b")
GLUE = "\u2007"

SET_ASIDE_REASONS = {
    "before_ticket_created": "more than max_pre_creation_hours before the ticket was created, so not used",
    "after_as_of": "dated after as_of, so not used",
}


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
        *([line] if (line := resolution_evidence_line(evidence)) else []),
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
