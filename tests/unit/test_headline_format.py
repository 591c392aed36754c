"""The headline as ``summary`` prints it and the numbers the report shows: no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ai_resolution.report.headline import ACTIONS_MISSING_SQL, Headline, headline_sql
from ai_resolution.report.numbers import count, pct, ratio, share
from ai_resolution.report.summary import format_headline, rate


def headline(**counts: int) -> Headline:
    zero = {field.name: 0 for field in dataclasses.fields(Headline) if field.name != "as_of"}
    return Headline(**{**zero, **counts}, as_of=dt.datetime(2026, 3, 31))


def test_summary_rates_and_gap() -> None:
    h = headline(
        mature=120, ai_involved=100, ai_resolved=40, ai_confirmed=10, ai_verified=25, deflected=70, escalated=30
    )
    text = format_headline(h)
    assert h.gap == 30
    assert "AI resolution rate             40.0%  (40 / 100)" in text
    # Verified (confirmed 10 + 15 completed workflows) over the same AI-involved denominator,
    # on the line right under the AI resolution rate.
    lines = text.splitlines()
    rate_line = next(i for i, line in enumerate(lines) if "AI resolution rate" in line)
    assert lines[rate_line + 1] == "  verified resolution rate       25.0%  (25 / 100)"
    assert "confirmed share                25.0%  (10 / 40)" in text
    assert "deflection gap                 30.0%  (30 / 100)" in text
    assert "(as of 2026-03-31 00:00:00)" in text


def test_empty_denominators_read_n_a() -> None:
    assert rate(3, 0) == "n/a"
    assert "AI resolution rate            n/a" in format_headline(headline())
    assert share(1, 0) is None and pct(None, 4) == "0.0%" and pct(1, None) == "n/a"
    assert ratio(None) == "n/a" and ratio(4.567) == "4.57" and count(None) == "0" and count(12345) == "12,345"


def test_one_query_reads_every_headline_field() -> None:
    sql = headline_sql("main")
    for field in dataclasses.fields(Headline):
        assert f" as {field.name}" in sql, field.name
    assert "from main.fct_conversations" in sql


def test_policy_breach_absent_without_an_action_trace() -> None:
    """A help desk's export has no AI action trace: the breach share reads absent, not 0%."""
    absent = format_headline(dataclasses.replace(headline(ai_involved=50), policy_breach=None))
    assert "policy breach                 absent (no AI action trace delivered)" in absent
    assert "policy breach                 0.0%  (0 / 50)" in format_headline(headline(ai_involved=50))
    assert "raw_table = 'ai_actions' and disposition = 'table_missing'" in ACTIONS_MISSING_SQL


def test_after_hours_coverage_divides_by_every_after_hours_conversation() -> None:
    # 40 mature after-hours conversations, 30 with AI, 18 resolved by the AI: coverage
    # 18 / 40 (with or without AI), the AI resolution rate after hours 18 / 30.
    text = format_headline(headline(after_hours=40, after_hours_ai_involved=30, after_hours_ai_resolved=18))
    assert "after-hours coverage           45.0%  (18 / 40)" in text
    assert "AI resolution after hours    60.0%  (18 / 30)" in text
