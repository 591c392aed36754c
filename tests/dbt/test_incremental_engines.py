"""Incremental runs on every engine with delete and insert (DuckDB, PostgreSQL): the
fixtures built as of an early time, then as_of moved forward (tickets and rows enter the
window, solved tickets mature, activity dated before its ticket's creation arrives with
the ticket), each run incremental; the marts must equal a full refresh. A new rules
version or a changed outcome var recomputes every ticket. The batch test with late and
re-extracted rows is tests/test_incremental.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import engines
from helpers.dbt_run import dbt, load_fixtures, query, snapshot_tables
from helpers.paths import FIXTURE_SCHEMA, mart_names

pytestmark = pytest.mark.engines("duckdb", "postgres")

MART_NAMES = mart_names()
# 2026-03-17 12:00 lies between T071's first messages (03-17 10:00) and its creation
# (03-18 10:00), and between T061's solve (03-16) and its auto-close (03-20 09:02).
AS_OF_STEPS = ("2026-03-12 00:00:00", "2026-03-17 12:00:00", "2026-03-20 12:00:00")


def test_as_of_moving_forward_incrementally_equals_a_full_refresh(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    load_fixtures(db)
    raw = {"raw_schema": FIXTURE_SCHEMA}
    for as_of in AS_OF_STEPS:
        dbt(["build"], db, {**raw, "as_of": as_of})
    dbt(["build"], db, raw)
    recomputed = query(
        db,
        "select recomputed_tickets as n from main.ai_resolution_incremental_state"
        " where model_name = 'fct_conversations' order by recorded_at desc limit 1",
    )[0]["n"]
    incremental = snapshot_tables(db, MART_NAMES)

    dbt(["build", "--full-refresh"], db, raw)
    full = snapshot_tables(db, MART_NAMES)
    assert 0 < recomputed < len(full["fct_conversations"])
    assert [name for name in MART_NAMES if incremental[name] != full[name]] == []


def test_new_rules_or_a_changed_var_recompute_every_ticket(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    load_fixtures(db)
    raw = {"raw_schema": FIXTURE_SCHEMA}
    dbt(["build"], db, raw)

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
    dbt(["build"], db, raw)
    versions = query(db, "select rules_version, count(*) as n from main.fct_conversations group by rules_version")
    assert [(row["rules_version"], row["n"]) for row in versions] == [("1.1.0", 97)]  # every fixture ticket

    # A changed outcome var recomputes everything too: warranty_promise (T022), missing from
    # the policies seed, is only a warning now, so T022 is no breach any more.
    warning = {**raw, "unmapped_policy_severity": "warning"}
    dbt(["build"], db, warning)
    [t022] = query(db, "select outcome, critical_breach_count from main.fct_conversations where ticket_id = 'T022'")
    assert (t022["outcome"], t022["critical_breach_count"]) == ("ai_resolved_assumed", 0)
    incremental = snapshot_tables(db, MART_NAMES)

    dbt(["build", "--full-refresh"], db, warning)
    full = snapshot_tables(db, MART_NAMES)
    assert [name for name in MART_NAMES if incremental[name] != full[name]] == []
