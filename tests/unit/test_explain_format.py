"""The explain printout's pieces on hand-made rows: no database."""

from __future__ import annotations

import datetime as dt

from ai_resolution.explain.evidence import Evidence, duration, solver, ts
from ai_resolution.explain.printout import describe_activity
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
