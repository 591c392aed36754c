"""`ai-resolution publish`: the marts in a file of their own, so readers never lock the build.

The test a BI tool would write: a reader holds the published file open while the project
is rebuilt with a new conversation and published again. The build and the publish both
succeed; the reader keeps its consistent old view; a reader that opens the file anew sees
the new conversation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from helpers.dbt_run import dbt
from helpers.paths import BIN_DIR, FIXTURE_SCHEMA

pytestmark = pytest.mark.engines("duckdb")  # publish copies a DuckDB build

# A reader in its own process, as a dashboard is: it counts, waits, counts again on the same connection.
HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
count = "select count(*) from main.fct_conversations"
print(con.execute(count).fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute(count).fetchone()[0], flush=True)
"""

NEW_TICKET = "T900"


def publish(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN_DIR / "ai-resolution"), "publish", *args], capture_output=True, text=True, check=False
    )


def fresh_count(path: Path, table: str = "fct_conversations") -> int:
    """A count read by a new process: this process's DuckDB would hand back its cached instance."""
    query = f"select count(*) from main.{table}"
    code = f"import duckdb; print(duckdb.connect({str(path)!r}, read_only=True).execute({query!r}).fetchone()[0])"
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def land_a_new_conversation(db: Path) -> None:
    """T011 (human only) again under a new ticket id, loaded a day later than anything else."""
    with duckdb.connect(str(db)) as con:
        for table, key in (("tickets", None), ("messages", "message_id"), ("ticket_events", "event_id")):
            replace = [f"'{NEW_TICKET}' as ticket_id", "_loaded_at + interval 1 day as _loaded_at"]
            if key:
                replace.append(f"{key} || '-{NEW_TICKET}' as {key}")
            con.execute(
                f"insert into {FIXTURE_SCHEMA}.{table} select * replace ({', '.join(replace)}) "
                f"from {FIXTURE_SCHEMA}.{table} where ticket_id = 'T011'"
            )


def test_a_reader_holding_the_published_file_blocks_neither_build_nor_publish(fixture_db: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "build.duckdb", tmp_path / "marts.duckdb"
    shutil.copy(fixture_db, db)
    first = publish("--db", str(db), "--out", str(out))
    assert first.returncode == 0, first.stderr
    before = fresh_count(out)
    assert before == fresh_count(db)

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert int(holder.stdout.readline()) == before  # the reader holds the file from here on

        land_a_new_conversation(db)
        dbt(["build"], db, {"raw_schema": FIXTURE_SCHEMA})
        second = publish("--db", str(db), "--out", str(out))
        assert second.returncode == 0, second.stderr

        assert fresh_count(out) == before + 1  # a new reader sees the new conversation
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert int(holder.stdout.readline()) == before  # the old reader kept its consistent view
    finally:
        holder.kill()
        holder.wait()
    assert not list(tmp_path.glob(".marts.duckdb*")), "no temporary file is left beside the published one"


def test_publish_copies_every_mart_with_its_rows_and_the_time_spine(fixture_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "marts.duckdb"
    result = publish("--db", str(fixture_db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(out), read_only=True) as con:
        published = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        built = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main' "
                "and (table_name like 'fct\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')"
            ).fetchall()
        }
    assert published == built | {"metricflow_time_spine"}
    for table in ("fct_conversations", "fct_ai_actions", "fct_conversation_metrics_daily", "metricflow_time_spine"):
        assert fresh_count(out, table) == fresh_count(fixture_db, table)
    # The descriptions dbt wrote (persist_docs) come along, column by column.
    comments_sql = (
        "select table_name, column_name, comment from duckdb_columns() "
        "where schema_name = 'main' and table_name = 'fct_conversations' order by column_name"
    )
    with duckdb.connect(str(out), read_only=True) as con:
        published_comments = con.execute(comments_sql).fetchall()
        table_sql = "select comment from duckdb_tables() where table_name = 'fct_conversations'"
        [table_comment] = con.execute(table_sql).fetchall()
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        built_comments = con.execute(comments_sql).fetchall()
    assert published_comments == built_comments
    assert all(comment for _, _, comment in published_comments) and table_comment[0]


def test_publish_writes_parquet_files(fixture_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "marts"
    result = publish("--db", str(fixture_db), "--out", str(out), "--format", "parquet")
    assert result.returncode == 0, result.stderr
    with duckdb.connect() as con:
        rows = con.execute(f"select count(*) from read_parquet('{out / 'fct_conversations.parquet'}')").fetchone()
    assert rows is not None and rows[0] == fresh_count(fixture_db)
    assert (out / "metricflow_time_spine.parquet").exists()


def test_publish_before_a_build_is_a_message(tmp_path: Path) -> None:
    missing = publish("--db", str(tmp_path / "nothing.duckdb"))
    assert missing.returncode == 1 and missing.stdout == ""
    assert "No database at" in missing.stderr and "Traceback" not in missing.stderr
    raw_only = tmp_path / "raw.duckdb"
    with duckdb.connect(str(raw_only)) as con:
        con.execute("create table tickets (ticket_id varchar)")
    unbuilt = publish("--db", str(raw_only))
    assert unbuilt.returncode == 1
    assert "Run `dbt build` first" in unbuilt.stderr and "Traceback" not in unbuilt.stderr
