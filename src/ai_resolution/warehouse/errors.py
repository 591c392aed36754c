"""Messages a person can act on, instead of an engine's raw error."""

from __future__ import annotations

import re


class WarehouseError(RuntimeError):
    """The warehouse cannot answer: the message says what to do. ``str()`` is the whole message."""


# Engine messages of a relation that is not there (DuckDB, PostgreSQL, Spark), and the name.
_MISSING_RELATION = (
    re.compile(r"Table with name (\w+) does not exist", re.IGNORECASE),
    re.compile(r'relation "([\w.]+)" does not exist', re.IGNORECASE),
    re.compile(r"TABLE_OR_VIEW_NOT_FOUND\].*?`?([\w.`]+)`? cannot be found", re.IGNORECASE | re.DOTALL),
    re.compile(r"Table or view not found: ([\w.`]+)", re.IGNORECASE),
)
_MISSING_SCHEMA = (
    re.compile(r"Catalog Error: Schema with name (\w+) does not exist", re.IGNORECASE),
    re.compile(r'schema "(\w+)" does not exist', re.IGNORECASE),
    re.compile(r"SCHEMA_NOT_FOUND\].*?`?(\w+)`? cannot be found", re.IGNORECASE | re.DOTALL),
)


def explain_engine_error(error: BaseException, where: str, schema: str) -> WarehouseError:
    """Turn an engine error met while reading the marts into a WarehouseError naming the fix."""
    text = str(error)
    for pattern in _MISSING_SCHEMA:
        match = pattern.search(text)
        if match:
            return WarehouseError(
                f"{where} has no schema {match.group(1).strip('`')!r}. Pass the schema the marts were built in "
                f"with --schema (this command used {schema!r}), or run `dbt build` first."
            )
    for pattern in _MISSING_RELATION:
        match = pattern.search(text)
        if match:
            name = match.group(1).strip("`").split(".")[-1].strip("`")
            return WarehouseError(
                f"{where} has no {name} in schema {schema!r}: the project is not built there yet. "
                "Run `make demo` or `dbt build` first, or pass the right --schema / --target."
            )
    first_line = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return WarehouseError(f"Cannot read the marts from {where}: {first_line}")
