"""The ``explain`` printout: header, timeline, outcome and the rule chain, as text."""

from __future__ import annotations

import re
import textwrap

from ai_resolution.explain.evidence import Evidence, Row, ts
from ai_resolution.explain.rule_chain import rule_chain
from ai_resolution.rules import number

WIDTH = 110
# Kept on one line when wrapping: a timestamp's date and time, a number and its unit.
UNBREAKABLE = re.compile(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d)|(\d) (h|min)\b")
GLUE = "\u2007"


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
            severity = activity.get("severity") or "unmapped"
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
    return lines


def format_explanation(evidence: Evidence, bodies: dict[str, str] | None = None) -> str:
    """The whole printout: header, timeline, outcome and the rule chain."""
    c, t = evidence.conversation, evidence.thresholds
    issue = c["issue_type"] or "(no issue type)"
    if c["category"] == "unmapped":
        issue += " (not in seeds/issue_types.csv)"
    else:
        issue += f" ({c['category']}, {c['risk_level']} risk, {c['complexity']})"
    lines = [
        f"Ticket {c['ticket_id']} · customer {c['customer_id']} · {c['channel']} · {issue} "
        f"· agent version {c['agent_version'] or '(none)'}",
        f"Created {ts(c['created_at'])} · last known status {c['last_known_status']} · as of {ts(c['as_of'])} "
        f"· rules {c['rules_version']}",
        f"Thresholds: reopen window {number(t['reopen_window_hours'])} h (grace {number(t['reopen_grace_minutes'])} "
        f"min) · repeat contact {number(t['repeat_contact_window_hours'])} h · inactivity "
        f"{number(t['inactivity_close_hours'])} h · CSAT confirms >= {number(t['csat_confirm_min_score'])}, "
        f"rejects <= {number(t['csat_negative_max_score'])}",
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
