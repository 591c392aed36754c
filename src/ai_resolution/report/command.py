"""``ai-resolution report``: one self-contained HTML file built from the marts."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import duckdb

from ai_resolution.db import add_db_argument, check_identifier, connect, resolve_db_path
from ai_resolution.report import sections
from ai_resolution.report.data import ReportData, read_report_data
from ai_resolution.report.page import LIBRARY_VERSIONS, render_page
from ai_resolution.report.tiles import build_tiles, tiles_how

DEFAULT_OUT = Path("reports") / "ai_resolution_report.html"


def build_report(data: ReportData, db_name: str) -> str:
    """The HTML text of the report."""
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    meta = (
        f"Conversations as of {data.as_of} · rules {data.rules_version or 'n/a'} · "
        f"database {db_name} (schema {data.schema}) · generated {generated}"
    )
    footer = (
        f"Thresholds in force: {data.rules_config or 'n/a'}. Charts drawn offline with {LIBRARY_VERSIONS}, "
        "inlined in this file. Definitions: METRICS.md in the ai_resolution project."
    )
    verdicts = sections.verdict_section(data)
    after_hours = sections.after_hours_section(data)
    parts = [
        sections.trend_section(data),
        sections.gap_section(data),
        *([after_hours] if after_hours is not None else []),
        sections.readiness_section(data),
        sections.release_section(data),
        sections.guardrail_section(data),
        *([verdicts] if verdicts is not None else []),
        sections.quality_section(data),
    ]
    return render_page(
        title="AI resolution report",
        question="Did the AI agent really resolve conversations, or merely deflect them?",
        meta=meta,
        tiles=build_tiles(data),
        tiles_how=tiles_how(data),
        sections=parts,
        footer=footer,
    )


def write_report(db_path: Path, out: Path, schema: str = "main") -> Path:
    """Read the marts read-only and write the report; returns the file written."""
    with connect(db_path, read_only=True) as con:
        data = read_report_data(con, check_identifier(schema))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build_report(data, db_path.name), encoding="utf-8")
    return out


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``report`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report of the marts",
        description=(
            "Write one HTML file (charts included, opens offline) with the headline tiles, the weekly trend, "
            "what deflection hides, resolution by issue type, releases, guardrails, external verdicts beside ours "
            "(when any were delivered) and data quality. "
            "Run `dbt build` first."
        ),
    )
    parser.add_argument("--out", metavar="FILE", default=str(DEFAULT_OUT), help=f"output file (default: {DEFAULT_OUT})")
    add_db_argument(parser)
    parser.add_argument("--schema", default="main", help="schema holding the marts (default: main)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db_path = resolve_db_path(args.db)
    if not db_path.exists():
        print(f"No database at {db_path}. Run `make demo` or `dbt build` first, or pass --db PATH.")
        return 1
    try:
        out = write_report(db_path, Path(args.out), args.schema)
    except (duckdb.Error, ValueError) as error:
        print(f"Cannot build the report from {db_path}: {error}\nRun `dbt build` first.")
        return 1
    print(f"Report written to {out.resolve()}")
    return 0
