"""fct_conversations on the fixtures equals the outcomes worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.dbt_run import query
from helpers.expected import COMPARED_CONVERSATION_COLUMNS, as_text
from helpers.paths import FIXTURES_DIR, read_csv

EXPECTED = read_csv(FIXTURES_DIR / "expected_conversations.csv")
COMPARED = COMPARED_CONVERSATION_COLUMNS


@pytest.fixture(scope="module")
def actual(fixture_db: Path) -> dict[str, dict[str, str]]:
    rows = query(fixture_db, "select * from main.fct_conversations")
    return {row["ticket_id"]: {k: as_text(v) for k, v in row.items()} for row in rows}


def test_same_tickets_as_expected(actual: dict[str, dict[str, str]]) -> None:
    assert sorted(actual) == sorted(row["ticket_id"] for row in EXPECTED)


@pytest.mark.parametrize("expected", EXPECTED, ids=[row["ticket_id"] for row in EXPECTED])
def test_conversation_matches_hand_worked_outcome(expected: dict[str, str], actual: dict[str, dict[str, str]]) -> None:
    row = actual.get(expected["ticket_id"])
    assert row is not None, f"{expected['ticket_id']} missing from fct_conversations"
    differences = {
        column: (expected[column], row[column])
        for column in COMPARED
        if expected[column].strip().lower() != row[column].strip().lower()
    }
    assert not differences, f"{expected['ticket_id']} ({expected['note']}): expected vs actual {differences}"


def test_rules_provenance_is_recorded(actual: dict[str, dict[str, str]]) -> None:
    for row in actual.values():
        assert row["rules_version"] == "1.1.0"
        assert "reopen_window_hours=72" in row["rules_config"]
        assert "max_pre_creation_hours=24" in row["rules_config"]
        assert "unmapped_policy_severity=critical" in row["rules_config"]
        assert row["as_of"] == "2026-03-31 00:00:00"
