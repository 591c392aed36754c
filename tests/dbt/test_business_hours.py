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


@pytest.fixture(scope="module")
def after_hours(fixture_db: Path) -> list[dict[str, object]]:
    return query(fixture_db, "select * from main.fct_after_hours_monthly")


def test_after_hours_february_is_the_holiday_call(after_hours: list[dict[str, object]]) -> None:
    # February holds one conversation, T120: a voice call on a voice_desk holiday that the AI
    # resolved with no confirmation and no action trace (evidence assumed).
    february = [
        r
        for r in after_hours
        if str(r["metric_month"]).startswith("2026-02") and r["segment_type"] in ("all", "channel")
    ]
    by_segment = {(r["segment_type"], r["segment_value"], r["business_hours"]): r for r in february}
    assert sorted(by_segment) == [("all", "all", "after_hours"), ("channel", "voice", "after_hours")]
    for row in by_segment.values():
        assert row["mature_conversations"] == 1
        assert row["ai_involved_conversations"] == 1
        assert row["ai_resolved_conversations"] == 1
        assert row["verified_resolved_conversations"] == 0
        assert row["ai_resolution_rate"] == 1.0
        assert row["verified_resolution_rate"] == 0.0
        assert row["ai_resolved_share"] == 1.0


def test_after_hours_totals_match_the_conversations(
    after_hours: list[dict[str, object]], conversations: dict[str, dict[str, object]]
) -> None:
    # The mart's 'all' rows, recounted in Python from fct_conversations.
    expected: dict[tuple[str, str], list[int]] = {}
    for row in conversations.values():
        if not row["is_in_rate_population"]:
            continue
        flag = row["is_created_in_business_hours"]
        band = "unknown" if flag is None else ("in_hours" if flag else "after_hours")
        key = (str(row["created_date"])[:7], band)
        counts = expected.setdefault(key, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += int(bool(row["is_ai_involved"]))
        counts[2] += int(bool(row["is_ai_resolved"]))
        counts[3] += int(row["resolution_evidence"] in ("customer_confirmed", "workflow_completed"))
    actual = {
        (str(r["metric_month"])[:7], str(r["business_hours"])): [
            r["mature_conversations"],
            r["ai_involved_conversations"],
            r["ai_resolved_conversations"],
            r["verified_resolved_conversations"],
        ]
        for r in after_hours
        if r["segment_type"] == "all"
    }
    assert actual == expected
    assert ("2026-03", "after_hours") in actual and ("2026-03", "in_hours") in actual
