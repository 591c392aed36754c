"""The Intercom adapter on hand-made Intercom tables in Fivetran's layout
(seeds/fixtures/sources/intercom): fct_conversations and fct_verdict_comparison equal the
answers worked out by hand in tests/fixtures/sources/intercom/, the rows the adapter sets
aside and the values no mapping seed maps reach the data-quality marts, and the
pre-flight stops a build on a missing Intercom table or column."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from helpers.dbt_run import build_on_source_fixtures, dbt, load_fixtures_into_new, query, source_fixture_schema
from helpers.dbt_session import DbtSession
from helpers.expected import COMPARED_CONVERSATION_COLUMNS, as_text
from helpers.paths import FIXTURES_DIR, read_csv

EXPECTED_DIR = FIXTURES_DIR / "sources" / "intercom"
EXPECTED = read_csv(EXPECTED_DIR / "expected_conversations.csv")
EXPECTED_VERDICTS = read_csv(EXPECTED_DIR / "expected_verdicts.csv")
# The fixtures' workflow bot (author 802) is rule-based automation, not the AI: listed
# here rather than in seeds/source_ai_identities.csv, whose rows ship to every user.
IDENTITIES = {
    "source_ai_identities_extra": [
        {"source_system": "intercom", "identity_type": "user_id", "identity_value": "802", "counts_as": "system"}
    ]
}
# The fixtures carry the issue type in a conversation custom attribute, as Fivetran lands it.
ISSUE_TYPE = {"intercom_issue_type_column": "custom_issue_type"}
FIXTURE_VARS = {**IDENTITIES, **ISSUE_TYPE}
COMPARED = COMPARED_CONVERSATION_COLUMNS
AS_OF = "2026-03-31 00:00:00"


@pytest.fixture(scope="module")
def intercom_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project built once on the Intercom fixtures (source_system intercom)."""
    db_path = tmp_path_factory.mktemp("intercom") / "intercom.duckdb"
    build_on_source_fixtures(db_path, "intercom", FIXTURE_VARS)
    yield db_path


@pytest.fixture(scope="module")
def conversations(intercom_db: Path) -> dict[str, dict[str, str]]:
    rows = query(intercom_db, "select * from main.fct_conversations")
    return {row["ticket_id"]: {k: as_text(v) for k, v in row.items()} for row in rows}


def test_one_conversation_per_intercom_conversation_not_deleted(conversations: dict[str, dict[str, str]]) -> None:
    # 1017 was deleted at the source (no active version left): set aside, not a ticket.
    assert sorted(conversations) == sorted(row["ticket_id"] for row in EXPECTED)
    assert "1017" not in conversations


@pytest.mark.parametrize("expected", EXPECTED, ids=[row["ticket_id"] for row in EXPECTED])
def test_conversation_matches_hand_worked_outcome(
    expected: dict[str, str], conversations: dict[str, dict[str, str]]
) -> None:
    row = conversations.get(expected["ticket_id"])
    assert row is not None, f"{expected['ticket_id']} missing from fct_conversations"
    differences = {
        column: (expected[column], row[column])
        for column in COMPARED
        if expected[column].strip().lower() != row[column].strip().lower()
    }
    assert not differences, f"{expected['ticket_id']} ({expected['note']}): expected vs actual {differences}"


def test_as_of_is_the_latest_intercom_timestamp(conversations: dict[str, dict[str, str]]) -> None:
    assert {row["as_of"] for row in conversations.values()} == {AS_OF}


