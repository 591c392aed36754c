"""One read session on the warehouse a dbt target names, through dbt's own adapter."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ai_resolution.db import DB_ENV_VAR, check_identifier, resolve_db_path
from ai_resolution.project import ProjectNotFound, project_dir
from ai_resolution.warehouse.errors import WarehouseError, explain_engine_error

# dbt reads the target from --target, else $DBT_TARGET, else the profile's default.
TARGET_ENV_VAR = "DBT_TARGET"
PROFILES_DIR_ENV_VAR = "DBT_PROFILES_DIR"
ENGINES = ("duckdb", "postgres", "spark")

Row = dict[str, Any]


@dataclass
class Warehouse:
    """Plain read queries on the marts; values come back as the same Python types on every
    engine (int and float for decimals, naive UTC datetimes)."""

    engine: str  # duckdb, postgres or spark: the adapter type of the target
    target: str  # the dbt target's name
    schema: str  # the schema the marts are read from
    where: str  # a human name of the warehouse, for messages
    database_file: Path | None  # the DuckDB file, on DuckDB
    _handle: Any

    def tuples(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of one query."""
        try:
            cursor = self._handle.cursor()
            cursor.execute(sql)
            rows = cursor.fetchall() or []
            names = [str(column[0]) for column in cursor.description]
        except Exception as error:  # the engines raise unrelated types; each is made readable
            self._rollback()
            raise explain_engine_error(error, self.where, self.schema) from error
        return names, [tuple(plain(value) for value in row) for row in rows]

    def rows(self, sql: str) -> list[Row]:
        """Rows of one query as dicts."""
        names, rows = self.tuples(sql)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def scalar(self, sql: str) -> Any:
        """The first value of the first row (None when there is no row)."""
        _, rows = self.tuples(sql)
        return rows[0][0] if rows else None

    def relation(self, name: str) -> str:
        """``schema.name``, both checked plain identifiers."""
        return f"{self.schema}.{check_identifier(name)}"

    def literal(self, value: str) -> str:
        """A string literal for this engine (Spark SQL also escapes with backslashes)."""
        text = value.replace("\\", "\\\\") if self.engine == "spark" else value
        return "'" + text.replace("'", "\\'" if self.engine == "spark" else "''") + "'"

    def table_exists(self, name: str) -> bool:
        """Whether the schema holds a table or view called ``name``."""
        check_identifier(name)
        if self.engine == "spark":
            _, rows = self.tuples(f"show tables in {self.schema} like '{name}'")
            return any(str(row[1]).lower() == name.lower() for row in rows)
        count = self.scalar(
            "select count(*) from information_schema.tables "
            f"where table_schema = {self.literal(self.schema)} and table_name = {self.literal(name)}"
        )
        return bool(count)

    def _rollback(self) -> None:
        # PostgreSQL refuses every later statement of a failed transaction until a rollback.
        if self.engine == "postgres":
            # The connection may be gone; the original error is what matters.
            with contextlib.suppress(Exception):
                self._handle.rollback()


def plain(value: Any) -> Any:
    """Decimals become int or float so arithmetic and formatting match across engines."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.as_tuple().exponent >= 0:  # type: ignore[operator]
            return int(value)
        return float(value)
    return value


def profiles_dir(project: Path) -> Path:
    """Where dbt finds profiles.yml: $DBT_PROFILES_DIR, else the project's profiles/, else ~/.dbt."""
    explicit = os.environ.get(PROFILES_DIR_ENV_VAR, "").strip()
    if explicit:
        return Path(explicit)
    if (project / "profiles" / "profiles.yml").is_file():
        return project / "profiles"
    return Path.home() / ".dbt"


