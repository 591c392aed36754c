"""The Salesforce adapter (source_system salesforce) on hand-written Service Cloud tables in
Fivetran's layout (seeds/fixtures/sources/salesforce), with the contract's optional tables an
org lands next to them (Agentforce actions as ai_actions, its own survey as csat_responses, a
reviewer's verdicts): fct_conversations equals the outcomes worked out by hand, the bot's own
verdicts are compared, the rows the adapter sets aside and the values no seed maps are
counted in the data-quality marts, and a missing table or column stops the build before any
model runs. `case` and `user` are reserved words: the build reading them on DuckDB,
PostgreSQL and Spark is the proof that their quoting works everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import engines
from helpers.dbt_run import build_on_source_fixtures, dbt, load_fixtures_into_new, query, source_fixture_schema
from helpers.expected import COMPARED_CONVERSATION_COLUMNS, as_text
from helpers.paths import FIXTURES_DIR, read_csv

EXPECTED_DIR = FIXTURES_DIR / "sources" / "salesforce"
EXPECTED = read_csv(EXPECTED_DIR / "expected_conversations.csv")
EXPECTED_VERDICTS = read_csv(EXPECTED_DIR / "expected_verdicts.csv")
COMPARED = COMPARED_CONVERSATION_COLUMNS
SCHEMA = engines.MODEL_SCHEMA


def case(suffix: str) -> str:
    """The fixtures' 18-character ids: case('C01') is case 5000000000000C01AA."""
    return f"5000000000000{suffix}AA"


def user(suffix: str) -> str:
    return f"0050000000000{suffix}AA"


# Who the AI is in the fixtures, one identity type each, given as a var: these ids and
# addresses must not ship in seeds/source_ai_identities.csv (the seed's own row
# author_type bot covers the bot's conversation entries).
IDENTITIES: list[dict[str, str]] = [
    {"identity_type": "user_id", "identity_value": user("U05"), "counts_as": "ai_agent"},
    {"identity_type": "email", "identity_value": "agentforce-user@fixture.example", "counts_as": "ai_agent"},
    {"identity_type": "email", "identity_value": "einstein-agent@fixture.example", "counts_as": "ai_agent"},
    {"identity_type": "role", "identity_value": "BotAgent", "counts_as": "ai_agent"},
    {"identity_type": "via_channel", "identity_value": "Web", "counts_as": "ai_agent"},
    # An integration user that posts acknowledgements: automation, not the AI.
    {"identity_type": "user_id", "identity_value": user("U09"), "counts_as": "system"},
]
FIXTURE_VARS: dict[str, Any] = {
    "source_ai_identities_extra": [{"source_system": "salesforce", **row} for row in IDENTITIES],
    # The fixtures carry the issue type in Case.Type.
    "salesforce_issue_type_column": "type",
}


@pytest.fixture(scope="module")
def salesforce_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("salesforce") / "salesforce.duckdb"
    build_on_source_fixtures(db_path, "salesforce", FIXTURE_VARS)
    return db_path


@pytest.fixture(scope="module")
def conversations(salesforce_db: Path) -> dict[str, dict[str, str]]:
    rows = query(salesforce_db, f"select * from {SCHEMA}.fct_conversations")
    return {row["ticket_id"]: {k: as_text(v) for k, v in row.items()} for row in rows}


def test_same_tickets_as_expected(conversations: dict[str, dict[str, str]]) -> None:
    # C14 is in the Recycle Bin (is_deleted, no merge) and C15 purged (_fivetran_deleted): set aside.
    assert sorted(conversations) == sorted(row["ticket_id"] for row in EXPECTED)
    assert case("C14") not in conversations and case("C15") not in conversations


@pytest.mark.parametrize("expected", EXPECTED, ids=[row["ticket_id"][13:16] for row in EXPECTED])
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


def test_merge_channel_and_customer(conversations: dict[str, dict[str, str]]) -> None:
    merged = {
        ticket: row["merged_into_ticket_id"] for ticket, row in conversations.items() if row["merged_into_ticket_id"]
    }
    assert merged == {case("C13"): case("C12")}
    channels = {suffix: conversations[case(suffix)]["channel"] for suffix in ("C01", "C06", "C08", "C09", "C10", "C16")}
    assert channels == {"C01": "chat", "C06": "email", "C08": "voice", "C09": "chat", "C10": "web", "C16": "unknown"}
    # No contact on C10: the customer is the email supplied with the case.
    assert conversations[case("C10")]["customer_id"] == "customer10@example.com"