# The adapter's relations are views: the Spark tests read table files only (helpers/engines.py).
@pytest.mark.engines("duckdb", "postgres")
def test_contract_relations_carry_the_mapped_values(intercom_db: Path) -> None:
    tickets = {r["ticket_id"]: r for r in query(intercom_db, "select * from main.intercom__tickets")}
    # Customer: the first active contact, else the opening message's author.
    assert tickets["1001"]["customer_id"] == "c01"
    assert tickets["1019"]["customer_id"] == "c18"
    assert tickets["1018"]["customer_id"] == "c18"
    # Channel and status through the mapping seeds; unmapped values become unknown.
    assert (tickets["1002"]["channel"], tickets["1002"]["status"]) == ("email", "solved")
    assert (tickets["1015"]["channel"], tickets["1016"]["status"]) == ("unknown", "unknown")
    assert tickets["1005"]["status"] == "open"
    # Issue type from the custom attribute of the current version, trimmed and lower-cased.
    issue_types = {ticket_id: row["issue_type"] for ticket_id, row in tickets.items() if row["issue_type"]}
    assert issue_types == {
        "1001": "order_status", "1002": "password_reset", "1003": "refund", "1012": "receipts",
        "1018": "discount_code", "1019": "discount_code", "1021": "billing",
    }  # fmt: skip
    messages = {r["message_id"]: r for r in query(intercom_db, "select * from main.intercom__messages")}
    # The opening message lives on the conversation; a lead is a customer.
    assert messages["conversation:1019"]["author_type"] == "customer"
    assert messages["conversation:1019"]["sent_at"] == datetime(2026, 3, 19, 10, 0)
    # Workflow bot listed as system; Fin (a bot) is the AI; notes are internal.
    assert messages["part:100801"]["author_type"] == "system"
    assert messages["part:100101"]["author_type"] == "ai_agent"
    assert messages["part:100703"]["is_public"] is False
    assert messages["part:101602"]["is_public"] is False
    # One message per part (its current version), none for a deleted part or conversation.
    assert "part:100102" not in messages and "part:101701" not in messages
    assert "conversation:1017" not in messages
    events = {r["event_id"]: r for r in query(intercom_db, "select * from main.intercom__ticket_events")}
    assert (events["part:100403:status"]["status"], events["part:100403:status"]["actor_type"]) == ("open", "system")
    assert events["part:101202:status"]["status"] == "on_hold"
    assert events["part:101203:status"]["status"] == "open"
    assert events["part:100602:assigned"]["assignee_type"] == "queue"
    assert events["part:101402:assigned"]["assignee_type"] == "human_agent"
    assert events["conversation:1001:ai_agent_participated"]["assignee_type"] == "ai_agent"
    assert "conversation:1008:ai_agent_participated" not in events
    # Fin's 2 (12:15) before the conversation's 5 (12:20): the earlier rejection is an event.
    rejections = {k: r for k, r in events.items() if r["event_type"] == "resolution_rejected"}
    assert [(k, r["occurred_at"], r["actor_type"]) for k, r in rejections.items()] == [
        ("conversation:1012:rating_rejected", datetime(2026, 3, 12, 12, 15), "customer")
    ]


# The adapter's relations are views: the Spark tests read table files only (helpers/engines.py).
@pytest.mark.engines("duckdb", "postgres")
def test_csat_from_both_ratings_with_distinct_ids(intercom_db: Path) -> None:
    rows = query(intercom_db, "select * from main.intercom__csat_responses order by response_id")
    assert [(r["response_id"], r["score"], r["responded_at"]) for r in rows] == [
        ("1002:conversation_rating", 5, datetime(2026, 3, 3, 10, 15)),
        ("1003:ai_agent_rating", 1, datetime(2026, 3, 4, 11, 20)),
        ("1006:conversation_rating", 4, datetime(2026, 3, 7, 9, 25)),
        ("1012:ai_agent_rating", 2, datetime(2026, 3, 12, 12, 15)),
        ("1012:conversation_rating", 5, datetime(2026, 3, 12, 12, 20)),
        ("1014:conversation_rating", 2, datetime(2026, 3, 14, 9, 45)),
    ]


