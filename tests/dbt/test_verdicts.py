"""External verdicts on the fixtures: fct_verdict_comparison equals the comparison worked out
by hand (tests/fixtures/expected_verdicts.csv), the monthly marts hold the hand-counted
numbers, and every raw verdict row ends in exactly one place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers.dbt_run import query
from helpers.expected import as_text
from helpers.paths import FIXTURES_DIR, read_csv

EXPECTED = read_csv(FIXTURES_DIR / "expected_verdicts.csv")
COMPARED = [
    "verdict",
    "native_verdict",
    "decided_at",
    "outcome",
    "outcome_reason",
    "is_mature",
    "is_compared",
    "agrees",
    "disagreement",
]
MARCH = date(2026, 3, 1)

# Hand-counted from expected_verdicts.csv. llm_judge: 13 conversations; T006 pending, T001
# excluded, T011 unknown; 10 compared, of which 8 claimed resolved (all but T041 and T009),
# 4 AI-resolved by our rules (T003, T005, T009, T044), 4 agreeing (T003, T005, T044, T041);
# 5 claimed resolved that we do not (T008, T012, T023, T026, T031), 1 the reverse (T009).
# qa_team: T019, T026, T032, all not_resolved, none AI-resolved: all agree.
MONTHLY = {
    "llm_judge": {
        "verdict_conversations": 13,
        "verdict_pending_conversations": 1,
        "verdict_excluded_conversations": 1,
        "verdict_unknown_conversations": 1,
        "compared_conversations": 10,
        "verdict_resolved_conversations": 8,
        "verdict_resolution_rate": 0.8,
        "our_ai_resolved_conversations": 4,
        "our_ai_resolution_rate": 0.4,
        "agreeing_conversations": 4,
        "verdict_agreement_rate": 0.4,
        "verdict_resolved_ours_not": 5,
        "verdict_not_resolved_ours_resolved": 1,
        "is_significant": False,
    },
    "qa_team": {
        "verdict_conversations": 3,
        "verdict_pending_conversations": 0,
        "verdict_excluded_conversations": 0,
        "verdict_unknown_conversations": 0,
        "compared_conversations": 3,
        "verdict_resolved_conversations": 0,
        "verdict_resolution_rate": 0.0,
        "our_ai_resolved_conversations": 0,
        "our_ai_resolution_rate": 0.0,
        "agreeing_conversations": 3,
        "verdict_agreement_rate": 1.0,
        "verdict_resolved_ours_not": 0,
        "verdict_not_resolved_ours_resolved": 0,
        "is_significant": False,
    },
}

# (verdict_source, verdict, outcome, outcome_reason) -> disagreeing conversations; each of
# llm_judge's 10 compared conversations.
DISAGREEMENTS = {
    ("llm_judge", "resolved", "ai_abandoned", "inactive_unsolved"): 1,
    ("llm_judge", "resolved", "ai_reopened", "reopened_by_status"): 1,
    ("llm_judge", "resolved", "ai_reopened", "reopened_by_customer_message"): 1,
    ("llm_judge", "resolved", "ai_resurfaced", "repeat_contact"): 1,
    ("llm_judge", "resolved", "escalated", "human_replied"): 1,
    ("llm_judge", "not_resolved", "ai_resolved_assumed", "solved_no_return"): 1,
}


@pytest.fixture(scope="module")
def actual(fixture_db: Path) -> dict[tuple[str, str], dict[str, str]]:
    rows = query(fixture_db, "select * from main.fct_verdict_comparison")
    return {(row["ticket_id"], row["verdict_source"]): {k: as_text(v) for k, v in row.items()} for row in rows}


def test_same_rows_as_expected(actual: dict[tuple[str, str], dict[str, str]]) -> None:
    assert sorted(actual) == sorted((row["ticket_id"], row["verdict_source"]) for row in EXPECTED)


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{r['ticket_id']}-{r['verdict_source']}" for r in EXPECTED])
def test_verdict_matches_hand_worked_comparison(
    expected: dict[str, str], actual: dict[tuple[str, str], dict[str, str]]
) -> None:
    row = actual.get((expected["ticket_id"], expected["verdict_source"]))
    assert row is not None, f"{expected['ticket_id']} {expected['verdict_source']} missing"
    differences = {column: (expected[column], row[column]) for column in COMPARED if expected[column] != row[column]}
    assert not differences, f"{expected['ticket_id']} ({expected['note']}): expected vs actual {differences}"
    assert row["verdict_id"] == f"{expected['ticket_id']}|{expected['verdict_source']}"


def test_monthly_numbers_match_hand_counts(fixture_db: Path) -> None:
    rows = query(fixture_db, "select * from main.fct_verdict_comparison_monthly")
    assert {(row["metric_month"], row["verdict_source"]) for row in rows} == {(MARCH, s) for s in MONTHLY}
    for row in rows:
        expected = MONTHLY[row["verdict_source"]]
        actual = {column: row[column] for column in expected}
        assert actual == pytest.approx(expected), row["verdict_source"]


def test_monthly_numbers_add_up_to_the_comparison(fixture_db: Path) -> None:
    """The monthly counts are the comparison's rows counted, so a BI roll-up agrees with drill-down."""
    rows = query(
        fixture_db,
        """
        select
            m.verdict_source,
            m.verdict_conversations,
            m.compared_conversations,
            m.agreeing_conversations + m.verdict_resolved_ours_not + m.verdict_not_resolved_ours_resolved
                as agree_plus_disagree,
            m.verdict_pending_conversations + m.verdict_excluded_conversations + m.verdict_unknown_conversations
                + m.compared_conversations as parts,
            (select count(*) from main.fct_verdict_comparison as c where c.verdict_source = m.verdict_source)
                as comparison_rows
        from main.fct_verdict_comparison_monthly as m
        """,
    )
    for row in rows:
        assert row["agree_plus_disagree"] == row["compared_conversations"], row
        assert row["parts"] == row["verdict_conversations"] == row["comparison_rows"], row


