"""The hand-worked expectations of the fixtures cover every outcome and reason (CSV only)."""

from __future__ import annotations

from helpers.paths import FIXTURES_DIR, read_csv

EXPECTED = read_csv(FIXTURES_DIR / "expected_conversations.csv")


def test_every_outcome_and_reason_is_covered() -> None:
    outcomes = {row["outcome"] for row in EXPECTED}
    reasons = {row["outcome_reason"] for row in EXPECTED}
    assert outcomes == {
        "excluded",
        "pending",
        "human_only",
        "escalated",
        "ai_policy_breach",
        "ai_reopened",
        "ai_resurfaced",
        "ai_rejected",
        "ai_abandoned",
        "ai_resolved_confirmed",
        "ai_resolved_assumed",
    }
    assert {
        "spam",
        "merged",
        "not_mature",
        "no_ai_involvement",
        "human_replied",
        "human_note",
        "assigned_to_human",
        "human_changed_status",
        "policy_violation",
        "reopened_by_status",
        "reopened_by_customer_message",
        "repeat_contact",
        "customer_rejected",
        "csat_negative",
        "handoff_unserved",
        "inactive_unsolved",
        "unanswered_customer",
        "customer_confirmed",
        "csat_confirmed",
        "solved_no_return",
    } <= reasons
