"""Business hours on the fixtures: the business_minutes_between macro on hand-worked cases
(seeds/fixtures/fixture_business_minute_cases.csv: weekends, holidays, both DST changes,
several weeks, lunch breaks, 24/7, outside the calendar) and the business-hour columns of
fct_conversations (tests/fixtures/expected_business_hours.csv), on every engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.dbt_run import dbt, query
from helpers.paths import FIXTURES_DIR, PROJECT_DIR, read_csv

CASES = read_csv(PROJECT_DIR / "seeds" / "fixtures" / "fixture_business_minute_cases.csv")
EXPECTED = read_csv(FIXTURES_DIR / "expected_business_hours.csv")
MINUTE_COLUMNS = [
    "minutes_to_first_ai_reply",
    "business_minutes_to_first_ai_reply",
    "minutes_to_first_human_reply_after_handoff",
    "business_minutes_to_first_human_reply_after_handoff",
    "minutes_to_resolution",
    "business_minutes_to_resolution",
]
# The macro the models use, on the cases table, compiled by dbt for the target engine.
CASES_QUERY = """
with cases as (
    select case_id as span_id, schedule_id, start_at, end_at
    from {{ ref('fixture_business_minute_cases') }}
),
minutes as ({{ business_minutes_between('cases') }})
select cases.span_id as case_id, minutes.business_minutes, minutes.starts_in_business_hours
from cases
left join minutes on cases.span_id = minutes.span_id
"""


def _minutes(text: str) -> float | None:
    return float(text) if text.strip() else None


def _flag(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text.strip().lower())


def _same_minutes(expected: float | None, actual: object) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    return abs(float(actual) - expected) < 1e-6  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def case_results(fixture_db: Path) -> dict[str, dict[str, object]]:
    compiled = dbt(["compile", "--quiet", "--inline", CASES_QUERY], fixture_db, {"load_fixtures": True})
    rows = query(fixture_db, compiled.stdout)
    return {str(row["case_id"]): row for row in rows}


def test_every_case_is_computed(case_results: dict[str, dict[str, object]]) -> None:
    assert sorted(case_results) == sorted(case["case_id"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["case_id"] for case in CASES])
def test_business_minutes_between(case: dict[str, str], case_results: dict[str, dict[str, object]]) -> None:
    actual = case_results[case["case_id"]]
    expected_minutes = _minutes(case["expected_business_minutes"])
    assert _same_minutes(expected_minutes, actual["business_minutes"]), (
        f"{case['case_id']} ({case['why']}): expected {expected_minutes}, got {actual['business_minutes']}"
    )
    assert actual["starts_in_business_hours"] == _flag(case["expected_starts_in_business_hours"]), case["why"]


@pytest.fixture(scope="module")
def conversations(fixture_db: Path) -> dict[str, dict[str, object]]:
    rows = query(fixture_db, "select * from main.fct_conversations")
    return {str(row["ticket_id"]): row for row in rows}


@pytest.mark.parametrize("expected", EXPECTED, ids=[row["ticket_id"] for row in EXPECTED])
def test_conversation_business_hours(expected: dict[str, str], conversations: dict[str, dict[str, object]]) -> None:
    row = conversations[expected["ticket_id"]]
    assert (row["schedule_id"] or "") == expected["schedule_id"], expected["why"]
    assert row["is_created_in_business_hours"] == _flag(expected["is_created_in_business_hours"]), expected["why"]
    differences = {
        column: (expected[column], row[column])
        for column in MINUTE_COLUMNS
        if not _same_minutes(_minutes(expected[column]), row[column])
    }
    assert not differences, f"{expected['ticket_id']} ({expected['why']}): expected vs actual {differences}"


def test_business_minutes_never_exceed_calendar_minutes(conversations: dict[str, dict[str, object]]) -> None:
    pairs = [(MINUTE_COLUMNS[i], MINUTE_COLUMNS[i + 1]) for i in range(0, len(MINUTE_COLUMNS), 2)]
    checked = 0
    for ticket_id, row in conversations.items():
        for calendar, business in pairs:
            if row[calendar] is None:
                assert row[business] is None, f"{ticket_id}: {business} without {calendar}"
                continue
            checked += 1
            assert 0 <= float(row[business]) <= float(row[calendar]) + 1e-9, (ticket_id, calendar)  # type: ignore[arg-type]
    assert checked > 100
