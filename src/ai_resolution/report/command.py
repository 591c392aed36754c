"""``ai-resolution report``: one self-contained HTML file built from the marts."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ai_resolution.report import sections
from ai_resolution.report.data import ReportData, read_report_data
from ai_resolution.report.page import LIBRARY_VERSIONS, render_page
from ai_resolution.report.tiles import build_tiles, tiles_how
from ai_resolution.warehouse import Warehouse, open_warehouse
from ai_resolution.warehouse.options import EXIT_OK, add_warehouse_arguments, with_warehouse

DEFAULT_OUT = Path("reports") / "ai_resolution_report.html"


def build_report(data: ReportData, source: str) -> str:
    """The HTML text of the report."""
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    meta = (
        f"Conversations as of {data.as_of} · rules {data.rules_version or 'n/a'} · "
        f"{source} (schema {data.schema}) · generated {generated}"
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


def source_name(wh: Warehouse) -> str:
    """Where the numbers came from, for the report's header line."""
    if wh.database_file is not None:
        return f"database {wh.database_file.name}"
    return f"target {wh.target} ({wh.engine})"


def write_report_from(wh: Warehouse, out: Path) -> Path:
    """Read the marts and write the report; returns the file written."""
    data = read_report_data(wh)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build_report(data, source_name(wh)), encoding="utf-8")
    return out


def write_report(db_path: Path, out: Path, schema: str | None = None, target: str | None = None) -> Path:
    """The report of a DuckDB file (or of ``target``'s warehouse when given)."""
    with open_warehouse(target, str(db_path), schema) as wh:
        return write_report_from(wh, out)


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
    add_warehouse_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    def work(wh: Warehouse) -> int:
        out = write_report_from(wh, Path(args.out))
        print(f"Report written to {out.resolve()}")
        return EXIT_OK

    return with_warehouse(args, work)