# The adapter's relations are views: the Spark tests read table files only (helpers/engines.py).
@pytest.mark.engines("duckdb", "postgres")
def test_fin_verdicts_dated_when_the_state_appeared(intercom_db: Path) -> None:
    rows = query(intercom_db, "select * from main.intercom__resolution_verdicts")
    decided = {(r["ticket_id"], r["verdict_source"]): r["decided_at"] for r in rows}
    assert decided[("1002", "intercom_fin")] == datetime(2026, 3, 3, 10, 15)  # assumed at 10:10, confirmed 10:15
    assert decided[("1003", "intercom_fin")] == datetime(2026, 3, 4, 11, 3)  # unchanged over two versions
    assert decided[("1012", "intercom_fin")] == datetime(2026, 3, 12, 12, 10)
    assert decided[("1014", "intercom_fin")] == datetime(2026, 3, 14, 9, 20)
    assert decided[("1001", "qa_review")] == datetime(2026, 3, 3, 12, 0)  # the landed contract table
    expected = {(r["ticket_id"], r["verdict_source"]): (r["native_verdict"], r["verdict"]) for r in EXPECTED_VERDICTS}
    assert {k: (r["native_verdict"], r["verdict"]) for k, r in zip(decided, rows, strict=True)} == expected


def test_deleted_rows_are_set_aside(intercom_db: Path) -> None:
    rows = query(
        intercom_db,
        "select raw_table, primary_key, ticket_id, reason from main.fct_quarantined_rows"
        " where raw_table like 'intercom.%' order by raw_table, primary_key",
    )
    assert rows == [
        # No version of conversation 1017 is active any more: deleted at the source.
        {"raw_table": "intercom.conversation_history", "primary_key": "1017", "ticket_id": "1017",
         "reason": "deleted_in_source"},
        # Part 100102 has _fivetran_deleted true; part 101701 belongs to the deleted 1017.
        {"raw_table": "intercom.conversation_part_history", "primary_key": "100102", "ticket_id": "1001",
         "reason": "deleted_in_source"},
        {"raw_table": "intercom.conversation_part_history", "primary_key": "101701", "ticket_id": "1017",
         "reason": "deleted_in_source"},
    ]  # fmt: skip


def test_unmapped_values_are_counted(intercom_db: Path) -> None:
    rows = query(
        intercom_db,
        "select seed_name, unmapped_value, raw_table, row_count, ticket_count, applied_mapping, first_seen_at"
        " from main.fct_unmapped_reference_values where seed_name like 'source_%' order by seed_name",
    )
    conversation_history = "intercom.conversation_history"
    assert rows == [
        {"seed_name": "source_channel_map", "unmapped_value": "in_app", "raw_table": conversation_history,
         "row_count": 1, "ticket_count": 1, "applied_mapping": "channel unknown",
         "first_seen_at": datetime(2026, 3, 15, 9)},
        {"seed_name": "source_csat_scale", "unmapped_value": "0", "raw_table": conversation_history,
         "row_count": 1, "ticket_count": 1, "applied_mapping": "not a CSAT answer: no response",
         "first_seen_at": datetime(2026, 3, 19, 10, 35)},
        {"seed_name": "source_status_map", "unmapped_value": "escalated_to_tier2", "raw_table": conversation_history,
         "row_count": 1, "ticket_count": 1, "applied_mapping": "status unknown",
         "first_seen_at": datetime(2026, 3, 16, 9)},
    ]  # fmt: skip


def test_verdict_comparison_matches_hand_worked_agreement(intercom_db: Path) -> None:
    rows = query(intercom_db, "select * from main.fct_verdict_comparison")
    actual = {(r["ticket_id"], r["verdict_source"]): {k: as_text(v) for k, v in r.items()} for r in rows}
    expected = {(r["ticket_id"], r["verdict_source"]): r for r in EXPECTED_VERDICTS}
    assert sorted(actual) == sorted(expected)
    columns = ["verdict", "native_verdict", "outcome", "outcome_reason", "agrees"]
    differences = {
        key: {c: (row[c], actual[key][c]) for c in columns if row[c] != actual[key][c]}
        for key, row in expected.items()
        if any(row[c] != actual[key][c] for c in columns)
    }
    assert not differences, f"expected vs actual: {differences}"


# --------------------------------------------------------------------------------------
# Vendor tables as real loads vary: a missing table or column stops the build, optional
# columns may be absent. The tables are copied and altered with DuckDB: DuckDB only.