def test_adapter_messages_authors(salesforce_db: Path) -> None:
    """Who wrote what, as the adapter emitted it (read where staging landed it: the adapter's
    views are not readable from the Spark test session, base_support__messages is a table)."""
    rows = query(salesforce_db, f"select message_id, author_type, is_public from {SCHEMA}.base_support__messages")
    authors = {row["message_id"]: (row["author_type"], row["is_public"]) for row in rows}
    entry = "entry:0XT00000000S{}AA".format
    assert authors[entry("01E1")] == ("customer", True)  # EndUser
    assert authors[entry("01E2")] == ("ai_agent", True)  # Bot (seed row author_type bot)
    assert authors[entry("19E2")] == ("ai_agent", True)  # BOT / ' TEXT ': lower-cased and trimmed
    assert authors[entry("04E5")] == ("human_agent", True)  # Agent
    assert authors[entry("04E6")] == ("human_agent", True)  # Supervisor
    assert entry("01E3") not in authors  # is_deleted: set aside
    assert entry("01E4") not in authors and entry("04E4") not in authors  # events, not Text
    email = "email:02s0000000000{}AA".format
    assert authors[email("X01")] == ("customer", True)  # incoming
    assert authors[email("X02")] == ("human_agent", True)  # outgoing by a Standard user
    assert authors[email("X05")] == ("ai_agent", True)  # from the AI's listed address
    assert authors[email("X08")] == ("ai_agent", True)  # the same address, upper-cased
    assert email("X03") not in authors  # a draft (status 5) was never sent
    comment = "comment:00a0000000000{}AA".format
    assert authors[comment("M01")] == ("human_agent", False)  # not published: internal note
    assert authors[comment("M03")] == ("customer", True)  # PowerCustomerSuccess
    assert authors[comment("M04")] == ("ai_agent", True)  # listed by user_id
    assert authors[comment("M07")] == ("ai_agent", True)  # user_type BotAgent listed as role
    assert authors[comment("M09")] == ("system", True)  # listed by user_id as system
    assert comment("M02") not in authors  # _fivetran_deleted


def test_adapter_events(salesforce_db: Path) -> None:
    rows = query(
        salesforce_db,
        f"select event_id, event_type, actor_type, status, assignee_type from {SCHEMA}.base_support__ticket_events",
    )
    events = {
        row["event_id"]: (row["event_type"], row["actor_type"], row["status"], row["assignee_type"]) for row in rows
    }
    history = "history:0170000000000{}AA".format
    assert events[history("H01")] == ("status_changed", "system", "closed", None)  # Automated Process
    assert events[history("H11")] == ("status_changed", "ai_agent", "closed", None)  # user listed by email
    assert events[history("H22")] == ("status_changed", "human_agent", "unknown", None)  # Awaiting Customer
    # Owner: the id row is the assignment, the name row beside it is not an event.
    assert events[history("H04")] == ("assigned", "system", None, "human_agent")
    assert events[history("H07")] == ("assigned", "system", None, "queue")  # 00G: a queue
    assert events[history("H14")] == ("assigned", "system", None, "ai_agent")  # user_type BotAgent listed
    assert not {history(h) for h in ("H03", "H06", "H13", "H09", "H26")} & set(events)
    # Origin Web listed as via_channel: the AI took the case at creation.
    assert events[f"origin:{case('C10')}"] == ("assigned", "system", None, "ai_agent")
    handoffs = {key: value for key, value in events.items() if value[0] == "handoff_requested"}
    assert handoffs == {
        "entry:0XT00000000S04E4AA:handoff": ("handoff_requested", "ai_agent", None, None),
        "entry:0XT00000000S05E3AA:handoff": ("handoff_requested", "ai_agent", None, None),
    }


def test_set_aside_rows_are_quarantined(salesforce_db: Path) -> None:
    rows = query(salesforce_db, f"select raw_table, primary_key, ticket_id, reason from {SCHEMA}.fct_quarantined_rows")
    found = {(row["raw_table"], row["primary_key"], row["ticket_id"], row["reason"]) for row in rows}
    deleted = "deleted_in_source"
    assert found == {
        ("salesforce.case", case("C14"), case("C14"), deleted),  # is_deleted, no master: Recycle Bin
        ("salesforce.case", case("C15"), case("C15"), deleted),  # _fivetran_deleted
        ("salesforce.case_comment", "00a0000000000M02AA", case("C06"), deleted),
        ("salesforce.case_history", "0170000000000H09AA", case("C06"), deleted),
        ("salesforce.case_history", "0170000000000H26AA", case("C06"), deleted),
        ("salesforce.email_message", "02s0000000000X11AA", case("C13"), deleted),
        ("salesforce.conversation_entry", "0XT00000000S01E3AA", case("C01"), deleted),
        ("salesforce.user", user("U08"), None, deleted),
        # The deleted case's comment reaches staging without its ticket.
        ("messages", "comment:00a0000000000M10AA", case("C14"), "orphan_ticket"),
        # A session with no case: its entry has no ticket.
        ("messages", "entry:0XT00000000S99E1AA", None, "missing_ticket_id"),
    }
    # The merged case C13 (is_deleted with master_record_id) is not set aside.
    assert not any(key == case("C13") for _, key, _, _ in found)


