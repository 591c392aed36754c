"""The Kustomer adapter on hand-made records as Singer taps land them
(seeds/fixtures/sources/kustomer: conversations as JSON columns, messages and users flattened,
notes denested in snake_case): fct_conversations and fct_verdict_comparison equal the answers
worked out by hand in tests/fixtures/sources/kustomer/, the rows the adapter sets aside and
the values no mapping seed maps reach the data-quality marts, the three shapes of a table give
the same contract rows, and the pre-flight stops a build on a missing table or field."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from helpers.dbt_run import build_on_source_fixtures, dbt, query, source_fixture_schema
from helpers.expected import COMPARED_CONVERSATION_COLUMNS, as_text
from helpers.paths import FIXTURES_DIR, read_csv

EXPECTED_DIR = FIXTURES_DIR / "sources" / "kustomer"
EXPECTED = read_csv(EXPECTED_DIR / "expected_conversations.csv")
EXPECTED_VERDICTS = read_csv(EXPECTED_DIR / "expected_verdicts.csv")


def identity(identity_type: str, value: str, counts_as: str) -> dict[str, str]:
    return {
        "source_system": "kustomer",
        "identity_type": identity_type,
        "identity_value": value,
        "counts_as": counts_as,
    }


# The fixtures' AI users and automation, one per identity type: listed here rather than in
# seeds/source_ai_identities.csv, whose rows ship to every user. The shipped rows
# (author_type auto and assistant: ai_agent) apply as they are.
IDENTITIES = {
    "source_ai_identities_extra": [
        identity("user_id", "usr_kai", "ai_agent"),
        identity("email", "concierge@ai.example.com", "ai_agent"),
        identity("role", "bot", "ai_agent"),
        identity("user_id", "usr_rules", "system"),
        identity("user_id", "ast_router", "system"),
    ]
}
# The fixtures carry the issue type in a conversation custom attribute (attributes.custom).
ISSUE_TYPE = {"kustomer_issue_type_attribute": "issueTypeStr"}
FIXTURE_VARS = {**IDENTITIES, **ISSUE_TYPE}
COMPARED = COMPARED_CONVERSATION_COLUMNS
AS_OF = "2026-03-31 00:00:00"


@pytest.fixture(scope="module")
def kustomer_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project built once on the Kustomer fixtures (source_system kustomer)."""
    db_path = tmp_path_factory.mktemp("kustomer") / "kustomer.duckdb"
    build_on_source_fixtures(db_path, "kustomer", FIXTURE_VARS)
    yield db_path


@pytest.fixture(scope="module")
def conversations(kustomer_db: Path) -> dict[str, dict[str, str]]:
    rows = query(kustomer_db, "select * from main.fct_conversations")
    return {row["ticket_id"]: {k: as_text(v) for k, v in row.items()} for row in rows}


def test_one_conversation_per_kustomer_conversation_not_deleted(conversations: dict[str, dict[str, str]]) -> None:
    # cnv_11 was deleted at the source (_sdc_deleted_at): set aside, not a ticket.
    assert sorted(conversations) == sorted(row["ticket_id"] for row in EXPECTED)
    assert "cnv_11" not in conversations


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


def test_as_of_is_the_latest_kustomer_timestamp(conversations: dict[str, dict[str, str]]) -> None:
    assert {row["as_of"] for row in conversations.values()} == {AS_OF}


