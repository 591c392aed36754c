"""The options every command that reads the marts shares, and its error handling.

Exit codes (README, "Commands"): 0 done; 1 the warehouse cannot answer (no database, not
built yet, unknown ticket, wrong --schema, cannot connect); 2 a usage mistake (argparse).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ai_resolution.db import DB_ENV_VAR, DEFAULT_DB_FILE
from ai_resolution.warehouse.errors import WarehouseError
from ai_resolution.warehouse.session import TARGET_ENV_VAR, Warehouse, open_warehouse

EXIT_OK = 0
EXIT_CANNOT_READ = 1
EXIT_USAGE = 2


def add_warehouse_arguments(parser: argparse.ArgumentParser) -> None:
    """--target, --db and --schema: which warehouse and schema hold the marts."""
    parser.add_argument(
        "--target",
        metavar="NAME",
        default=None,
        help=f"dbt target of profiles/profiles.yml: duckdb, postgres, spark or your own "
        f"(default: ${TARGET_ENV_VAR} if set, else the profile's default, duckdb)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help=f"on DuckDB, the database file (default: ${DB_ENV_VAR} if set, else ./{DEFAULT_DB_FILE})",
    )
    parser.add_argument(
        "--schema",
        metavar="NAME",
        default=None,
        help="schema holding the marts (default: the target's schema: main on DuckDB)",
    )


def fail(message: str) -> int:
    """Print an error for a person on stderr; the exit code of a warehouse that cannot answer."""
    print(f"ai-resolution: {message}", file=sys.stderr)
    return EXIT_CANNOT_READ


def with_warehouse(args: argparse.Namespace, work: Callable[[Warehouse], int]) -> int:
    """Open the warehouse the options name, run ``work`` on it, and turn errors into messages."""
    try:
        with open_warehouse(args.target, args.db, args.schema) as wh:
            return work(wh)
    except WarehouseError as error:
        return fail(str(error))
    except ValueError as error:  # a --schema that is not a plain identifier
        return fail(str(error))
