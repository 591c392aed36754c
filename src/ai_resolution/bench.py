"""``ai-resolution bench``: how long a full and an incremental ``dbt build`` take against the
floor (one query reading every raw table once), at two data sizes, on this machine, net of
dbt's fixed cost (the same builds on 1,000 tickets, in the same run; see bench_targets).

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
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

import duckdb

from ai_resolution.bench_layout import run_layout
from ai_resolution.bench_steps import BenchError, Step, dbt_step, generate, run_measured
from ai_resolution.bench_targets import Recomputed, SizeResult, render_targets, target_values, targets_rows
from ai_resolution.load_history import spread_loads
from ai_resolution.project import dbt_var
from ai_resolution.source_layouts import LAYOUTS

RAW_TABLES = ("tickets", "messages", "ticket_events", "ai_actions", "csat_responses")
FLOOR_SQL = Path(__file__).with_name("bench_floor.sql")
# Each incremental model's own state row (model_name, ..., recomputed_tickets), in the target schema.
STATE_TABLE = ("main", "ai_resolution_incremental_state")
FIXED_COST_TICKETS = 1000
THREADS_ENV_VAR = "AI_RESOLUTION_DUCKDB_THREADS"
MEMORY_LIMIT_ENV_VAR = "AI_RESOLUTION_MEMORY_LIMIT"
DEFAULT_THREADS = 2
DEFAULT_MEMORY_LIMIT = "3GB"


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


def recomputed_tickets(con: duckdb.DuckDBPyConnection, model: str = "fct_conversations") -> Recomputed:
    """How many tickets the model's last run recomputed, from its row of the incremental state:
    NULL there means every ticket ("all"); no such row (or no such table) gives None."""
    schema, table = STATE_TABLE
    columns = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()
    }
    if not {"model_name", "recomputed_tickets"} <= columns:
        return None
    # A row per run of the model (older runs are pruned when the next run starts): the latest.
    rows = con.execute(
        f"select recomputed_tickets from {schema}.{table} where model_name = ? order by recorded_at desc limit 1",
        [model],
    ).fetchall()
    if not rows:
        return None
    return "all" if rows[0][0] is None else int(rows[0][0])


def recomputed(db: Path) -> Recomputed:
    with duckdb.connect(str(db), read_only=True) as con:
        return recomputed_tickets(con)


def show_recomputed(value: Recomputed) -> str:
    return "n/a" if value is None else "all" if value == "all" else f"{value:,}"


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
    count = recomputed(db)
    say(
        f"    incremental build {incremental.seconds:.1f} s after {appended:,} new raw rows;"
        f" {show_recomputed(count)} tickets recomputed",
        flush=True,
    )
    if count is None:
        say(f"    (no fct_conversations row in {'.'.join(STATE_TABLE)}: recomputed tickets unknown)", flush=True)
    return SizeResult(tickets, rows, floor, full, incremental, appended, count)


def render(results: list[SizeResult], fixed: SizeResult, args: argparse.Namespace) -> str:
    small, large = results[0], results[-1]
    lines = [
        "# Benchmark",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `ai-resolution bench` on {os.cpu_count()} cores,"
        f" {memory_gib():.0f} GiB RAM, Python {platform.python_version()}, DuckDB {duckdb.__version__},"
        f" dbt threads {args.threads}, DuckDB memory_limit {args.memory_limit}.",
        "",
        f"Reproduce: `make bench` (or `ai-resolution bench --sizes {args.sizes} --fixed-cost-tickets"
        f" {args.fixed_cost_tickets} --threads {args.threads} --memory-limit {args.memory_limit}`).",
        "",
        *render_targets(small, large, fixed),
        "",
        "| tickets | raw rows | floor s | full build s (execution) | peak MiB | new raw rows (1 day) "
        "| recomputed tickets | incremental s (execution) | peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = results if fixed in results else [fixed, *results]
    for r in rows:
        label = f"{r.tickets:,}" + (" (fixed cost)" if r is fixed else "")
        lines.append(
            f"| {label} | {r.raw_rows:,} | {r.floor.seconds:.2f} | {r.full.seconds:.1f}"
            f" ({r.full.execution_seconds:.1f}) | {r.full.peak_mib:,.0f} | {r.appended_rows:,}"
            f" | {show_recomputed(r.recomputed_tickets)} | {r.incremental.seconds:.1f}"
            f" ({r.incremental.execution_seconds:.1f}) | {r.incremental.peak_mib:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def resolve_settings(threads: int | None, memory_limit: str | None, environ: Mapping[str, str]) -> tuple[int, str]:
    """--threads and --memory-limit; when not given, the variables the DuckDB profile reads
    (so bench measures what a build with the same environment would use), then 2 and 3GB."""
    if threads is None:
        text = environ.get(THREADS_ENV_VAR, "").strip()
        try:
            threads = int(text) if text else DEFAULT_THREADS
        except ValueError:
            raise ValueError(f"${THREADS_ENV_VAR}={text!r}: expected a whole number of threads") from None
    if threads < 1:
        raise ValueError(f"threads must be 1 or more, not {threads}")
    memory_limit = memory_limit or environ.get(MEMORY_LIMIT_ENV_VAR, "").strip() or DEFAULT_MEMORY_LIMIT
    return threads, memory_limit


def default_output(layout: str) -> Path:
    """Under target/ (git-ignored), so a run never rewrites a tracked file unless --output says so."""
    return Path("target") / ("benchmark.md" if layout == "contract" else f"benchmark_{layout}.md")


def add_command(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="time full and incremental dbt builds against a floor query, net of dbt's fixed cost",
        description=(
            "Benchmark on this machine, in one run: for each size, generate demo data into a fresh DuckDB file,"
            " time a floor query (every raw table read once, aggregated per ticket), a full 'dbt build',"
            " then append one day of data and time an incremental 'dbt build'; record each step's peak memory."
            " dbt's fixed cost is the same full and incremental builds on --fixed-cost-tickets tickets, in the same"
            " run: the full build's is subtracted from the full build, the incremental build's from the incremental"
            " build. Prints the targets table and the per-size results and writes them to --output (and JSON next"
            " to it)."
        ),
        epilog="example: ai-resolution bench --sizes 100000,1000000 (writes target/benchmark.md and .json)",
    )
    parser.add_argument("--sizes", default="100000,1000000", help="ticket counts, comma-separated, smallest first")
    parser.add_argument(
        "--fixed-cost-tickets",
        type=int,
        default=FIXED_COST_TICKETS,
        help=f"the size whose builds are dbt's fixed cost (default {FIXED_COST_TICKETS:,}; at most the smallest"
        " size; equal to it, that size's builds are reused)",
    )
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--schema", default=None, help="raw schema (default: the project's dbt var raw_schema)")
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help=f"dbt and DuckDB threads (default ${THREADS_ENV_VAR}, else {DEFAULT_THREADS})",
    )
    parser.add_argument(
        "--memory-limit",
        default=None,
        help=f"DuckDB memory_limit (default ${MEMORY_LIMIT_ENV_VAR}, else {DEFAULT_MEMORY_LIMIT})",
    )
    parser.add_argument("--project-dir", type=Path, default=Path.cwd(), help="the dbt project (default: here)")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and its databases")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"markdown result file (default {default_output('contract')}; with --layout:"
        f" {default_output('<layout>')}); the JSON goes next to it",
    )
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="contract",
        help="a help desk's layout (zendesk, intercom, salesforce, kustomer, zendesk_airbyte): at each size,"
        " generate the same seed in the contract layout and in that help desk's layout and time both full builds"
        " in the same run: the adapter's overhead (no floor, no append, no fixed cost)",
    )
    parser.set_defaults(handler=run)


def fail(message: str) -> int:
    print(f"ai-resolution bench: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    try:
        sizes = sorted(int(size.replace("_", "")) for size in args.sizes.split(","))
    except ValueError:
        return fail(f"--sizes {args.sizes!r}: expected numbers like 100000,1000000")
    too_few = len(sizes) < (1 if args.layout != "contract" else 2)
    if too_few or not (args.project_dir / "dbt_project.yml").exists():
        return fail("give two sizes or more, and run from the project (or --project-dir)")
    try:
        args.threads, args.memory_limit = resolve_settings(args.threads, args.memory_limit, os.environ)
    except ValueError as error:
        return fail(str(error))
    # The raw tables go where the benchmarked project's dbt build reads them.
    args.schema = args.schema or str(dbt_var("raw_schema", args.project_dir))
    args.output = args.output or default_output(args.layout)
    if args.layout != "contract":
        return run_layout(sizes, args)
    if not 0 < args.fixed_cost_tickets <= sizes[0]:
        return fail(f"--fixed-cost-tickets {args.fixed_cost_tickets}: give 1 to the smallest size ({sizes[0]})")
    root = args.workdir or Path(tempfile.mkdtemp(prefix="ai_resolution_bench_"))
    project = args.project_dir.resolve()
    started = time.perf_counter()
    try:
        fixed = None
        if args.fixed_cost_tickets not in sizes:
            print(f"==> dbt's fixed cost: the same builds on {args.fixed_cost_tickets:,} tickets", flush=True)
            fixed = bench_size(args.fixed_cost_tickets, project, root, args)
        results = [bench_size(tickets, project, root, args) for tickets in sizes]
    except BenchError as error:
        # The scratch folder stays, so the log the message names can be read.
        return fail(str(error))
    fixed = fixed or results[sizes.index(args.fixed_cost_tickets)]
    if not args.keep and args.workdir is None:
        shutil.rmtree(root, ignore_errors=True)
    text = render(results, fixed, args)
    print()
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    small, large = results[0], results[-1]
    payload = {
        "settings": {
            "threads": args.threads,
            "memory_limit": args.memory_limit,
            "seed": args.seed,
            "fixed_cost_tickets": args.fixed_cost_tickets,
        },
        "fixed_cost": asdict(fixed),
        "sizes": [asdict(result) for result in results],
        "targets": [asdict(row) for row in targets_rows(small, large, fixed)],
        "wall": target_values(small, large, fixed, use_execution=False),
        "execution": target_values(small, large, fixed, use_execution=True),
    }
    args.output.with_suffix(".json").write_text(json.dumps(payload, indent=2) + "\n")
    print(f"written {args.output} and {args.output.with_suffix('.json')} in {time.perf_counter() - started:.0f} s")
    return 0
