"""``ai-resolution bench``: how long a full and an incremental ``dbt build`` take against the
floor (one query reading every raw table once), at two data sizes, on this machine.

Each measured step runs as a child process of a small wrapper that reports the child's peak
memory (dbt runs DuckDB in-process, so the dbt process's peak is the build's peak).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from ai_resolution.bench_layout import run_layout
from ai_resolution.bench_steps import BenchError, Step, dbt_step, generate, run_measured
from ai_resolution.load_history import spread_loads
from ai_resolution.project import dbt_var
from ai_resolution.source_layouts import LAYOUTS

RAW_TABLES = ("tickets", "messages", "ticket_events", "ai_actions", "csat_responses")
FLOOR_SQL = Path(__file__).with_name("bench_floor.sql")
TARGETS = {"full_over_floor": 4.0, "incremental_over_full": 0.10, "large_over_small": 11.0, "peak_gib": 4.0}


@dataclass
class SizeResult:
    tickets: int
    raw_rows: int
    floor: Step
    full: Step
    incremental: Step
    appended_rows: int
    recomputed_tickets: int


def floor_step(db: Path, work: Path, args: argparse.Namespace) -> Step:
    """The floor query, three times in a fresh process each; the median (the first warms the OS cache)."""
    code = (
        "import duckdb, sys\n"
        "config = {'threads': int(sys.argv[3]), 'memory_limit': sys.argv[4], 'preserve_insertion_order': False}\n"
        "con = duckdb.connect(sys.argv[1], config=config)\n"
        "con.execute('create schema if not exists bench')\n"
        "import time; started = time.perf_counter()\n"
        "con.execute(open(sys.argv[2]).read().replace('{raw}', sys.argv[5]))\n"
        "print('floor_seconds', time.perf_counter() - started)\n"
        "con.execute('drop schema bench cascade')\n"
    )
    steps = []
    for attempt in range(3):
        command = [sys.executable, "-c", code, str(db), str(FLOOR_SQL), str(args.threads), args.memory_limit]
        log = work / f"floor_{attempt}.log"
        step = run_measured([*command, args.schema], dict(os.environ), log)
        # The query alone, not the Python start-up around it.
        step.seconds = float(log.read_text().split("floor_seconds")[-1].split()[0])
        steps.append(step)
    return Step(
        seconds=statistics.median(step.seconds for step in steps),
        peak_mib=max(step.peak_mib for step in steps),
    )


def count_rows(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    row = con.execute(f"select count(*) from {relation}").fetchone()
    return int(row[0]) if row else 0


def raw_rows(db: Path, schema: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return sum(count_rows(con, f"{schema}.{table}") for table in RAW_TABLES)


def recomputed(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return count_rows(con, "main.int_tickets_to_recompute")


def bench_size(tickets: int, project: Path, root: Path, args: argparse.Namespace) -> SizeResult:
    work = root / f"t{tickets}"
    work.mkdir(parents=True, exist_ok=True)
    db = work / "warehouse.duckdb"
    say = print
    say(f"==> {tickets:,} tickets: generating", flush=True)
    generated = generate(
        db, work, ["--tickets", str(tickets), "--seed", str(args.seed), "--schema", args.schema], "generate.log"
    )
    # The incremental run after one day measures a loader that ran all along, not a backfill:
    # generate loads the whole history at once, which would put every row in the lookback.
    with duckdb.connect(str(db)) as con:
        spread_loads(con, args.schema, RAW_TABLES)
    rows = raw_rows(db, args.schema)
    say(f"    {rows:,} raw rows in {generated:.1f} s; floor query (3 runs)", flush=True)
    floor = floor_step(db, work, args)
    say(f"    floor {floor.seconds:.2f} s; full dbt build", flush=True)
    # Parsed once untimed, so both builds below start from the same partial parse.
    dbt_step(project, db, work, "parse", args, command_name="parse")
    full = dbt_step(project, db, work, "full_build", args)
    say(f"    full build {full.seconds:.1f} s (execution {full.execution_seconds:.1f} s); append a day", flush=True)
    generate(db, work, ["--append-days", "1", "--seed", str(args.seed), "--schema", args.schema], "append.log")
    appended = raw_rows(db, args.schema) - rows
    incremental = dbt_step(project, db, work, "incremental_build", args)
    say(f"    incremental build {incremental.seconds:.1f} s after {appended:,} new raw rows", flush=True)
    return SizeResult(tickets, rows, floor, full, incremental, appended, recomputed(db))


def ratios(results: list[SizeResult], use_execution: bool) -> dict[str, float]:
    small, large = results[0], results[-1]

    def seconds(step: Step) -> float:
        return step.execution_seconds if use_execution and step.execution_seconds is not None else step.seconds

    return {
        "full_over_floor": seconds(large.full) / large.floor.seconds,
        "incremental_over_full": seconds(large.incremental) / seconds(large.full),
        "large_over_small": seconds(large.full) / seconds(small.full),
        "peak_gib": max(max(r.full.peak_mib, r.incremental.peak_mib) for r in results) / 1024,
    }


def render(results: list[SizeResult], args: argparse.Namespace) -> str:
    wall, execution = ratios(results, False), ratios(results, True)
    small, large = results[0], results[-1]
    size_ratio = large.tickets / small.tickets
    lines = [
        "# Benchmark",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `ai-resolution bench` on {os.cpu_count()} cores,"
        f" {memory_gib():.0f} GiB RAM, Python {platform.python_version()}, DuckDB {duckdb.__version__},"
        f" dbt threads {args.threads}, DuckDB memory_limit {args.memory_limit}.",
        "",
        f"Reproduce: `make bench` (or `ai-resolution bench --sizes {args.sizes} --threads {args.threads}"
        f" --memory-limit {args.memory_limit}`).",
        "",
        "| tickets | raw rows | floor s | full build s (execution) | peak MiB | new raw rows (1 day) "
        "| recomputed tickets | incremental s (execution) | peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.tickets:,} | {r.raw_rows:,} | {r.floor.seconds:.2f} | {r.full.seconds:.1f}"
            f" ({r.full.execution_seconds:.1f}) | {r.full.peak_mib:,.0f} | {r.appended_rows:,}"
            f" | {r.recomputed_tickets:,} | {r.incremental.seconds:.1f} ({r.incremental.execution_seconds:.1f})"
            f" | {r.incremental.peak_mib:,.0f} |"
        )
    verdict = {True: "met", False: "MISSED"}
    lines += [
        "",
        "Wall = the whole `dbt build` command (start-up and parsing included);"
        " execution = dbt's own run time (`run_results.json` elapsed_time).",
        "",
        "| ratio | target | wall | execution |",
        "|---|---:|---:|---:|",
        f"| full build ÷ floor at {large.tickets:,} | ≤ {TARGETS['full_over_floor']:g}"
        f" | {wall['full_over_floor']:.1f} ({verdict[wall['full_over_floor'] <= 4]})"
        f" | {execution['full_over_floor']:.1f} ({verdict[execution['full_over_floor'] <= 4]}) |",
        f"| incremental ÷ full at {large.tickets:,} | ≤ {TARGETS['incremental_over_full']:.2f}"
        f" | {wall['incremental_over_full']:.2f} ({verdict[wall['incremental_over_full'] <= 0.10]})"
        f" | {execution['incremental_over_full']:.2f} ({verdict[execution['incremental_over_full'] <= 0.10]}) |",
        f"| full build {large.tickets:,} ÷ {small.tickets:,} (data ×{size_ratio:g}) | ≤ {1.1 * size_ratio:g}"
        f" | {wall['large_over_small']:.1f} ({verdict[wall['large_over_small'] <= 1.1 * size_ratio]})"
        f" | {execution['large_over_small']:.1f} ({verdict[execution['large_over_small'] <= 1.1 * size_ratio]}) |",
        f"| peak memory (GiB) | < {TARGETS['peak_gib']:g} | {wall['peak_gib']:.2f} ({verdict[wall['peak_gib'] < 4]})"
        " | |",
    ]
    return "\n".join(lines) + "\n"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def add_command(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="time full and incremental dbt builds against a floor query",
        description=(
            "Benchmark on this machine, in one run: for each size, generate demo data into a fresh DuckDB file,"
            " time a floor query (every raw table read once, aggregated per ticket), a full 'dbt build',"
            " then append one day of data and time an incremental 'dbt build'; record each step's peak memory."
            " Prints a table with the ratios against the targets and writes it to --output (and JSON next to it)."
        ),
        epilog="example: ai-resolution bench --sizes 100000,1000000 --output docs/benchmark.md",
    )
    parser.add_argument("--sizes", default="100000,1000000", help="ticket counts, comma-separated, smallest first")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--schema", default=None, help="raw schema (default: the project's dbt var raw_schema)")
    parser.add_argument("--threads", type=int, default=2, help="dbt and DuckDB threads (default 2)")
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory_limit (default 3GB)")
    parser.add_argument("--project-dir", type=Path, default=Path.cwd(), help="the dbt project (default: here)")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and its databases")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="markdown result file (default docs/benchmark.md; with --layout: docs/benchmark_<layout>.md)",
    )
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="contract",
        help="a help desk's layout (zendesk, intercom, salesforce, kustomer, zendesk_airbyte): at each size,"
        " generate the same seed in the contract layout and in that help desk's layout and time both full builds"
        " in the same run: the adapter's overhead (no floor, no append)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        sizes = sorted(int(size.replace("_", "")) for size in args.sizes.split(","))
    except ValueError:
        message = f"--sizes {args.sizes!r}: expected numbers like 100000,1000000"
        print(f"ai-resolution bench: error: {message}", file=sys.stderr)
        return 2
    too_few = len(sizes) < (1 if args.layout != "contract" else 2)
    if too_few or not (args.project_dir / "dbt_project.yml").exists():
        print(
            "ai-resolution bench: error: give two sizes or more, and run from the project (or --project-dir)",
            file=sys.stderr,
        )
        return 2
    # The raw tables go where the benchmarked project's dbt build reads them.
    args.schema = args.schema or str(dbt_var("raw_schema", args.project_dir))
    if args.layout != "contract":
        args.output = args.output or Path(f"docs/benchmark_{args.layout}.md")
        return run_layout(sizes, args)
    args.output = args.output or Path("docs/benchmark.md")
    root = args.workdir or Path(tempfile.mkdtemp(prefix="ai_resolution_bench_"))
    started = time.perf_counter()
    try:
        results = [bench_size(tickets, args.project_dir.resolve(), root, args) for tickets in sizes]
    except BenchError as error:
        # The scratch folder stays, so the log the message names can be read.
        print(f"ai-resolution bench: error: {error}", file=sys.stderr)
        return 2
    if not args.keep and args.workdir is None:
        shutil.rmtree(root, ignore_errors=True)
    text = render(results, args)
    print()
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    payload = {"sizes": [asdict(result) for result in results], "wall": ratios(results, False)}
    payload["execution"] = ratios(results, True)
    args.output.with_suffix(".json").write_text(json.dumps(payload, indent=2) + "\n")
    print(f"written {args.output} and {args.output.with_suffix('.json')} in {time.perf_counter() - started:.0f} s")
    return 0
