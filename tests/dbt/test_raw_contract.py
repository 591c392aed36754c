"""The raw contract from a user's side: text-typed CSV loads, missing optional columns,
a raw schema that no dbt command may touch, and bodies that never leave staging."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from helpers.dbt_run import dbt, query
from helpers.paths import FIXTURES_DIR, PROJECT_DIR, read_csv

# The raw tables here are DuckDB files loaded from CSV as text; the body check reads
# information_schema, which Spark lacks.
pytestmark = pytest.mark.engines("duckdb")

RAW_TABLES = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses"]
SEED_DIR = PROJECT_DIR / "seeds" / "fixtures"


def load_raw_from_csv(db_path: Path, drop_ticket_columns: tuple[str, ...] = ()) -> None:
    """Land the fixture CSVs in schema raw as an EL tool exporting text would: every
    column as VARCHAR, optionally without some optional ticket columns."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("create schema if not exists raw")
        for table in RAW_TABLES:
            csv_path = SEED_DIR / f"fixture_{table}.csv"
            exclude = ""
            if table == "tickets" and drop_ticket_columns:
                exclude = f" exclude ({', '.join(drop_ticket_columns)})"
            con.execute(
                f"create or replace table raw.{table} as "
                f"select *{exclude} from read_csv('{csv_path}', header = true, all_varchar = true)"
            )


def raw_checksums(db_path: Path) -> dict[str, tuple[int, int]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {
            table: con.execute(f"select count(*), sum(hash(t)) from raw.{table} as t").fetchone()
            for table in RAW_TABLES
        }


@pytest.fixture(scope="module")
def text_raw_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("text_raw") / "warehouse.duckdb"
    load_raw_from_csv(db_path)
    return db_path


def test_build_leaves_raw_schema_untouched(text_raw_db: Path) -> None:
    before = raw_checksums(text_raw_db)
    dbt(["seed"], text_raw_db)
    dbt(["build"], text_raw_db)
    assert raw_checksums(text_raw_db) == before
    schemas = {r["schema_name"] for r in query(text_raw_db, "select schema_name from information_schema.schemata")}
    assert "raw_fixtures" not in schemas, "fixtures must only load when a test asks for them"


def test_text_typed_raw_tables_give_the_hand_worked_outcomes(text_raw_db: Path) -> None:
    dbt(["build", "--select", "+fct_conversations", "--indirect-selection", "cautious"], text_raw_db)
    actual = {
        r["ticket_id"]: (r["outcome"], r["outcome_reason"])
        for r in query(text_raw_db, "select ticket_id, outcome, outcome_reason from main.fct_conversations")
    }
    expected = {
        r["ticket_id"]: (r["outcome"], r["outcome_reason"])
        for r in read_csv(FIXTURES_DIR / "expected_conversations.csv")
    }
    assert actual == expected


def test_optional_ticket_columns_may_be_absent(tmp_path: Path) -> None:
    db_path = tmp_path / "warehouse.duckdb"
    load_raw_from_csv(db_path, drop_ticket_columns=("is_spam", "merged_into_ticket_id"))
    dbt(["build", "--select", "+fct_conversations", "--indirect-selection", "cautious"], db_path)
    rows = query(db_path, "select ticket_id, is_spam, merged_into_ticket_id, outcome from main.fct_conversations")
    assert rows, "the build produced no conversations"
    assert all(r["is_spam"] is False and r["merged_into_ticket_id"] is None for r in rows)
    assert all(r["outcome"] != "excluded" for r in rows)


@pytest.mark.engines("duckdb", "postgres")
def test_marts_and_intermediates_never_expose_message_bodies(fixture_db: Path) -> None:
    columns = query(
        fixture_db,
        """
        select table_name, column_name
        from information_schema.columns
        where table_schema = 'main'
          and not starts_with(table_name, 'stg_') and not starts_with(table_name, 'base_')
        """,
    )
    leaked = [c for c in columns if "body" in c["column_name"].lower()]
    assert columns and not leaked, leaked
