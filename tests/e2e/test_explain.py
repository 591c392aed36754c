"""`ai-resolution explain` on the fixtures: one ticket of every outcome, its reason, the evidence of the
deciding rule, and message bodies only with --show-bodies."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import duckdb
import pytest

from ai_resolution.cli import main
from ai_resolution.rules import OUTCOME_ORDER
from helpers.paths import BIN_DIR, FIXTURES_DIR, PROJECT_DIR, read_csv

pytestmark = pytest.mark.engines("duckdb")  # the CLI reads DuckDB files

# One fixture ticket per outcome, and what the deciding rule must print as its evidence.
CASES: dict[str, tuple[str, list[str]]] = {
    "excluded": ("T001", ["marked as spam"]),
    "pending": ("T006", ["matures at 2026-04-04 00:00", "final solve 2026-03-28 00:00 + 168 h", "after as_of"]),
    "human_only": ("T011", ["no AI message, no AI action, no assignment to ai_agent"]),
    "escalated": ("T013", ["a human wrote an internal note at 2026-03-04 10:05"]),
    "ai_policy_breach": ("T019", ["change_email at 2026-03-05 11:01", "identity_verification (critical) violated"]),
    "ai_reopened": (
        "T026",
        [
            "solved at 2026-03-06 12:02 by ai_agent",
            "customer wrote again at 2026-03-06 12:13",
            "11 min later",
            "past the 10 min grace",
            "within the 72 h reopen window",
        ],
    ),
    "ai_resurfaced": (
        "T031",
        ["opened T032 on email at 2026-03-10 09:02", "48 h later", "within the 168 h repeat-contact window"],
    ),
    "ai_rejected": ("T042", ["latest CSAT 2 at 2026-03-11 12:00", "2 or less rejects"]),
    "ai_abandoned": ("T049", ["a handoff was requested at", "(customer_request)", "no human ever got involved"]),
    "ai_resolved_confirmed": ("T046", ["the customer confirmed the resolution at"]),
    "ai_resolved_assumed": (
        "T024",
        ["73 h after the solve at 2026-03-06 10:02: outside the 72 h window", "the resolution is assumed"],
    ),
}


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, str]]:
    return {row["ticket_id"]: row for row in read_csv(FIXTURES_DIR / "expected_conversations.csv")}


@pytest.fixture(scope="module")
def bodies() -> dict[str, set[str]]:
    """Message bodies per ticket, from the raw fixture."""
    by_ticket: dict[str, set[str]] = {}
    for row in read_csv(PROJECT_DIR / "seeds" / "fixtures" / "fixture_messages.csv"):
        if row["body"].strip():
            by_ticket.setdefault(row["ticket_id"], set()).add(row["body"])
    return by_ticket


def explain(fixture_db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["explain", *args, "--db", str(fixture_db)]) == 0
    return capsys.readouterr().out


def flat(text: str) -> str:
    """The output with line wraps undone."""
    return " ".join(text.split())


def test_cases_cover_every_outcome(expected: dict[str, dict[str, str]]) -> None:
    assert set(CASES) == set(OUTCOME_ORDER) == {row["outcome"] for row in expected.values()}
    for outcome, (ticket, _) in CASES.items():
        assert expected[ticket]["outcome"] == outcome


@pytest.mark.parametrize("outcome", OUTCOME_ORDER)
def test_explain_prints_outcome_reason_and_deciding_evidence(
    outcome: str,
    fixture_db: Path,
    capsys: pytest.CaptureFixture[str],
    expected: dict[str, dict[str, str]],
) -> None:
    ticket, evidence = CASES[outcome]
    out = explain(fixture_db, capsys, ticket)
    assert f"Ticket {ticket} " in out
    assert f"Outcome: {outcome} (reason: {expected[ticket]['outcome_reason']})" in out
    # The rules are walked in order and stop at the deciding one, which is the only YES.
    rules = [line.split() for line in out.splitlines() if re.match(r"^\s+\d+\. ", line)]
    position = OUTCOME_ORDER.index(outcome)
    assert [r[1] for r in rules] == list(OUTCOME_ORDER[: position + 1])
    assert [r[2] for r in rules] == ["no"] * position + ["YES"]
    assert flat(out).endswith(f"-> {outcome}")
    for text in evidence:
        assert text in flat(out), f"{ticket}: missing evidence {text!r}"


def test_timeline_shows_messages_events_actions_and_csat(fixture_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = explain(fixture_db, capsys, "T013")
    assert "2026-03-04 10:00:10  customer     message (public)" in out
    assert "human_agent  internal note" in out
    assert "assigned to human_agent" in out
    assert "AI action verify_identity: succeeded; policy identity_verification (critical) passed" in out
    assert "status -> solved" in out
    breach = explain(fixture_db, capsys, "T019")
    assert "policy identity_verification (critical) violated -> CRITICAL BREACH" in breach
    csat = explain(fixture_db, capsys, "T045")
    assert "CSAT 5" in csat and "CSAT 2" in csat
    assert "CSAT: 2 (latest valid answer" in csat


def test_bodies_only_with_show_bodies(
    fixture_db: Path, capsys: pytest.CaptureFixture[str], bodies: dict[str, set[str]]
) -> None:
    tickets = [ticket for ticket, _ in CASES.values() if ticket in bodies]
    assert len(tickets) >= 8
    for ticket in tickets:
        hidden = explain(fixture_db, capsys, ticket)
        assert "message bodies hidden" in hidden
        for body in bodies[ticket]:
            assert body not in hidden, f"{ticket}: body printed without --show-bodies"
        shown = explain(fixture_db, capsys, ticket, "--show-bodies")
        for body in bodies[ticket]:
            assert f'"{body}"' in shown, f"{ticket}: body missing with --show-bodies"


def test_a_command_leaves_the_database_closed(fixture_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """dbt-duckdb keeps its database open for the life of the process; the CLI closes it, so
    the same process can open the file again with other settings (a test, `publish`)."""
    explain(fixture_db, capsys, "T011")
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        assert con.execute("select count(*) from main.fct_conversations where ticket_id = 'T011'").fetchone() == (1,)


def test_unknown_ticket_is_a_clear_error(fixture_db: Path) -> None:
    result = subprocess.run(
        [str(BIN_DIR / "ai-resolution"), "explain", "T999", "--db", str(fixture_db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""  # errors go to stderr: stdout stays the command's output
    assert "unknown ticket id 'T999'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# Rules 1.1: each new rule is told in the chain, in words a reviewer can check by hand.
RULES_1_1: dict[str, list[str]] = {
    # An auto-close 96 h after the solve restarts no window.
    "T061": [
        "final solve 2026-03-16 09:02 + 168 h",
        "closed at 2026-03-20 09:02 by system, 96 h after the solve: not a new solve",
        "customer wrote at 2026-03-20 13:02, 100 h after the solve at 2026-03-16 09:02: outside the 72 h window",
    ],
    # The grace counts from the solve, not from the close 5 min later.
    "T063": [
        "solved at 2026-03-16 10:02 by ai_agent; customer wrote again at 2026-03-16 10:14 (12 min later",
        "closed at 2026-03-16 10:07 by system, 5 min after the solve: not a new solve",
    ],
    # Setting solved again is no new solve either.
    "T065": ["set solved again at 2026-03-16 14:02 by ai_agent, 2 h after the solve: not a new solve"],
    # A status change by the AI, with no AI message, is AI involvement.
    "T067": ["AI involved from 2026-03-17 09:05 (status change to closed by ai_agent: an event by the AI is AI"],
    # So is a handoff the AI raised.
    "T068": ["AI involved from 2026-03-17 10:00:30 (handoff requested by ai_agent"],
    # Activity before created_at starts the conversation.
    "T070": [
        "conversation started 2026-03-18 08:58 (2 min earlier)",
        "AI involved from 2026-03-18 08:59 (AI message, 1 min before the ticket was created at 2026-03-18 09:00: "
        "the conversation starts at 2026-03-18 08:58)",
    ],
    # ... but not when it is more than max_pre_creation_hours earlier.
    "T072": [
        "set aside: messages M0160 at 2026-03-17 10:59:59: more than max_pre_creation_hours before the ticket was "
        "created, so not used",
        "no AI message, no AI action, no assignment to ai_agent, no event by ai_agent",
    ],
    # A policy missing from the seed is critical by default.
    "T022": [
        "policy warranty_promise (critical, not in seeds/policies.csv) violated -> CRITICAL BREACH",
        "policy warranty_promise (critical: not in seeds/policies.csv, so unmapped_policy_severity applies) violated "
        "and the action succeeded, not blocked -> ai_policy_breach",
    ],
}


@pytest.mark.parametrize("ticket", sorted(RULES_1_1))
def test_explain_tells_the_rules_1_1_changes(
    ticket: str, fixture_db: Path, capsys: pytest.CaptureFixture[str], expected: dict[str, dict[str, str]]
) -> None:
    out = explain(fixture_db, capsys, ticket)
    assert f"Outcome: {expected[ticket]['outcome']} (reason: {expected[ticket]['outcome_reason']})" in out
    assert "rules 1.1.0" in out
    for text in RULES_1_1[ticket]:
        assert text in flat(out), f"{ticket}: missing {text!r}"


def test_explain_header_names_the_new_settings(fixture_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = flat(explain(fixture_db, capsys, "T071"))
    assert "Created 2026-03-18 10:00 · conversation started 2026-03-17 10:00 (24 h earlier)" in out
    assert "activity up to 24 h before creation belongs to it" in out
    assert "policies missing from seeds/policies.csv count as critical" in out
    # A conversation that started at its creation says nothing about an earlier start.
    assert "conversation started" not in explain(fixture_db, capsys, "T024")


# Hand-worked in tests/fixtures/expected_resolution_evidence.csv.
EVIDENCE_CASES: dict[str, str] = {
    "T090": (
        "Resolution evidence: workflow_completed — action A0077 send_confirmation (procedure order_status) "
        "succeeded at 2026-03-20 10:00:40, final step, at or before the final solve at 2026-03-20 10:02"
    ),
    "T095": "action A0086 send_replacement (procedure shipping_delay) succeeded at 2026-03-20 15:02, final step",
    "T046": "Resolution evidence: customer_confirmed — confirmation event at 2026-03-11 14:03",
    "T044": "Resolution evidence: customer_confirmed — CSAT score 4 at",
    "T089": (
        "Resolution evidence: assumed — no confirmation, CSAT or completed workflow (final step A0074 update_address "
        "(procedure order_status) succeeded at 2026-03-20 09:00:40, then A0075 send_tracking_email failed at "
        "2026-03-20 09:01 (same procedure))"
    ),
    "T091": "succeeded at 2026-03-20 11:03, after the final solve at 2026-03-20 11:02",
    "T093": "final step A0082 issue_refund (no procedure: grouped by its action name) succeeded",
    "T003": "Resolution evidence: assumed — no confirmation, CSAT or completed workflow",
}


@pytest.mark.parametrize("ticket", sorted(EVIDENCE_CASES))
def test_explain_prints_the_resolution_evidence(
    ticket: str, fixture_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = explain(fixture_db, capsys, ticket)
    assert EVIDENCE_CASES[ticket] in out, out


def test_no_resolution_evidence_unless_ai_resolved(fixture_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for ticket in ("T019", "T013", "T006"):
        assert "Resolution evidence" not in explain(fixture_db, capsys, ticket)
