"""Tests of ``ai-resolution generate --append-days`` (one more batch of days on existing raw data)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ai_resolution import cli
from ai_resolution.demo.append import append
from ai_resolution.demo.append_plan import AppendOptions
from ai_resolution.demo.generate import GenerateOptions, generate
from ai_resolution.demo.writer import RAW_TABLES

# The generator writes DuckDB files: nothing here depends on the dbt target.
pytestmark = pytest.mark.engines("duckdb")

# Rows are loaded when generate or the append runs: the comparisons pin those moments.
BASE_LOADED = dt.datetime(2026, 1, 11, 2, 0, tzinfo=dt.UTC)
BASE = GenerateOptions(tickets=3000, seed=7, days=10, chunk_size=1000, load_s=int(BASE_LOADED.timestamp()))
APPEND_LOADED = dt.datetime(2026, 1, 13, 3, 0, tzinfo=dt.UTC)
APPEND = AppendOptions(days=2, seed=7, chunk_size=250, load_s=int(APPEND_LOADED.timestamp()))  # three chunks
NEW_DAYS = (dt.datetime(2026, 1, 11), dt.datetime(2026, 1, 13))
NEW_TICKETS = 600  # 3000 tickets / 10 days * 2 days
KEYS = {table: columns[0][0] for table, columns in RAW_TABLES.items()}
TIMES = {
    "messages": "sent_at",
    "ticket_events": "occurred_at",
    "ai_actions": "occurred_at",
    "csat_responses": "responded_at",
}


def _quiet(_line: str) -> None:
    pass


def _append(path: Path, options: AppendOptions = APPEND) -> dict[str, int]:
    with duckdb.connect(str(path)) as con:
        return append(con, options, log=_quiet)


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def _checksums(path: Path) -> dict[str, tuple[int, int]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            table: con.execute(f"select count(*), sum(hash(t)) from raw.{table} t").fetchone() for table in RAW_TABLES
        }


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("append") / "base.duckdb"
    with duckdb.connect(str(path)) as con:
        generate(con, BASE, log=_quiet)
    return path


@pytest.fixture(scope="module")
def appended_db(base_db: Path) -> Path:
    path = _copy(base_db, base_db.with_name("appended.duckdb"))
    _append(path)
    return path


@pytest.fixture()
def con(base_db: Path, appended_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The appended database, with the one before the append attached as ``b`` and the
    appended rows of each table (rows after minus rows before) as temp tables ``new_<table>``."""
    connection = duckdb.connect(str(appended_db), read_only=True)
    connection.execute(f"attach '{base_db}' as b (read_only)")
    for table in RAW_TABLES:
        connection.execute(
            f"create temp table new_{table} as select * from raw.{table} except all select * from b.raw.{table}"
        )
    yield connection
    connection.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


# --- size and placement of the batch -------------------------------------------------------


def test_rows_grow_and_new_tickets_keep_the_daily_rate(con: duckdb.DuckDBPyConnection) -> None:
    for table in RAW_TABLES:
        before, after = _one(con, f"select count(*) from b.raw.{table}"), _one(con, f"select count(*) from raw.{table}")
        assert after > before, table
        assert after - before == _one(con, f"select count(*) from new_{table}"), f"{table}: existing rows changed"
    new_tickets = _one(con, "select count(distinct ticket_id) from raw.tickets") - _one(
        con, "select count(distinct ticket_id) from b.raw.tickets"
    )
    assert new_tickets == NEW_TICKETS


def test_tickets_option_sets_the_exact_number(base_db: Path, tmp_path: Path) -> None:
    path = _copy(base_db, tmp_path / "n.duckdb")
    _append(path, AppendOptions(days=1, tickets=123, seed=1))
    with duckdb.connect(str(path), read_only=True) as c:
        assert c.execute("select count(distinct ticket_id) from raw.tickets").fetchone()[0] == BASE.tickets + 123


def test_new_tickets_fall_in_the_appended_days(con: duckdb.DuckDBPyConnection) -> None:
    low, high = con.execute(
        """
        select min(created_at), max(created_at) from new_tickets
        where ticket_id not in (select ticket_id from b.raw.tickets)
        """
    ).fetchone()
    assert NEW_DAYS[0] <= low and high < NEW_DAYS[1]
    assert low < NEW_DAYS[0] + dt.timedelta(hours=12) and high > NEW_DAYS[1] - dt.timedelta(hours=12)
    for table, column in TIMES.items():
        assert _one(con, f"select max({column}) from new_{table}") <= NEW_DAYS[1], table


# --- keys and load times -------------------------------------------------------------------