def test_disagreements_by_our_outcome(fixture_db: Path) -> None:
    rows = query(fixture_db, "select * from main.fct_verdict_disagreements_monthly")
    actual = {
        (r["verdict_source"], r["verdict"], r["outcome"], r["outcome_reason"]): r["disagreeing_conversations"]
        for r in rows
    }
    assert actual == DISAGREEMENTS
    for row in rows:
        assert row["metric_month"] == MARCH
        assert row["compared_conversations"] == 10
        assert row["share_of_compared"] == pytest.approx(0.1)
    labels = {r["disagreement_type"] for r in rows}
    assert "llm_judge says resolved; ours is ai_reopened (reopened_by_customer_message)" in labels
    assert "llm_judge says not resolved; ours is ai_resolved_assumed (solved_no_return)" in labels


def test_every_verdict_row_is_accounted_for(fixture_db: Path) -> None:
    """20 raw rows: 16 used (the comparison's rows), 1 older extraction collapsed (T009), and 3
    quarantined: an unknown ticket (T999), no ticket id, no verdict source."""
    summary = {
        (r["disposition"], r["reason"]): r["row_count"]
        for r in query(
            fixture_db, "select * from main.fct_data_quality_summary where raw_table = 'resolution_verdicts'"
        )
    }
    assert summary == {
        ("used", "used"): 16,
        ("duplicate_collapsed", "duplicate_collapsed"): 1,
        ("quarantined", "orphan_ticket"): 1,
        ("quarantined", "missing_ticket_id"): 1,
        ("quarantined", "missing_verdict_source"): 1,
        ("unknown_value", "verdict"): 1,
    }
    quarantined = {
        (r["primary_key"], r["ticket_id"], r["reason"])
        for r in query(fixture_db, "select * from main.fct_quarantined_rows where raw_table = 'resolution_verdicts'")
    }
    assert quarantined == {
        ("T999|llm_judge", "T999", "orphan_ticket"),
        (None, None, "missing_ticket_id"),
        (None, "T044", "missing_verdict_source"),
    }
