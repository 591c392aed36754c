"""``ai-resolution explain TICKET_ID``: one conversation's timeline and the rules that decided its outcome."""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from ai_resolution.db import add_db_argument, check_identifier, connect, resolve_db_path
from ai_resolution.explain.load import UnknownTicket, load_evidence
from ai_resolution.explain.printout import format_explanation


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``explain`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "explain",
        help="show one conversation's timeline and why it got its outcome",
        description=(
            "Print a conversation's timeline (messages, events, AI actions with their policy results, CSAT), its "
            "outcome, and each outcome rule in order with the evidence, up to the one that decided it. Message "
            "bodies are never printed unless --show-bodies is given."
        ),
    )
    parser.add_argument("ticket_id", metavar="TICKET_ID", help="the ticket to explain")
    add_db_argument(parser)
    parser.add_argument("--schema", default="main", help="schema holding the marts (default: main)")
    parser.add_argument("--show-bodies", action="store_true", help="also print message bodies (PII)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db_path: Path = resolve_db_path(args.db)
    ticket_id = args.ticket_id.strip()
    if not db_path.exists():
        print(f"No database at {db_path}. Run `make demo` or `dbt build` first, or pass --db PATH.")
        return 1
    try:
        with connect(db_path, read_only=True) as con:
            evidence, bodies = load_evidence(con, ticket_id, check_identifier(args.schema), args.show_bodies)
    except UnknownTicket:
        print(f"Unknown ticket id {ticket_id!r}: no such conversation in fct_conversations of {db_path}.")
        return 1
    except (duckdb.Error, ValueError) as error:
        print(f"Cannot read the conversation from {db_path}: {error}\nRun `dbt build` first.")
        return 1
    print(format_explanation(evidence, bodies))
    return 0
