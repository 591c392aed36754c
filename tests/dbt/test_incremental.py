"""Incremental runs equal a full refresh. Raw data arrives in batches (split by _loaded_at)
with late-arriving rows, re-extracted rows that change or break a row, rows moved to
another ticket, new tickets from customers who already have solved ones, and an as_of
that moves forward (by the var and by new data); `dbt build` runs incrementally after
each batch. Then a full refresh of the same data must give every mart (and every
incremental model) row for row."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ai_resolution import load_history
from ai_resolution.demo.writer import RAW_TABLES as GENERATED_TABLES
from helpers.dbt_run import snapshot_tables
from helpers.dbt_session import DbtSession
from helpers.paths import BIN_DIR, mart_names

# Batches are landed with DuckDB: DuckDB only (PostgreSQL shares the SQL; Spark rebuilds).
pytestmark = pytest.mark.engines("duckdb")

RAW_TABLES = {
    "tickets": "ticket_id",
    "messages": "message_id",
    "ticket_events": "event_id",
    "ai_actions": "action_id",
    "csat_responses": "response_id",
    "resolution_verdicts": "ticket_id",
}
MART_NAMES = mart_names()
# Incremental intermediates, compared too; the bookkeeping columns differ by design.
MODEL_NAMES = [
    *MART_NAMES,
    "int_activity_timeline",
    "int_ticket_activity_rolled_up",
    "int_solve_episodes",
    "int_conversations_lifecycle",
    "int_raw_row_dispositions",
    *(f"stg_support__{table}" for table in RAW_TABLES),
]
# How many tickets the last run of fct_conversations recomputed (null: every ticket).
RECOMPUTED_SQL = (
    "select recomputed_tickets from main.ai_resolution_incremental_state"
    " where model_name = 'fct_conversations' order by recorded_at desc limit 1"
)
BOOKKEEPING = frozenset({"_ingested_at", "_prior_ticket_id", "_prior_customer_id", "_computed_at"})
# The simulated history's size: every kind of late or changed row still occurs (a test
# checks), and each dbt build stays cheap.
TICKETS = 1500


def generate_source(path: Path) -> None:
    """A small simulated history: 40 days, repeat customers, duplicates, null _loaded_at."""
    command = [str(BIN_DIR / "ai-resolution"), "generate", "--tickets", str(TICKETS), "--seed", "11"]
    command += ["--days", "40", "--db", str(path)]
    subprocess.run(command, check=True, capture_output=True)
    spread_loads(path)
    add_verdicts(path)


def spread_loads(path: Path) -> None:
    """Generate loads the whole history in the minutes before it runs, as a backfill would
    (ai_resolution.demo.load_time); the batches below stand for a loader that ran all along.
    Stretching the run back to the natural load times (minutes to hours after each row's
    activity) makes the hours of the lookback and of the late rows mean what they say."""
    with duckdb.connect(str(path)) as con:
        load_history.spread_loads(con, "raw", GENERATED_TABLES)


def add_verdicts(path: Path) -> None:
    """External verdicts (the generator writes none): a judge on a third of the tickets, some
    landed a day before their ticket (orphans until it arrives), and a few for unknown tickets."""
    with duckdb.connect(str(path)) as con:
        con.execute(
            """
            create table raw.resolution_verdicts as
            select
                ticket_id,
                'llm_judge' as verdict_source,
                'judged' as native_verdict,
                case when hash(ticket_id) % 5 < 3 then 'resolved' else 'not_resolved' end as verdict,
                created_at + interval 2 day as decided_at,
                case when hash(ticket_id) % 7 = 0 then _loaded_at - interval 1 day else _loaded_at end as _loaded_at
            from raw.tickets
            where hash(ticket_id) % 3 = 0
            qualify row_number() over (partition by ticket_id order by _loaded_at desc nulls last) = 1
            union all
            select
                'missing-' || ticket_id, 'llm_judge', 'judged', 'resolved', null, _loaded_at
            from raw.tickets
            where hash(ticket_id) % 97 = 1
            """
        )


def land(con: duckdb.DuckDBPyConnection, table: str, where: str) -> int:
    """Insert the source rows of `table` matching `where`; returns how many."""
    return inserted(con, f"insert into raw.{table} select * from src.raw.{table} where {where}")


def inserted(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Run an insert; returns how many rows it inserted."""
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def cutoffs(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Load times splitting the data into a first load and three batches."""
    row = con.execute(
        "select quantile_disc(_loaded_at, [0.55, 0.7, 0.85]) from src.raw.messages where _loaded_at is not null"
    ).fetchone()
    return [str(value) for value in row[0]]


def in_batch(key: str, number: int, bounds: list[str]) -> str:
    """Rows of batch `number` (0 = first load); rows without _loaded_at go by key hash."""
    lower = f"_loaded_at > '{bounds[number - 1]}'" if number > 0 else "true"
    upper = f"_loaded_at <= '{bounds[number]}'" if number < len(bounds) else "true"
    return f"((_loaded_at is not null and {lower} and {upper}) or (_loaded_at is null and hash({key}) % 4 = {number}))"


def held_back(key: str) -> str:
    """Late-arriving rows: a few early rows the extractor missed, landed with the last batch."""
    return f"(hash({key}) % 97 = 5 and _loaded_at is not null)"


def land_batch(db: Path, source: Path, number: int, kinds: Counter[str]) -> None:
    """Land batch `number`; counts the late and re-extracted rows of each kind in `kinds`."""
    with duckdb.connect(str(db)) as con:
        con.execute(f"attach '{source}' as src (read_only)")
        bounds = cutoffs(con)
        if number == 0:
            con.execute("create schema raw")
            for table in RAW_TABLES:
                con.execute(f"create table raw.{table} as select * from src.raw.{table} where false")
        last = number == len(bounds)
        for table, key in RAW_TABLES.items():
            late = held_back(key) if table != "tickets" else "false"
            land(con, table, f"{in_batch(key, number, bounds)} and not {late}")
            if last:
                # Late rows, dated long ago and loaded only now; and rows loaded a few hours
                # before the newest staged load (a loader committing out of order), which only
                # the lookback finds.
                newest = f"cast('{bounds[-1]}' as timestamp)"
                kinds["late, dated long ago"] += inserted(
                    con,
                    f"insert into raw.{table} select * replace ({newest} + interval 1 hour as _loaded_at)"
                    f" from src.raw.{table} where {late} and _loaded_at <= {newest} - interval 12 hour",
                )
                within = f"_loaded_at > {newest} - interval 12 hour and _loaded_at <= {newest}"
                kinds["late, within the lookback"] += land(con, table, f"{late} and {within}")
                land(con, table, f"{late} and _loaded_at > {newest}")
        if number == 2:
            re_extract(con, bounds[number], kinds)


def re_extract(con: duckdb.DuckDBPyConnection, loaded: str, kinds: Counter[str]) -> None:
    """Re-extracted rows, loaded after everything so far: some change, some break."""
    later = f"cast('{loaded}' as timestamp) + interval 1 minute"
    # Solved tickets reported open again, and spam flags set late.
    kinds["solved ticket reopened"] += inserted(
        con,
        f"insert into raw.tickets select * replace ('open' as status, {later} as _loaded_at)"
        " from raw.tickets where status = 'solved' and hash(ticket_id) % 23 = 1",
    )
    kinds["spam flag set late"] += inserted(
        con,
        f"insert into raw.tickets select * replace (true as is_spam, {later} as _loaded_at)"
        " from raw.tickets where hash(ticket_id) % 41 = 2",
    )
    # A message moved to another ticket of the same customer, and one that loses its timestamp.
    kinds["message moved to another ticket"] += inserted(
        con,
        f"""
        insert into raw.messages
        select m.* replace (other.ticket_id as ticket_id, {later} as _loaded_at)
        from raw.messages as m
        inner join raw.tickets as t on m.ticket_id = t.ticket_id
        inner join raw.tickets as other
            on t.customer_id = other.customer_id and other.ticket_id > t.ticket_id
        where hash(m.message_id) % 53 = 3
        qualify row_number() over (partition by m.message_id order by other.ticket_id) = 1
        """,
    )
    kinds["message losing its timestamp"] += inserted(
        con,
        f"insert into raw.messages select * replace (null as sent_at, {later} as _loaded_at)"
        " from raw.messages where hash(message_id) % 211 = 4",
    )
    # A judge changes its mind on some conversations.
    kinds["verdict changed"] += inserted(
        con,
        f"insert into raw.resolution_verdicts select * replace ("
        "case when verdict = 'resolved' then 'not_resolved' else 'resolved' end as verdict, "
        f"{later} as _loaded_at) from raw.resolution_verdicts where hash(ticket_id) % 13 = 2",
    )
    # Plain duplicates of AI actions and events (same content, new extraction).
    for table, key in (("ai_actions", "action_id"), ("ticket_events", "event_id")):
        kinds[f"{table} duplicated"] += inserted(
            con,
            f"insert into raw.{table} select * replace ({later} as _loaded_at)"
            f" from raw.{table} where hash({key}) % 59 = 6",
        )


def as_of_after_last_run(db: Path) -> str:
    """Halfway from the last run's as_of to the newest message: later than the last run,
    earlier than rows already loaded, so the next as_of moves over them."""
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "select state.as_of + (max(messages.sent_at) - state.as_of) / 2"
            " from raw.messages, main.ai_resolution_incremental_state as state"
            " where state.model_name = 'fct_conversations'"
            " and state.recorded_at = (select max(recorded_at) from main.ai_resolution_incremental_state)"
            " group by state.as_of"
        ).fetchone()
    return str(row[0])


def differences(incremental: dict[str, list[Any]], full: dict[str, list[Any]]) -> list[str]:
    lines = []
    for name in MODEL_NAMES:
        if incremental[name] != full[name]:
            only_incremental = [row for row in incremental[name] if row not in full[name]]
            only_full = [row for row in full[name] if row not in incremental[name]]
            lines.append(
                f"{name}: {len(incremental[name])} vs {len(full[name])} rows;"
                f" only incremental {only_incremental[:2]}; only full {only_full[:2]}"
            )
    return lines


def recomputed_count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(RECOMPUTED_SQL).fetchone()[0]


def build(session: DbtSession, args: list[str] | None = None, runtime_vars: dict[str, Any] | None = None) -> None:
    result = session.invoke(["build", *(args or [])], runtime_vars)
    assert result.success, result.output[-6000:]


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("incremental")
    source = work / "source.duckdb"
    generate_source(source)
    db = work / "incremental" / "warehouse.duckdb"
    db.parent.mkdir()
    kinds: Counter[str] = Counter()
    land_batch(db, source, 0, kinds)
    recomputed = []
    # One dbt process and one parse for every build (helpers/dbt_session.py); as_of is read
    # at run time, not by the parse.
    with DbtSession(db, {}) as session:
        build(session)
        # Batch 1: default as_of (the newest data). Batch 2: as_of pinned inside the data,
        # with re-extractions. Batch 3: as_of moved forward over rows loaded earlier, plus
        # the late rows; then a run with no new data and the default as_of again.
        land_batch(db, source, 1, kinds)
        build(session)
        recomputed.append(recomputed_count(db))
        land_batch(db, source, 2, kinds)
        build(session, runtime_vars={"as_of": as_of_after_last_run(db)})
        recomputed.append(recomputed_count(db))
        land_batch(db, source, 3, kinds)
        build(session, runtime_vars={"as_of": as_of_after_last_run(db)})
        recomputed.append(recomputed_count(db))
        build(session)
        recomputed.append(recomputed_count(db))
        incremental = snapshot_tables(db, MODEL_NAMES, BOOKKEEPING)

        # The full refresh, on the same data.
        build(session, ["--full-refresh"])
    with duckdb.connect(str(db), read_only=True) as con:
        tickets = con.execute("select count(*) from main.fct_conversations").fetchone()[0]
    return {
        "incremental": incremental,
        "full": snapshot_tables(db, MODEL_NAMES, BOOKKEEPING),
        "recomputed": recomputed,
        "tickets": tickets,
        "kinds": kinds,
    }


def test_every_model_equals_a_full_refresh(batches: dict[str, Any]) -> None:
    assert batches["full"]["fct_conversations"], "the full refresh built no conversations"
    found = differences(batches["incremental"], batches["full"])
    assert found == [], "\n".join(found)


def test_verdicts_flow_through_the_incremental_runs(batches: dict[str, Any]) -> None:
    # The comparison is not trivially empty: verdicts were staged (a judge saw a third of the
    # tickets), and orphans quarantined.
    assert len(batches["incremental"]["fct_verdict_comparison"]) > batches["tickets"] / 5
    assert any("resolution_verdicts" in row for row in batches["incremental"]["int_raw_row_dispositions"])


def test_incremental_runs_recompute_only_a_part(batches: dict[str, Any]) -> None:
    # Each batch touches some tickets (new rows, open windows), never all of them.
    assert all(0 < count < batches["tickets"] for count in batches["recomputed"][:3]), batches


def test_the_batches_carry_every_kind_of_late_or_changed_row(batches: dict[str, Any]) -> None:
    # The history is small: each kind the runs must handle is checked to be in it.
    kinds = batches["kinds"]
    assert len(kinds) == 9 and all(count > 0 for count in kinds.values()), kinds