def test_keys_never_collide_and_re_extractions_load_later(con: duckdb.DuckDBPyConnection) -> None:
    for table, key in KEYS.items():
        prefix = key[0].upper()  # T, M, E, A, R
        new_keys, new_keys_above_max = con.execute(
            f"""
            select count(distinct {key}),
                count(distinct {key}) filter (where {key} > (select max({key}) from b.raw.{table}))
            from new_{table} where {key} not in (select {key} from b.raw.{table})
            """
        ).fetchone()
        assert new_keys > 0 and new_keys == new_keys_above_max, f"{table}: ids continue after the existing ones"
        assert _one(con, f"select count(*) from new_{table} where {key} not like '{prefix}%'") == 0
        # keys shared with existing rows are re-extractions: loaded strictly after every old copy
        shared, later = con.execute(
            f"""
            select count(*), count(*) filter (where n._loaded_at > o.last_loaded)
            from new_{table} n
            join (select {key}, max(_loaded_at) as last_loaded from b.raw.{table} group by 1) o using ({key})
            """
        ).fetchone()
        assert shared > 0 and later == shared, table
        # no two rows of one key share a load time, so the latest extraction is well defined
        assert _one(con, f"select count(*) - count(distinct ({key}, _loaded_at)) from raw.{table}") == 0, table
    total, distinct = con.execute("select count(*), count(distinct ticket_id) from raw.tickets").fetchone()
    re_extracted = _one(con, "select count(*) from raw.tickets group by ticket_id having count(*) > 1 limit 1")
    assert re_extracted and distinct == BASE.tickets + NEW_TICKETS < total


def test_appended_rows_load_after_every_existing_row(con: duckdb.DuckDBPyConnection) -> None:
    watermark = max(_one(con, f"select max(_loaded_at) from b.raw.{table}") for table in RAW_TABLES)
    for table in RAW_TABLES:
        rows, loaded, early = con.execute(
            f"select count(*), count(_loaded_at), count(*) filter (where _loaded_at <= ?) from new_{table}",
            [watermark],
        ).fetchone()
        assert early == 0, table
        assert loaded >= 0.99 * rows, f"{table}: only the generator's small share of null _loaded_at"


def test_appended_rows_load_when_the_append_runs(con: duckdb.DuckDBPyConnection) -> None:
    loaded = APPEND_LOADED.replace(tzinfo=None)
    for table in RAW_TABLES:
        low, high = con.execute(f"select min(_loaded_at), max(_loaded_at) from new_{table}").fetchone()
        assert loaded <= low and high <= loaded + dt.timedelta(seconds=30), table


def test_an_append_dated_before_the_existing_loads_still_loads_after_them(base_db: Path, tmp_path: Path) -> None:
    """A clock set back (or a batch planned at the same second) cannot load before the watermark."""
    path = _copy(base_db, tmp_path / "early.duckdb")
    early = int((BASE_LOADED - dt.timedelta(days=1)).timestamp())
    _append(path, AppendOptions(days=1, seed=7, load_s=early))
    with duckdb.connect(str(path), read_only=True) as c:
        c.execute(f"attach '{base_db}' as b (read_only)")
        watermark = max(_one(c, f"select max(_loaded_at) from b.raw.{t}") for t in RAW_TABLES)
        for table in RAW_TABLES:
            sql = "select count(*) filter (where _loaded_at <= $w), count(*) from {}"
            old_loads, old_rows = c.execute(sql.format(f"b.raw.{table}"), {"w": watermark}).fetchone()
            loads, rows = c.execute(sql.format(f"raw.{table}"), {"w": watermark}).fetchone()
            assert rows > old_rows and loads == old_loads, table


# --- what makes the batch realistic --------------------------------------------------------


def test_earlier_customers_come_back(con: duckdb.DuckDBPyConnection) -> None:
    new_tickets, known_customers = con.execute(
        """
        select count(distinct ticket_id),
            count(distinct ticket_id) filter (where customer_id in (select customer_id from b.raw.tickets))
        from new_tickets where ticket_id not in (select ticket_id from b.raw.tickets)
        """
    ).fetchone()
    assert 0.2 * new_tickets < known_customers < new_tickets
    # repeat contacts across the batches: same customer and issue, soon after a solved earlier ticket
    repeats = _one(
        con,
        """
        select count(distinct n.ticket_id)
        from new_tickets n
        join b.raw.tickets o
          on o.customer_id = n.customer_id and lower(trim(o.issue_type)) = lower(trim(n.issue_type))
        where n.ticket_id not in (select ticket_id from b.raw.tickets)
          and lower(trim(o.status)) in ('solved', 'closed')
          and n.created_at between o.created_at and o.created_at + interval 7 days
        """,
    )
    assert repeats > 0


