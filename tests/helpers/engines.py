"""The engine the suite runs on (env AI_RESOLUTION_TARGET: duckdb, postgres or spark) and
how to reach it, so one suite checks the same outcomes and marts on every engine.

Each logical warehouse of the tests is named by a path (``db_path``), as on DuckDB:

- duckdb: the database file itself.
- postgres: a database of its own on the server that AI_RESOLUTION_PG_* point at
  (``scripts/with_postgres.sh`` starts a throwaway one), created on first use.
- spark: a folder next to the path holding a Spark warehouse and its Derby metastore, so
  builds never share state. The embedded metastore admits one process at a time, so the
  tests read the marts without it: a local Spark session in this process maps each
  table folder the dbt run wrote (parquet) into an in-memory catalog.

Values come back as the same Python types everywhere: datetime for timestamps (UTC,
naive), date, bool, int and float (decimals are converted).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ENGINES = ("duckdb", "postgres", "spark")
TARGET = os.environ.get("AI_RESOLUTION_TARGET", "duckdb").strip().lower() or "duckdb"
if TARGET not in ENGINES:
    raise RuntimeError(f"AI_RESOLUTION_TARGET={TARGET!r}: expected one of {', '.join(ENGINES)}")

# The schema the models build in during the tests, on every engine (DuckDB's default).
MODEL_SCHEMA = "main"


# --------------------------------------------------------------------------------------
# dbt environment per engine


def dbt_environment(db_path: Path) -> dict[str, str]:
    """Environment variables that point the profile's target at db_path's warehouse."""
    if TARGET == "duckdb":
        return {"AI_RESOLUTION_DB": str(db_path)}
    if TARGET == "postgres":
        return {"AI_RESOLUTION_PG_DBNAME": _postgres_database(db_path), "AI_RESOLUTION_PG_SCHEMA": MODEL_SCHEMA}
    spark_dir = _spark_dir(db_path)
    spark_dir.mkdir(parents=True, exist_ok=True)
    return {
        "AI_RESOLUTION_SPARK_WAREHOUSE": str(spark_dir / "warehouse"),
        "AI_RESOLUTION_SPARK_METASTORE": str(spark_dir / "metastore_db"),
        "AI_RESOLUTION_SPARK_SCHEMA": MODEL_SCHEMA,
        "SPARK_LOCAL_IP": os.environ.get("SPARK_LOCAL_IP", "127.0.0.1"),
        # pyspark hands timestamps to Python in the process's local time.
        "TZ": "UTC",
    }


def dbt_working_dir(db_path: Path) -> Path | None:
    """Where to run dbt: on Spark, the warehouse folder (derby.log lands there)."""
    return _spark_dir(db_path) if TARGET == "spark" else None


def forget(db_path: Path) -> None:
    """db_path's warehouse is about to change (a dbt command runs on it)."""
    _spark_tables.pop(_spark_dir(db_path), None)


# --------------------------------------------------------------------------------------
# queries


