"""Copy the marts of a DuckDB build into a reader's DuckDB file or Parquet folder, atomically.

A reader never opens the build database, so a dashboard never blocks ``dbt build`` and a build
never blocks a dashboard. Each publish writes a new file beside the old one and renames it
into place: a reader that holds the old file keeps a consistent old view (the renamed-over
file lives on until it is closed), and a reader that opens the path next sees the new one.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ai_resolution.db import check_identifier, quote_ident

# The semantic layer's time spine: tools that read MetricFlow's definitions join to it.
TIME_SPINE = "metricflow_time_spine"
MART_PREFIXES = ("fct_", "dim_")
BUILD_ALIAS = "build"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Published:
    """What a publish wrote: the path, and each relation with its row count."""

    path: Path
    tables: dict[str, int]


def default_output(build_file: Path, output_format: str) -> Path:
    """``ai_resolution_marts.duckdb`` (or the folder ``ai_resolution_marts/``) next to the build file."""
    stem = f"{build_file.stem}_marts"
    return build_file.with_name(stem if output_format == "parquet" else f"{stem}{build_file.suffix or '.duckdb'}")


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def mart_relations(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    """The marts (fct_*, dim_*) and the time spine in the build's schema, sorted."""
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_catalog = ? and table_schema = ? order by table_name",
        [BUILD_ALIAS, schema],
    ).fetchall()
    names = [str(row[0]) for row in rows]
    return [name for name in names if name.startswith(MART_PREFIXES) or name == TIME_SPINE]


def _copy_comments(con: duckdb.DuckDBPyConnection, schema: str, names: list[str]) -> None:
    """Carry the descriptions dbt persisted (persist_docs) over to the copies."""
    tables = con.execute(
        "select table_name, comment from duckdb_tables() where database_name = ? and schema_name = ? "
        "and comment is not null "
        "union all select view_name, comment from duckdb_views() where database_name = ? and schema_name = ? "
        "and comment is not null",
        [BUILD_ALIAS, schema, BUILD_ALIAS, schema],
    ).fetchall()
    for name, comment in tables:
        if name in names:
            con.execute(f"comment on table main.{quote_ident(name)} is {sql_string(comment)}")
    columns = con.execute(
        "select table_name, column_name, comment from duckdb_columns() "
        "where database_name = ? and schema_name = ? and comment is not null",
        [BUILD_ALIAS, schema],
    ).fetchall()
    for table, column, comment in columns:
        if table in names:
            target = f"main.{quote_ident(table)}.{quote_ident(column)}"
            con.execute(f"comment on column {target} is {sql_string(comment)}")


def _count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    row = con.execute(f"select count(*) from {relation}").fetchone()
    return int(row[0]) if row else 0


def _temporary_sibling(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _copy_each(
    con: duckdb.DuckDBPyConnection, build_file: Path, schema: str, copy: Callable[[str, str], int], progress: Progress
) -> tuple[list[str], dict[str, int]]:
    """Attach the build read-only and ``copy(name, source)`` each mart; returns the names and row counts."""
    con.execute(f"attach {sql_string(str(build_file))} as {BUILD_ALIAS} (read_only)")
    names = mart_relations(con, schema)
    if not names:
        raise LookupError(f"no marts (fct_*, dim_*) in schema {schema!r} of {build_file}")
    counts: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        counts[name] = copy(name, f"{BUILD_ALIAS}.{quote_ident(schema)}.{quote_ident(name)}")
        progress(f"[{number:>2}/{len(names)}] {name}: {counts[name]:,} rows")
    return names, counts


def publish_duckdb(build_file: Path, schema: str, out: Path, progress: Progress) -> Published:
    """Write the marts into a new DuckDB file, then rename it over ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = _temporary_sibling(out)
    _remove(staging)
    try:
        with duckdb.connect(str(staging)) as con:

            def copy(name: str, source: str) -> int:
                con.execute(f"create table main.{quote_ident(name)} as select * from {source}")
                return _count(con, f"main.{quote_ident(name)}")

            names, counts = _copy_each(con, build_file, schema, copy, progress)
            _copy_comments(con, schema, names)
            con.execute(f"detach {BUILD_ALIAS}")
            con.execute("checkpoint")  # everything in the file itself, no write-ahead log beside it
        os.replace(staging, out)
    finally:
        _remove(staging)
        _remove(staging.with_name(staging.name + ".wal"))
    return Published(out, counts)


def publish_parquet(build_file: Path, schema: str, out: Path, progress: Progress) -> Published:
    """Write one Parquet file per mart into a new folder, then swap it in for ``out``.

    Each file is whole when a reader opens it. The folder is swapped with two renames, so a
    reader that lists it in between finds it missing for an instant and should retry.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = _temporary_sibling(out)
    retired = out.with_name(f".{out.name}.{os.getpid()}.old")
    _remove(staging)
    staging.mkdir()
    try:
        with duckdb.connect() as con:

            def copy(name: str, source: str) -> int:
                target = staging / f"{check_identifier(name)}.parquet"
                con.execute(f"copy (select * from {source}) to {sql_string(str(target))} (format parquet)")
                return _count(con, source)

            _, counts = _copy_each(con, build_file, schema, copy, progress)
        if out.exists():
            os.replace(out, retired)
        os.replace(staging, out)
    finally:
        _remove(staging)
        _remove(retired)
    return Published(out, counts)


def stderr_progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)
