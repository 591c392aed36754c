"""One seed generated in the contract layout and in each help desk's layout, each built:
the outcomes agree ticket by ticket, except where the help desk's export cannot carry a
fact. Those differences are not tolerated loosely: each vendor ticket's outcome is derived
from the contract build (its evidence columns and raw rows) with the facts the vendor
cannot carry taken away, and must equal it exactly. docs/sources/README.md lists them:

* both: no AI action trace (no policy breach, no AI involvement through actions only); no
  handoff_requested events (no "handoff unserved"); no resolution_confirmed or
  resolution_rejected events (a confirmation or rejection counts only through CSAT);
* zendesk, zendesk_airbyte (Zendesk in Fivetran's and in Airbyte's layout: the same facts):
  CSAT is good/bad: a 3 has no value and is not an answer, so the latest good or bad answer
  decides;
* intercom: no spam flag, no merges: spam and merged tickets are ordinary conversations (a
  spam ticket can then be a repeat contact). The issue type is carried (a conversation custom
  attribute, dbt var intercom_issue_type_column), so repeat contacts match by issue type as
  in the contract;
* salesforce: the AI action trace is carried (the Agentforce actions an org exports, landed as
  the contract's ai_actions), so policy breaches and AI involvement through actions are too;
  handoff requests are carried on the messaging channels only (BotEscalated entries of a
  messaging session: chat, sms, social); no CSAT at all (Salesforce has no survey object), so
  no confirmation or rejection; no spam flag (spam tickets are ordinary conversations);
  merges are carried (master_record_id). The issue type is Case.Type;
* kustomer: a snapshot of the status history instead of the history, the AI's assignment and
  first handoff only through the conversational assistant, the latest CSAT answer only, no
  merges. Its derivation is a build of the contract's staged rows with those facts taken
  away (below, KUSTOMER_DERIVED_RAW).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from ai_resolution.source_layouts import dbt_vars
from helpers.dbt_run import dbt
from helpers.paths import BIN_DIR

pytestmark = pytest.mark.engines("duckdb")

TICKETS, SEED, DAYS = 3000, 13, 30
START = dt.datetime(2026, 1, 1)
# Every build judges at the end of the generated period, whatever the latest row is.
AS_OF = (START + dt.timedelta(days=DAYS)).isoformat(sep=" ")
VENDORS = ("zendesk", "intercom", "salesforce", "zendesk_airbyte")
# The Zendesk layouts carry the same facts (spam, merges, good/bad CSAT).
ZENDESK_LAYOUTS = ("zendesk", "zendesk_airbyte")
# Contract channels a Salesforce messaging session carries (the others are email and cases).
SALESFORCE_MESSAGING = "('chat', 'sms', 'social')"

# The outcome cascade of METRICS.md, over the flags each vendor build can have.
CASCADE = """
    case
        when is_spam or is_merged then 'excluded'
        when not is_mature then 'pending'
        when not is_ai_involved then 'human_only'
        when is_human_involved then 'escalated'
        when has_policy_breach then 'ai_policy_breach'
        when is_reopened then 'ai_reopened'
        when has_repeat_contact then 'ai_resurfaced'
        when is_rejected then 'ai_rejected'
        when is_handoff_unserved or not is_solved or is_unanswered then 'ai_abandoned'
        when is_confirmed then 'ai_resolved_confirmed'
        else 'ai_resolved_assumed'
    end"""


def build(tmp: Path, layout: str) -> Path:
    db_path = tmp / layout / "warehouse.duckdb"
    db_path.parent.mkdir(parents=True)
    generate = [str(BIN_DIR / "ai-resolution"), "generate", "--db", str(db_path), "--layout", layout]
    generate += ["--tickets", str(TICKETS), "--seed", str(SEED), "--days", str(DAYS)]
    subprocess.run(generate, check=True, capture_output=True, text=True)
    dbt(["build"], db_path, {**dbt_vars(layout), "as_of": AS_OF})
    return db_path


class Builds(dict[str, Path]):
    """Each layout built once, when a test first asks for it (a -k selection builds fewer)."""

    def __init__(self, tmp: Path) -> None:
        super().__init__()
        self.tmp = tmp

    def __missing__(self, layout: str) -> Path:
        self[layout] = build(self.tmp, layout)
        return self[layout]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return Builds(tmp_path_factory.mktemp("layouts"))


def expected_sql(vendor: str) -> str:
    """Each contract ticket's outcome as the vendor's build must decide it (table c:
    the contract build, attached)."""
    zendesk = vendor in ZENDESK_LAYOUTS
    spam = "f.is_spam" if zendesk else "false"
    merged = "f.merged_into_ticket_id is not null" if zendesk or vendor == "salesforce" else "false"
    # Salesforce carries the AI's actions and its handoff requests on the messaging channels.
    salesforce = vendor == "salesforce"
    messaging = f"f.channel in {SALESFORCE_MESSAGING}"
    ai_by_actions = "or f.ai_action_count > 0" if salesforce else ""
    ai_by_handoff = (
        f"or (e.event_type = 'handoff_requested' and e.actor_type = 'ai_agent' and {messaging})" if salesforce else ""
    )
    policy_breach = "f.has_policy_breach" if salesforce else "false"
    handoff_unserved = f"(f.is_handoff_unserved and {messaging})" if salesforce else "false"
    # Both help desks carry the issue type (Zendesk a tag, Intercom a custom attribute).
    same_issue = "(f.issue_type is null or later.issue_type is null or f.issue_type = later.issue_type)"
    later_not_spam = "not later.is_spam" if zendesk else "true"
    # Zendesk's CSAT is good/bad: a 3 is not an answer there, so the latest other answer counts.
    csat = (
        """(select arg_max(r.score, r.responded_at) from c.main.stg_support__csat_responses as r
            where r.ticket_id = f.ticket_id and r.score <> 3 and r.responded_at <= f.as_of)"""
        if zendesk
        else "cast(null as integer)"
        if salesforce
        else "f.csat_score"
    )
    return f"""
    with carried as (
        select
            f.ticket_id,
            f.outcome as contract_outcome,
            {spam} as is_spam,
            {merged} as is_merged,
            f.is_mature,
            -- AI involvement the vendor carries: AI messages, assignments to the AI, AI status changes
            f.ai_message_count > 0 {ai_by_actions} or exists (
                select 1 from c.main.stg_support__ticket_events as e
                where e.ticket_id = f.ticket_id and e.occurred_at <= f.as_of and (
                    (e.event_type = 'assigned' and e.assignee_type = 'ai_agent')
                    or (e.event_type = 'status_changed' and e.actor_type = 'ai_agent')
                    {ai_by_handoff})
            ) as is_ai_involved,
            f.is_human_involved,
            {policy_breach} as has_policy_breach,
            f.is_reopened,
            exists (
                select 1 from c.main.fct_conversations as later
                where later.customer_id = f.customer_id and later.ticket_id <> f.ticket_id
                    and later.created_at > f.first_solved_at
                    and later.created_at <= f.first_solved_at + interval 168 hour
                    and {same_issue} and {later_not_spam}
            ) as has_repeat_contact,
            {csat} as csat_score,
            {handoff_unserved} as is_handoff_unserved,
            f.is_solved,
            f.is_unanswered
        from c.main.fct_conversations as f
    )
    select
        ticket_id,
        contract_outcome,
        {
        CASCADE.replace("is_rejected", "coalesce(csat_score <= 2, false)").replace(
            "is_confirmed", "coalesce(csat_score >= 4, false)"
        )
    } as expected_outcome
    from carried"""


def vendor_ticket(ticket_id: str, vendor: str) -> str:
    """The contract's T00000042 is ticket (conversation) 42 in the help desk, case
    500000000000000042 in Salesforce."""
    number = int(ticket_id[1:])
    return "500" + str(number).zfill(15) if vendor == "salesforce" else str(number)


@pytest.mark.parametrize("vendor", VENDORS)
def test_outcomes_equal_but_for_what_the_vendor_cannot_carry(builds: dict[str, Path], vendor: str) -> None:
    with duckdb.connect(str(builds[vendor]), read_only=True) as con:
        con.execute(f"attach '{builds['contract']}' as c (read_only)")
        expected = {
            vendor_ticket(ticket, vendor): (contract, outcome)
            for ticket, contract, outcome in con.execute(expected_sql(vendor)).fetchall()
        }
        actual = dict(con.execute("select ticket_id, outcome from main.fct_conversations").fetchall())

    assert set(actual) == set(expected), "the same tickets in both layouts"
    wrong = {t: (expected[t][1], actual[t]) for t in actual if actual[t] != expected[t][1]}
    assert not wrong, f"{len(wrong)} tickets: (expected, built) e.g. {sorted(wrong.items())[:10]}"

    contract_counts = Counter(contract for contract, _ in expected.values())
    vendor_counts = Counter(actual.values())
    moves = Counter((contract, outcome) for contract, outcome in expected.values() if contract != outcome)
    # Class by class: the vendor's count is the contract's minus what moves out plus what moves in.
    for outcome in set(contract_counts) | set(vendor_counts):
        moved_out = sum(n for (a, b), n in moves.items() if a == outcome)
        moved_in = sum(n for (a, b), n in moves.items() if b == outcome)
        assert vendor_counts[outcome] == contract_counts[outcome] - moved_out + moved_in, outcome
    # The moves are the documented ones: without the AI's action trace every policy breach
    # leaves its class and nothing moves into it; nothing else moves except by a fact the
    # vendor cannot carry. Salesforce carries the trace (Agentforce actions).
    if vendor == "salesforce":
        assert vendor_counts["ai_policy_breach"] > 0
    else:
        assert vendor_counts["ai_policy_breach"] == 0 < contract_counts["ai_policy_breach"]
    assert moves, "the vendor layout carries less than the contract: some tickets move"
    print(f"\n{vendor}: contract {dict(contract_counts)}\n{vendor}: moves {dict(moves)}")


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_issue_type_is_carried(builds: dict[str, Path], vendor: str) -> None:
    """Each help desk's ticket has the contract ticket's issue type (Zendesk, both layouts: a tag,
    Intercom: a custom attribute), so repeat contacts match by issue type in every layout."""
    with duckdb.connect(str(builds[vendor]), read_only=True) as con:
        con.execute(f"attach '{builds['contract']}' as c (read_only)")
        contract = dict(con.execute("select ticket_id, issue_type from c.main.fct_conversations").fetchall())
        vendor_types = dict(con.execute("select ticket_id, issue_type from main.fct_conversations").fetchall())
    expected = {vendor_ticket(ticket, vendor): issue_type for ticket, issue_type in contract.items()}
    different = {t: (expected[t], vendor_types[t]) for t in vendor_types if vendor_types[t] != expected[t]}
    assert not different, f"{len(different)} tickets: (contract, {vendor}) e.g. {sorted(different.items())[:10]}"
    assert sum(issue_type is not None for issue_type in vendor_types.values()) > 0.9 * len(vendor_types)


def test_an_unchanged_contract_layout(builds: dict[str, Path]) -> None:
    """The contract build has every class the comparison relies on."""
    with duckdb.connect(str(builds["contract"]), read_only=True) as con:
        outcomes = dict(con.execute("select outcome, count(*) from main.fct_conversations group by all").fetchall())
    for outcome in ("excluded", "pending", "human_only", "escalated", "ai_policy_breach", "ai_resolved_assumed"):
        assert outcomes.get(outcome, 0) > 0, outcome


# --------------------------------------------------------------------------------------
# Kustomer: its export keeps no status history, only a snapshot of it on the conversation
# (firstDone, lastDone, open.statusAt, modificationHistory.statusAt, status), and the AI's
# assignment and first handoff only as the conversational assistant's. What a ticket's
# outcome becomes with those facts alone depends on the whole lifecycle (which solve is the
# last, whether a reopen is still seen, when the ticket matures), so the derivation is a
# build: the contract's staged rows, with exactly what Kustomer cannot carry taken away, are
# built in the contract layout, and the Kustomer build must decide every ticket the same way.
# Taken away (docs/sources/README.md): AI actions; merges; assignments (the AI's kept as one
# at creation when the AI was assigned or handed off); handoffs after the first, their
# reasons and actors (the AI's); resolution confirmed/rejected events; CSAT answers before
# the latest; status changes other than the first and last change to solved or closed (by
# their actor when the AI or a person, else the system), the last change to open after the
# first done, and the current status since the last change.

KUSTOMER_DERIVED_RAW = {
    "tickets": """
        select ticket_id, customer_id, channel, issue_type, created_at, status, is_spam,
            null::varchar as merged_into_ticket_id, _loaded_at
        from c.main.stg_support__tickets""",
    "messages": """
        select message_id, ticket_id, sent_at, author_type, author_id, is_public, body, _loaded_at
        from c.main.stg_support__messages""",
    "csat_responses": """
        select response_id, ticket_id, responded_at, score, _loaded_at
        from c.main.stg_support__csat_responses
        qualify row_number() over (partition by ticket_id order by responded_at desc, response_id desc) = 1""",
    "ticket_events": """
        with status_changes as (
            select * from c.main.stg_support__ticket_events
            where event_type = 'status_changed' and status is not null
        ),
        history as (
            select
                ticket_id,
                min(occurred_at) filter (where status in ('solved', 'closed')) as first_done_at,
                arg_min(actor_type, (occurred_at, event_id)) filter (where status in ('solved', 'closed'))
                    as first_done_actor,
                max(occurred_at) filter (where status in ('solved', 'closed')) as last_done_at,
                arg_max(actor_type, (occurred_at, event_id)) filter (where status in ('solved', 'closed'))
                    as last_done_actor,
                max(occurred_at) filter (where status = 'open') as open_at,
                max(occurred_at) as status_at
            from status_changes group by ticket_id
        ),
        assistant as (
            select
                ticket_id,
                bool_or(event_type = 'assigned' and assignee_type = 'ai_agent' or event_type = 'handoff_requested')
                    as took_part,
                min(occurred_at) filter (where event_type = 'handoff_requested') as transferred_at
            from c.main.stg_support__ticket_events group by ticket_id
        ),
        snapshot as (
            select
                t.ticket_id,
                t.created_at,
                -- Kustomer's status (open, snoozed, done) as the status map reads it.
                case when t.status in ('solved', 'closed') then 'solved'
                    when t.status in ('pending', 'on_hold') then 'on_hold' else 'open' end as current_status,
                h.first_done_at, h.last_done_at, h.status_at,
                coalesce(h.open_at, t.created_at) as open_status_at,
                case when h.first_done_actor in ('ai_agent', 'human_agent') then h.first_done_actor else 'system' end
                    as first_done_actor,
                case when h.last_done_actor in ('ai_agent', 'human_agent') then h.last_done_actor else 'system' end
                    as last_done_actor,
                coalesce(a.took_part, false) as took_part,
                a.transferred_at
            from c.main.stg_support__tickets as t
            left join history as h using (ticket_id)
            left join assistant as a using (ticket_id)
        ),
        events as (
            select ticket_id, ':first_done' as suffix, first_done_at as occurred_at, 'status_changed' as event_type,
                first_done_actor as actor_type, 'solved' as status, null as assignee_type, null as reason
            from snapshot where first_done_at is not null
            union all
            select ticket_id, ':last_done', last_done_at, 'status_changed', last_done_actor, 'solved', null, null
            from snapshot where last_done_at > first_done_at
            union all
            select ticket_id, ':reopened', open_status_at, 'status_changed', 'system', 'open', null, null
            from snapshot
            where open_status_at > first_done_at and (open_status_at < last_done_at or current_status <> 'solved')
            union all
            select ticket_id, ':status', status_at, 'status_changed', 'system', current_status, null, null
            from snapshot
            where current_status <> 'solved' and status_at >= coalesce(last_done_at, first_done_at, status_at)
            union all
            select ticket_id, ':assistant', created_at, 'assigned', 'system', null, 'ai_agent', null
            from snapshot where took_part
            union all
            select
                ticket_id, ':assistant_transfer', transferred_at, 'handoff_requested', 'ai_agent', null, null, 'other'
            from snapshot where took_part and transferred_at is not null
        )
        select
            'conversation:' || ticket_id || suffix as event_id, ticket_id, occurred_at, event_type, actor_type,
            status, assignee_type, reason, null::timestamp as _loaded_at
        from events""",
}


@pytest.fixture(scope="module")
def kustomer_builds(builds: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Kustomer layout's build, and the contract build of the contract's staged rows
    with what Kustomer cannot carry taken away (KUSTOMER_DERIVED_RAW)."""
    tmp = tmp_path_factory.mktemp("kustomer_layouts")
    derived = tmp / "derived" / "warehouse.duckdb"
    derived.parent.mkdir(parents=True)
    with duckdb.connect(str(derived)) as con:
        con.execute(f"attach '{builds['contract']}' as c (read_only)")
        con.execute("create schema raw")
        for table, select in KUSTOMER_DERIVED_RAW.items():
            con.execute(f"create table raw.{table} as {select}")
    dbt(
        ["build", "--select", "+fct_conversations", "--exclude-resource-type", "test", "unit_test"],
        derived,
        {"as_of": AS_OF},
    )
    return {"kustomer": build(tmp, "kustomer"), "derived": derived}


