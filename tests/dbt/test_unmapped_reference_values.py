"""fct_unmapped_reference_values and its warning on the fixtures: every policy id and issue
type the data uses but the seeds do not map, with row counts worked out by hand from
seeds/fixtures/*.csv, seeds/policies.csv and seeds/issue_types.csv (default vars)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from helpers.dbt_run import BUILD_LOG, query

CRITICAL_BY_DEFAULT = "severity critical (var unmapped_policy_severity)"
EXPECTED = [
    # T057's issue type 'Gift_Card ' normalises to gift_card, missing from issue_types.csv.
    {
        "reference_key": "issue_types|gift_card",
        "seed_name": "issue_types",
        "seed_column": "issue_type",
        "unmapped_value": "gift_card",
        "raw_table": "tickets",
        "row_count": 1,
        "ticket_count": 1,
        "unblocked_violation_count": None,
        "applied_mapping": "category, risk_level and complexity unmapped",
        "first_seen_at": datetime(2026, 3, 13, 13, 0),
        "last_seen_at": datetime(2026, 3, 13, 13, 0),
    },
    # T073: A0063 (violated, blocked) and A0064 (passed) check loyalty_cap: 2 rows, no
    # unblocked violation.
    {
        "reference_key": "policies|loyalty_cap",
        "seed_name": "policies",
        "seed_column": "policy_id",
        "unmapped_value": "loyalty_cap",
        "raw_table": "ai_actions",
        "row_count": 2,
        "ticket_count": 1,
        "unblocked_violation_count": 0,
        "applied_mapping": CRITICAL_BY_DEFAULT,
        "first_seen_at": datetime(2026, 3, 18, 12, 0, 40),
        "last_seen_at": datetime(2026, 3, 18, 12, 0, 50),
    },
    # T022: A0020 violated warranty_promise and went through: counted as critical, a breach.
    {
        "reference_key": "policies|warranty_promise",
        "seed_name": "policies",
        "seed_column": "policy_id",
        "unmapped_value": "warranty_promise",
        "raw_table": "ai_actions",
        "row_count": 1,
        "ticket_count": 1,
        "unblocked_violation_count": 1,
        "applied_mapping": CRITICAL_BY_DEFAULT,
        "first_seen_at": datetime(2026, 3, 5, 14, 1),
        "last_seen_at": datetime(2026, 3, 5, 14, 1),
    },
]


def test_every_unmapped_value_with_its_row_counts(fixture_db: Path) -> None:
    rows = query(fixture_db, "select * from main.fct_unmapped_reference_values order by reference_key")
    assert rows == EXPECTED


def test_the_mart_agrees_with_the_dimensions(fixture_db: Path) -> None:
    unmapped = {
        (r["seed_column"], r["unmapped_value"]): r["row_count"]
        for r in query(fixture_db, "select * from main.fct_unmapped_reference_values")
    }
    policies = query(fixture_db, "select policy_id, action_count from main.dim_policies where not is_mapped")
    issue_types = query(fixture_db, "select issue_type, ticket_count from main.dim_issue_types where not is_mapped")
    assert unmapped == {
        **{("policy_id", r["policy_id"]): r["action_count"] for r in policies},
        **{("issue_type", r["issue_type"]): r["ticket_count"] for r in issue_types},
    }


def test_a_warning_names_them(fixture_db: Path) -> None:
    output = (fixture_db.parent / BUILD_LOG).read_text(encoding="utf-8")
    lines = [line for line in output.splitlines() if "assert_reference_values_mapped" in line]
    assert any("WARN 3" in line for line in lines), "\n".join(lines)
    [named] = [line for line in output.splitlines() if "Unmapped reference values" in line]
    for text in (
        "issue_type gift_card (1 row of tickets, not in seeds/issue_types.csv",
        "policy_id loyalty_cap (2 rows of ai_actions, not in seeds/policies.csv: " + CRITICAL_BY_DEFAULT,
        "policy_id warranty_promise (1 row of ai_actions, not in seeds/policies.csv",
    ):
        assert text in named, named