def query(db_path: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of a read-only query on db_path's warehouse, as dicts of plain Python values."""
    if TARGET == "duckdb":
        import duckdb

        with duckdb.connect(str(db_path), read_only=True) as con:
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
    elif TARGET == "postgres":
        with _postgres_connect(_postgres_database(db_path)) as con, con.cursor() as cursor:
            cursor.execute(sql)
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        con.close()
    else:
        frame = _spark_catalog(db_path).sql(sql)
        names = frame.columns
        rows = [tuple(row) for row in frame.collect()]
    return [{name: _plain(value) for name, value in zip(names, row, strict=True)} for row in rows]


def columns(db_path: Path, table: str) -> list[dict[str, Any]]:
    """The columns of a table ("schema.table"), in order: [{"column_name": ...}]."""
    if TARGET == "spark":
        return [{"column_name": name} for name in _spark_catalog(db_path).table(table).columns]
    schema, name = table.split(".")
    return query(
        db_path,
        "select column_name from information_schema.columns"
        f" where table_schema = '{schema}' and table_name = '{name}' order by ordinal_position",
    )


def execute(db_path: Path, sql: str) -> None:
    """Run one writing statement on db_path's warehouse (DuckDB and PostgreSQL only)."""
    if TARGET == "duckdb":
        import duckdb

        with duckdb.connect(str(db_path)) as con:
            con.execute(sql)
    elif TARGET == "postgres":
        con = _postgres_connect(_postgres_database(db_path))
        try:
            with con, con.cursor() as cursor:
                cursor.execute(sql)
        finally:
            con.close()
    else:
        raise NotImplementedError("the Spark tests read table files and never write")


def copy_warehouse(source: Path, target: Path) -> None:
    """Make target's warehouse a copy of source's, which nothing may be connected to
    (DuckDB: the file; PostgreSQL: a database created from it as a template)."""
    if TARGET == "duckdb":
        shutil.copyfile(source, target)
        wal = source.with_name(source.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    elif TARGET == "postgres":
        name = _postgres_database_name(target)
        postgres_admin(f'drop database if exists "{name}" with (force)')
        postgres_admin(f'create database "{name}" template "{_postgres_database(source)}"')
        _postgres_databases[target] = name
    else:
        raise NotImplementedError("Spark's metastore records each table's folder: a copy would read the original")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


# --------------------------------------------------------------------------------------
# PostgreSQL


def postgres_admin(sql: str) -> None:
    """Run one statement on the server's maintenance database (roles, databases)."""
    con = _postgres_connect("postgres")
    try:
        con.autocommit = True
        with con.cursor() as cursor:
            cursor.execute(sql)
    finally:
        con.close()


def _postgres_connect(dbname: str) -> Any:
    import psycopg2

    return psycopg2.connect(
        host=os.environ.get("AI_RESOLUTION_PG_HOST", "localhost"),
        port=int(os.environ.get("AI_RESOLUTION_PG_PORT", "5432")),
        user=os.environ.get("AI_RESOLUTION_PG_USER", "postgres"),
        password=os.environ.get("AI_RESOLUTION_PG_PASSWORD", ""),
        dbname=dbname,
        connect_timeout=10,
    )


_postgres_databases: dict[Path, str] = {}


def _postgres_database(db_path: Path) -> str:
    """A fresh database per db_path, created (after dropping a leftover) on first use."""
    if db_path not in _postgres_databases:
        name = _postgres_database_name(db_path)
        postgres_admin(f'drop database if exists "{name}" with (force)')
        postgres_admin(f'create database "{name}"')
        _postgres_databases[db_path] = name
    return _postgres_databases[db_path]


def _postgres_database_name(db_path: Path) -> str:
    raw = f"ai_resolution_test_{db_path.parent.name}_{db_path.stem}".lower()
    return re.sub(r"[^a-z0-9_]", "_", raw)[:63]


# --------------------------------------------------------------------------------------
# Spark

_spark_tables: dict[Path, bool] = {}
_spark_session = None


def _spark_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}.spark"


def _spark_catalog(db_path: Path) -> Any:
    """This process's Spark session, its catalog mapped onto db_path's table folders."""
    global _spark_session
    if _spark_session is None:
        from pyspark.sql import SparkSession

        os.environ["TZ"] = "UTC"
        time.tzset()
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        _spark_session = (
            SparkSession.builder.master("local[1]")
            .appName("ai_resolution_tests")
            .config("spark.sql.catalogImplementation", "in-memory")
            .config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="ai_resolution_spark_reader_"))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.ui.enabled", "false")
            # A partitioned table's partitions are found in its folder, not in a catalog.
            .config("spark.sql.hive.manageFilesourcePartitions", "false")
            .getOrCreate()
        )
    spark_dir = _spark_dir(db_path)
    if spark_dir not in _spark_tables:
        for database in _spark_session.catalog.listDatabases():
            if database.name != "default":
                # Drops the in-memory entries; the tables are external, their files stay.
                _spark_session.sql(f"drop database `{database.name}` cascade")
        for schema_dir in sorted((spark_dir / "warehouse").glob("*.db")):
            schema = schema_dir.name.removesuffix(".db")
            _spark_session.sql(f"create database `{schema}`")
            for table_dir in sorted(p for p in schema_dir.iterdir() if p.is_dir()):
                # A partitioned table keeps its files in a folder per partition (column=value).
                if (
                    any(table_dir.glob("*.parquet"))
                    or any(table_dir.glob("part-*"))
                    or any(table_dir.glob("*=*/part-*"))
                ):
                    _spark_session.sql(
                        f"create table `{schema}`.`{table_dir.name}` using parquet location '{table_dir}'"
                    )
        _spark_tables.clear()
        _spark_tables[spark_dir] = True
        if (spark_dir / "warehouse" / f"{MODEL_SCHEMA}.db").is_dir():  # not before the first build
            _spark_session.catalog.setCurrentDatabase(MODEL_SCHEMA)
    return _spark_session