@contextmanager
def _env_var(name: str, value: str) -> Iterator[None]:
    """``name`` set to ``value`` inside the block, as it was afterwards."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def _quiet_dbt() -> None:
    # dbt logs to stdout by default ("Registered adapter: ..."); the CLI's stdout is its output.
    from dbt_common.events.event_manager_client import cleanup_event_logger

    cleanup_event_logger()


def _load_config(target: str | None, project: Path) -> Any:
    from argparse import Namespace

    from dbt.config.runtime import RuntimeConfig
    from dbt.exceptions import DbtProfileError, DbtProjectError
    from dbt.flags import set_from_args
    from dbt_common.context import set_invocation_context

    set_invocation_context(os.environ)
    folder = profiles_dir(project)
    args = Namespace(
        project_dir=str(project),
        profiles_dir=str(folder),
        target=target or os.environ.get(TARGET_ENV_VAR) or None,
        profile=None,
        threads=None,
        vars={},
    )
    set_from_args(args, None)
    try:
        return RuntimeConfig.from_args(args)
    except (DbtProfileError, DbtProjectError) as error:
        detail = " ".join(str(error).split())
        raise WarehouseError(f"Cannot load the dbt profile from {folder}: {detail}") from error


def _describe(config: Any, db_file: Path | None) -> str:
    credentials = config.credentials
    if db_file is not None:
        return f"the DuckDB file {db_file}"
    if credentials.type == "postgres":
        return f"PostgreSQL database {credentials.database!r} on {credentials.host}:{credentials.port}"
    if credentials.type == "spark":
        return f"the Spark warehouse of target {config.target_name!r}"
    return f"the {credentials.type} warehouse of target {config.target_name!r}"


@contextmanager
def open_warehouse(target: str | None = None, db: str | None = None, schema: str | None = None) -> Iterator[Warehouse]:
    """Open the target's warehouse for reading.

    ``target``: a target of the dbt profile (default: $DBT_TARGET, else the profile's default).
    ``db``: on DuckDB, the database file (default: $AI_RESOLUTION_DB, which the profile reads).
    ``schema``: where the marts are (default: the target's schema). Raises WarehouseError
    with a message for a person when the warehouse cannot be opened.
    """
    try:
        project = project_dir()
    except ProjectNotFound as error:
        raise WarehouseError(str(error)) from error
    # The profile reads the DuckDB file from $AI_RESOLUTION_DB: set for the profile's rendering only.
    with _env_var(DB_ENV_VAR, str(resolve_db_path(db))):
        config = _load_config(target, project)
    _quiet_dbt()
    engine = config.credentials.type
    if engine not in ENGINES:
        raise WarehouseError(f"target {config.target_name!r} is a {engine} target; supported: {', '.join(ENGINES)}")
    db_file: Path | None = None
    if engine == "duckdb":
        db_file = Path(config.credentials.path)
        if not db_file.exists():
            raise WarehouseError(f"No database at {db_file}. Run `make demo` or `dbt build` first, or pass --db PATH.")
        # Read-only: a reader never blocks another reader, and never creates or changes the file.
        config.credentials.config_options = {**(config.credentials.config_options or {}), "access_mode": "READ_ONLY"}
    if engine == "spark":
        # pyspark hands timestamps to Python in the process's local time; the marts are UTC.
        os.environ["TZ"] = "UTC"
        time.tzset()
    read_schema = check_identifier(schema or config.credentials.schema)
    where = _describe(config, db_file)

    from dbt.adapters.factory import get_adapter, register_adapter, reset_adapters
    from dbt.mp_context import get_mp_context

    # dbt keeps one adapter per engine for the process, and register_adapter keeps one already
    # registered: an earlier in-process dbt invocation's (dbtRunner, dagster-dbt) still holds its
    # own profile's warehouse, which get_adapter would hand back. Ours replaces it.
    reset_adapters()
    register_adapter(config, get_mp_context())
    adapter = get_adapter(config)
    try:
        with adapter.connection_named("ai_resolution"):
            try:
                handle = adapter.connections.get_thread_connection().handle
            except Exception as error:  # the engines' connect errors share no type
                first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
                raise WarehouseError(f"Cannot connect to {where}: {first_line}") from error
            yield Warehouse(engine, config.target_name, read_schema, where, db_file, handle)
    finally:
        adapter.cleanup_connections()
        if engine == "duckdb":
            _close_duckdb_database(adapter)
        reset_adapters()


def _close_duckdb_database(adapter: Any) -> None:
    """dbt-duckdb keeps the database open for the life of the process (its connection
    manager's environment). Close it, so this process can open the file again afterwards
    with other settings (a test, ``publish`` attaching it, a second command)."""
    manager = type(adapter.connections)
    environment = getattr(manager, "_ENV", None)
    if environment is not None:
        environment.close()
    manager.close_all_connections()