# The adapter's relations are views: the Spark tests read table files only (helpers/engines.py).
@pytest.mark.engines("duckdb", "postgres")
def test_contract_relations_carry_the_mapped_values(kustomer_db: Path) -> None:
    tickets = {r["ticket_id"]: r for r in query(kustomer_db, "select * from main.kustomer__tickets")}
    # Customer from relationships.customer; channel (the first of channels) and status
    # through the mapping seeds, unmapped values unknown; spam from attributes.spam.
    assert (tickets["cnv_02"]["customer_id"], tickets["cnv_02"]["channel"]) == ("cus_02", "email")
    assert (tickets["cnv_10"]["channel"], tickets["cnv_14"]["channel"]) == ("chat", "social")
    assert (tickets["cnv_12"]["channel"], tickets["cnv_12"]["status"]) == ("unknown", "unknown")
    assert (tickets["cnv_19"]["status"], tickets["cnv_15"]["status"]) == ("on_hold", "solved")
    assert [t for t, r in tickets.items() if r["is_spam"]] == ["cnv_09"]
    # mergedTarget marks the conversation others were merged into: no merge by default.
    assert {r["merged_into_ticket_id"] for r in tickets.values()} == {None}
    # createdAt with an offset (+02:00) is converted to UTC.
    assert tickets["cnv_02"]["created_at"] == datetime(2026, 3, 3, 10, 0)
    assert tickets["cnv_16"]["issue_type"] == "password_reset"
    messages = {r["message_id"]: r for r in query(kustomer_db, "select * from main.kustomer__messages")}
    authors = {
        "message:m0101": "customer",  # direction in
        "message:m0102": "ai_agent",  # outbound auto, nobody: the author_type auto row
        "message:m0404": "human_agent",  # outbound by a person (userType user)
        "message:m0505": "system",  # outbound by a machine user, not listed
        "message:m1402": "ai_agent",  # not auto, userType bot listed as a role
        "message:m1502": "ai_agent",  # not auto, userType user listed by email
        "message:m1702": "human_agent",  # a deleted user: falls back to a person
        "message:m1802": "system",  # auto, but its user is listed as system: the id wins
        "note:n0801": "human_agent",
    }
    assert {m: messages[m]["author_type"] for m in authors} == authors
    assert (messages["note:n0801"]["is_public"], messages["message:m0802"]["is_public"]) == (False, True)
    # The later extraction of m1502 wins; m1602 has no sentAt: its createdAt.
    assert messages["message:m1502"]["body"] == "Arriving tomorrow."
    assert messages["message:m1602"]["sent_at"] == datetime(2026, 3, 17, 9, 1)
    # Deleted messages and notes, and those of a deleted conversation, are not messages.
    assert not {"message:m1603", "message:m1101", "note:n1101", "note:n1701"} & set(messages)
    events = {r["event_id"]: r for r in query(kustomer_db, "select * from main.kustomer__ticket_events")}
    assert sorted(e for e in events if e.startswith("conversation:cnv_06:")) == [
        "conversation:cnv_06:first_done", "conversation:cnv_06:last_done", "conversation:cnv_06:reopened",
    ]  # fmt: skip
    assert (events["conversation:cnv_06:reopened"]["status"], events["conversation:cnv_19:status"]["status"]) == (
        "open",
        "on_hold",
    )
    assert events["conversation:cnv_01:first_done"]["actor_type"] == "ai_agent"
    assert events["conversation:cnv_04:first_done"]["actor_type"] == "human_agent"
    assert events["conversation:cnv_05:first_done"]["actor_type"] == "system"
    handoff = events["conversation:cnv_05:assistant_transfer"]
    assert (handoff["event_type"], handoff["actor_type"], handoff["reason"]) == (
        "handoff_requested",
        "ai_agent",
        "other",
    )
    assert events["conversation:cnv_13:assistant"]["assignee_type"] == "ai_agent"
    # The assistant ast_router is listed as system: no assignment, no handoff.
    assert not [e for e in events if e.startswith("conversation:cnv_18:assistant")]


# The adapter's relations are views: the Spark tests read table files only (helpers/engines.py).
@pytest.mark.engines("duckdb", "postgres")
def test_csat_from_the_satisfaction_rating(kustomer_db: Path) -> None:
    rows = query(kustomer_db, "select * from main.kustomer__csat_responses order by response_id")
    # cnv_12's 7 is unmapped; cnv_15's survey was only offered: no answers.
    assert [(r["response_id"], r["score"], r["responded_at"]) for r in rows] == [
        ("cnv_02:satisfaction", 5, datetime(2026, 3, 3, 10, 30)),
        ("cnv_03:satisfaction", 1, datetime(2026, 3, 4, 11, 20)),
        ("cnv_18:satisfaction", 3, datetime(2026, 3, 19, 9, 40)),
    ]


