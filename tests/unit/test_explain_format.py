"""The explain printout's pieces on hand-made rows: no database."""

from __future__ import annotations

import datetime as dt

from ai_resolution.explain.evidence import Evidence, duration, solver, ts
from ai_resolution.explain.printout import describe_activity
from ai_resolution.explain.resolution_evidence import resolution_evidence_line
from ai_resolution.explain.rule_chain import rule_chain
from ai_resolution.rules import OUTCOME_ORDER, parse_rules_config


def test_timestamps_drop_zero_seconds() -> None:
    assert ts(dt.datetime(2026, 3, 6, 12, 2)) == "2026-03-06 12:02"
    assert ts(dt.datetime(2026, 3, 6, 12, 2, 30)) == "2026-03-06 12:02:30"
    assert ts(None) == "n/a"


def test_durations_read_as_minutes_or_hours() -> None:
    assert duration(dt.timedelta(minutes=11)) == "11 min"
    assert duration(dt.timedelta(minutes=90)) == "1.5 h"
    assert duration(dt.timedelta(hours=169)) == "169 h"
    assert solver("ai_agent") == "by ai_agent"
    assert solver("implicit: last known status solved").startswith("implicit")


def test_activities_are_described_without_bodies() -> None:
    action = {
        "activity_type": "ai_action",
        "activity_source": "ai_action",
        "activity_id": "A1",
        "action_name": "change_email",
        "action_outcome": "succeeded",
        "policy_id": "identity_verification",
        "severity": "critical",
        "policy_result": "violated",
        "is_critical_breach": True,
    }
    assert describe_activity(action) == (
        "AI action change_email: succeeded; policy identity_verification (critical) violated -> CRITICAL BREACH"
    )
    note = {"activity_type": "internal_note", "activity_source": "message"}
    assert describe_activity(note) == "internal note"


def test_the_chain_stops_at_the_first_rule_that_holds() -> None:
    spam = Evidence(
        conversation={"is_spam": True, "merged_into_ticket_id": "T2"},
        timeline=[],
        thresholds=parse_rules_config(None),
    )
    [check] = rule_chain(spam)
    assert check.outcome == OUTCOME_ORDER[0] == "excluded"
    assert check.held and check.evidence == "marked as spam (is_spam); also merged into T2"


def action(action_id: str, at: dt.datetime, name: str, procedure: str | None, outcome: str, final: bool | None) -> dict:
    return {
        "activity_type": "ai_action",
        "activity_source": "ai_action",
        "activity_id": action_id,
        "activity_at": at,
        "action_name": name,
        "procedure_name": procedure,
        "action_outcome": outcome,
        "is_final_step": final,
    }


def resolved(evidence: str, timeline: list[dict], **conversation: object) -> Evidence:
    row = {
        "is_ai_resolved": True,
        "resolution_evidence": evidence,
        "resolution_evidence_action_id": None,
        "final_solved_at": dt.datetime(2026, 3, 3, 9, 3),
        "has_confirmation_event": False,
        "csat_score": None,
        "csat_responded_at": None,
        **conversation,
    }
    return Evidence(conversation=row, timeline=timeline, thresholds=parse_rules_config(None))


def test_resolution_evidence_names_the_proving_action() -> None:
    refund = action("A0123", dt.datetime(2026, 3, 3, 9, 2), "issue_refund", "refund", "succeeded", True)
    line = resolution_evidence_line(resolved("workflow_completed", [refund], resolution_evidence_action_id="A0123"))
    assert line == (
        "Resolution evidence: workflow_completed — action A0123 issue_refund (procedure refund) succeeded at "
        "2026-03-03 09:02, final step, at or before the final solve at 2026-03-03 09:03"
    )


def test_resolution_evidence_says_which_confirmation() -> None:
    event = {
        "activity_type": "resolution_confirmed",
        "activity_source": "event",
        "activity_at": dt.datetime(2026, 3, 3, 9, 5),
    }
    by_event = resolved("customer_confirmed", [event], has_confirmation_event=True)
    assert resolution_evidence_line(by_event) == (
        "Resolution evidence: customer_confirmed — confirmation event at 2026-03-03 09:05"
    )
    by_csat = resolved("customer_confirmed", [], csat_score=4, csat_responded_at=dt.datetime(2026, 3, 3, 11, 0))
    assert resolution_evidence_line(by_csat) == (
        "Resolution evidence: customer_confirmed — CSAT score 4 at 2026-03-03 11:00 (4 or more confirms)"
    )


def test_assumed_evidence_tells_why_each_final_step_did_not_count() -> None:
    timeline = [
        action("A1", dt.datetime(2026, 3, 3, 9, 0, 40), "update_address", "order_status", "succeeded", True),
        action("A2", dt.datetime(2026, 3, 3, 9, 1), "send_tracking_email", "order_status", "failed", False),
        action("A3", dt.datetime(2026, 3, 3, 9, 1), "cancel_order", None, "failed", True),
        action("A4", dt.datetime(2026, 3, 3, 9, 4), "run_diagnostics", "technical_issue", "succeeded", True),
        action("A5", dt.datetime(2026, 3, 3, 9, 2), "lookup_order", "order_status", "succeeded", None),
    ]
    line = resolution_evidence_line(resolved("assumed", timeline))
    assert line is not None
    assert line.startswith("Resolution evidence: assumed — no confirmation, CSAT or completed workflow (")
    assert "final step A1 update_address (procedure order_status) succeeded at 2026-03-03 09:00:40, then A2 " in line
    assert "send_tracking_email failed at 2026-03-03 09:01 (same procedure)" in line
    assert "final step A3 cancel_order (no procedure: grouped by its action name) failed" in line
    assert "A4 run_diagnostics (procedure technical_issue) succeeded at 2026-03-03 09:04, after the final solve" in line
    assert "A5" not in line  # is_final_step null: not a final step
    assert resolution_evidence_line(resolved("assumed", [])) == (
        "Resolution evidence: assumed — no confirmation, CSAT or completed workflow"
    )


def test_no_evidence_line_unless_ai_resolved() -> None:
    assert resolution_evidence_line(resolved("assumed", [], is_ai_resolved=False)) is None
