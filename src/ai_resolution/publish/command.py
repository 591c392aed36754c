"""``ai-resolution publish``: the marts in a file of their own, for BI tools to read."""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from ai_resolution.publish.copy import default_output, publish_duckdb, publish_parquet, stderr_progress
from ai_resolution.warehouse import Warehouse
from ai_resolution.warehouse.options import EXIT_OK, add_warehouse_arguments, fail, with_warehouse

FORMATS = ("duckdb", "parquet")


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``publish`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "publish",
        help="copy the marts into a separate file for BI tools (no lock on the build database)",
        description=(
            "Copy the marts (fct_*, dim_*) and the semantic layer's time spine, with their descriptions, "
            "from a DuckDB build into a separate DuckDB file (default: ai_resolution_marts.duckdb next to the "
            "build database) or a folder of Parquet files. The copy is atomic: a new file is written and renamed "
            "into place, so a dashboard that holds the old file keeps a consistent view and never blocks the "
            "next `dbt build`. On PostgreSQL, readers connect to the warehouse itself: nothing to publish."
        ),
    )
    parser.add_argument("--out", metavar="PATH", default=None, help="the file (or Parquet folder) to write")
    parser.add_argument(
        "--format", choices=FORMATS, default="duckdb", help="duckdb (one file, default) or parquet (a folder)"
    )
    add_warehouse_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    found: list[tuple[Path, str]] = []

    def locate(wh: Warehouse) -> int:
        if wh.database_file is None:
            return fail(
                f"publish copies a DuckDB build; target {wh.target!r} is {wh.engine}. Point BI tools at that "
                "warehouse directly (docs/bi-tools.md)."
            )
        # The same check as summary's: the project must be built before its marts are copied.
        if not wh.table_exists("fct_conversations"):
            return fail(f"{wh.where} has no fct_conversations in schema {wh.schema!r}. Run `dbt build` first.")
        found.append((wh.database_file, wh.schema))
        return EXIT_OK

    # The build file is closed again before the copy attaches it (one open per process).
    code = with_warehouse(args, locate)
    if code != EXIT_OK:
        return code
    build_file, schema = found[0]
    return _publish(build_file, schema, args)


def _publish(build_file: Path, schema: str, args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else default_output(build_file, args.format)
    if out.resolve() == build_file.resolve():
        return fail(f"--out {out} is the build database itself; choose another file")
    print(f"==> publishing the marts of {build_file.name} (schema {schema}) to {out} ({args.format})", flush=True)
    writer = publish_parquet if args.format == "parquet" else publish_duckdb
    try:
        published = writer(build_file, schema, out, stderr_progress)
    except (duckdb.Error, LookupError, OSError) as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return fail(f"cannot publish to {out}: {first_line}")
    total = sum(published.tables.values())
    print(f"Published {len(published.tables)} tables ({total:,} rows) to {published.path.resolve()}")
    return EXIT_OK
