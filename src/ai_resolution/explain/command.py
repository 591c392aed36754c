"""``ai-resolution explain TICKET_ID``: one conversation's timeline and the rules that decided its outcome."""

from __future__ import annotations

import argparse

from ai_resolution.explain.load import UnknownTicket, load_evidence
from ai_resolution.explain.printout import format_explanation
from ai_resolution.warehouse import Warehouse
from ai_resolution.warehouse.options import EXIT_OK, add_warehouse_arguments, fail, with_warehouse


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
    add_warehouse_arguments(parser)
    parser.add_argument("--show-bodies", action="store_true", help="also print message bodies (PII)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    ticket_id = args.ticket_id.strip()

    def work(wh: Warehouse) -> int:
        try:
            evidence, bodies = load_evidence(wh, ticket_id, args.show_bodies)
        except UnknownTicket:
            return fail(f"unknown ticket id {ticket_id!r}: no such conversation in fct_conversations of {wh.where}.")
        print(format_explanation(evidence, bodies))
        return EXIT_OK

    return with_warehouse(args, work)