# The adapter's relations are views: the Spark tests read table files only (helpers/engines.py).
@pytest.mark.engines("duckdb", "postgres")
def test_kustomer_verdicts_and_their_dates(kustomer_db: Path) -> None:
    rows = query(kustomer_db, "select * from main.kustomer__resolution_verdicts order by ticket_id, verdict_source")
    decided = {(r["ticket_id"], r["verdict_source"]): r["decided_at"] for r in rows}
    assert decided[("cnv_04", "kustomer_assistant")] == datetime(2026, 3, 5, 9, 3)  # transferredAt
    assert decided[("cnv_01", "kustomer_assistant")] == datetime(2026, 3, 2, 9, 5)  # endedAt
    assert decided[("cnv_06", "kustomer_deflection")] == datetime(2026, 3, 7, 9, 2)  # deflectedAt
    assert decided[("cnv_08", "qa_review")] == datetime(2026, 3, 10, 12, 0)  # the landed contract table
    # The assistant still running (cnv_13) states nothing yet.
    assert ("cnv_13", "kustomer_assistant") not in decided
    expected = {(r["ticket_id"], r["verdict_source"]): (r["native_verdict"], r["verdict"]) for r in EXPECTED_VERDICTS}
    assert {(r["ticket_id"], r["verdict_source"]): (r["native_verdict"], r["verdict"]) for r in rows} == expected


def test_deleted_rows_are_set_aside(kustomer_db: Path) -> None:
    rows = query(
        kustomer_db,
        "select raw_table, primary_key, ticket_id, reason from main.fct_quarantined_rows"
        " where raw_table like 'kustomer.%' order by raw_table, primary_key",
    )
    deleted = "deleted_in_source"
    assert rows == [
        # _sdc_deleted_at on cnv_11; its message and note go with it.
        {"raw_table": "kustomer.conversations", "primary_key": "cnv_11", "ticket_id": "cnv_11", "reason": deleted},
        {"raw_table": "kustomer.messages", "primary_key": "m1101", "ticket_id": "cnv_11", "reason": deleted},
        # _sdc_deleted_at on a message of a live conversation.
        {"raw_table": "kustomer.messages", "primary_key": "m1603", "ticket_id": "cnv_16", "reason": deleted},
        {"raw_table": "kustomer.notes", "primary_key": "n1101", "ticket_id": "cnv_11", "reason": deleted},
        # singer-io's deleted flag on a note.
        {"raw_table": "kustomer.notes", "primary_key": "n1701", "ticket_id": "cnv_17", "reason": deleted},
        # attributes.deletedAt on a user.
        {"raw_table": "kustomer.users", "primary_key": "usr_carol", "ticket_id": None, "reason": deleted},
    ]  # fmt: skip


def test_unmapped_values_are_counted(kustomer_db: Path) -> None:
    rows = query(
        kustomer_db,
        "select seed_name, unmapped_value, raw_table, row_count, ticket_count, applied_mapping, first_seen_at"
        " from main.fct_unmapped_reference_values where seed_name like 'source_%' order by seed_name",
    )
    conversations_table = "kustomer.conversations"
    assert rows == [
        {"seed_name": "source_channel_map", "unmapped_value": "tiktok", "raw_table": conversations_table,
         "row_count": 1, "ticket_count": 1, "applied_mapping": "channel unknown",
         "first_seen_at": datetime(2026, 3, 13, 9)},
        {"seed_name": "source_csat_scale", "unmapped_value": "7", "raw_table": conversations_table,
         "row_count": 1, "ticket_count": 1, "applied_mapping": "not a CSAT answer: no response",
         "first_seen_at": datetime(2026, 3, 13, 9, 30)},
        {"seed_name": "source_status_map", "unmapped_value": "archived", "raw_table": conversations_table,
         "row_count": 1, "ticket_count": 1, "applied_mapping": "status unknown",
         "first_seen_at": datetime(2026, 3, 13, 9)},
    ]  # fmt: skip


def test_verdict_comparison_matches_hand_worked_agreement(kustomer_db: Path) -> None:
    rows = query(kustomer_db, "select * from main.fct_verdict_comparison")
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
# The other shapes a tap lands, missing tables and fields, and the vars. The tables are
# copied and reshaped with DuckDB: DuckDB only.

RELATIONS = ("tickets", "messages", "ticket_events", "csat_responses", "resolution_verdicts", "set_aside_rows")


