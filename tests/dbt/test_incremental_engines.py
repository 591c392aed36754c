"""Incremental runs on every engine with delete and insert (DuckDB, PostgreSQL): a new
rules version or a changed outcome var recomputes every ticket. Batches landed and run as
orchestrators run them (as_of moving forward with the data) are test_scheduled_runs.py; late
and re-extracted rows are test_incremental.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import engines
from helpers.dbt_run import query, snapshot_tables
from helpers.dbt_session import DbtSession
from helpers.paths import FIXTURE_SCHEMA, mart_names

pytestmark = pytest.mark.engines("duckdb", "postgres")

MART_NAMES = mart_names()


def test_new_rules_or_a_changed_var_recompute_every_ticket(fixture_db: Path, tmp_path: Path) -> None:
    # The fixtures built with default vars (conftest.py), copied: the build this test starts from.
    db = tmp_path / "warehouse.duckdb"
    engines.copy_warehouse(fixture_db, db)
    raw = {"raw_schema": FIXTURE_SCHEMA}
    # One dbt process and one parse for every build below (helpers/dbt_session.py).
    with DbtSession(db, raw) as session:
        check_new_rules_or_a_changed_var(db, session, raw)


def build(session: DbtSession, args: list[str], runtime_vars: dict[str, Any] | None = None) -> None:
    result = session.invoke(["build", *args], runtime_vars)
    assert result.success, result.output[-6000:]


def check_new_rules_or_a_changed_var(db: Path, session: DbtSession, raw: dict[str, Any]) -> None:
    # What a build with rules 1.0.0 left behind: its rows, and a state whose fingerprint had
    # no rules version and neither max_pre_creation_hours nor unmapped_policy_severity.
    [state] = query(
        db, "select rules_fingerprint from main.ai_resolution_incremental_state where model_name = 'fct_conversations'"
    )
    current = state["rules_fingerprint"]
    assert current.startswith("rules_version=1.1.0;")
    assert "max_pre_creation_hours=24;unmapped_policy_severity=critical;" in current
    old = current.removeprefix("rules_version=1.1.0;").replace(
        "max_pre_creation_hours=24;unmapped_policy_severity=critical;", ""
    )
    engines.execute(db, f"update main.ai_resolution_incremental_state set rules_fingerprint = '{old}'")
    engines.execute(db, "update main.fct_conversations set rules_version = '1.0.0'")

    # No new data, same as_of: only the changed fingerprint can make this run recompute.
    build(session, [])
    versions = query(db, "select rules_version, count(*) as n from main.fct_conversations group by rules_version")
    assert [(row["rules_version"], row["n"]) for row in versions] == [("1.1.0", 97)]  # every fixture ticket

    # A state table of the one-row shape earlier versions wrote (no model_name) is replaced,
    # and every model recomputes once: the marked rows are rebuilt.
    engines.execute(db, "drop table main.ai_resolution_incremental_state")
    engines.execute(
        db,
        "create table main.ai_resolution_incremental_state"
        " (ingested_through timestamp, as_of timestamp, rules_fingerprint varchar(4000))",
    )
    old_row = f"(current_timestamp, current_timestamp, '{current}')"
    engines.execute(db, f"insert into main.ai_resolution_incremental_state values {old_row}")
    engines.execute(db, "update main.fct_conversations set rules_version = '1.0.0'")
    build(session, [])
    versions = query(db, "select rules_version, count(*) as n from main.fct_conversations group by rules_version")
    assert [(row["rules_version"], row["n"]) for row in versions] == [("1.1.0", 97)]
    [upgraded] = query(
        db,
        "select recomputed_tickets from main.ai_resolution_incremental_state where model_name = 'fct_conversations'",
    )
    assert upgraded["recomputed_tickets"] is None  # every ticket

    # A changed outcome var recomputes everything too: warranty_promise (T022), missing from
    # the policies seed, is only a warning now, so T022 is no breach any more. (The var is
    # read at run time, by the models and the fingerprint, not by the parse.)
    warning = {**raw, "unmapped_policy_severity": "warning"}
    build(session, [], warning)
    [t022] = query(db, "select outcome, critical_breach_count from main.fct_conversations where ticket_id = 'T022'")
    assert (t022["outcome"], t022["critical_breach_count"]) == ("ai_resolved_assumed", 0)
    incremental = snapshot_tables(db, MART_NAMES)

    build(session, ["--full-refresh"], warning)
    full = snapshot_tables(db, MART_NAMES)
    assert [name for name in MART_NAMES if incremental[name] != full[name]] == []
