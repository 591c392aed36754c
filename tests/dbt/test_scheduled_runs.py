"""Scheduled runs under an orchestrator: any subset, any order, retries. The fixture tickets
land in four batches (by creation date, each batch loaded after the last); after each
batch the project runs as a scheduler would run it:

- batch 0: one `dbt build`;
- batch 1: node by node, the way Airflow with Cosmos runs it (`dbt run --select <model>`
  plus `dbt test --select <model>` per model, in DAG order; on Spark, where each command
  costs seconds, one `dbt build`: batches 2 and 4 run model by model there);
- batch 2: only `dbt build --select +fct_conversations` (the cross-mart tests must not fail
  against the marts it leaves alone), then, node by node, only the models that read
  int_handoffs, with a transient failure of fct_handoffs' task that is retried;
- batch 3: `dbt build` with a model failing, then `dbt retry` once the cause is gone, then
  `dbt build`;
- batch 4: two messages of two tickets re-extracted with an edit, then node by node again,
  one `dbt build --select <model>` per model (Cosmos's other test behaviour).

At the end every mart and every ticket-grain model equals a full refresh on the same data,
row for row, and the last run recomputed exactly the two tickets the last batch touched, in
every ticket-grain model. On every engine: on Spark the models rewrite partitions
(macros/incremental_spark.sql), and the test writes to the warehouse through the dbt
session, which holds the only connection to its metastore (16 to 20 minutes there; alone:
`make test-spark-scheduled`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import engines
from helpers.dbt_run import load_fixtures_into_new, query, snapshot_tables
from helpers.dbt_session import DbtSession, Invocation
from helpers.paths import FIXTURE_SCHEMA, mart_names

pytestmark = pytest.mark.engines("duckdb", "postgres", "spark")

RAW = "raw_batches"
VARS = {"raw_schema": RAW}
CHILD_TABLES = ("messages", "ticket_events", "ai_actions", "csat_responses", "resolution_verdicts")
# Tickets created before each bound land in that batch; the rest in the last.
BATCH_BOUNDS = ("2026-03-10", "2026-03-18", "2026-03-25")
TICKET_GRAIN = (
    "int_activity_timeline",
    "int_ticket_activity_rolled_up",
    "int_solve_episodes",
    "int_conversations_lifecycle",
    "int_workflow_completions",
    "int_conversation_business_hours",
    "int_raw_row_dispositions",
    "fct_conversations",
    "fct_handoffs",
    "fct_ai_actions",
)
COMPARED = sorted({*mart_names(), *TICKET_GRAIN})
BOOKKEEPING = frozenset({"_ingested_at", "_prior_ticket_id", "_prior_customer_id", "_computed_at"})
# The last batch: one message of T001 and one of T020 extracted again with an edited body.
# Neither customer (C01, C20) has another ticket, and nothing new is dated, so exactly these
# two tickets can change.
EDITED_MESSAGES = ("M0002", "M0044")


def batch_of(number: int) -> str:
    """A condition on a ticket's creation time for batch `number`."""
    lower = f"created_at >= '{BATCH_BOUNDS[number - 1]}'" if number > 0 else "true"
    upper = f"created_at < '{BATCH_BOUNDS[number]}'" if number < len(BATCH_BOUNDS) else "true"
    if number == len(BATCH_BOUNDS):
        return f"(({lower}) or created_at is null)"
    return f"({lower} and {upper})"


