"""The messy raw tables of tests/fixtures/messy, landed as a text-exporting EL tool would
(shared by the bad-input and the rerun tests)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb

from helpers.paths import FIXTURES_DIR

MESSY_DIR = FIXTURES_DIR / "messy"
RAW_TABLES = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses"]


def land_messy(
    db_path: Path,
    skip_tables: tuple[str, ...] = (),
    drop_columns: dict[str, tuple[str, ...]] | None = None,
    retype: dict[str, dict[str, str]] | None = None,
) -> None:
    """Land the messy CSVs in schema raw as a text-exporting EL tool would: every column
    VARCHAR. skip_tables are not created; drop_columns removes columns; retype replaces a
    column with a SQL expression (to store it with another type)."""
    drop_columns = drop_columns or {}
    retype = retype or {}
    with duckdb.connect(str(db_path)) as con:
        con.execute("create schema if not exists raw")
        for table in RAW_TABLES:
            if table in skip_tables:
                continue
            select = "*"
            if drop_columns.get(table):
                select += f" exclude ({', '.join(drop_columns[table])})"
            if retype.get(table):
                select += f" replace ({', '.join(f'{expr} as {col}' for col, expr in retype[table].items())})"
            con.execute(
                f"create or replace table raw.{table} as select {select} "
                f"from read_csv('{MESSY_DIR / (table + '.csv')}', header = true, all_varchar = true, "
                "delim = ',', quote = '\"', escape = '\"')"
            )


def output_of(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + "\n" + result.stderr
