"""BI access on PostgreSQL: with the var bi_reader_role set, every mart (and only the
marts) can be read by that role; without it, nothing is granted."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.dbt_run import dbt, load_fixtures, query
from helpers.engines import postgres_admin
from helpers.paths import FIXTURE_SCHEMA

pytestmark = pytest.mark.engines("postgres")

ROLE = "ai_resolution_bi_reader"


@pytest.fixture(scope="module")
def bi_role() -> str:
    """A role for the BI tool; roles belong to the whole server, not to one database."""
    postgres_admin(
        f"do $$ begin if not exists (select from pg_roles where rolname = '{ROLE}') "
        f"then create role {ROLE} nologin; end if; end $$"
    )
    return ROLE


@pytest.fixture(scope="module")
def granted_db(tmp_path_factory: pytest.TempPathFactory, bi_role: str) -> Path:
    db_path = tmp_path_factory.mktemp("grants") / "granted.duckdb"
    load_fixtures(db_path)
    dbt(["seed"], db_path)  # the reference seeds; fixtures are loaded above
    dbt(["run"], db_path, {"raw_schema": FIXTURE_SCHEMA, "bi_reader_role": bi_role})
    return db_path


def privileges(db_path: Path, role: str) -> dict[str, dict[str, bool]]:
    """Per relation of schema main: its kind and whether role may select from it."""
    rows = query(
        db_path,
        f"""
        select
            c.relname as name,
            c.relkind as kind,
            has_table_privilege('{role}', c.oid, 'select') as can_select,
            has_schema_privilege('{role}', n.oid, 'usage') as can_use_schema
        from pg_class as c
        inner join pg_namespace as n
            on c.relnamespace = n.oid
        where n.nspname = 'main' and c.relkind in ('r', 'v')
        """,
    )
    return {row["name"]: row for row in rows}


def test_marts_are_readable_by_the_bi_role(granted_db: Path) -> None:
    relations = privileges(granted_db, ROLE)
    marts = {name for name in relations if name.startswith(("fct_", "dim_"))}
    assert {"fct_conversations", "fct_deflection_gap_monthly", "dim_policies"} <= marts
    assert all(relations[name]["can_select"] for name in marts), relations
    assert all(row["can_use_schema"] for row in relations.values())


def test_staging_and_intermediate_models_are_not_granted(granted_db: Path) -> None:
    relations = privileges(granted_db, ROLE)
    internal = {name for name in relations if name.startswith(("stg_", "int_"))}
    assert "int_activity_timeline" in internal and "stg_support__messages" in internal
    assert not any(relations[name]["can_select"] for name in internal)


def test_no_grants_without_the_var(fixture_db: Path, bi_role: str) -> None:
    relations = privileges(fixture_db, bi_role)
    assert relations and not any(row["can_select"] for row in relations.values())
