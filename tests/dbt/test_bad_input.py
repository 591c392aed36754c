"""Bad input from a user's EL tool: every raw row ends in exactly one place (used, collapsed
as a duplicate, or quarantined with a reason), hostile text is data, optional tables may be
missing and a broken contract stops the build with a clear message.

The messy raw tables and their hand-worked answers live in tests/fixtures/messy/ (its
README lists every case)."""

from __future__ import annotations

import hashlib
import subprocess
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from helpers.dbt_run import dbt, query
from helpers.messy import MESSY_DIR, RAW_TABLES, land_messy, output_of
from helpers.paths import read_csv

# The messy raw tables are landed with DuckDB (read_csv, all_varchar): DuckDB only.
pytestmark = pytest.mark.engines("duckdb")

OPTIONAL_TABLES = ["ticket_events", "ai_actions", "csat_responses"]
# The latest valid timestamp of the messy data: message M33 on T13 (see the README).
AS_OF = datetime(2026, 3, 31, 12, 0, 0)
HOSTILE_TICKET_ID = "T04'; drop table raw.tickets; --"
HOSTILE_CUSTOMER_ID = 'C04 "quoted"; SELECT 1; 😀 ünïcödé'
HOSTILE_MESSAGE_ID = "M04'; drop table raw.messages; --"
# Columns of fct_conversation_metrics_daily that count CSAT answers or AI actions.
CSAT_COUNT_SUFFIXES = ("csat_responses", "csat_score_sum", "csat_positive_responses")
AI_ACTION_COUNT_PREFIX = "ai_actions"


def raw_row_counts(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_TABLES}


def norm_key(value: Any) -> str:
    """A null or blank primary key compares as ''; the contract allows either."""
    return "" if value is None or str(value).strip() == "" else str(value)


def summary_rows(db_path: Path) -> list[dict[str, Any]]:
    return query(db_path, "select * from main.fct_data_quality_summary")


def comparable_summary(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], int]:
    # Zero-count rows are left open by the contract, except table_missing (always 0).
    return {
        (r["raw_table"], r["disposition"], r["reason"]): r["row_count"]
        for r in rows
        if r["row_count"] != 0 or r["disposition"] == "table_missing"
    }


def expected_summary() -> dict[tuple[str, str, str], int]:
    return {
        (r["raw_table"], r["disposition"], r["reason"]): int(r["row_count"])
        for r in read_csv(MESSY_DIR / "expected_summary.csv")
    }


def dict_diff(expected: dict, actual: dict) -> str:
    lines = []
    for key in sorted(set(expected) | set(actual), key=str):
        if expected.get(key) != actual.get(key):
            lines.append(f"{key}: expected {expected.get(key)!r}, got {actual.get(key)!r}")
    return "\n".join(lines)


def daily_count_columns(db_path: Path) -> tuple[list[str], list[str]]:
    columns = [
        r["column_name"]
        for r in query(
            db_path,
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = 'fct_conversation_metrics_daily' order by ordinal_position",
        )
    ]
    csat = [c for c in columns if c.endswith(CSAT_COUNT_SUFFIXES)]
    actions = [c for c in columns if c.startswith(AI_ACTION_COUNT_PREFIX)]
    assert csat and actions, columns
    return csat, actions


# --------------------------------------------------------------------------------------
# The messy data, built once with default vars
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    db_path = tmp_path_factory.mktemp("messy") / "warehouse.duckdb"
    land_messy(db_path)
    result = dbt(["build"], db_path, check=False)
    return db_path, result


