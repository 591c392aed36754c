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
  in the contract.
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
VENDORS = ("zendesk", "intercom", "zendesk_airbyte")
# The Zendesk layouts carry the same facts (spam, merges, good/bad CSAT).
ZENDESK_LAYOUTS = ("zendesk", "zendesk_airbyte")

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


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("layouts")
    return {layout: build(tmp, layout) for layout in ("contract", *VENDORS)}


def expected_sql(vendor: str) -> str:
    """Each contract ticket's outcome as the vendor's build must decide it (table c:
    the contract build, attached)."""
    zendesk = vendor in ZENDESK_LAYOUTS
    spam = "f.is_spam" if zendesk else "false"
    merged = "f.merged_into_ticket_id is not null" if zendesk else "false"
    # Both help desks carry the issue type (Zendesk a tag, Intercom a custom attribute).
    same_issue = "(f.issue_type is null or later.issue_type is null or f.issue_type = later.issue_type)"
    later_not_spam = "not later.is_spam" if zendesk else "true"
    # Zendesk's CSAT is good/bad: a 3 is not an answer there, so the latest other answer counts.
    csat = (
        """(select arg_max(r.score, r.responded_at) from c.main.stg_support__csat_responses as r
            where r.ticket_id = f.ticket_id and r.score <> 3 and r.responded_at <= f.as_of)"""
        if zendesk
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
            f.ai_message_count > 0 or exists (
                select 1 from c.main.stg_support__ticket_events as e
                where e.ticket_id = f.ticket_id and e.occurred_at <= f.as_of and (
                    (e.event_type = 'assigned' and e.assignee_type = 'ai_agent')
                    or (e.event_type = 'status_changed' and e.actor_type = 'ai_agent'))
            ) as is_ai_involved,
            f.is_human_involved,
            false as has_policy_breach,
            f.is_reopened,
            exists (
                select 1 from c.main.fct_conversations as later
                where later.customer_id = f.customer_id and later.ticket_id <> f.ticket_id
                    and later.created_at > f.first_solved_at
                    and later.created_at <= f.first_solved_at + interval 168 hour
                    and {same_issue} and {later_not_spam}
            ) as has_repeat_contact,
            {csat} as csat_score,
            false as is_handoff_unserved,
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


def vendor_ticket(ticket_id: str) -> str:
    """The contract's T00000042 is ticket (conversation) 42 in the help desk."""
    return str(int(ticket_id[1:]))


@pytest.mark.parametrize("vendor", VENDORS)
def test_outcomes_equal_but_for_what_the_vendor_cannot_carry(builds: dict[str, Path], vendor: str) -> None:
    with duckdb.connect(str(builds[vendor]), read_only=True) as con:
        con.execute(f"attach '{builds['contract']}' as c (read_only)")
        expected = {
            vendor_ticket(ticket): (contract, outcome)
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
    # The moves are the documented ones: every policy breach leaves its class, nothing moves
    # into it, and nothing else moves except by a fact the vendor cannot carry.
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
    expected = {vendor_ticket(ticket): issue_type for ticket, issue_type in contract.items()}
    different = {t: (expected[t], vendor_types[t]) for t in vendor_types if vendor_types[t] != expected[t]}
    assert not different, f"{len(different)} tickets: (contract, {vendor}) e.g. {sorted(different.items())[:10]}"
    assert sum(issue_type is not None for issue_type in vendor_types.values()) > 0.9 * len(vendor_types)


def test_an_unchanged_contract_layout(builds: dict[str, Path]) -> None:
    """The contract build has every class the comparison relies on."""
    with duckdb.connect(str(builds["contract"]), read_only=True) as con:
        outcomes = dict(con.execute("select outcome, count(*) from main.fct_conversations group by all").fetchall())
    for outcome in ("excluded", "pending", "human_only", "escalated", "ai_policy_breach", "ai_resolved_assumed"):
        assert outcomes.get(outcome, 0) > 0, outcome
