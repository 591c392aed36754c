"""The headline table printed at the end of `make demo`: resolution against deflection."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import duckdb

from ai_resolution.db import resolve_db_path

HEADLINE_SQL = """
select
    count(*) filter (where outcome not in ('excluded', 'pending')) as mature,
    count(*) filter (where outcome = 'pending') as pending,
    count(*) filter (where outcome = 'excluded') as excluded,
    count(*) filter (where is_mature and is_ai_involved and outcome != 'excluded') as ai_involved,
    count(*) filter (where is_ai_resolved) as ai_resolved,
    count(*) filter (where outcome = 'ai_resolved_confirmed') as ai_confirmed,
    count(*) filter (where is_deflected) as deflected,
    count(*) filter (where outcome = 'escalated') as escalated,
    count(*) filter (where outcome = 'ai_abandoned') as abandoned,
    count(*) filter (where outcome = 'ai_rejected') as rejected,
    count(*) filter (where outcome = 'ai_reopened') as reopened,
    count(*) filter (where outcome = 'ai_resurfaced') as resurfaced,
    count(*) filter (where outcome = 'ai_policy_breach') as policy_breach,
    max(as_of) as as_of
from {schema}.fct_conversations
"""


@dataclass(frozen=True)
class Headline:
    """Counts behind the headline metrics, over mature conversations."""

    mature: int
    pending: int
    excluded: int
    ai_involved: int
    ai_resolved: int
    ai_confirmed: int
    deflected: int
    escalated: int
    abandoned: int
    rejected: int
    reopened: int
    resurfaced: int
    policy_breach: int
    as_of: object


def rate(numerator: int, denominator: int) -> str:
    """A percentage with its fraction, or n/a for an empty denominator."""
    if denominator == 0:
        return "n/a"
    return f"{100 * numerator / denominator:5.1f}%  ({numerator:,} / {denominator:,})"


def read_headline(db_path: str, schema: str = "main") -> Headline:
    """Read the headline counts from fct_conversations."""
    with duckdb.connect(db_path, read_only=True) as con:
        row = con.execute(HEADLINE_SQL.format(schema=schema)).fetchone()
    return Headline(*row)


def format_headline(h: Headline) -> str:
    """Render the headline table as plain text."""
    gap = h.deflected - h.ai_resolved
    lines = [
        f"AI resolution headline (as of {h.as_of})",
        "",
        f"  mature conversations          {h.mature:,}   (pending: {h.pending:,}, excluded: {h.excluded:,})",
        f"  AI involved                   {h.ai_involved:,}",
        f"  AI resolution rate            {rate(h.ai_resolved, h.ai_involved)}",
        f"  confirmed share               {rate(h.ai_confirmed, h.ai_resolved)}",
        f"  deflection rate (legacy)      {rate(h.deflected, h.ai_involved)}",
        f"  deflection gap                {rate(gap, h.ai_involved)}",
        f"    abandoned                   {rate(h.abandoned, h.ai_involved)}",
        f"    rejected                    {rate(h.rejected, h.ai_involved)}",
        f"    reopened                    {rate(h.reopened, h.ai_involved)}",
        f"    resurfaced                  {rate(h.resurfaced, h.ai_involved)}",
        f"    policy breach               {rate(h.policy_breach, h.ai_involved)}",
        f"  escalation rate               {rate(h.escalated, h.ai_involved)}",
    ]
    return "\n".join(lines)


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``summary`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "summary",
        help="print the headline metrics from fct_conversations",
        description=(
            "Print the headline table after `dbt build`: mature conversations, AI involvement, "
            "AI resolution rate, confirmed share, deflection rate and the gap between them split "
            "into its causes, and the escalation rate."
        ),
    )
    parser.add_argument("--db", help="DuckDB file (default: $AI_RESOLUTION_DB, else ./ai_resolution.duckdb)")
    parser.add_argument("--schema", default="main", help="schema holding the marts (default: main)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:

    db_path = str(resolve_db_path(args.db))
    try:
        headline = read_headline(db_path, args.schema)
    except duckdb.Error as error:
        print(f"Cannot read fct_conversations from {db_path}: {error}\nRun `dbt build` first.")
        return 1
    print(format_headline(headline))
    return 0
