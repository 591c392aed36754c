"""Descriptions where BI tools read them: on DuckDB and PostgreSQL every mart carries its
yml description as a table comment and every column its description as a column comment
(persist_docs, dbt_project.yml). On Spark (parquet tables, whose columns take no comment)
persist_docs is off. Reads the session's fixture build; no build of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers.dbt_run import TARGET, query
from helpers.engines import MODEL_SCHEMA
from helpers.paths import mart_names


def _manifest_marts(fixture_db: Path) -> dict[str, dict[str, Any]]:
    """The mart nodes of the fixture build's manifest (descriptions rendered: doc() resolved)."""
    manifest = json.loads((fixture_db.parent / "target" / "manifest.json").read_text(encoding="utf-8"))
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["package_name"] == "ai_resolution"
        and node["original_file_path"].startswith("models/marts/")
    }


def _comments(db_path: Path) -> tuple[dict[str, str | None], dict[tuple[str, str], str | None]]:
    """Table comments by table, column comments by (table, column), of the model schema."""
    if TARGET == "duckdb":
        tables = query(
            db_path,
            f"select table_name as t, comment as c from duckdb_tables() where schema_name = '{MODEL_SCHEMA}'",
        )
        columns = query(
            db_path,
            f"select table_name as t, column_name as col, comment as c "
            f"from duckdb_columns() where schema_name = '{MODEL_SCHEMA}'",
        )
    else:
        tables = query(
            db_path,
            f"""
            select c.relname as t, obj_description(c.oid, 'pg_class') as c
            from pg_class as c inner join pg_namespace as n on c.relnamespace = n.oid
            where n.nspname = '{MODEL_SCHEMA}' and c.relkind in ('r', 'v', 'p')
            """,
        )
        columns = query(
            db_path,
            f"""
            select c.relname as t, a.attname as col, col_description(c.oid, a.attnum) as c
            from pg_class as c
            inner join pg_namespace as n on c.relnamespace = n.oid
            inner join pg_attribute as a on a.attrelid = c.oid
            where n.nspname = '{MODEL_SCHEMA}' and c.relkind in ('r', 'v', 'p')
                and a.attnum > 0 and not a.attisdropped
            """,
        )
    return (
        {row["t"]: row["c"] for row in tables},
        {(row["t"], row["col"]): row["c"] for row in columns},
    )


@pytest.mark.engines("duckdb", "postgres")
def test_fct_conversations_columns_carry_their_descriptions(fixture_db: Path) -> None:
    node = _manifest_marts(fixture_db)["fct_conversations"]
    _, columns = _comments(fixture_db)
    built = {col for (table, col) in columns if table == "fct_conversations"}
    assert built == set(node["columns"]), "every built column is documented (enforced contract)"
    for name, column in node["columns"].items():
        comment = columns[("fct_conversations", name)]
        assert comment, f"fct_conversations.{name} has no comment in the warehouse"
        assert comment == column["description"], f"fct_conversations.{name}: comment differs from its docs"


@pytest.mark.engines("duckdb", "postgres")
def test_every_mart_and_its_columns_carry_their_descriptions(fixture_db: Path) -> None:
    marts = _manifest_marts(fixture_db)
    assert sorted(marts) == mart_names()
    tables, columns = _comments(fixture_db)
    for name, node in marts.items():
        assert node["description"], f"{name} has no description"
        assert tables[name] == node["description"], f"{name}: table comment differs from its description"
        for column, doc in node["columns"].items():
            if doc["description"]:
                assert columns[(name, column)] == doc["description"], f"{name}.{column}"


@pytest.mark.engines("duckdb", "postgres")
def test_upstream_models_keep_no_comments(fixture_db: Path) -> None:
    """Only the marts are the BI tools' interface: staging and intermediate stay bare."""
    tables, _ = _comments(fixture_db)
    assert tables["int_conversations_lifecycle"] in (None, "")
    assert tables["fct_conversations"]


@pytest.mark.engines("spark")
def test_persist_docs_is_off_on_spark(fixture_db: Path) -> None:
    """dbt-spark writes column comments only for Delta, Hudi and Iceberg: not for our parquet."""
    for name, node in _manifest_marts(fixture_db).items():
        assert node["config"]["persist_docs"] == {}, name