def fixture_tables(con: Any) -> list[str]:
    source = source_fixture_schema("kustomer")
    return [
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [source]
        ).fetchall()
    ]


def copy_fixture_tables(db_path: Path, schema: str, drop: dict[str, list[str]], skip: tuple[str, ...] = ()) -> None:
    import duckdb

    source = source_fixture_schema("kustomer")
    with duckdb.connect(str(db_path)) as con:
        con.execute(f"create schema if not exists {schema}")
        for table in fixture_tables(con):
            if table in skip:
                continue
            con.execute(f"create or replace table {schema}.{table} as select * from {source}.{table}")
            for column in drop.get(table, []):
                con.execute(f'alter table {schema}.{table} drop column "{column}"')


def snake(key: str) -> str:
    """singer-io's tap-kustomer key conversion (camelCase to snake_case)."""
    step = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", key)
    return re.sub("([a-z0-9])([A-Z])", r"\1_\2", step).lower()


def snake_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {snake(k): snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_keys(v) for v in value]
    return value


def reshape_conversations(db_path: Path, schema: str, shape: str) -> None:
    """The fixture schema with its JSON conversations rewritten in another shape:
    flattened (attributes__<key> at depth 1, nested values as JSON text; the customer
    flattened to the bottom) or denested (singer-io: attributes at the top level, the
    relationships' data objects under their names, every key in snake_case)."""
    import duckdb

    copy_fixture_tables(db_path, schema, {}, skip=("conversations",))
    source = source_fixture_schema("kustomer")
    with duckdb.connect(str(db_path)) as con:
        rows = con.execute(
            f"select id, type, updated_at, attributes::varchar, relationships::varchar, _sdc_extracted_at,"
            f" _sdc_deleted_at from {source}.conversations"
        ).fetchall()
        records = []
        for cid, kind, updated_at, attributes, relationships, extracted_at, deleted_at in rows:
            record: dict[str, Any] = {"id": cid, "type": kind}
            if shape == "flattened":
                record["updated_at"] = updated_at
                for key, value in json.loads(attributes).items():
                    scalar = value is None or isinstance(value, str | bool | int | float)
                    record[f"attributes__{key}"] = value if scalar else json.dumps(value)
                customer = json.loads(relationships)["customer"]["data"]["id"]
                record["relationships__customer__data__id"] = customer
                record["_sdc_extracted_at"] = extracted_at
                record["_sdc_deleted_at"] = deleted_at
            else:
                # attributes.updatedAt lands as updated_at (ISO text), the tap's replication key.
                for key, value in snake_keys(json.loads(attributes)).items():
                    record[key] = value if not isinstance(value, dict | list) else json.dumps(value)
                for key, value in json.loads(relationships).items():
                    record[snake(key)] = json.dumps(value["data"])
                record["_sdc_batched_at"] = extracted_at
                record["_sdc_deleted_at"] = deleted_at
            records.append(record)
        columns = sorted({key for record in records for key in record})
        types = {
            column: "timestamp" if column in ("_sdc_extracted_at", "_sdc_deleted_at", "_sdc_batched_at")
            or (column == "updated_at" and shape == "flattened")
            else "boolean" if column.split("__")[-1] in ("spam", "mergedTarget", "merged_target")
            else "varchar"
            for column in columns
        }  # fmt: skip
        con.execute(
            f"create or replace table {schema}.conversations (" + ", ".join(f'"{c}" {types[c]}' for c in columns) + ")"
        )
        con.executemany(
            f"insert into {schema}.conversations values ({', '.join('?' for _ in columns)})",
            [[record.get(c) for c in columns] for record in records],
        )