def test_late_rows_continue_earlier_tickets(con: duckdb.DuckDBPyConnection) -> None:
    late = """
        select * from new_{table}
        where ticket_id in (select ticket_id from b.raw.tickets)
          and {key} not in (select {key} from b.raw.{table})
    """
    messages = late.format(table="messages", key="message_id")
    events = late.format(table="ticket_events", key="event_id")
    tickets, customer_says, first, last = con.execute(
        f"""
        select count(distinct ticket_id), count(*) filter (where lower(trim(author_type)) = 'customer'),
            min(sent_at), max(sent_at)
        from ({messages})
        """
    ).fetchone()
    assert tickets > 0 and customer_says > 0
    assert NEW_DAYS[0] - dt.timedelta(hours=3) <= first and last <= NEW_DAYS[1]
    kinds = {
        row[0]
        for row in con.execute(
            f"""
            select case when lower(trim(event_type)) = 'status_changed' then 'status:' || status
                else lower(trim(event_type)) end
            from ({events})
            """
        ).fetchall()
    }
    assert "status:open" in kinds, "some earlier tickets are reopened"
    assert "handoff_requested" in kinds, "some earlier tickets go to a person"
    # a continuation comes after everything the ticket already had
    interleaved = _one(
        con,
        f"""
        select count(*) from ({messages}) m
        join (select ticket_id, max(sent_at) as last_sent from b.raw.messages group by 1) o using (ticket_id)
        where m.sent_at <= o.last_sent
        """,
    )
    assert interleaved == 0


def test_re_extracted_rows_carry_changes(con: duckdb.DuckDBPyConnection) -> None:
    changed_status = _one(
        con,
        """
        select count(*) from new_tickets n
        join (
            select ticket_id, status from b.raw.tickets
            qualify row_number() over (partition by ticket_id order by _loaded_at desc) = 1
        ) o using (ticket_id)
        where lower(trim(n.status)) is distinct from lower(trim(o.status))
        """,
    )
    assert changed_status > 0, "tickets continued in the batch are re-extracted with their new status"
    shifts = dict(
        con.execute(
            """
            select epoch(n.sent_at) - epoch(o.sent_at), count(*)
            from new_messages n join b.raw.messages o using (message_id, ticket_id, author_type, body)
            group by 1
            """
        ).fetchall()
    )
    assert shifts.get(0) and shifts.get(1), "re-extracted messages: most unchanged, some sent_at moved by 1 s"


# --- determinism and consecutive appends ---------------------------------------------------


def test_same_data_and_seed_give_the_same_batch(base_db: Path, appended_db: Path, tmp_path: Path) -> None:
    again = _copy(base_db, tmp_path / "again.duckdb")
    _append(again)
    assert _checksums(again) == _checksums(appended_db)
    other = _copy(base_db, tmp_path / "other.duckdb")
    _append(other, AppendOptions(days=2, seed=8, chunk_size=250, load_s=APPEND.load_s))
    assert _checksums(other)["messages"] != _checksums(appended_db)["messages"]


def test_a_second_append_follows_the_first(appended_db: Path, tmp_path: Path) -> None:
    path = _copy(appended_db, tmp_path / "twice.duckdb")
    with duckdb.connect(str(path), read_only=True) as c:
        before = c.execute("select max(ticket_id), max(_loaded_at) from raw.tickets").fetchone()
    _append(path, AppendOptions(days=1, seed=7))
    with duckdb.connect(str(path), read_only=True) as c:
        low, high, loaded = c.execute(
            "select min(created_at), max(created_at), min(_loaded_at) from raw.tickets where ticket_id > ?",
            [before[0]],
        ).fetchone()
    assert NEW_DAYS[1] <= low and high < NEW_DAYS[1] + dt.timedelta(days=1)
    assert loaded > before[1]


# --- command line --------------------------------------------------------------------------


def test_cli_appends_and_reports(base_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(base_db, tmp_path / "cli.duckdb")
    assert cli.main(["generate", "--append-days", "1", "--db", str(path), "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "chunk 1/1" in out and "late rows" in out and "re-extracted" in out
    for table in RAW_TABLES:
        assert f"raw.{table}" in out


def test_cli_append_refuses_missing_or_empty_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.duckdb"
    assert cli.main(["generate", "--append-days", "1", "--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "cannot append" in err and "no database" in err and err.count("\n") == 1
    assert not missing.exists()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    assert cli.main(["generate", "--append-days", "1", "--db", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "cannot append" in err and "no table tickets" in err and err.count("\n") == 1
    with duckdb.connect(str(empty)) as c:
        generate(c, GenerateOptions(tickets=50, seed=1), log=_quiet)
        c.execute("delete from raw.tickets")
    assert cli.main(["generate", "--append-days", "1", "--db", str(empty)]) == 2
    assert "no tickets" in capsys.readouterr().err
