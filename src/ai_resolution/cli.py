"""The ``ai-resolution`` command line.

Each subcommand lives in its own module, which exposes ``add_command(subparsers)``: it adds
its parser and sets ``handler`` (a function ``(argparse.Namespace) -> int``) as a default.
To add a subcommand, write such a module and list it in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ai_resolution import __version__

# Modules that register a subcommand, in the order they appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "ai_resolution.demo.command",
    "ai_resolution.report.summary",
    "ai_resolution.report.command",
    "ai_resolution.explain.command",
    "ai_resolution.publish.command",
    "ai_resolution.bench",
)

DESCRIPTION = (
    "Measure whether a support AI agent really resolved conversations, not merely deflected "
    "them. The dbt project computes the outcomes and metrics; this tool prepares and inspects "
    "the warehouse it runs on."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ai-resolution",
        description=DESCRIPTION,
        epilog="Run 'ai-resolution COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_command(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    return int(handler(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
