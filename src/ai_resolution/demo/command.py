"""``ai-resolution generate``: the command line of the demo-data generator.

Without ``--append-days`` it replaces the raw tables (``generate``); with it, it keeps them
and adds days (``append``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from ai_resolution import db
from ai_resolution.demo.append import append
from ai_resolution.demo.append_plan import AppendError, AppendOptions
from ai_resolution.demo.generate import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_DAYS,
    DEFAULT_SEED,
    DEFAULT_START,
    DEFAULT_TICKETS,
    GenerateOptions,
    generate,
    table_counts,
)
from ai_resolution.demo.writer import default_schema
from ai_resolution.source_layouts import LAYOUTS, dbt_vars, dbt_vars_json


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``generate`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "generate",
        help="fill the raw schema with simulated demo conversations",
        description=(
            "Simulate support conversations (AI agent, human agents, customers) and write "
            "them as the five raw tables of the data contract - tickets, messages, "
            "ticket_events, ai_actions, csat_responses - into one schema of the DuckDB file. "
            "The five tables are replaced; nothing outside that schema is touched. The same "
            "seed and options always produce the same rows. With --append-days D the tables "
            "are kept instead and D more days are added after the last existing day, at the "
            "existing daily rate (or --tickets N), every row loaded after the existing ones; "
            "the batch also carries late rows for earlier tickets and re-extracted copies of "
            "existing rows, as an incremental extraction would."
        ),
        epilog=(
            "example: ai-resolution generate --tickets 20000 --seed 42 && dbt build; "
            "then one more day: ai-resolution generate --append-days 1 && dbt build  "
            f"(database: --db, else ${db.DB_ENV_VAR}, else ./{db.DEFAULT_DB_FILE})"
        ),
    )
    parser.add_argument(
        "--tickets",
        type=int,
        default=None,
        metavar="N",
        help=f"number of tickets to generate (default {DEFAULT_TICKETS:,}; with --append-days: "
        "the existing tickets per day times D)",
    )
    parser.add_argument(
        "--append-days",
        type=int,
        default=None,
        metavar="D",
        help="keep the existing raw tables and append D more days after the last existing day",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"random seed (default {DEFAULT_SEED}); with --append-days, mixed with the first new day, and "
        "the original run's seed keeps its customers' weights",
    )
    db.add_db_argument(parser)
    parser.add_argument(
        "--schema",
        default=None,
        help="schema the raw tables are written to (default: the dbt var raw_schema of dbt_project.yml, which "
        "dbt reads them from)",
    )
    parser.add_argument(
        "--start",
        type=_date,
        default=None,
        metavar="DATE",
        help=f"first day of the period, UTC (default {DEFAULT_START}; not with --append-days)",
    )
    parser.add_argument(
        "--days",
        type=int,
        default=None,
        metavar="D",
        help=f"length of the period in days (default {DEFAULT_DAYS}); the newest week is naturally not yet mature "
        "(not with --append-days)",
    )
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="contract",
        help="the tables to write: contract (default: the raw contract's five tables), or the same "
        "conversations as a help desk's own tables in Fivetran's layout: zendesk (ticket, ticket_comment, "
        "user, ticket_field_history, ticket_tag), intercom (conversation_history, conversation_part_history, "
        "conversation_contact_history, contact_history, admin) or salesforce (case, case_history, case_comment, "
        "email_message, messaging_session, conversation_entry, user, and the contract's ai_actions for the "
        "Agentforce action trace); Zendesk's streams as Airbyte lands them: zendesk_airbyte (tickets, "
        "ticket_comments, ticket_audits, satisfaction_ratings, users); or as a Singer tap-kustomer lands "
        "Kustomer's records: kustomer (conversations, messages, notes, users); build those with the dbt var "
        "source_system (docs/sources/)",
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"tickets simulated and inserted per chunk (default "
        f"{DEFAULT_CHUNK_SIZE:,}); bounds memory; part of what "
        "determines the data",
    )
    parser.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace) -> int:
    """``generate``, or ``generate --append-days D``."""
    if args.schema is None:
        args.schema = default_schema()
    if args.append_days is not None:
        if args.layout != "contract":
            return _error(
                f"--append-days works on the contract layout only; regenerate the {args.layout} layout with "
                "more --days instead"
            )
        return run_append(args)
    return run_generate(args)


def _error(message: str) -> int:
    print(f"ai-resolution generate: error: {message}", file=sys.stderr)
    return 2


def run_generate(args: argparse.Namespace) -> int:
    options = GenerateOptions(
        tickets=DEFAULT_TICKETS if args.tickets is None else args.tickets,
        seed=args.seed,
        schema=args.schema,
        start=args.start or _date(DEFAULT_START),
        days=DEFAULT_DAYS if args.days is None else args.days,
        chunk_size=args.chunk_size,
        layout=args.layout,
    )
    try:
        options.validate()
    except ValueError as exc:
        return _error(str(exc))
    path = db.resolve_db_path(args.db)
    layout = "" if options.layout == "contract" else f" in the {options.layout} layout"
    print(
        f"generating {options.tickets:,} tickets{layout} (seed {options.seed}, "
        f"{options.start.isoformat()} + {options.days} days) into {path} schema {options.schema}"
    )
    started = time.perf_counter()
    with db.connect(path) as con:
        generate(con, options)
        counts = table_counts(con, options.schema, options.layout)
    print(f"done in {time.perf_counter() - started:.1f}s; rows per table:")
    width = max(len(table) for table in counts)
    for table, count in counts.items():
        print(f"  {options.schema}.{table:<{max(width, 15)}} {count:>12,}")
    if dbt_vars(options.layout):
        print(f"build it with: dbt build --vars '{dbt_vars_json(options.layout)}'")
    return 0


def run_append(args: argparse.Namespace) -> int:
    """``generate --append-days D``."""
    if args.start is not None or args.days is not None:
        return _error("--start and --days do not apply with --append-days: the new days follow the existing ones")
    options = AppendOptions(
        days=args.append_days, tickets=args.tickets, seed=args.seed, schema=args.schema, chunk_size=args.chunk_size
    )
    try:
        options.validate()
    except ValueError as exc:
        return _error(str(exc))
    path = db.resolve_db_path(args.db)
    if not path.exists():
        return _error(f"cannot append: no database at {path}; run 'ai-resolution generate' first")
    print(f"appending {options.days} day(s) (seed {options.seed}) to {path} schema {options.schema}")
    started = time.perf_counter()
    with db.connect(path) as con:
        try:
            written = append(con, options)
        except AppendError as exc:
            return _error(f"cannot append: {exc}")
        counts = table_counts(con, options.schema)
    print(f"done in {time.perf_counter() - started:.1f}s; rows per table (appended):")
    for table, count in counts.items():
        print(f"  {options.schema}.{table:<15} {count:>12,}  (+{written[table]:,})")
    return 0
