"""DuckDB connection helpers shared by the CLI subcommands."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import duckdb

DB_ENV_VAR = "AI_RESOLUTION_DB"
DEFAULT_DB_FILE = "ai_resolution.duckdb"
MEMORY_LIMIT_ENV_VAR = "AI_RESOLUTION_MEMORY_LIMIT"

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``--db``, else ``$AI_RESOLUTION_DB``, else ./ai_resolution.duckdb.

    This is the same file the dbt profile opens, so a generated demo is what ``dbt build`` reads.
    """
    if cli_value:
        return Path(cli_value)
    from_env = os.environ.get(DB_ENV_VAR, "").strip()
    if from_env:
        return Path(from_env)
    return Path.cwd() / DEFAULT_DB_FILE


def connect(path: str | os.PathLike[str], read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) the DuckDB file; parent folders are created when writing.

    ``$AI_RESOLUTION_MEMORY_LIMIT`` (e.g. ``2GB``), which the dbt profile also reads, caps
    DuckDB's memory when set.
    """
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    memory_limit = os.environ.get(MEMORY_LIMIT_ENV_VAR, "").strip()
    if memory_limit:
        con.execute(f"set memory_limit = '{memory_limit.replace(chr(39), '')}'")
    return con


def check_identifier(name: str) -> str:
    """Return ``name`` if it is a plain SQL identifier (letters, digits, underscores)."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return name


def quote_ident(name: str) -> str:
    """Double-quote an identifier for DuckDB."""
    return '"' + name.replace('"', '""') + '"'


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--db PATH`` option every subcommand that opens the database shares."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help=f"DuckDB file (default: ${DB_ENV_VAR} if set, else ./{DEFAULT_DB_FILE})",
    )
