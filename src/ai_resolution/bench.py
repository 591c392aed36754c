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
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from ai_resolution.project import dbt_var

RAW_TABLES = ("tickets", "messages", "ticket_events", "ai_actions", "csat_responses")
FLOOR_SQL = Path(__file__).with_name("bench_floor.sql")
# Runs a command and prints its peak resident memory (KiB) as JSON on the last stdout line.
PEAK_WRAPPER = (
    "import json, resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(json.dumps({'rc': code, 'maxrss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)
TARGETS = {"full_over_floor": 4.0, "incremental_over_full": 0.10, "large_over_small": 11.0, "peak_gib": 4.0}


class BenchError(RuntimeError):
    """A step failed; the message says which and where its log is."""


@dataclass
class Step:
    seconds: float
    peak_mib: float
    execution_seconds: float | None = None  # dbt's run_results elapsed_time (no parsing)


@dataclass
class SizeResult:
    tickets: int
    raw_rows: int
    floor: Step
    full: Step
    incremental: Step
    appended_rows: int
    recomputed_tickets: int


def run_measured(command: list[str], env: dict[str, str], log: Path) -> Step:
    """Run command under the peak-memory wrapper; its output goes to log."""
    started = time.perf_counter()
    with log.open("w") as handle:
        result = subprocess.run(
            [sys.executable, "-c", PEAK_WRAPPER, *command], env=env, stdout=subprocess.PIPE, stderr=handle, text=True
        )
    seconds = time.perf_counter() - started
    lines = result.stdout.strip().splitlines()
    with log.open("a") as handle:
        handle.write("\n".join(lines[:-1]))
    report = json.loads(lines[-1]) if lines else {"rc": 1, "maxrss_kib": 0}
    if report["rc"] != 0:
        raise BenchError(f"step {log.stem} failed (exit {report['rc']}); see {log}")
    return Step(seconds=seconds, peak_mib=report["maxrss_kib"] / 1024)


def dbt_step(
    project: Path, db: Path, work: Path, name: str, args: argparse.Namespace, command_name: str = "build"
) -> Step:
    target = work / "target"
    env = {
        **os.environ,
        "AI_RESOLUTION_DB": str(db),
        "AI_RESOLUTION_THREADS": str(args.threads),
        "AI_RESOLUTION_DUCKDB_THREADS": str(args.threads),
        "AI_RESOLUTION_MEMORY_LIMIT": args.memory_limit,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    dbt = str(Path(sys.executable).with_name("dbt"))
    command = [dbt, command_name, "--project-dir", str(project), "--profiles-dir", str(project / "profiles")]
    command += ["--target-path", str(target), "--log-path", str(work / "logs")]
    step = run_measured(command, env, work / f"{name}.log")
    if command_name == "build":
        step.execution_seconds = json.loads((target / "run_results.json").read_text())["elapsed_time"]
    return step


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


def generate(db: Path, work: Path, extra: list[str], log_name: str) -> float:
    command = [str(Path(sys.executable).with_name("ai-resolution")), "generate", "--db", str(db), *extra]
    return run_measured(command, dict(os.environ), work / log_name).seconds


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
    parser.add_argument("--output", type=Path, default=Path("docs/benchmark.md"), help="markdown result file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        sizes = sorted(int(size.replace("_", "")) for size in args.sizes.split(","))
    except ValueError:
        message = f"--sizes {args.sizes!r}: expected numbers like 100000,1000000"
        print(f"ai-resolution bench: error: {message}", file=sys.stderr)
        return 2
    if len(sizes) < 2 or not (args.project_dir / "dbt_project.yml").exists():
        print(
            "ai-resolution bench: error: give two sizes or more, and run from the project (or --project-dir)",
            file=sys.stderr,
        )
        return 2
    # The raw tables go where the benchmarked project's dbt build reads them.
    args.schema = args.schema or str(dbt_var("raw_schema", args.project_dir))
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