def test_unmapped_values_are_counted(salesforce_db: Path) -> None:
    rows = query(
        salesforce_db,
        f"select seed_name, unmapped_value, raw_table, row_count, ticket_count "
        f"from {SCHEMA}.fct_unmapped_reference_values where seed_name like 'source_%'",
    )
    found = {
        (row["seed_name"], row["unmapped_value"]): (row["raw_table"], row["row_count"], row["ticket_count"])
        for row in rows
    }
    assert found == {
        # On the case and in its Status change.
        ("source_status_map", "awaiting customer"): ("salesforce.case and salesforce.case_history", 2, 1),
        ("source_channel_map", "carrier pigeon"): ("salesforce.case", 1, 1),
    }


def test_verdicts_compared(salesforce_db: Path) -> None:
    rows = query(salesforce_db, f"select * from {SCHEMA}.fct_verdict_comparison")
    actual = {(row["ticket_id"], row["verdict_source"]): {k: as_text(v) for k, v in row.items()} for row in rows}
    assert sorted(actual) == sorted((row["ticket_id"], row["verdict_source"]) for row in EXPECTED_VERDICTS)
    for expected in EXPECTED_VERDICTS:
        row = actual[(expected["ticket_id"], expected["verdict_source"])]
        compared = ["verdict", "native_verdict", "outcome", "outcome_reason", "agrees"]
        differences = {
            column: (expected[column], row[column]) for column in compared if expected[column] != row[column]
        }
        assert not differences, f"{expected['ticket_id']} ({expected['note']}): expected vs actual {differences}"


def test_agentforce_actions_and_survey_are_read(salesforce_db: Path) -> None:
    """The contract's ai_actions and csat_responses landed next to the vendor tables are read."""
    actions = query(salesforce_db, f"select action_id, ticket_id from {SCHEMA}.fct_ai_actions order by action_id")
    assert [row["action_id"] for row in actions] == ["AF001", "AF002", "AF003"]
    # Staged answers, read from the base table (staging's views are not readable from the Spark test session).
    answers = query(
        salesforce_db,
        f"select response_id, score from {SCHEMA}.base_support__csat_responses where disposition = 'staged'",
    )
    assert sorted((row["response_id"], row["score"]) for row in answers) == [("SV019", 5), ("SV020", 2)]


@pytest.mark.engines("duckdb")
def test_preflight_names_missing_table_and_column(tmp_path: Path) -> None:
    """A missing vendor table, a missing column, and the issue-type column the var names
    but the case lacks, stop the build before any model runs."""
    db_path = tmp_path / "preflight.duckdb"
    load_fixtures_into_new(db_path, "salesforce")
    schema = source_fixture_schema("salesforce")
    engines.execute(db_path, f"drop table {schema}.case_history")
    engines.execute(db_path, f"alter table {schema}.conversation_entry drop column entry_type")
    build_vars = {"raw_schema": schema, "source_system": "salesforce", "salesforce_issue_type_column": "issue_type_c"}
    result = dbt(["build"], db_path, build_vars, check=False)
    output = result.stdout
    assert result.returncode != 0
    assert f"salesforce table {schema}.case_history was not found" in output
    assert f"salesforce table {schema}.conversation_entry is missing column entry_type" in output
    assert f"salesforce table {schema}.case is missing column issue_type_c" in output
    assert "OK created" not in output


@pytest.mark.engines("duckdb")
def test_optional_tables_absent_still_build(tmp_path: Path) -> None:
    """Without case_comment, email_message, messaging_session and conversation_entry (and
    the optional columns) the adapter still builds on cases and their history alone."""
    db_path = tmp_path / "optional.duckdb"
    load_fixtures_into_new(db_path, "salesforce")
    schema = source_fixture_schema("salesforce")
    for table in ("case_comment", "email_message", "messaging_session", "conversation_entry"):
        engines.execute(db_path, f"drop table {schema}.{table}")
    for column in ("master_record_id", "supplied_email", "_fivetran_deleted"):
        engines.execute(db_path, f'alter table {schema}."case" drop column {column}')
    dbt(
        ["build", "--select", "+fct_conversations", "--resource-type", "model", "--resource-type", "seed"],
        db_path,
        {"raw_schema": schema, "source_system": "salesforce", **FIXTURE_VARS},
    )
    rows = query(db_path, f"select ticket_id, outcome from {SCHEMA}.fct_conversations")
    outcomes = {row["ticket_id"]: row["outcome"] for row in rows}
    # Nothing says C15 was purged any more; C13 (is_deleted, no master_record_id) is in the Recycle Bin.
    assert case("C15") in outcomes and case("C13") not in outcomes
    # Without the conversation entries the bot's work is not seen: C01 is a ticket closed by automation.
    assert outcomes[case("C01")] == "human_only"
    # C10 has no contact; without supplied_email it has no customer: quarantined (missing_customer_id).
    assert case("C10") not in outcomes