@pytest.fixture(scope="module")
def messy_db(messy: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return messy[0]


def test_build_succeeds_on_messy_data(messy: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = messy
    text = output_of(result)
    assert result.returncode == 0, text[-8000:]
    assert "Traceback" not in text


def test_quarantined_rows_match_hand_worked(messy_db: Path) -> None:
    rows = query(messy_db, "select raw_table, primary_key, reason from main.fct_quarantined_rows")
    actual = Counter((r["raw_table"], norm_key(r["primary_key"]), r["reason"]) for r in rows)
    expected = Counter(
        (r["raw_table"], norm_key(r["primary_key"]), r["reason"])
        for r in read_csv(MESSY_DIR / "expected_quarantine.csv")
    )
    missing = sorted((expected - actual).elements())
    unexpected = sorted((actual - expected).elements())
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}"


def test_quarantine_row_keys_are_unique(messy_db: Path) -> None:
    rows = query(messy_db, "select quarantine_row_key from main.fct_quarantined_rows")
    keys = [r["quarantine_row_key"] for r in rows]
    assert None not in keys
    assert len(keys) == len(set(keys))


def test_quarantined_child_rows_carry_their_raw_ticket_id(messy_db: Path) -> None:
    # Hand-picked: the rows whose ticket is the reason they were set aside.
    rows = query(messy_db, "select raw_table, primary_key, ticket_id from main.fct_quarantined_rows")
    by_key = {(r["raw_table"], r["primary_key"]): r["ticket_id"] for r in rows}
    assert by_key.get(("messages", "M21")) == "NOPE"  # orphan
    assert by_key.get(("ticket_events", "E15")) == "GHOST"  # orphan
    assert by_key.get(("messages", "M24")) == "T10"  # ticket quarantined (after as_of)
    assert by_key.get(("csat_responses", "R10")) == "T12"  # ticket quarantined (winning copy unparseable)
    assert by_key.get(("tickets", "T07")) == "T07"  # a ticket row carries its own id
    assert by_key.get(("messages", "M17"), "absent") is None  # no ticket id at all


def test_summary_matches_hand_worked(messy_db: Path) -> None:
    actual = comparable_summary(summary_rows(messy_db))
    assert actual == expected_summary(), dict_diff(expected_summary(), actual)


def test_summary_keys_totals_and_shares(messy_db: Path) -> None:
    rows = summary_rows(messy_db)
    raw_counts = raw_row_counts(messy_db)
    assert len({r["dq_key"] for r in rows}) == len(rows)
    for r in rows:
        if r["disposition"] == "table_missing":
            # The messy data has no resolution_verdicts table: one row, nothing to divide.
            assert (r["raw_table"], r["row_count"], r["raw_table_rows"]) == ("resolution_verdicts", 0, 0), r
            continue
        assert r["raw_table_rows"] == raw_counts[r["raw_table"]], r
        assert r["share_of_raw_rows"] == pytest.approx(r["row_count"] / r["raw_table_rows"]), r


def test_every_raw_row_is_accounted_for_exactly_once(messy_db: Path) -> None:
    # Raw rows counted straight from DuckDB: 21, 33, 20, 13, 13 (see the README table).
    raw_counts = raw_row_counts(messy_db)
    assert raw_counts == {"tickets": 21, "messages": 33, "ticket_events": 20, "ai_actions": 13, "csat_responses": 13}
    rows = summary_rows(messy_db)
    quarantined = Counter(r["raw_table"] for r in query(messy_db, "select raw_table from main.fct_quarantined_rows"))
    for table, raw in raw_counts.items():
        by_disposition = Counter()
        for r in rows:
            if r["raw_table"] == table:
                by_disposition[r["disposition"]] += r["row_count"]
        placed = by_disposition["used"] + by_disposition["duplicate_collapsed"] + by_disposition["quarantined"]
        assert placed == raw, (table, dict(by_disposition), raw)
        assert by_disposition["quarantined"] == quarantined[table], table
        assert by_disposition["unknown_value"] <= by_disposition["used"], table


def test_offset_timestamps_are_normalised_to_utc(messy_db: Path) -> None:
    # T03 created_at '2026-03-03T11:00:00+02:00' -> 09:00 UTC; its AI reply M09
    # '2026-03-03T09:31:00Z' -> 09:31 UTC.
    staged = query(messy_db, "select created_at from main.stg_support__tickets where ticket_id = 'T03'")
    assert [r["created_at"] for r in staged] == [datetime(2026, 3, 3, 9, 0, 0)]
    # Its message M10 '2026-03-03T10:45:00+02:00' is 08:45 UTC, 15 min before the ticket was
    # created: the conversation starts there (read naively as 10:45 it would be a reopen).
    conv = query(
        messy_db,
        "select created_at, started_at, first_ai_reply_at, reopened_at from main.fct_conversations "
        "where ticket_id = 'T03'",
    )
    assert conv == [
        {
            "created_at": datetime(2026, 3, 3, 9, 0, 0),
            "started_at": datetime(2026, 3, 3, 8, 45, 0),
            "first_ai_reply_at": datetime(2026, 3, 3, 9, 31, 0),
            "reopened_at": None,
        }
    ]


def test_hostile_text_is_data(messy_db: Path) -> None:
    conv = query(
        messy_db,
        "select ticket_id, customer_id from main.fct_conversations where ticket_id like 'T04%'",
    )
    assert conv == [{"ticket_id": HOSTILE_TICKET_ID, "customer_id": HOSTILE_CUSTOMER_ID}]
    # Bodies (with quotes, semicolons, emoji, 10,000 characters) reach staging unchanged.
    raw_bodies = {r["message_id"]: r["body"] for r in read_csv(MESSY_DIR / "messages.csv")}
    staged = {
        r["message_id"]: r["body"]
        for r in query(
            messy_db,
            "select message_id, body from main.stg_support__messages where ticket_id = "
            "'T04''; drop table raw.tickets; --'",
        )
    }
    assert staged == {HOSTILE_MESSAGE_ID: raw_bodies[HOSTILE_MESSAGE_ID], "M12": raw_bodies["M12"]}
    assert len(staged["M12"]) == 10_000
    # Nothing was executed: the raw tables are all still there, whole.
    assert raw_row_counts(messy_db)["tickets"] == 21


def test_good_rows_still_flow(messy_db: Path) -> None:
    expected = {
        r["ticket_id"]: (r["outcome"], r["outcome_reason"]) for r in read_csv(MESSY_DIR / "expected_outcomes.csv")
    }
    marks = ", ".join("?" for _ in expected)
    with duckdb.connect(str(messy_db), read_only=True) as con:
        sql = f"select ticket_id, outcome, outcome_reason from main.fct_conversations where ticket_id in ({marks})"
        rows = con.execute(sql, list(expected)).fetchall()
    actual = {ticket_id: (outcome, reason) for ticket_id, outcome, reason in rows}
    assert actual == expected, dict_diff(expected, actual)


def test_verdict_marts_are_empty_without_the_verdict_table(messy_db: Path) -> None:
    # The messy data has no resolution_verdicts table: the marts exist, typed and empty.
    for mart in ("fct_verdict_comparison", "fct_verdict_comparison_monthly", "fct_verdict_disagreements_monthly"):
        assert query(messy_db, f"select count(*) as n from main.{mart}") == [{"n": 0}], mart


def test_only_used_tickets_become_conversations(messy_db: Path) -> None:
    # used tickets: T01 T02 T03 T04' T05 T11 T13 (T10 is after as_of, the rest quarantined).
    ids = {r["ticket_id"] for r in query(messy_db, "select ticket_id from main.fct_conversations")}
    assert ids == {"T01", "T02", "T03", HOSTILE_TICKET_ID, "T05", "T11", "T13"}


def test_unknown_enum_values_are_used(messy_db: Path) -> None:
    rows = query(messy_db, "select channel from main.fct_conversations where ticket_id = 'T05'")
    assert rows == [{"channel": "unknown"}]


def test_as_of_is_the_latest_valid_timestamp(messy_db: Path) -> None:
    # The 2099 rows must not move as_of; nor may the wall clock (a rerun must reproduce it).
    as_ofs = {r["as_of"] for r in query(messy_db, "select distinct as_of from main.fct_conversations")}
    assert as_ofs == {AS_OF}
    # T13: created 11:50, last activity 12:00 = as_of, no AI -> not mature yet.
    rows = query(messy_db, "select outcome, outcome_reason from main.fct_conversations where ticket_id = 'T13'")
    assert rows == [{"outcome": "pending", "outcome_reason": "not_mature"}]


def test_daily_counts_are_filled_when_tables_are_present(messy_db: Path) -> None:
    csat, actions = daily_count_columns(messy_db)
    nulls = query(
        messy_db,
        "select "
        + ", ".join(f"count(*) - count({c}) as {c}" for c in csat + actions)
        + " from main.fct_conversation_metrics_daily",
    )[0]
    assert not any(nulls.values()), nulls
    # T01, T02 and T11 (mature; CSAT 5, 5 and 4) are the only conversations with a valid
    # answer: T02's R12 is dated 1 h before the ticket was created, within
    # max_pre_creation_hours (its R13, 25 h before, is set aside).
    total = query(messy_db, "select sum(csat_responses) as n from main.fct_conversation_metrics_daily")
    assert total == [{"n": 3}]


def test_quarantine_share_warning_fires(messy: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    # 10/21 tickets, 13/33 messages, ... are quarantined: far above the default 0.05.
    _, result = messy
    lines = [line for line in output_of(result).splitlines() if "assert_quarantine_share_below_threshold" in line]
    assert any("WARN" in line for line in lines), "\n".join(lines) or output_of(result)[-4000:]


# --------------------------------------------------------------------------------------
# Other vars on the same data
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy_other_vars(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    db_path = tmp_path_factory.mktemp("messy_vars") / "warehouse.duckdb"
    land_messy(db_path)
    result = dbt(["build"], db_path, {"hash_customer_ids": True, "quarantine_warn_share": 0.99}, check=False)
    assert result.returncode == 0, output_of(result)[-8000:]
    return db_path, result


def test_hashed_customer_ids(messy_other_vars: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    db_path, _ = messy_other_vars
    raw_customers = {r["ticket_id"]: r["customer_id"] for r in read_csv(MESSY_DIR / "tickets.csv")}
    rows = query(db_path, "select ticket_id, customer_id from main.fct_conversations")
    assert rows
    actual = {r["ticket_id"]: r["customer_id"] for r in rows}
    expected = {t: hashlib.md5(raw_customers[t].encode("utf-8")).hexdigest() for t in actual}
    assert actual == expected, dict_diff(expected, actual)


def test_no_warning_under_a_higher_threshold(messy_other_vars: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    # The largest quarantined share is 9/13 csat_responses = 0.69 < 0.99.
    _, result = messy_other_vars
    lines = [line for line in output_of(result).splitlines() if "assert_quarantine_share_below_threshold" in line]
    assert lines and not any("WARN" in line for line in lines), "\n".join(lines)


# --------------------------------------------------------------------------------------
# Optional tables missing
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing_table", OPTIONAL_TABLES)
def test_optional_table_may_be_missing(tmp_path: Path, missing_table: str) -> None:
    db_path = tmp_path / "warehouse.duckdb"
    land_messy(db_path, skip_tables=(missing_table,))
    result = dbt(["build"], db_path, check=False)
    assert result.returncode == 0, output_of(result)[-8000:]

    rows = summary_rows(db_path)
    for_table = [(r["disposition"], r["reason"], r["row_count"]) for r in rows if r["raw_table"] == missing_table]
    assert for_table == [("table_missing", "table_missing", 0)]
    # tickets and messages do not depend on the optional tables: their rows are unchanged.
    actual = {k: v for k, v in comparable_summary(rows).items() if k[0] in ("tickets", "messages")}
    expected = {k: v for k, v in expected_summary().items() if k[0] in ("tickets", "messages")}
    assert actual == expected, dict_diff(expected, actual)

    csat, actions = daily_count_columns(db_path)
    checked = {"csat_responses": csat, "ai_actions": actions}.get(missing_table, [])
    if checked:
        counts = query(
            db_path,
            "select count(*) as daily_rows, "
            + ", ".join(f"count({c}) as {c}" for c in checked)
            + " from main.fct_conversation_metrics_daily",
        )[0]
        assert counts.pop("daily_rows") > 0
        assert not any(counts.values()), f"expected NULL (not 0) when {missing_table} is missing: {counts}"


# --------------------------------------------------------------------------------------
# A broken contract stops the build before any model runs
# --------------------------------------------------------------------------------------

BROKEN_CONTRACTS = {
    "tickets_without_created_at": ({"drop_columns": {"tickets": ("created_at",)}}, "tickets", "created_at"),
    "messages_table_missing": ({"skip_tables": ("messages",)}, "messages", None),
    "created_at_as_integer": (
        {"retype": {"tickets": {"created_at": "cast(1772442000 as integer)"}}},
        "tickets",
        "created_at",
    ),
    "score_as_boolean": (
        {"retype": {"csat_responses": {"score": "cast(score = '5' as boolean)"}}},
        "csat_responses",
        "score",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_CONTRACTS))
def test_broken_contract_stops_the_build_with_a_clear_message(tmp_path: Path, case: str) -> None:
    landing, table, column = BROKEN_CONTRACTS[case]
    db_path = tmp_path / "warehouse.duckdb"
    land_messy(db_path, **landing)
    result = dbt(["build"], db_path, check=False)
    text = output_of(result)
    assert result.returncode != 0, text[-4000:]
    assert "Traceback" not in text, text[-4000:]
    if column:
        named = [line for line in text.splitlines() if table in line and column in line]
    else:
        named = [
            line
            for line in text.splitlines()
            if table in line and any(word in line for word in ("missing", "not found", "does not exist"))
        ]
    assert named, text[-4000:]
    built = query(
        db_path,
        "select table_name from information_schema.tables where table_schema = 'main' "
        "and (table_name like 'stg\\_%' escape '\\' or table_name like 'int\\_%' escape '\\' "
        "or table_name like 'fct\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')",
    )
    assert not built, f"models ran before the contract check stopped the build: {built}"