def test_kustomer_outcomes_equal_the_contract_without_what_kustomer_cannot_carry(
    builds: dict[str, Path], kustomer_builds: dict[str, Path]
) -> None:
    columns = "outcome, outcome_reason, is_mature, first_solved_at, final_solved_at, reopened_at, issue_type"
    with duckdb.connect(str(kustomer_builds["derived"]), read_only=True) as con:
        con.execute(f"attach '{builds['contract']}' as c (read_only)")
        contract = dict(con.execute("select ticket_id, outcome from c.main.fct_conversations").fetchall())
        derived = {
            vendor_ticket(row[0], "kustomer"): row[1:]
            for row in con.execute(f"select ticket_id, {columns} from main.fct_conversations").fetchall()
        }
    with duckdb.connect(str(kustomer_builds["kustomer"]), read_only=True) as con:
        actual = {
            row[0]: row[1:]
            for row in con.execute(f"select ticket_id, {columns} from main.fct_conversations").fetchall()
        }

    assert set(actual) == set(derived) == {vendor_ticket(t, "kustomer") for t in contract}, (
        "the same tickets in every build"
    )
    wrong = {t: (derived[t], actual[t]) for t in actual if actual[t] != derived[t]}
    assert not wrong, f"{len(wrong)} tickets: (derived, built) e.g. {sorted(wrong.items())[:5]}"

    expected = {
        vendor_ticket(t, "kustomer"): (outcome, derived[vendor_ticket(t, "kustomer")][0])
        for t, outcome in contract.items()
    }
    contract_counts = Counter(outcome for outcome, _ in expected.values())
    vendor_counts = Counter(row[0] for row in actual.values())
    moves = Counter((a, b) for a, b in expected.values() if a != b)
    for outcome in set(contract_counts) | set(vendor_counts):
        moved_out = sum(n for (a, b), n in moves.items() if a == outcome)
        moved_in = sum(n for (a, b), n in moves.items() if b == outcome)
        assert vendor_counts[outcome] == contract_counts[outcome] - moved_out + moved_in, outcome
    # No AI actions: every policy breach leaves its class. Merges are not carried: no
    # excluded merged ticket (spam is).
    assert vendor_counts["ai_policy_breach"] == 0 < contract_counts["ai_policy_breach"]
    assert {row[1] for row in actual.values() if row[0] == "excluded"} == {"spam"}
    # The issue type is carried (custom attribute issueTypeStr), as in the contract.
    assert sum(row[6] is not None for row in actual.values()) > 0.9 * len(actual)
    print(f"\nkustomer: contract {dict(contract_counts)}\nkustomer: moves {dict(moves)}")
