"""The read commands' engine errors become one line a person can act on, the same on every engine,
and values come back in the same Python types."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ai_resolution.warehouse.errors import explain_engine_error
from ai_resolution.warehouse.session import Warehouse, plain

# What each engine says when the marts are not there (copied from DuckDB 2.0, PostgreSQL 15, Spark 3.5).
MISSING_TABLE = {
    "duckdb": "Catalog Error: Table with name fct_conversations does not exist!\nDid you mean ...",
    "postgres": 'relation "main.fct_conversations" does not exist\nLINE 1: select count(*) from main.fct_conv...',
    "spark": "[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`fct_conversations` cannot be found. Verify ...",
}
MISSING_SCHEMA = {
    "duckdb": "Catalog Error: Schema with name nope does not exist!",
    "postgres": 'schema "nope" does not exist',
    "spark": "[SCHEMA_NOT_FOUND] The schema `nope` cannot be found. Verify the spelling ...",
}


@pytest.mark.parametrize("engine", sorted(MISSING_TABLE))
def test_a_missing_mart_says_build_first(engine: str) -> None:
    message = str(explain_engine_error(RuntimeError(MISSING_TABLE[engine]), "the warehouse", "main"))
    assert message.startswith("the warehouse has no fct_conversations in schema 'main'")
    assert "dbt build" in message and "\n" not in message


@pytest.mark.parametrize("engine", sorted(MISSING_SCHEMA))
def test_a_missing_schema_names_the_option(engine: str) -> None:
    message = str(explain_engine_error(RuntimeError(MISSING_SCHEMA[engine]), "the warehouse", "nope"))
    assert message.startswith("the warehouse has no schema 'nope'")
    assert "--schema" in message


def test_another_error_keeps_only_its_first_line() -> None:
    message = str(explain_engine_error(RuntimeError("Binder Error: x\n  at line 3"), "the warehouse", "main"))
    assert message == "Cannot read the marts from the warehouse: Binder Error: x"


def test_decimals_become_int_or_float() -> None:
    assert plain(Decimal("42")) == 42 and isinstance(plain(Decimal("42")), int)
    assert plain(Decimal("0.25")) == 0.25 and isinstance(plain(Decimal("0.25")), float)
    assert isinstance(plain(Decimal("3.0")), float)  # a numeric with a scale stays a fraction, as on DuckDB
    assert plain("text") == "text" and plain(None) is None


@pytest.mark.parametrize(
    ("engine", "expected"),
    [("duckdb", "'O''Brien \\ T1'"), ("postgres", "'O''Brien \\ T1'"), ("spark", "'O\\'Brien \\\\ T1'")],
)
def test_literals_are_escaped_for_each_engine(engine: str, expected: str) -> None:
    warehouse = Warehouse(engine, engine, "main", "the warehouse", None, None)
    assert warehouse.literal("O'Brien \\ T1") == expected
