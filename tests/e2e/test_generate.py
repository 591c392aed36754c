"""Tests of the demo-data generator (``ai-resolution generate``)."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from ai_resolution import cli, db
from ai_resolution.demo.desk_calendar import desk_calendar
from ai_resolution.demo.generate import GenerateOptions, generate
from ai_resolution.demo.writer import RAW_TABLES
from ai_resolution.project import PROJECT_DIR_ENV_VAR
from helpers.paths import PROJECT_DIR

# The generator writes DuckDB files: nothing here depends on the dbt target.
pytestmark = pytest.mark.engines("duckdb")

N_TICKETS = 4000
# Rows are loaded when generate runs: the comparisons of two generations pin that moment.
LOAD_S = calendar.timegm((2026, 4, 1, 2, 0, 0))
OPTIONS = GenerateOptions(tickets=N_TICKETS, seed=7, chunk_size=1500, load_s=LOAD_S)  # three chunks
PRIMARY_KEYS = {
    "tickets": "ticket_id",
    "messages": "message_id",
    "ticket_events": "event_id",
    "ai_actions": "action_id",
    "csat_responses": "response_id",
}


def _generate(path: Path, options: GenerateOptions = OPTIONS) -> dict[str, int]:
    with duckdb.connect(str(path)) as con:
        return generate(con, options, log=lambda _line: None)


def _checksums(path: Path, schema: str = "raw") -> dict[str, tuple[int, int]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            table: con.execute(f"select count(*), sum(hash(t)) from {schema}.{table} t").fetchone()
            for table in RAW_TABLES
        }


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    _generate(path)
    return path


@pytest.fixture()
def con(demo_db: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


def _values(con: duckdb.DuckDBPyConnection, sql: str) -> set:
    return {row[0] for row in con.execute(sql).fetchall()}


def _seed_column(name: str, column: str) -> set[str]:
    with open(PROJECT_DIR / "seeds" / name, newline="") as f:
        return {row[column] for row in csv.DictReader(f)}


# --- determinism ---------------------------------------------------------------------------


def test_same_seed_gives_identical_tables(demo_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.duckdb"
    _generate(again)
    assert _checksums(again) == _checksums(demo_db)


def test_other_seed_gives_other_data(demo_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    _generate(other, GenerateOptions(tickets=N_TICKETS, seed=8, chunk_size=1500, load_s=LOAD_S))
    assert _checksums(other)["messages"] != _checksums(demo_db)["messages"]


def test_rerun_replaces_tables(tmp_path: Path) -> None:
    path = tmp_path / "twice.duckdb"
    small = GenerateOptions(tickets=300, seed=1)
    first = _generate(path, small)
    second = _generate(path, small)
    assert first == second
    with duckdb.connect(str(path), read_only=True) as c:
        assert c.execute("select count(*) from raw.tickets").fetchone()[0] == second["tickets"]


# --- the contract --------------------------------------------------------------------------


def test_tables_and_columns_match_the_contract(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """
        select table_name, column_name, data_type
        from information_schema.columns
        where table_schema = 'raw'
        order by table_name, ordinal_position
        """
    ).fetchall()
    actual: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        actual.setdefault(table, []).append((column, data_type))
    assert actual == {table: list(columns) for table, columns in RAW_TABLES.items()}


def test_only_the_target_schema_is_written(tmp_path: Path) -> None:
    path = tmp_path / "mixed.duckdb"
    with duckdb.connect(str(path)) as c:
        c.execute("create table main.keep_me as select 1 as x")
        c.execute("create schema raw")
        c.execute("create table raw.user_table as select 2 as y")
        c.execute("create schema demo")
        c.execute("create table demo.extra as select 3 as z")
        generate(c, GenerateOptions(tickets=200, seed=3, schema="demo"), log=lambda _: None)
    with duckdb.connect(str(path), read_only=True) as c:
        tables = set(c.execute("select table_schema, table_name from information_schema.tables").fetchall())
        assert c.execute("select x from main.keep_me").fetchone() == (1,)
        assert c.execute("select y from raw.user_table").fetchone() == (2,)
        assert c.execute("select z from demo.extra").fetchone() == (3,)
    expected = {("main", "keep_me"), ("raw", "user_table"), ("demo", "extra")}
    expected |= {("demo", table) for table in RAW_TABLES}
    assert tables == expected


# --- plausibility --------------------------------------------------------------------------


def test_row_counts_are_plausible(con: duckdb.DuckDBPyConnection) -> None:
    def one(sql: str) -> float:
        return con.execute(sql).fetchone()[0]

    assert one("select count(distinct ticket_id) from raw.tickets") == N_TICKETS
    messages_per_ticket = one("select count(*) from raw.messages") / N_TICKETS
    assert 4 <= messages_per_ticket <= 12
    assert 2 <= one("select count(*) from raw.ticket_events") / N_TICKETS <= 6
    assert 1.5 <= one("select count(*) from raw.ai_actions") / N_TICKETS <= 5
    csat_tickets = one("select count(distinct ticket_id) from raw.csat_responses") / N_TICKETS
    assert 0.05 <= csat_tickets <= 0.25
    # every child row belongs to a generated ticket
    for table in ("messages", "ticket_events", "ai_actions", "csat_responses"):
        orphans = one(f"select count(*) from raw.{table} where ticket_id not in (select ticket_id from raw.tickets)")
        assert orphans == 0, table


def test_many_customers_come_back(con: duckdb.DuckDBPyConnection) -> None:
    repeaters, customers = con.execute(
        """
        select count(*) filter (where n > 1), count(*)
        from (select customer_id, count(distinct ticket_id) as n from raw.tickets group by 1)
        """
    ).fetchone()
    assert repeaters / customers > 0.3


def test_shares_of_spam_merged_and_human_only(con: duckdb.DuckDBPyConnection) -> None:
    spam, merged = con.execute(
        """
        select count(*) filter (where is_spam), count(*) filter (where merged_into_ticket_id
            is not null)
        from (select distinct on (ticket_id) * from raw.tickets order by ticket_id)
        """
    ).fetchone()
    assert 0.003 * N_TICKETS <= spam <= 0.03 * N_TICKETS
    assert 0.003 * N_TICKETS <= merged <= 0.03 * N_TICKETS
    same_customer = con.execute(
        """
        select bool_and(m.customer_id = t.customer_id)
        from raw.tickets m join raw.tickets t on t.ticket_id = m.merged_into_ticket_id
        """
    ).fetchone()[0]
    assert same_customer
    no_ai = con.execute(
        """
        select count(*) from raw.tickets t
        where not exists (select 1 from raw.ai_actions a where a.ticket_id = t.ticket_id)
          and not exists (select 1 from raw.messages m where m.ticket_id = t.ticket_id
                          and lower(trim(m.author_type)) = 'ai_agent')
        """
    ).fetchone()[0]
    assert 0.12 <= no_ai / N_TICKETS <= 0.30


def test_timestamps_stay_inside_the_period(con: duckdb.DuckDBPyConnection) -> None:
    start = dt.datetime(2026, 1, 1)
    end = start + dt.timedelta(days=OPTIONS.days)
    low, high = con.execute("select min(created_at), max(created_at) from raw.tickets").fetchone()
    assert start <= low and high < end
    for table, column in (
        ("messages", "sent_at"),
        ("ticket_events", "occurred_at"),
        ("ai_actions", "occurred_at"),
        ("csat_responses", "responded_at"),
    ):
        assert con.execute(f"select max({column}) from raw.{table}").fetchone()[0] <= end
    # nothing happens before its ticket was opened
    early = con.execute(
        """
        select count(*) from raw.messages m join raw.tickets t using (ticket_id)
        where m.sent_at < t.created_at
        """
    ).fetchone()[0]
    assert early == 0


def test_the_ai_hands_off_a_plausible_share(con: duckdb.DuckDBPyConnection) -> None:
    ai_tickets, handed_off = con.execute(
        """
        select count(distinct a.ticket_id), count(distinct e.ticket_id)
        from raw.ai_actions a
        left join raw.ticket_events e
          on e.ticket_id = a.ticket_id and lower(trim(e.event_type)) = 'handoff_requested'
        """
    ).fetchone()
    assert 0.15 <= handed_off / ai_tickets <= 0.45


# --- final steps and the calendar (resolution evidence and business hours) --------------------


def test_final_steps_fail_too(con: duckdb.DuckDBPyConnection) -> None:
    # A failure at the last step of a procedure is a failed final step; it ends the procedure:
    # no later action of the same procedure on that ticket.
    outcomes = dict(
        con.execute(
            "select lower(trim(outcome)), count(*) from raw.ai_actions where is_final_step group by 1"
        ).fetchall()
    )
    assert set(outcomes) == {"succeeded", "failed", "blocked"}
    failed = outcomes["failed"] + outcomes["blocked"]
    assert 0.03 <= failed / sum(outcomes.values()) <= 0.3
    continued = con.execute(
        """
        select count(*) from raw.ai_actions f join raw.ai_actions b
          on b.ticket_id = f.ticket_id and b.procedure_name = f.procedure_name and b.occurred_at > f.occurred_at
        where f.is_final_step and lower(trim(f.outcome)) in ('failed', 'blocked')
        """
    ).fetchone()[0]
    assert continued == 0


def test_a_completed_workflow_is_sometimes_undone_in_a_resolved_looking_conversation(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # The final step succeeded, then a later step of the same procedure failed or was blocked
    # (a refund reversed, a reset email bounced), and the AI still solved the conversation alone.
    undone, undone_ai_alone, with_procedures = con.execute(
        """
        with undone as (
            select distinct f.ticket_id
            from raw.ai_actions f join raw.ai_actions b
              on b.ticket_id = f.ticket_id and b.occurred_at > f.occurred_at
             and coalesce(b.procedure_name, b.action_name) = coalesce(f.procedure_name, f.action_name)
            where f.is_final_step and lower(trim(f.outcome)) = 'succeeded'
              and lower(trim(b.outcome)) in ('failed', 'blocked')
        )
        select
            (select count(*) from undone),
            (select count(*) from undone u
             where exists (select 1 from raw.ticket_events e where e.ticket_id = u.ticket_id
                           and lower(trim(e.status)) in ('solved', 'closed') and lower(trim(e.actor_type)) = 'ai_agent')
               and not exists (select 1 from raw.messages m where m.ticket_id = u.ticket_id
                               and lower(trim(m.author_type)) = 'human_agent')),
            (select count(distinct ticket_id) from raw.ai_actions
             where procedure_name not in ('triage', 'reply', 'escalation'))
        """
    ).fetchone()
    assert 0.005 <= undone / with_procedures <= 0.08
    assert undone_ai_alone >= undone / 2


def test_traffic_at_night_on_weekends_and_on_a_holiday(con: duckdb.DuckDBPyConnection) -> None:
    weekend, night, new_year, thursday, voice_evening, chat_evening = con.execute(
        """
        with t as (select distinct on (ticket_id) lower(trim(channel)) as channel, created_at
                   from raw.tickets order by ticket_id)
        select
            avg((isodow(created_at) >= 6)::int),
            avg((hour(created_at) < 6)::int),
            count(*) filter (where created_at::date = date '2026-01-01'),
            count(*) filter (where isodow(created_at) = 4 and created_at::date > date '2026-01-01')
              / count(distinct created_at::date) filter (where isodow(created_at) = 4
                                                          and created_at::date > date '2026-01-01'),
            avg((hour(created_at) >= 17)::int) filter (where channel = 'voice'),
            avg((hour(created_at) >= 17)::int) filter (where channel = 'chat')
        from t
        """
    ).fetchone()
    assert 0.12 <= weekend <= 0.3  # Saturday and Sunday are quieter, not empty
    assert 0.02 <= night <= 0.2  # UTC 00:00-06:00
    # 2026-01-01, a holiday of both desks (seeds/business_holidays.csv), is quieter than a Thursday
    assert 0 < new_year <= 0.75 * thursday
    # voice callers are in New York: their daytime is the European evening
    assert voice_evening >= chat_evening + 0.1


def test_outside_a_checkout_the_packaged_calendar_gives_the_same_rows(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No dbt project found: the holidays and time zones come from the copy in catalog.
    monkeypatch.setenv(PROJECT_DIR_ENV_VAR, str(tmp_path))
    desk_calendar.cache_clear()
    try:
        _generate(tmp_path / "outside.duckdb")
    finally:
        desk_calendar.cache_clear()
    assert _checksums(tmp_path / "outside.duckdb") == _checksums(demo_db)


# --- when the rows are loaded --------------------------------------------------------------


def test_rows_are_loaded_when_generate_runs(con: duckdb.DuckDBPyConnection) -> None:
    """_loaded_at is the load's time, not the event's: the 90 days load in the minutes up to
    the run (load_time), the newest row at the run itself."""
    loaded = dt.datetime.fromtimestamp(LOAD_S, dt.UTC).replace(tzinfo=None)
    for table in PRIMARY_KEYS:
        low, high = con.execute(f"select min(_loaded_at), max(_loaded_at) from raw.{table}").fetchone()
        assert loaded - dt.timedelta(minutes=14) <= low and high <= loaded, table
        assert loaded - dt.timedelta(seconds=60) <= high, table


def test_by_default_rows_are_loaded_now(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    _generate(tmp_path / "now.duckdb", GenerateOptions(tickets=200, seed=3))
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with duckdb.connect(str(tmp_path / "now.duckdb"), read_only=True) as c:
        newest = max(c.execute(f"select max(_loaded_at) from raw.{t}").fetchone()[0] for t in PRIMARY_KEYS)
    assert before - dt.timedelta(seconds=60) <= newest <= after


# --- the mess a real extraction has --------------------------------------------------------


def test_duplicates_are_re_extractions(con: duckdb.DuckDBPyConnection) -> None:
    for table, key in PRIMARY_KEYS.items():
        total, distinct_keys, distinct_loads = con.execute(
            f"select count(*), count(distinct {key}), count(distinct ({key}, _loaded_at)) from raw.{table}"
        ).fetchone()
        assert distinct_loads == total, f"{table}: a duplicate without a later _loaded_at"
        if table in ("tickets", "messages"):
            assert 0.005 <= (total - distinct_keys) / distinct_keys <= 0.04, table
    newer_status = con.execute(
        """
        select count(*) from (
            select ticket_id from raw.tickets group by 1
            having count(distinct lower(trim(coalesce(status, '')))) > 1
        )
        """
    ).fetchone()[0]
    assert newer_status > 0


def test_every_enum_domain_is_represented(con: duckdb.DuckDBPyConnection) -> None:
    def norm(table: str, column: str) -> set:
        return _values(con, f"select distinct lower(trim({column})) from raw.{table}")

    assert {"chat", "email", "voice", "sms", "social", "web", "api", "other"} <= norm("tickets", "channel")
    statuses = {"open", "pending", "on_hold", "solved", "closed"}
    assert statuses <= norm("tickets", "status")
    assert statuses <= norm("ticket_events", "status")
    authors = {"customer", "ai_agent", "human_agent", "system"}
    assert authors <= norm("messages", "author_type")
    assert authors <= norm("ticket_events", "actor_type")
    assert {
        "status_changed",
        "assigned",
        "handoff_requested",
        "resolution_confirmed",
        "resolution_rejected",
    } <= norm("ticket_events", "event_type")
    assert {"ai_agent", "human_agent", "queue"} <= norm("ticket_events", "assignee_type")
    assert {"customer_request", "low_confidence", "policy", "sentiment", "other"} <= norm("ticket_events", "reason")
    assert {"succeeded", "failed", "blocked"} <= norm("ai_actions", "outcome")
    assert {"passed", "violated", "overridden", "not_applicable"} <= norm("ai_actions", "policy_result")
    assert _values(con, "select distinct agent_version from raw.ai_actions") >= {
        "v1.0",
        "v1.1",
        "v1.2",
    }
    assert _values(con, "select distinct score from raw.csat_responses") == {1, 2, 3, 4, 5}
    assert _values(con, "select distinct is_public from raw.messages") == {True, False, None}


def test_reference_values_follow_the_seeds(con: duckdb.DuckDBPyConnection) -> None:
    policies = _values(con, "select distinct policy_id from raw.ai_actions") - {None}
    assert policies == _seed_column("policies.csv", "policy_id")
    seeded = _seed_column("issue_types.csv", "issue_type")
    issues = _values(con, "select distinct lower(trim(issue_type)) from raw.tickets")
    assert seeded <= issues
    assert None in issues, "a few tickets have no issue_type"
    assert issues - seeded - {None}, "some issue types are missing from the seed (unmapped)"


def test_critical_breaches_are_rare_and_blocks_common(con: duckdb.DuckDBPyConnection) -> None:
    with open(PROJECT_DIR / "seeds" / "policies.csv", newline="") as f:
        critical = tuple(row["policy_id"] for row in csv.DictReader(f) if row["severity"] == "critical")
    ai_tickets, breached, blocked = con.execute(
        f"""
        select count(distinct ticket_id),
            count(distinct ticket_id) filter (where policy_result = 'violated'
                and lower(trim(outcome)) != 'blocked' and policy_id in {critical}),
            count(distinct ticket_id) filter (where lower(trim(outcome)) = 'blocked')
        from raw.ai_actions
        """
    ).fetchone()
    assert 0.003 <= breached / ai_tickets <= 0.03
    assert blocked > 2 * breached


def test_messy_spellings_and_unknown_values_exist(con: duckdb.DuckDBPyConnection) -> None:
    odd = con.execute("select count(*) from raw.tickets where channel != lower(trim(channel))").fetchone()[0]
    assert 0 < odd < 0.05 * N_TICKETS
    odd_authors = con.execute(
        "select count(*) from raw.messages where author_type != lower(trim(author_type))"
    ).fetchone()[0]
    assert odd_authors > 0
    contract = ("chat", "email", "voice", "sms", "social", "web", "api", "other")
    unknown = con.execute(f"select count(*) from raw.tickets where lower(trim(channel)) not in {contract}").fetchone()[
        0
    ]
    assert 0 < unknown < 0.01 * N_TICKETS


def test_tiny_runs_work(tmp_path: Path) -> None:
    for n in (1, 7):
        counts = _generate(tmp_path / f"tiny{n}.duckdb", GenerateOptions(tickets=n, seed=n))
        assert counts["tickets"] >= n


# --- database path and command line --------------------------------------------------------


def test_cli_generate_uses_env_db_and_prints_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "from_env.duckdb"
    monkeypatch.setenv(db.DB_ENV_VAR, str(target))
    code = cli.main(["generate", "--tickets", "150", "--seed", "5", "--schema", "raw_demo"])
    assert code == 0
    out = capsys.readouterr().out
    assert "chunk 1/1" in out
    for table in RAW_TABLES:
        assert f"raw_demo.{table}" in out
    with duckdb.connect(str(target), read_only=True) as c:
        assert c.execute("select count(distinct ticket_id) from raw_demo.tickets").fetchone() == (150,)
