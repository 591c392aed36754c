"""The outcome rules of one conversation, checked in order, each with its evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ai_resolution.explain.evidence import (
    MAX_NEAR_MISSES,
    REOPENING_STATUSES,
    Evidence,
    Row,
    RuleCheck,
    duration,
    latest_solve_before,
    solver,
    ts,
)
from ai_resolution.rules import OUTCOME_ORDER, number


def check_excluded(e: Evidence) -> tuple[bool, str]:
    if e["is_spam"]:
        merged = f"; also merged into {e['merged_into_ticket_id']}" if e["merged_into_ticket_id"] else ""
        return True, f"marked as spam (is_spam){merged}"
    if e["merged_into_ticket_id"]:
        return True, f"merged into ticket {e['merged_into_ticket_id']}"
    return False, "not spam, not merged into another ticket"


def check_pending(e: Evidence) -> tuple[bool, str]:
    t = e.thresholds
    if e["is_currently_solved"]:
        window = max(t["reopen_window_hours"], t["repeat_contact_window_hours"])
        basis = f"final solve {ts(e['final_solved_at'])} + {number(window)} h, both windows"
        repeated = e.repeated_solves()
        if repeated:
            basis += "; " + "; ".join(repeated)
    else:
        basis = f"last activity {ts(e['last_activity_at'])} + {number(t['inactivity_close_hours'])} h without activity"
    if not e["is_mature"]:
        return True, f"matures at {ts(e['matures_at'])} ({basis}), after as_of {ts(e['as_of'])}: can still change"
    return False, f"mature since {ts(e['matures_at'])} ({basis}); as_of {ts(e['as_of'])}"


def is_ai_activity(a: Row) -> bool:
    """The involvement rule of macros/involvement.sql: an AI message, an AI action, an
    assignment to ai_agent, or any event whose actor is ai_agent."""
    return (
        a["activity_source"] == "ai_action"
        or (a["activity_source"] == "message" and a["actor_type"] == "ai_agent")
        or (a["activity_type"] == "assigned" and a["assignee_type"] == "ai_agent")
        or (a["activity_source"] == "event" and a["actor_type"] == "ai_agent")
    )


def describe_ai_activity(activity: Row | None) -> str:
    if activity is None:
        return "AI activity"
    if activity["activity_source"] == "ai_action":
        return f"AI action {activity.get('action_name') or activity['activity_id']}"
    if activity["activity_type"] == "assigned" and activity["assignee_type"] == "ai_agent":
        return "assigned to ai_agent"
    if activity["activity_source"] == "event":
        kind = activity["activity_type"]
        what = f"status change to {activity['status']}" if kind == "status_changed" else kind.replace("_", " ")
        return f"{what} by ai_agent: an event by the AI is AI involvement, even without an AI message"
    return "AI message" if activity["is_public"] else "internal AI message"


def before_creation(e: Evidence, activity: Row | None) -> str:
    if activity is None or activity["activity_at"] >= e["created_at"]:
        return ""
    return (
        f", {duration(e['created_at'] - activity['activity_at'])} before the ticket was created at "
        f"{ts(e['created_at'])}: the conversation starts at {ts(e['started_at'])}"
    )


def check_human_only(e: Evidence) -> tuple[bool, str]:
    if not e["is_ai_involved"]:
        return True, "no AI message, no AI action, no assignment to ai_agent, no event by ai_agent"
    first = next((a for a in e.timeline if is_ai_activity(a)), None)
    return False, (
        f"AI involved from {ts(e['first_ai_activity_at'])} ({describe_ai_activity(first)}{before_creation(e, first)})"
    )


def check_escalated(e: Evidence) -> tuple[bool, str]:
    if not e["is_human_involved"]:
        return False, "no human message or note, no assignment to a human, no status change by a human"
    if e["human_reply_count"]:
        return True, f"a human replied publicly at {ts(e['first_human_reply_at'])} ({e['human_reply_count']} replies)"
    note = e.first("internal_note", actor_type="human_agent")
    if e["human_note_count"] and note:
        return True, f"a human wrote an internal note at {ts(note['activity_at'])} (the customer never saw a human)"
    assigned = e.first("assigned", assignee_type="human_agent")
    if assigned:
        return True, f"assigned to a human at {ts(assigned['activity_at'])}, who never wrote"
    status = e.first("status_changed", actor_type="human_agent")
    when = ts(status["activity_at"]) if status else ts(e["first_human_activity_at"])
    return True, f"a human changed the status at {when} (status {status['status'] if status else 'n/a'})"


def check_policy_breach(e: Evidence) -> tuple[bool, str]:
    actions = e.activities("ai_action")
    breaches = [a for a in actions if a.get("is_critical_breach")]
    if breaches:
        return True, "; ".join(
            f"{a.get('action_name') or a['activity_id']} at {ts(a['activity_at'])}: policy {a['policy_id']} "
            f"({policy_severity(a, e)}) violated and the action {a['action_outcome']}, not blocked"
            for a in breaches
        )
    if not actions:
        return False, "no AI actions traced, so no guardrail result"
    misses = []
    for a in actions:
        if a["policy_result"] == "violated" and a["action_outcome"] == "blocked":
            misses.append(f"{a['policy_id']} violated at {ts(a['activity_at'])} but blocked: the guardrail worked")
        elif a["policy_result"] == "violated":
            misses.append(f"{a['policy_id']} ({policy_severity(a, e)}) violated: not a critical policy")
        elif a["policy_result"] == "overridden" and a.get("severity") == "critical":
            misses.append(f"{a['policy_id']} overridden, not violated")
    detail = f" ({'; '.join(misses[:MAX_NEAR_MISSES])})" if misses else ""
    noun = "AI action" if len(actions) == 1 else "AI actions"
    return False, f"{len(actions)} {noun}, no unblocked violation of a critical policy{detail}"


def policy_severity(action: Row, e: Evidence) -> str:
    """The effective severity, saying where it comes from when the seed does not list the policy."""
    severity = action.get("severity") or e.rules_text("unmapped_policy_severity", "critical")
    if action.get("policy_is_mapped") is False:
        return f"{severity}: not in seeds/policies.csv, so unmapped_policy_severity applies"
    return severity


def reopen_signals(e: Evidence) -> list[Row]:
    return [
        a
        for a in e.timeline
        if (a["activity_type"] == "status_changed" and a["status"] in REOPENING_STATUSES)
        or (a["activity_source"] == "message" and a["actor_type"] == "customer")
    ]


def check_reopened(e: Evidence) -> tuple[bool, str]:
    window, grace = e.thresholds["reopen_window_hours"], e.thresholds["reopen_grace_minutes"]
    solves = e.solves()
    if e["is_reopened"]:
        at = e["reopened_at"]
        solve = latest_solve_before(solves, at)
        solved = f"solved at {ts(solve[0])} {solver(solve[1])}" if solve else "solved"
        later = f"{duration(at - solve[0])} later, " if solve else ""
        if e["reopen_type"] == "reopened_by_status":
            event = next((a for a in e.activities("status_changed") if a["activity_at"] == at), None)
            status = event["status"] if event else "open"
            actor = f" by {event['actor_type']}" if event else ""
            return True, (
                f"{solved}; status back to {status}{actor} at {ts(at)} "
                f"({later}within the {number(window)} h reopen window)"
            )
        repeated = e.repeated_solves()
        tail = f"; {'; '.join(repeated)}" if repeated else ""
        return True, (
            f"{solved}; customer wrote again at {ts(at)} ({later}past the {number(grace)} min grace, "
            f"within the {number(window)} h reopen window){tail}"
        )
    if not solves:
        return False, "never solved: nothing to reopen"
    misses = []
    for signal in reopen_signals(e):
        at, is_message = signal["activity_at"], signal["activity_source"] == "message"
        what = f"customer wrote at {ts(at)}" if is_message else f"status {signal['status']} at {ts(at)}"
        solve = latest_solve_before(solves, at)
        if solve is None:
            if not is_message:
                misses.append(f"{what} came before any solve")
            continue
        gap = at - solve[0]
        if gap > dt.timedelta(hours=window):
            misses.append(
                f"{what}, {duration(gap)} after the solve at {ts(solve[0])}: outside the {number(window)} h window"
            )
        elif is_message and gap <= dt.timedelta(minutes=grace):
            misses.append(
                f"{what}, {duration(gap)} after the solve at {ts(solve[0])}: within the {number(grace)} min grace "
                "(a thank-you)"
            )
    repeated = e.repeated_solves()
    if misses:
        return False, "no reopen: " + "; ".join(misses[:MAX_NEAR_MISSES] + repeated)
    tail = f"; {'; '.join(repeated)}" if repeated else ""
    return False, (
        f"solved at {ts(solves[0][0])}; no status change back to open and no customer message after a solve{tail}"
    )


def issue_match(mine: str | None, theirs: str | None) -> str:
    if mine is None or theirs is None:
        return "a missing issue type matches any"
    return f"same issue type {mine}"


def check_resurfaced(e: Evidence) -> tuple[bool, str]:
    window = e.thresholds["repeat_contact_window_hours"]
    first = e["first_solved_at"]
    if e["has_repeat_contact"]:
        other = next((t for t in e.other_tickets if t["ticket_id"] == e["repeat_contact_ticket_id"]), None)
        match = issue_match(e["issue_type"], other["issue_type"] if other else e["issue_type"])
        return True, (
            f"first solved at {ts(first)}; the same customer opened {e['repeat_contact_ticket_id']} on "
            f"{e['repeat_contact_channel']} at {ts(e['repeat_contact_at'])} "
            f"({duration(e['repeat_contact_at'] - first)} later, "
            f"within the {number(window)} h repeat-contact window, {match})"
        )
    if first is None:
        return False, "never solved: only a solved conversation can resurface"
    misses = []
    for other in e.other_tickets:
        at, name = other["created_at"], other["ticket_id"]
        same_issue = e["issue_type"] is None or other["issue_type"] is None or e["issue_type"] == other["issue_type"]
        if at <= first:
            continue
        if at - first > dt.timedelta(hours=window):
            misses.append(
                f"{name} opened {duration(at - first)} after the first solve: outside the {number(window)} h window"
            )
        elif not same_issue:
            misses.append(f"{name} is about {other['issue_type']}, not {e['issue_type']}")
        elif other["is_spam"]:
            misses.append(f"{name} is spam, not a contact")
    detail = f" ({'; '.join(misses[:MAX_NEAR_MISSES])})" if misses else ""
    return False, (
        f"no other ticket of customer {e['customer_id']} on the same issue within {number(window)} h "
        f"after the first solve at {ts(first)}{detail}"
    )


def latest_csat(e: Evidence) -> str:
    if e["csat_score"] is None:
        return "no valid CSAT answer"
    return f"latest CSAT {e['csat_score']} at {ts(e['csat_responded_at'])}"


def check_rejected(e: Evidence) -> tuple[bool, str]:
    negative = number(e.thresholds["csat_negative_max_score"])
    if e["is_rejected"]:
        rejected = e.first("resolution_rejected")
        if e["has_rejection_event"] and rejected:
            return True, f"the customer rejected the resolution at {ts(rejected['activity_at'])} ({latest_csat(e)})"
        return True, f"{latest_csat(e)}: {negative} or less rejects"
    return False, f"no resolution_rejected event; {latest_csat(e)} (rejects at {negative} or less)"


def last_public_message(e: Evidence) -> Row | None:
    final = e["final_solved_at"]
    messages = [
        a
        for a in e.activities("message")
        if a["actor_type"] in ("customer", "ai_agent", "human_agent") and (final is None or a["activity_at"] <= final)
    ]
    return messages[-1] if messages else None


def check_abandoned(e: Evidence) -> tuple[bool, str]:
    last = last_public_message(e)
    if e["is_handoff_unserved"]:
        return True, (
            f"a handoff was requested at {ts(e['first_handoff_requested_at'])} ({e['handoff_reason'] or 'no reason'}) "
            "and no human ever got involved"
        )
    if not e["solve_count"]:
        return True, (
            f"never solved; last activity at {ts(e['last_activity_at'])}, inactive for "
            f"{number(e.thresholds['inactivity_close_hours'])} h by {ts(e['matures_at'])}"
        )
    if e["is_unanswered"] and last:
        return True, (
            f"the last public message before the final solve at {ts(e['final_solved_at'])} was the customer's, "
            f"at {ts(last['activity_at'])}: nobody answered it"
        )
    said = (
        f"the last public message before it was by {last['actor_type']} at {ts(last['activity_at'])}"
        if last
        else ("no public message to leave unanswered")
    )
    return False, f"solved at {ts(e['final_solved_at'])}; {said}; no unserved handoff"


def check_confirmed(e: Evidence) -> tuple[bool, str]:
    confirm = number(e.thresholds["csat_confirm_min_score"])
    if e["is_confirmed"]:
        event = e.first("resolution_confirmed")
        if e["has_confirmation_event"] and event:
            return True, f"the customer confirmed the resolution at {ts(event['activity_at'])}"
        return True, f"{latest_csat(e)}: {confirm} or more confirms"
    return False, f"no resolution_confirmed event; {latest_csat(e)} (confirms at {confirm} or more)"


def check_assumed(e: Evidence) -> tuple[bool, str]:
    return True, (
        f"solved at {ts(e['final_solved_at'])} by the AI alone and none of the above happened: the resolution is "
        "assumed (the customer said nothing more)"
    )


CHECKS: dict[str, Callable[[Evidence], tuple[bool, str]]] = {
    "excluded": check_excluded,
    "pending": check_pending,
    "human_only": check_human_only,
    "escalated": check_escalated,
    "ai_policy_breach": check_policy_breach,
    "ai_reopened": check_reopened,
    "ai_resurfaced": check_resurfaced,
    "ai_rejected": check_rejected,
    "ai_abandoned": check_abandoned,
    "ai_resolved_confirmed": check_confirmed,
    "ai_resolved_assumed": check_assumed,
}


def rule_chain(evidence: Evidence) -> list[RuleCheck]:
    """Check the rules in the outcome order and stop at the first that holds."""
    checks: list[RuleCheck] = []
    for outcome in OUTCOME_ORDER:
        held, text = CHECKS[outcome](evidence)
        checks.append(RuleCheck(outcome, held, text))
        if held:
            break
    return checks
