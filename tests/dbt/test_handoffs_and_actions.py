"""fct_handoffs, fct_ai_actions and dim_policies on the fixtures equal values worked out
by hand from seeds/fixtures/*.csv and seeds/policies.csv (default vars; as_of is
2026-03-31 00:00:00, so every fixture row is in scope)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from helpers.dbt_run import query

# Human involvement in the fixtures (human_agent messages/notes, assignments to
# human_agent, status changes by human_agent): T011 (M0021, E0008), T012 (E0010, M0024,
# E0011), T013 (E0012, M0027), T014 (E0014), T015 (E0016), T016 (M0035), T032 (M0077 is
# the customer, M0078, E0042). E0018's human_agent copy has a null _loaded_at and loses.
# Rules 1.1 fixtures: T068 (E0085, M0153, E0086), T070 (E0088, M0157, E0089), T072 (M0162,
# E0091), T079 (M0178, E0100), T080 (M0180, E0101).
# T011, T032, T072, T079 and T080 have no AI involvement, so they have no handoff.
# handoff_requested events: E0009 (T012), E0061 (T049), E0084 (T068, raised by the AI) and
# E1211 (T121, asked by the customer).
EXPECTED_HANDOFFS: dict[str, dict[str, Any]] = {
    # T012: request E0009 at 09:02:00 by ai_agent, reason policy; first human activity is the
    # assignment E0010 at 09:02:10, after the request, so no unrequested handoff.
    "E0009": {
        "ticket_id": "T012",
        "is_requested": True,
        "handoff_reason": "policy",
        "requested_by": "ai_agent",
        "handoff_date": date(2026, 3, 4),
        # first AI activity A0008 09:01:00 -> 09:02:00 = 1 min
        "minutes_from_first_ai_activity": 1.0,
        # first public AI message M0023 09:01:30 -> 09:02:00 = 0.5 min
        "minutes_from_first_ai_reply": 0.5,
        # public human reply M0024 09:20:00 - 09:02:00 = 18 min
        "minutes_to_first_human_reply": 18.0,
        # E0010 at 09:02:10 is human involvement after the request
        "is_served": True,
        # escalated, solved by E0011 (human), no reopen -> resolved_by human
        "is_human_resolved": True,
        "outcome": "escalated",
    },
    # T049: the customer asks at 09:01:10 (customer_request); only a queue assignment follows.
    "E0061": {
        "ticket_id": "T049",
        "is_requested": True,
        "handoff_reason": "customer_request",
        "requested_by": "customer",
        "handoff_date": date(2026, 3, 12),
        # first AI activity A0046 09:00:40 -> 09:01:10 = 30 s = 0.5 min
        "minutes_from_first_ai_activity": 0.5,
        # M0111 09:01:00 -> 09:01:10 = 10 s = 1/6 min
        "minutes_from_first_ai_reply": 10 / 60,
        # no human message at all
        "minutes_to_first_human_reply": None,
        # E0062 assigns to a queue, not a human: nobody came
        "is_served": False,
        # ai_abandoned / handoff_unserved, never solved
        "is_human_resolved": False,
        "outcome": "ai_abandoned",
    },
    # T013: no request; first human activity = assignment E0012 at 10:01:40.
    "T013:unrequested": {
        "ticket_id": "T013",
        "is_requested": False,
        "handoff_reason": None,
        "requested_by": None,
        "handoff_date": date(2026, 3, 4),
        # A0009 10:01:00 -> 10:01:40 = 40 s = 2/3 min
        "minutes_from_first_ai_activity": 40 / 60,
        # M0026 10:01:30 -> 10:01:40 = 10 s = 1/6 min
        "minutes_from_first_ai_reply": 10 / 60,
        # the only human message M0027 is an internal note (is_public false): no public reply
        "minutes_to_first_human_reply": None,
        # the assignment itself is human involvement at handoff_at
        "is_served": True,
        # escalated, solved by E0013, no reopen -> resolved_by human
        "is_human_resolved": True,
        "outcome": "escalated",
    },
    # T014: no request; first human activity = assignment E0014 at 11:01:40.
    "T014:unrequested": {
        "ticket_id": "T014",
        "is_requested": False,
        "handoff_reason": None,
        "requested_by": None,
        "handoff_date": date(2026, 3, 4),
        # A0011 11:01:00 -> 11:01:40 = 40 s = 2/3 min
        "minutes_from_first_ai_activity": 40 / 60,
        # M0030 11:01:30 -> 11:01:40 = 10 s = 1/6 min
        "minutes_from_first_ai_reply": 10 / 60,
        # the human never wrote
        "minutes_to_first_human_reply": None,
        "is_served": True,
        # escalated, solved by E0015 at 11:02, no reopen
        "is_human_resolved": True,
        "outcome": "escalated",
    },
    # T015: no request; first human activity = status change E0016 by human_agent at 12:30:00.
    "T015:unrequested": {
        "ticket_id": "T015",
        "is_requested": False,
        "handoff_reason": None,
        "requested_by": None,
        "handoff_date": date(2026, 3, 4),
        # A0012 12:00:40 -> 12:30:00 = 29 min 20 s = 29 + 1/3 min
        "minutes_from_first_ai_activity": 29 + 20 / 60,
        # M0032 12:01:00 -> 12:30:00 = 29 min
        "minutes_from_first_ai_reply": 29.0,
        # no human message
        "minutes_to_first_human_reply": None,
        "is_served": True,
        # escalated, solved by E0016 itself, no reopen
        "is_human_resolved": True,
        "outcome": "escalated",
    },
    # T068: the AI raises the handoff at 10:00:30 (E0084, customer_request) and never writes:
    # the request itself is the conversation's first AI activity (rules 1.1).
    "E0084": {
        "ticket_id": "T068",
        "is_requested": True,
        "handoff_reason": "customer_request",
        "requested_by": "ai_agent",
        "handoff_date": date(2026, 3, 17),
        "first_ai_activity_at": datetime(2026, 3, 17, 10, 0, 30),
        # the AI's first activity is the handoff: 0 min before it
        "minutes_from_first_ai_activity": 0.0,
        # no AI message at all: no first AI reply, so no minutes from it
        "first_ai_reply_at": None,
        "minutes_from_first_ai_reply": None,
        # public human reply M0153 10:05:00 - 10:00:30 = 4.5 min
        "minutes_to_first_human_reply": 4.5,
        # E0085 (assigned to a human at 10:01:00) is human involvement after the request
        "is_served": True,
        # escalated, solved by E0086 (human) at 10:10, no reopen -> resolved_by human
        "is_human_resolved": True,
        "outcome": "escalated",
    },
    # T121 (business hours): the customer asks for a person at Friday 17:00 (E1211); the human
    # replies on Monday after London moved to summer time; never solved, so pending.
    "E1211": {
        "ticket_id": "T121",
        "is_requested": True,
        "handoff_reason": "customer_request",
        "requested_by": "customer",
        "handoff_date": date(2026, 3, 27),
        # first AI activity and first public AI message: M1212 at 16:51 -> 17:00 = 9 min
        "first_ai_activity_at": datetime(2026, 3, 27, 16, 51),
        "minutes_from_first_ai_activity": 9.0,
        "first_ai_reply_at": datetime(2026, 3, 27, 16, 51),
        "minutes_from_first_ai_reply": 9.0,
        # M1213 Mon 03-30 08:30 - Fri 03-27 17:00 = 2 days 15 h 30 min = 3810 min
        "minutes_to_first_human_reply": 3810.0,
        "is_served": True,
        # unsolved: nobody resolved it (yet)
        "is_human_resolved": False,
        "outcome": "pending",
    },
    # T070: the bot wrote at 08:59 (M0156), one minute before the ticket was created at 09:00;
    # no request; first human activity = assignment E0088 at 09:00:10.
    "T070:unrequested": {
        "ticket_id": "T070",
        "is_requested": False,
        "handoff_reason": None,
        "requested_by": None,
        "handoff_date": date(2026, 3, 18),
        # M0156 08:59:00 -> 09:00:10 = 70 s = 7/6 min (the pre-creation message counts)
        "minutes_from_first_ai_activity": 70 / 60,
        "minutes_from_first_ai_reply": 70 / 60,
        # public human reply M0157 09:03:00 - 09:00:10 = 170 s = 17/6 min
        "minutes_to_first_human_reply": 170 / 60,
        "is_served": True,
        # escalated, solved by E0089 (human) at 09:10, no reopen
        "is_human_resolved": True,
        "outcome": "escalated",
    },
    # T016: no request; first human activity = M0035 at 13:20:00 (is_public empty -> public).
    "T016:unrequested": {
        "ticket_id": "T016",
        "is_requested": False,
        "handoff_reason": None,
        "requested_by": None,
        "handoff_date": date(2026, 3, 4),
        # A0013 13:01:00 -> 13:20:00 = 19 min
        "minutes_from_first_ai_activity": 19.0,
        # M0034 13:01:30 -> 13:20:00 = 18 min 30 s
        "minutes_from_first_ai_reply": 18.5,
        # the handoff is the public reply itself: waited 0 min
        "minutes_to_first_human_reply": 0.0,
        "is_served": True,
        # escalated, solved by E0017 at 13:21, no reopen
        "is_human_resolved": True,
        "outcome": "escalated",
    },
}


@pytest.fixture(scope="module")
def handoffs(fixture_db: Path) -> dict[str, dict[str, Any]]:
    rows = query(fixture_db, "select * from main.fct_handoffs")
    return {row["handoff_id"]: row for row in rows}


@pytest.fixture(scope="module")
def actions(fixture_db: Path) -> dict[str, dict[str, Any]]:
    rows = query(fixture_db, "select * from main.fct_ai_actions")
    return {row["action_id"]: row for row in rows}


def test_handoff_ids(handoffs: dict[str, dict[str, Any]]) -> None:
    # 3 requests (E0009, E0061, E0084) + 5 escalated tickets without a request before their
    # first human activity (T013-T016, T070) = 8 handoffs.
    assert sorted(handoffs) == sorted(EXPECTED_HANDOFFS)


@pytest.mark.parametrize("handoff_id", sorted(EXPECTED_HANDOFFS))
def test_handoff_matches_hand_worked_values(handoff_id: str, handoffs: dict[str, dict[str, Any]]) -> None:
    row = handoffs[handoff_id]
    for column, expected in EXPECTED_HANDOFFS[handoff_id].items():
        actual = row[column]
        if isinstance(expected, float):
            assert actual == pytest.approx(expected), (handoff_id, column, actual)
        else:
            assert actual == expected, (handoff_id, column, actual)


def test_unserved_handoff_is_the_abandoned_conversation(
    handoffs: dict[str, dict[str, Any]],
) -> None:
    # Only T049 asked for a human and got none (ai_abandoned / handoff_unserved).
    assert {row["ticket_id"] for row in handoffs.values() if not row["is_served"]} == {"T049"}


def test_action_count(actions: dict[str, dict[str, Any]]) -> None:
    # fixture_ai_actions holds A0001-A0086, all on fixture tickets and dated <= as_of
    # (the latest, A0055, is at 2026-03-30 23:55:00); A0062 lies 23.5 h before T071 was
    # created, within max_pre_creation_hours, so it is in too.
    assert sorted(actions) == [f"A{n:04d}" for n in range(1, 87)]


def test_actions_by_guardrail_result(actions: dict[str, dict[str, Any]]) -> None:
    counts = Counter(row["guardrail_result"] for row in actions.values())
    assert counts == {
        # policy_result not_applicable: A0001, A0003-A0008, A0011-A0014, A0021, A0022,
        # A0027-A0030, A0034-A0037, A0039, A0040, A0042, A0044-A0049, A0051, A0052, A0055
        # = 7 + 4 + 2 + 4 + 4 + 2 + 1 + 6 + 2 + 1 = 33; A0056, A0058, A0060-A0062, A0065,
        # A0066, A0069-A0073 = 12 more: 45; A0074-A0077, A0079-A0086 (T089-T095) = 12
        # more: 57
        "not_applicable": 57,
        # passed: A0002, A0009, A0010, A0016, A0023-A0026, A0031-A0033, A0038, A0041,
        # A0043, A0050, A0053, A0054 = 4 + 4 + 3 + 1 + 1 + 1 + 1 + 2 = 17; A0057, A0059,
        # A0064, A0067, A0068 = 5 more: 22
        "passed": 22,
        # violated and not blocked: A0017 (T019), A0018 (T020), A0020 (T022)
        "violated": 3,
        # violated and blocked: A0015 (T018), A0063 (T073) and A0078 (T090), the guardrail worked
        "blocked": 3,
        # overridden: A0019 (T021)
        "overridden": 1,
    }  # 57 + 22 + 3 + 3 + 1 = 86; no action lacks a policy_result, so no not_checked


def test_actions_by_outcome(actions: dict[str, dict[str, Any]]) -> None:
    counts = Counter(row["action_outcome"] for row in actions.values())
    # blocked: A0015, A0063, A0078; failed: A0047, A0075, A0080, A0083, A0085; every other
    # of the 86 succeeded
    assert counts == {"succeeded": 78, "blocked": 3, "failed": 5}


def test_critical_breaches(actions: dict[str, dict[str, Any]]) -> None:
    # Violated + not blocked + critical severity: A0017 (identity_verification, critical,
    # succeeded) on T019, and A0020 on T022: warranty_promise is not in the seed, so it has
    # unmapped_policy_severity, critical by default. A0015 and A0063 (loyalty_cap, unmapped)
    # are blocked, A0018's discount_cap is a warning, A0019 is overridden.
    breaches = {row["action_id"]: row["ticket_id"] for row in actions.values() if row["is_critical_breach"]}
    assert breaches == {"A0017": "T019", "A0020": "T022"}
    assert actions["A0017"]["outcome"] == "ai_policy_breach"
    assert actions["A0020"]["outcome"] == "ai_policy_breach"


def test_action_policy_lookups(actions: dict[str, dict[str, Any]]) -> None:
    # A0020 checks warranty_promise, missing from the policies seed: the effective severity
    # is unmapped_policy_severity (critical by default), as in dim_policies
    assert (actions["A0020"]["severity"], actions["A0020"]["policy_name"]) == ("critical", None)
    assert (actions["A0063"]["severity"], actions["A0063"]["guardrail_result"]) == ("critical", "blocked")
    # A0018 checks discount_cap: warning in the seed
    assert actions["A0018"]["severity"] == "warning"
    # A0015 checks refund_limit: critical, but blocked
    assert (actions["A0015"]["severity"], actions["A0015"]["guardrail_result"]) == (
        "critical",
        "blocked",
    )
    # A0001 checks no policy: no severity
    assert actions["A0001"]["policy_id"] is None
    assert actions["A0001"]["severity"] is None
    # A0036 has an empty procedure_name in the CSV
    assert actions["A0036"]["procedure_name"] is None


def test_policies(fixture_db: Path) -> None:
    rows = query(
        fixture_db,
        "select policy_id, severity, is_mapped, is_critical, action_count from main.dim_policies order by policy_id",
    )
    assert [tuple(row.values()) for row in rows] == [
        # seeds/policies.csv: discount_cap warning; used by A0018 only
        ("discount_cap", "warning", True, False, 1),
        # escalation_offer warning; never checked in the fixtures
        ("escalation_offer", "warning", True, False, 0),
        # identity_verification critical: A0002, A0009, A0010, A0017, A0023-A0026, A0033,
        # A0041, A0043, A0050, A0053, A0054 = 14; A0057, A0059, A0068 = 17
        ("identity_verification", "critical", True, True, 17),
        # loyalty_cap: A0063 (blocked) and A0064, missing from the seed -> critical by
        # default (unmapped_policy_severity)
        ("loyalty_cap", "critical", False, True, 2),
        # pii_disclosure critical; never checked
        ("pii_disclosure", "critical", True, True, 0),
        # refund_limit critical: A0015, A0016, A0019, A0031, A0032, A0038, A0067 = 7; A0078
        # (T090, blocked) = 8
        ("refund_limit", "critical", True, True, 8),
        # tone_check info; never checked
        ("tone_check", "info", True, False, 0),
        # warranty_promise: only in A0020, missing from the seed -> critical by default
        ("warranty_promise", "critical", False, True, 1),
    ]
