"""What shows that an AI-resolved conversation was really resolved (fct_conversations.resolution_evidence),
in words: the customer's confirmation, the AI action that completed a workflow, or nothing."""

from __future__ import annotations

from ai_resolution.explain.evidence import Evidence, Row, ts
from ai_resolution.rules import number

SETBACKS = ("failed", "blocked")


def procedure_of(action: Row) -> str:
    """The procedure a step belongs to: procedure_name, or its action_name when it names none."""
    return str(action.get("procedure_name") or action.get("action_name") or action["activity_id"])


def describe_action(action: Row) -> str:
    """A0123 issue_refund (procedure refund); a step without a procedure_name says so."""
    name = action.get("action_name") or "unnamed action"
    procedure = action.get("procedure_name")
    where = f"procedure {procedure}" if procedure else "no procedure: grouped by its action name"
    return f"{action['activity_id']} {name} ({where})"


def why_not_completed(e: Evidence, action: Row) -> str:
    """Why a final step did not prove a completed workflow (the rule of int_workflow_completions)."""
    if action["action_outcome"] != "succeeded":
        return f"{action['action_outcome']}"
    final = e["final_solved_at"]
    if final is not None and action["activity_at"] > final:
        return f"succeeded at {ts(action['activity_at'])}, after the final solve at {ts(final)}"
    setback = next(
        (
            a
            for a in e.activities("ai_action")
            if a["action_outcome"] in SETBACKS
            and procedure_of(a) == procedure_of(action)
            and a["activity_at"] >= action["activity_at"]
        ),
        None,
    )
    if setback is not None:
        return (
            f"succeeded at {ts(action['activity_at'])}, then {setback['activity_id']} {setback.get('action_name')} "
            f"{setback['action_outcome']} at {ts(setback['activity_at'])} (same procedure)"
        )
    return f"succeeded at {ts(action['activity_at'])}"


def resolution_evidence_line(e: Evidence) -> str | None:
    """The evidence line of an AI-resolved conversation; None for any other."""
    evidence = e.conversation.get("resolution_evidence")
    if not e["is_ai_resolved"] or evidence is None:
        return None
    head = f"Resolution evidence: {evidence}"
    if evidence == "customer_confirmed":
        event = e.first("resolution_confirmed")
        if e["has_confirmation_event"] and event:
            return f"{head} — confirmation event at {ts(event['activity_at'])}"
        confirm = number(e.thresholds["csat_confirm_min_score"])
        return f"{head} — CSAT score {e['csat_score']} at {ts(e['csat_responded_at'])} ({confirm} or more confirms)"
    if evidence == "workflow_completed":
        action_id = e.conversation.get("resolution_evidence_action_id")
        action = e.first("ai_action", activity_id=action_id)
        if action is None:
            return f"{head} — action {action_id}"
        return (
            f"{head} — action {describe_action(action)} {action['action_outcome']} at {ts(action['activity_at'])}, "
            f"final step, at or before the final solve at {ts(e['final_solved_at'])}"
        )
    finals = [a for a in e.activities("ai_action") if a.get("is_final_step")]
    near = "; ".join(f"final step {describe_action(a)} {why_not_completed(e, a)}" for a in finals)
    return f"{head} — no confirmation, CSAT or completed workflow" + (f" ({near})" if near else "")
