"""The raw tables of the data contract and how coded rows are written into them.

Shared by ``generate`` and ``append``: the contract (tables, columns, id formats), the SQL
that turns coded numpy columns into the text a real extraction delivers, and the inserts.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import numpy as np

from ai_resolution import db
from ai_resolution.demo import catalog as c
from ai_resolution.project import dbt_var

# The contract: table -> (column, type), in contract order.
RAW_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "tickets": (
        ("ticket_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("channel", "VARCHAR"),
        ("issue_type", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("status", "VARCHAR"),
        ("is_spam", "BOOLEAN"),
        ("merged_into_ticket_id", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "messages": (
        ("message_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("sent_at", "TIMESTAMP"),
        ("author_type", "VARCHAR"),
        ("author_id", "VARCHAR"),
        ("is_public", "BOOLEAN"),
        ("body", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "ticket_events": (
        ("event_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"),
        ("event_type", "VARCHAR"),
        ("actor_type", "VARCHAR"),
        ("status", "VARCHAR"),
        ("assignee_type", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "ai_actions": (
        ("action_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"),
        ("action_name", "VARCHAR"),
        ("procedure_name", "VARCHAR"),
        ("outcome", "VARCHAR"),
        ("policy_id", "VARCHAR"),
        ("policy_result", "VARCHAR"),
        ("is_final_step", "BOOLEAN"),
        ("agent_version", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "csat_responses": (
        ("response_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("responded_at", "TIMESTAMP"),
        ("score", "INTEGER"),
        ("_loaded_at", "TIMESTAMP"),
    ),
}


# table -> (IdCounters field, id prefix, digits), as the writer formats them
ID_FORMAT = {
    "tickets": ("ticket", "T", 8),
    "messages": ("message", "M", 10),
    "ticket_events": ("event", "E", 10),
    "ai_actions": ("action", "A", 10),
    "csat_responses": ("response", "R", 10),
}
TIME_COLUMN = {
    "tickets": "created_at",
    "messages": "sent_at",
    "ticket_events": "occurred_at",
    "ai_actions": "occurred_at",
    "csat_responses": "responded_at",
}

Log = Callable[[str], None]


def default_schema() -> str:
    """Where the raw tables go unless told: the dbt var raw_schema, which dbt reads them from."""
    return str(dbt_var("raw_schema"))


def _id(prefix: str, column: str, width: int) -> str:
    """SQL for a zero-padded text id, e.g. T00000042 (faster than printf)."""
    return f"'{prefix}' || substr(({column} + {10**width})::varchar, 2)"


def sql_list(values: tuple[str, ...]) -> str:
    """A DuckDB list literal; index it with ``code + 1`` (code -1 gives NULL)."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


CHANNEL_TEXT = sql_list(c.spellings(c.CHANNELS) + (c.UNKNOWN_CHANNEL,))
UNKNOWN_CHANNEL_CODE = len(c.CHANNELS) * c.N_SPELLINGS
ISSUE_TEXT = sql_list(c.spellings(c.ISSUE_TYPES))
STATUS_TEXT = sql_list(c.spellings(c.TICKET_STATUSES))
AUTHOR_TEXT = sql_list(c.spellings(c.AUTHOR_TYPES))
EVENT_TYPE_TEXT = sql_list(c.spellings(c.EVENT_TYPES))
OUTCOME_TEXT = sql_list(c.spellings(c.ACTION_OUTCOMES))

INSERT_SQL = {
    "tickets": f"""
        select {_id("T", "ticket_no", 8)}, {_id("C", "customer", 8)},
            {CHANNEL_TEXT}[channel + 1], {ISSUE_TEXT}[issue + 1], created_at,
            {STATUS_TEXT}[status + 1], cast(nullif(is_spam, -1) as boolean),
            case when merged_no >= 0 then {_id("T", "merged_no", 8)} end, loaded_at
        from {{src}}""",
    "messages": f"""
        select {_id("M", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            {AUTHOR_TEXT}[author_sp + 1],
            case author
                when {c.CUSTOMER} then {_id("C", "customer", 8)}
                when {c.AI} then 'ai-assistant'
                when {c.HUMAN} then {_id("agent_", "agent", 3)}
            end,
            cast(nullif(public, -1) as boolean), {sql_list(c.BODY_TEXTS)}[body + 1], loaded_at
        from {{src}}""",
    "ticket_events": f"""
        select {_id("E", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            {EVENT_TYPE_TEXT}[etype_sp + 1], {sql_list(c.AUTHOR_TYPES)}[actor + 1],
            {sql_list(c.TICKET_STATUSES)}[status + 1],
            {sql_list(c.ASSIGNEE_TYPES)}[assignee + 1],
            {sql_list(c.HANDOFF_REASONS)}[reason + 1], loaded_at
        from {{src}}""",
    "ai_actions": f"""
        select {_id("A", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            {sql_list(c.ACTIONS)}[action + 1], {sql_list(c.PROCEDURES)}[proc + 1],
            {OUTCOME_TEXT}[outcome_sp + 1], {sql_list(c.POLICIES)}[policy + 1],
            {sql_list(c.POLICY_RESULTS)}[presult + 1], cast(nullif(final, -1) as boolean),
            {sql_list(c.AGENT_VERSIONS)}[version + 1], loaded_at
        from {{src}}""",
    "csat_responses": f"""
        select {_id("R", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            cast(score as integer), loaded_at
        from {{src}}""",
}


def create_tables(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Create the schema if needed and (re)create the five raw tables, empty."""
    s = db.quote_ident(schema)
    con.execute(f"create schema if not exists {s}")
    for table, columns in RAW_TABLES.items():
        cols = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
        con.execute(f"create or replace table {s}.{table} ({cols})")


def insert_rows(con: duckdb.DuckDBPyConnection, schema: str, table: str, rows: dict[str, np.ndarray]) -> int:
    """Insert one chunk of coded rows through a registered dict of numpy arrays."""
    n = len(next(iter(rows.values())))
    if n == 0:
        return 0
    view = f"_ai_resolution_gen_{table}"
    con.register(view, rows)
    try:
        select = INSERT_SQL[table].format(src=view)
        con.execute(f"insert into {db.quote_ident(schema)}.{table} {select}")
    finally:
        con.unregister(view)
    return n


def to_timestamp(seconds: np.ndarray, null: np.ndarray | None = None) -> np.ndarray:
    """Epoch seconds -> datetime64[us]; ``null`` marks NaT (NULL in DuckDB)."""
    ts = seconds.astype("datetime64[s]").astype("datetime64[us]")
    if null is not None:
        ts[null] = np.datetime64("NaT")
    return ts
