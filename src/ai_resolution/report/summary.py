"""``ai-resolution summary``: the headline table printed at the end of `make demo`."""

from __future__ import annotations

import argparse

from ai_resolution.report.headline import Headline, read_headline
from ai_resolution.warehouse import Warehouse
from ai_resolution.warehouse.options import EXIT_OK, add_warehouse_arguments, with_warehouse


def rate(numerator: int | None, denominator: int) -> str:
    """A percentage with its fraction, n/a for an empty denominator, or absent when the
    measure's input (the AI action trace) was not delivered."""
    if numerator is None:
        return "  absent (no AI action trace delivered)"
    if denominator == 0:
        return "n/a"
    return f"{100 * numerator / denominator:5.1f}%  ({numerator:,} / {denominator:,})"


def format_headline(h: Headline) -> str:
    """Render the headline table as plain text."""
    lines = [
        f"AI resolution headline (as of {h.as_of})",
        "",
        f"  mature conversations          {h.mature:,}   (pending: {h.pending:,}, excluded: {h.excluded:,})",
        f"  AI involved                   {h.ai_involved:,}",
        f"  AI resolution rate            {rate(h.ai_resolved, h.ai_involved)}",
        f"  verified resolution rate      {rate(h.ai_verified, h.ai_involved)}",
        f"  confirmed share               {rate(h.ai_confirmed, h.ai_resolved)}",
        f"  deflection rate (legacy)      {rate(h.deflected, h.ai_involved)}",
        f"  deflection gap                {rate(h.gap, h.ai_involved)}",
        f"    abandoned                   {rate(h.abandoned, h.ai_involved)}",
        f"    rejected                    {rate(h.rejected, h.ai_involved)}",
        f"    reopened                    {rate(h.reopened, h.ai_involved)}",
        f"    resurfaced                  {rate(h.resurfaced, h.ai_involved)}",
        f"    policy breach               {rate(h.policy_breach, h.ai_involved)}",
        f"  escalation rate               {rate(h.escalated, h.ai_involved)}",
        f"  after-hours coverage          {rate(h.after_hours_ai_resolved, h.after_hours)}",
        f"    AI resolution after hours   {rate(h.after_hours_ai_resolved, h.after_hours_ai_involved)}",
    ]
    return "\n".join(lines)


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``summary`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "summary",
        help="print the headline metrics from fct_conversations",
        description=(
            "Print the headline table after `dbt build`: mature conversations, AI involvement, "
            "AI resolution rate, verified resolution rate, confirmed share, deflection rate and the gap "
            "between them split "
            "into its causes, the escalation rate, and the after-hours coverage (the share of conversations "
            "created outside business hours that the AI resolved on its own)."
        ),
    )
    add_warehouse_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    def work(wh: Warehouse) -> int:
        print(format_headline(read_headline(wh)))
        return EXIT_OK

    return with_warehouse(args, work)
