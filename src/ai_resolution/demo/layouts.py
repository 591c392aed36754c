"""Where ``generate`` writes a chunk of simulated rows: the raw contract's five tables, or a
help desk's own tables in Fivetran's layout (``--layout zendesk|intercom|salesforce``), in
Airbyte's (``--layout zendesk_airbyte``) or as a Singer tap lands them (``--layout kustomer``).

Every layout receives the same coded rows: ``ChunkWriter`` draws them once, in the same
order, whatever the layout, so one seed gives the same conversations in every layout. The
contract layout writes them as they are (re-extracted copies and odd spellings included);
a help-desk layout keeps one row per key (Fivetran loads a table by primary key; the
Airbyte layout adds a few copies of its own, as an append sync does, which its adapter
collapses) and
writes each fact the help desk can hold the way its export holds it. What a help desk
cannot hold (the AI's action trace, handoff requests, ...) is not written: the list is in
docs/sources/README.md and tests/e2e/test_generate_layouts.py asserts its effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import duckdb
import numpy as np

from ai_resolution import db
from ai_resolution.demo.writer import RAW_TABLES, create_tables, insert_rows


@dataclass
class CodedChunk:
    """One chunk's coded rows per contract table, as ``ChunkWriter`` drew them, plus who
    each ticket's customer and human agent are (``people``: ticket_no, customer, agent)."""

    tickets: dict[str, np.ndarray]
    messages: dict[str, np.ndarray]
    events: dict[str, np.ndarray]
    actions: dict[str, np.ndarray]
    csat: dict[str, np.ndarray]
    people: dict[str, np.ndarray]
    n_tickets: int

    def originals(self) -> CodedChunk:
        """Without the re-extracted copies the contract layout carries: copies follow the
        originals, whose row numbers (ticket numbers for tickets) increase."""
        return CodedChunk(
            tickets={name: col[: self.n_tickets] for name, col in self.tickets.items()},
            messages=_first_run(self.messages),
            events=_first_run(self.events),
            actions=_first_run(self.actions),
            csat=_first_run(self.csat),
            people=self.people,
            n_tickets=self.n_tickets,
        )


def _first_run(rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    row_no = rows["row_no"]
    n = int(np.argmax(row_no)) + 1 if len(row_no) else 0
    return {name: col[:n] for name, col in rows.items()}


class Layout(Protocol):
    name: str
    tables: tuple[str, ...]

    def create(self, con: duckdb.DuckDBPyConnection, schema: str) -> None: ...

    def write_chunk(self, con: duckdb.DuckDBPyConnection, schema: str, chunk: CodedChunk) -> dict[str, int]: ...

    def finish(self, con: duckdb.DuckDBPyConnection, schema: str, customers: int, synced: str) -> dict[str, int]: ...


class ContractLayout:
    """SPEC §2's five tables, exactly as ``generate`` has always written them."""

    name = "contract"
    tables = tuple(RAW_TABLES)

    def create(self, con: duckdb.DuckDBPyConnection, schema: str) -> None:
        create_tables(con, schema)

    def write_chunk(self, con: duckdb.DuckDBPyConnection, schema: str, chunk: CodedChunk) -> dict[str, int]:
        return {
            "messages": insert_rows(con, schema, "messages", chunk.messages),
            "ticket_events": insert_rows(con, schema, "ticket_events", chunk.events),
            "ai_actions": insert_rows(con, schema, "ai_actions", chunk.actions),
            "csat_responses": insert_rows(con, schema, "csat_responses", chunk.csat),
            "tickets": insert_rows(con, schema, "tickets", chunk.tickets),
        }

    def finish(self, con: duckdb.DuckDBPyConnection, schema: str, customers: int, synced: str) -> dict[str, int]:
        return {}


class SqlLayout:
    """A help desk's tables, each filled per chunk by one ``insert ... select`` over the
    chunk's coded rows, registered as the views ``_g_tix``, ``_g_msg``, ``_g_evt``,
    ``_g_csat`` and ``_g_people`` (originals only)."""

    name = ""
    tables: tuple[str, ...] = ()
    # table -> "(column type, ...)" DDL
    ddl: dict[str, str] = {}
    # table -> select statements filled per chunk (several: one insert each)
    chunk_sql: dict[str, tuple[str, ...]] = {}
    # table -> select statements run once at the end ({customers}: the pool size, {synced}: load time)
    finish_sql: dict[str, tuple[str, ...]] = {}

    def relation(self, schema: str, table: str) -> str:
        return f"{db.quote_ident(schema)}.{db.quote_ident(table)}"

    def create(self, con: duckdb.DuckDBPyConnection, schema: str) -> None:
        con.execute(f"create schema if not exists {db.quote_ident(schema)}")
        for table in self.tables:
            con.execute(f"create or replace table {self.relation(schema, table)} {self.ddl[table]}")

    def _insert(self, con: duckdb.DuckDBPyConnection, schema: str, table: str, select: str) -> int:
        row = con.execute(f"insert into {self.relation(schema, table)} {select}").fetchone()
        return int(row[0]) if row else 0

    def write_chunk(self, con: duckdb.DuckDBPyConnection, schema: str, chunk: CodedChunk) -> dict[str, int]:
        kept = chunk.originals()
        views = {
            "_g_tix": kept.tickets,
            "_g_msg": kept.messages,
            "_g_evt": kept.events,
            "_g_csat": kept.csat,
            "_g_people": kept.people,
        }
        for view, rows in views.items():
            con.register(view, rows)
        try:
            return {
                table: sum(self._insert(con, schema, table, select) for select in selects)
                for table, selects in self.chunk_sql.items()
            }
        finally:
            for view in views:
                con.unregister(view)

    def finish(self, con: duckdb.DuckDBPyConnection, schema: str, customers: int, synced: str) -> dict[str, int]:
        """The tables of people, once: every customer of the pool (``customers``), the agents."""
        return {
            table: sum(
                self._insert(con, schema, table, select.format(customers=customers, synced=synced))
                for select in selects
            )
            for table, selects in self.finish_sql.items()
        }