def copy_fixture_tables(db_path: Path, schema: str, drop: dict[str, list[str]], skip: tuple[str, ...] = ()) -> None:
    import duckdb

    source = source_fixture_schema("intercom")
    with duckdb.connect(str(db_path)) as con:
        con.execute(f"create schema if not exists {schema}")
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = ?", [source]
            ).fetchall()
        ]
        for table in tables:
            if table in skip or table == "resolution_verdicts":
                continue
            con.execute(f"create or replace table {schema}.{table} as select * from {source}.{table}")
            for column in drop.get(table, []):
                con.execute(f"alter table {schema}.{table} drop column {column}")


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("intercom_preflight") / "preflight.duckdb"
    load_fixtures_into_new(db_path, "intercom")
    dbt(["seed", "--select", "source_status_map source_channel_map source_csat_scale source_ai_identities"], db_path)
    return db_path


def adapter_vars(schema: str, extra_vars: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"raw_schema": schema, "source_system": "intercom", **IDENTITIES, **(extra_vars or {})}


ADAPTER_RUN = ["run", "--select", "path:models/adapters/intercom"]


def run_adapter(db_path: Path, schema: str, extra_vars: dict[str, Any] | None = None) -> Any:
    return dbt(ADAPTER_RUN, db_path, adapter_vars(schema, extra_vars), check=False)


@pytest.mark.engines("duckdb")
def test_missing_column_stops_the_build_naming_source_table_and_column(loaded_db: Path) -> None:
    copy_fixture_tables(loaded_db, "no_part_type", {"conversation_part_history": ["part_type"]})
    result = run_adapter(loaded_db, "no_part_type")
    assert result.returncode != 0
    assert "intercom table no_part_type.conversation_part_history is missing column part_type" in result.stdout


@pytest.mark.engines("duckdb")
def test_missing_table_stops_the_build_naming_source_and_table(loaded_db: Path) -> None:
    copy_fixture_tables(loaded_db, "no_conversations", {}, skip=("conversation_history",))
    result = run_adapter(loaded_db, "no_conversations")
    assert result.returncode != 0
    assert "intercom table no_conversations.conversation_history was not found" in result.stdout


@pytest.mark.engines("duckdb")
def test_optional_columns_and_tables_may_be_absent(loaded_db: Path) -> None:
    optional = ["ai_agent_participated", "ai_agent_resolution_state", "ai_agent_rating", "_fivetran_active"]
    copy_fixture_tables(
        loaded_db,
        "lean",
        {"conversation_history": optional, "conversation_part_history": ["_fivetran_active", "_fivetran_deleted"]},
        skip=("admin", "conversation_contact_history"),
    )
    result = run_adapter(loaded_db, "lean")
    assert result.returncode == 0, result.stdout[-3000:]
    # Without _fivetran_active the latest _fivetran_start is current: 1017 is no longer
    # known as deleted, and the customer falls back to the opening message's author.
    tickets = {r["ticket_id"]: r for r in query(loaded_db, "select * from main.intercom__tickets")}
    assert len(tickets) == 21
    assert (tickets["1001"]["status"], tickets["1019"]["customer_id"]) == ("solved", "lead_77")
    # Without the var intercom_issue_type_column no column is read: no issue type.
    assert {row["issue_type"] for row in tickets.values()} == {None}
    assert query(loaded_db, "select count(*) as n from main.intercom__resolution_verdicts") == [{"n": 0}]
    ratings = query(loaded_db, "select response_id from main.intercom__csat_responses order by response_id")
    assert [r["response_id"] for r in ratings] == [
        "1002:conversation_rating", "1006:conversation_rating", "1012:conversation_rating",
        "1014:conversation_rating",
    ]  # fmt: skip


@pytest.mark.engines("duckdb")
def test_a_missing_issue_type_column_stops_the_build_naming_it(loaded_db: Path) -> None:
    copy_fixture_tables(loaded_db, "no_issue_type", {"conversation_history": ["custom_issue_type"]})
    assert run_adapter(loaded_db, "no_issue_type").returncode == 0  # not read without the var
    result = run_adapter(loaded_db, "no_issue_type", ISSUE_TYPE)
    assert result.returncode != 0
    assert "intercom table no_issue_type.conversation_history is missing column custom_issue_type" in result.stdout