class Warehouse:
    """Writes to the test's warehouse: directly on DuckDB and PostgreSQL; on Spark through
    the dbt session (`dbt run-operation run_query`), since its embedded metastore admits one
    process. Spark's parquet tables have no update: a row is changed by rewriting the table."""

    def __init__(self, db: Path, session: DbtSession) -> None:
        self.db = db
        self.session = session

    def execute(self, sql: str) -> None:
        if engines.TARGET != "spark":
            engines.execute(self.db, sql)
            return
        result = self.session.invoke(
            ["run-operation", "run_query", "--args", json.dumps({"sql": sql})], write_json=False
        )
        assert result.success, f"{sql}\n{result.output[-3000:]}"

    def columns(self, table: str) -> list[str]:
        return [row["column_name"] for row in engines.columns(self.db, table)]

    def update(self, table: str, assignments: dict[str, str], where: str) -> None:
        """`update table set column = value, ... where ...`."""
        if engines.TARGET != "spark":
            values = ", ".join(f"{column} = {value}" for column, value in assignments.items())
            self.execute(f"update {table} set {values} where {where}")
            return
        changed = ", ".join(
            f"case when {where} then {assignments[column]} else {column} end as {column}"
            if column in assignments
            else column
            for column in self.columns(table)
        )
        self.execute(f"create table {table}__edited as select {changed} from {table}")
        self.execute(f"insert overwrite table {table} select * from {table}__edited")
        self.execute(f"drop table {table}__edited")

    def land(self, number: int) -> None:
        """Land batch `number`: its tickets and their rows (rows of unknown tickets with the
        last), each batch loaded after the one before, as a scheduled loader would."""
        last = number == len(BATCH_BOUNDS)
        if number == 0:
            self.execute(f"create schema {RAW}")
            for table in ("tickets", *CHILD_TABLES):
                self.execute(f"create table {RAW}.{table} as select * from {FIXTURE_SCHEMA}.{table} where 1 = 0")
        in_batch = (
            f"select ticket_id from {FIXTURE_SCHEMA}.tickets group by ticket_id"
            f" having {batch_of(number).replace('created_at', 'min(created_at)')}"
        )
        known = f"select ticket_id from {FIXTURE_SCHEMA}.tickets where ticket_id is not null"
        for table in ("tickets", *CHILD_TABLES):
            unplaced = f" or ticket_id is null or ticket_id not in ({known})" if last else ""
            # The fixtures were loaded between March and mid-April; batch n is loaded 100 (n + 1)
            # days later.
            shifted = f"_loaded_at + interval '{100 * (number + 1)}' day as _loaded_at"
            columns = ", ".join(
                shifted if column == "_loaded_at" else column for column in self.columns(f"{FIXTURE_SCHEMA}.{table}")
            )
            self.execute(
                f"insert into {RAW}.{table} select {columns} from {FIXTURE_SCHEMA}.{table}"
                f" where ticket_id in ({in_batch}){unplaced}"
            )

    def edit_messages(self) -> None:
        """The loader extracts two messages again, with an edited body (raw rows are appended)."""
        ids = ", ".join(f"'{message_id}'" for message_id in EDITED_MESSAGES)
        edited = {"body": "body || ' (edited)'", "_loaded_at": "cast('2028-01-01' as timestamp)"}
        columns = ", ".join(
            f"{edited[column]} as {column}" if column in edited else column
            for column in self.columns(f"{RAW}.messages")
        )
        self.execute(f"insert into {RAW}.messages select {columns} from {RAW}.messages where message_id in ({ids})")

    def rename(self, table: str, new_name: str) -> None:
        self.execute(f"alter table {engines.MODEL_SCHEMA}.{table} rename to {new_name}")


# What a test on an incremental run reads (D-151, D-154, D-155): for each kind of model, the
# tests to run, a bad value written into a row the last run kept, then into a row it rewrote
# (the last batch rewrote T001 and T020, and re-staged M0002 of T001).
TIMELINE = "main.int_activity_timeline"
CORRUPTIONS: dict[str, tuple[str, Callable[[Warehouse], None], Callable[[Warehouse], None]]] = {
    "ticket-grain mart": (
        "fct_conversations,test_name:accepted_values",
        lambda warehouse: warehouse.update(
            "main.fct_conversations", {"outcome": "'not_an_outcome'"}, "ticket_id = 'T050'"
        ),
        lambda warehouse: warehouse.update(
            "main.fct_conversations", {"outcome": "'not_an_outcome'"}, "ticket_id = 'T001'"
        ),
    ),
    # M0112 is T050's, staged by an earlier batch.
    "staging table": (
        "base_support__messages,test_name:accepted_values",
        lambda warehouse: warehouse.update(
            "main.base_support__messages", {"disposition": "'not_a_disposition'"}, "message_id = 'M0112'"
        ),
        lambda warehouse: warehouse.update(
            "main.base_support__messages", {"disposition": "'not_a_disposition'"}, "message_id = 'M0002'"
        ),
    ),
    # int_handoffs is a view: its key comes from the timeline's handoff requests. T012's one
    # request is copied; two of T001's messages become requests with the same id.
    "logic view": (
        "int_handoffs,test_name:unique",
        lambda warehouse: warehouse.execute(
            f"insert into {TIMELINE} select * from {TIMELINE}"
            " where ticket_id = 'T012' and activity_type = 'handoff_requested'"
        ),
        lambda warehouse: warehouse.update(
            TIMELINE,
            {"activity_type": "'handoff_requested'", "activity_id": "'E_TWICE'"},
            "ticket_id = 'T001' and activity_source = 'message'",
        ),
    ),
}


def corrupted_tests(warehouse: Warehouse, session: DbtSession) -> dict[str, dict[str, bool]]:
    """Whether each kind's tests pass after a bad value is written into a row the last run
    kept, with the var that checks every row, and after one is written into a row it rewrote."""
    # The var is read when the tests run (get_where_subquery), not by the parse.
    every_row = {**VARS, "incremental_tests_check_recomputed_rows_only": False}
    passed: dict[str, dict[str, bool]] = {}
    for kind, (selector, corrupt_kept_row, corrupt_rewritten_row) in CORRUPTIONS.items():
        tests = ["test", "--select", selector]
        corrupt_kept_row(warehouse)
        passed[kind] = {"kept_row": session.invoke(tests, write_json=False).success}
        passed[kind]["kept_row_every_row_checked"] = session.invoke(tests, every_row, write_json=False).success
        corrupt_rewritten_row(warehouse)
        passed[kind]["rewritten_row"] = session.invoke(tests, write_json=False).success
    return passed