@pytest.fixture(scope="module")
def loaded_db(kustomer_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture build's warehouse (fixture tables and mapping seeds loaded), for
    the adapter runs below: they replace the adapter's views."""
    db_path = tmp_path_factory.mktemp("kustomer_shapes") / "shapes.duckdb"
    shutil.copyfile(kustomer_db, db_path)
    return db_path


def run_adapter(db_path: Path, schema: str, extra_vars: dict[str, Any] | None = None) -> Any:
    dbt_vars = {"raw_schema": schema, "source_system": "kustomer", **FIXTURE_VARS, **(extra_vars or {})}
    return dbt(["run", "--select", "path:models/adapters/kustomer"], db_path, dbt_vars, check=False)


def adapter_rows(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {
        relation: sorted(tuple(row.values()) for row in query(db_path, f"select * from main.kustomer__{relation}"))
        for relation in RELATIONS
    }


@pytest.mark.engines("duckdb")
def test_flattened_and_denested_conversations_give_the_same_contract_rows(kustomer_db: Path, loaded_db: Path) -> None:
    reference = adapter_rows(kustomer_db)
    assert len(reference["tickets"]) == 18
    for shape in ("flattened", "denested"):
        schema = f"shape_{shape}"
        reshape_conversations(loaded_db, schema, shape)
        result = run_adapter(loaded_db, schema)
        assert result.returncode == 0, result.stdout[-3000:]
        rows = adapter_rows(loaded_db)
        different = [relation for relation in RELATIONS if rows[relation] != reference[relation]]
        assert not different, f"{shape}: {different}"


@pytest.mark.engines("duckdb")
def test_the_preflight_names_every_missing_table_and_field(loaded_db: Path) -> None:
    """Flattened conversations without the customer and the issue type's attribute, notes
    without their conversation, no messages table: one run names them all, with the
    columns it looked for in each table's shape."""
    import duckdb

    reshape_conversations(loaded_db, "broken", "flattened")
    with duckdb.connect(str(loaded_db)) as con:
        con.execute('alter table broken.conversations drop column "attributes__custom"')
        con.execute('alter table broken.conversations drop column "relationships__customer__data__id"')
        con.execute("alter table broken.notes drop column conversation")
        con.execute("drop table broken.messages")
    result = run_adapter(loaded_db, "broken")
    assert result.returncode != 0
    for problem in (
        "kustomer table broken.messages was not found",
        "kustomer table broken.conversations has no column for attributes.custom.issueTypeStr"
        " (looked for attributes__custom__issueTypeStr, attributes__custom)",
        # No relationships column of any shape: the denested names are the ones left.
        "kustomer table broken.conversations has no column for relationships.customer.data.id"
        " (looked for customer__id, customer)",
        # notes arrive denested in snake_case (singer-io).
        "kustomer table broken.notes has no column for relationships.conversation.data.id"
        " (looked for conversation__id, conversation)",
    ):
        assert problem in result.stdout, problem


@pytest.mark.engines("duckdb")
def test_optional_tables_may_be_absent_and_the_vars_apply(loaded_db: Path) -> None:
    copy_fixture_tables(loaded_db, "lean", {}, skip=("notes", "users", "resolution_verdicts"))
    flipped = {"kustomer_merged_target_is_merged_away": True, "kustomer_issue_type_attribute": None}
    result = run_adapter(loaded_db, "lean", flipped)
    assert result.returncode == 0, result.stdout[-3000:]
    messages = {r["message_id"]: r for r in query(loaded_db, "select * from main.kustomer__messages")}
    assert not [m for m in messages if m.startswith("note:")]
    # Without users: no userType, every author with an id not listed is a person; listed
    # ids still count (usr_kai, usr_rules), emails and roles cannot be matched.
    assert messages["message:m0505"]["author_type"] == "human_agent"
    assert messages["message:m1402"]["author_type"] == "human_agent"
    assert messages["message:m0202"]["author_type"] == "ai_agent"
    assert messages["message:m1802"]["author_type"] == "system"
    verdicts = query(loaded_db, "select distinct verdict_source from main.kustomer__resolution_verdicts")
    assert sorted(r["verdict_source"] for r in verdicts) == ["kustomer_assistant", "kustomer_deflection"]
    tickets = query(loaded_db, "select ticket_id, issue_type, merged_into_ticket_id from main.kustomer__tickets")
    # mergedTarget read as merged away: cnv_10 is merged, into a conversation the export does not name.
    assert [(r["ticket_id"], r["merged_into_ticket_id"]) for r in tickets if r["merged_into_ticket_id"]] == [
        ("cnv_10", "unknown")
    ]
    # Without kustomer_issue_type_attribute: no issue type.
    assert {r["issue_type"] for r in tickets} == {None}