@pytest.mark.engines("duckdb")
def test_a_blank_issue_type_is_none(loaded_db: Path) -> None:
    import duckdb

    copy_fixture_tables(loaded_db, "blank_issue_type", {})
    with duckdb.connect(str(loaded_db)) as con:
        con.execute("update blank_issue_type.conversation_history set custom_issue_type = '   ' where id = '1001'")
    # Given in any case, with spaces: the var names the column case-insensitively.
    result = run_adapter(loaded_db, "blank_issue_type", {"intercom_issue_type_column": " Custom_Issue_Type "})
    assert result.returncode == 0, result.stdout[-3000:]
    tickets = {r["ticket_id"]: r for r in query(loaded_db, "select * from main.intercom__tickets")}
    assert (tickets["1001"]["issue_type"], tickets["1003"]["issue_type"]) == (None, "refund")


@pytest.mark.engines("duckdb")
def test_an_earlier_negative_rating_of_either_kind_is_a_rejection(loaded_db: Path) -> None:
    """With both ratings as answers, the earlier one (the one the lifecycle does not take as
    the latest: by responded_at, then response_id) becomes a resolution_rejected event when
    it is at most csat_negative_max_score and the latest is not."""
    import duckdb

    copy_fixture_tables(loaded_db, "two_ratings", {})
    current = "_fivetran_active"
    with duckdb.connect(str(loaded_db)) as con:
        for sql in (
            # 1002: Fin's 1 and the conversation's 5, both at 10:15 (the rating's first
            # version): on a tie the larger response_id, the conversation's, is the latest.
            f"update two_ratings.conversation_history set ai_agent_rating = 1 where id = '1002' and {current}",
            # 1014: the conversation's 2 at 09:40, then Fin's 5 at 09:45 (its version).
            "update two_ratings.conversation_history set conversation_rating_created_at = timestamp"
            f" '2026-03-14 09:40:00' where id = '1014' and {current}",
            f"update two_ratings.conversation_history set ai_agent_rating = 5 where id = '1014' and {current}",
            # 1006: the conversation's 4 at 09:25 and Fin's 3: 3 is not negative, no event.
            f"update two_ratings.conversation_history set ai_agent_rating = 3 where id = '1006' and {current}",
            # 1003: Fin's 1 at 11:20 is the latest; an earlier conversation 2 (11:10): the
            # CSAT rule rejects already, no event.
            "update two_ratings.conversation_history set conversation_rating_value = 2,"
            " conversation_rating_created_at = timestamp '2026-03-04 11:10:00'"
            f" where id = '1003' and {current}",
        ):
            con.execute(sql)

    def rejections(extra_vars: dict[str, Any] | None = None) -> list[tuple[str, str, datetime]]:
        result = session.invoke(ADAPTER_RUN, adapter_vars("two_ratings", extra_vars), write_json=False)
        assert result.success, result.output[-3000:]
        rows = query(
            loaded_db,
            "select event_id, ticket_id, occurred_at from main.intercom__ticket_events"
            " where event_type = 'resolution_rejected' and actor_type = 'customer' order by event_id",
        )
        return [(r["event_id"], r["ticket_id"], r["occurred_at"]) for r in rows]

    # One dbt process and one parse for the four runs (helpers/dbt_session.py): the two vars
    # that vary are read at run time, in the models' SQL, and change no ref or config.
    with DbtSession(loaded_db, adapter_vars("two_ratings")) as session:
        assert rejections() == [
            ("conversation:1002:rating_rejected", "1002", datetime(2026, 3, 3, 10, 15)),
            ("conversation:1012:rating_rejected", "1012", datetime(2026, 3, 12, 12, 15)),
            ("conversation:1014:rating_rejected", "1014", datetime(2026, 3, 14, 9, 40)),
        ]
        # One rating only: the CSAT rule alone decides.
        assert rejections({"intercom_csat_rating": "conversation"}) == []
        assert rejections({"intercom_csat_rating": "ai_agent"}) == []
        # The threshold is the outcome rules' var.
        assert [e[1] for e in rejections({"csat_negative_max_score": 1})] == ["1002"]