def check(result: Invocation) -> None:
    assert result.success, result.output[-6000:]


def recomputed(db: Path) -> dict[str, Any]:
    rows = query(
        db,
        "select model_name, recomputed_tickets from main.ai_resolution_incremental_state as state"
        " where recorded_at = (select max(recorded_at) from main.ai_resolution_incremental_state as latest"
        " where latest.model_name = state.model_name)",
    )
    return {row["model_name"]: row["recomputed_tickets"] for row in rows if row["model_name"] in TICKET_GRAIN}


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("scheduled") / "warehouse.duckdb"
    load_fixtures_into_new(db)
    results: dict[str, Any] = {}
    # One dbt process, one parse, for every command below (helpers/dbt_session.py); each
    # command is still its own dbt invocation, as a scheduler's task is.
    with DbtSession(db, VARS) as session:
        warehouse = Warehouse(db, session)
        warehouse.land(0)
        check(session.invoke(["build"]))

        warehouse.land(1)
        # On Spark, where every dbt command costs seconds, one `dbt build` (batches 2 and 4
        # run model by model there too).
        check(session.invoke(["build"]) if engines.TARGET == "spark" else session.per_node())

        warehouse.land(2)
        results["subset"] = session.invoke(["build", "--select", "+fct_conversations"])
        handoff_readers = ["int_handoffs", "int_conversation_business_hours", "fct_conversations", "fct_handoffs"]
        # fct_handoffs' task fails (a table it reads is briefly away), and is retried.
        check(session.per_node(handoff_readers[:3]))
        warehouse.rename("fct_conversations", "fct_conversations_away")
        results["injected_failure"] = session.per_node(["fct_handoffs"])
        warehouse.rename("fct_conversations_away", "fct_conversations")
        check(session.per_node(["fct_handoffs"]))

        warehouse.land(3)
        # A full build while int_conversation_business_hours is away (and not built): the
        # models reading it fail, and `dbt retry` runs them (and what they skipped) once it is
        # back. fct_conversations then holds the business hours of the batch before for the
        # new tickets; the plain build after it must catch up.
        warehouse.rename("int_conversation_business_hours", "business_hours_away")
        results["failed_build"] = session.invoke(["build", "--exclude", "int_conversation_business_hours"])
        warehouse.rename("business_hours_away", "int_conversation_business_hours")
        check(session.invoke(["retry"]))
        check(session.invoke(["build"]))

        warehouse.edit_messages()
        check(session.per_node(build=True))
        results["recomputed"] = recomputed(db)
        results["incremental"] = snapshot_tables(db, COMPARED, BOOKKEEPING)
        results["tests_after_corruption"] = corrupted_tests(warehouse, session)

        check(session.invoke(["build", "--full-refresh"]))
    results["full"] = snapshot_tables(db, COMPARED, BOOKKEEPING)
    return results


def test_a_subset_build_passes_without_the_marts_it_leaves_alone(scheduled: dict[str, Any]) -> None:
    subset = scheduled["subset"]
    assert subset.success, subset.output[-4000:]
    # The cross-mart invariants span marts outside the selection: not run, not failed. (The
    # output names every test the build runs: "START test <name>".)
    assert "START test not_null_fct_conversations_ticket_id" in subset.output
    assert "assert_ai_actions_match_conversation_counts" not in subset.output
    assert "assert_daily_totals_match_conversations" not in subset.output


def test_failures_are_retried_and_catch_up(scheduled: dict[str, Any]) -> None:
    injected = scheduled["injected_failure"]
    assert not injected.success and "FAILED: dbt run --select fct_handoffs" in injected.output
    failed = scheduled["failed_build"]
    assert not failed.success and "fct_conversations" in failed.output


def test_every_model_equals_a_full_refresh(scheduled: dict[str, Any]) -> None:
    incremental, full = scheduled["incremental"], scheduled["full"]
    assert len(full["fct_conversations"]) == 97
    differing = [
        f"{name}: {len(incremental[name])} vs {len(full[name])} rows;"
        f" only incremental {[row for row in incremental[name] if row not in full[name]][:2]};"
        f" only full {[row for row in full[name] if row not in incremental[name]][:2]}"
        for name in COMPARED
        if incremental[name] != full[name]
    ]
    assert differing == [], "\n".join(differing)


def test_the_last_run_recomputed_only_the_tickets_the_last_batch_touched(scheduled: dict[str, Any]) -> None:
    assert scheduled["recomputed"] == dict.fromkeys(TICKET_GRAIN, len(EDITED_MESSAGES))


def test_incremental_runs_test_only_the_rows_they_rewrote(scheduled: dict[str, Any]) -> None:
    # A bad row the last run did not write is not checked again; with the var off it is;
    # a bad row among those it rewrote is caught.
    passed = {"kept_row": True, "kept_row_every_row_checked": False, "rewritten_row": False}
    assert scheduled["tests_after_corruption"] == dict.fromkeys(CORRUPTIONS, passed)
